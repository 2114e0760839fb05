"""A report in words, in Kazakh or Russian: titles, column headers, every cell as text (clauses as
the act is cited, bodies, quarters, shares), the chart panels' labels and the notes. What the
screen, the printed report and the CSV/XLSX export show; JSON keeps the codes."""

from __future__ import annotations

import datetime as dt
from typing import Any

import msgspec

from app.documents.charts import ChartPanel
from app.i18n import fmt_date, tr
from app.rules.citation import cite
from app.services.reports import STEP_CLAUSE, Report, Table

ROMAN = {"1": "I", "2": "II", "3": "III", "4": "IV"}


class TextTable(msgspec.Struct, frozen=True, kw_only=True):
    title: str
    headers: list[str]
    rows: list[list[str]]
    numeric: list[bool]  # right-aligned columns


class TextReport(msgspec.Struct, frozen=True, kw_only=True):
    title: str
    subtitle: str  # period, body, date
    tables: list[TextTable]
    panels: list[ChartPanel]
    notes: list[str]


def quarter(code: str, lang: str) -> str:
    """``2026Q1`` -> ``2026 I``: short enough for a chart axis, read the same in both languages."""
    if len(code) == 6 and code[4] == "Q" and code[5] in ROMAN:
        return tr("report.quarter", lang, year=code[:4], q=ROMAN[code[5]])
    return code


def ground(code: str, lang: str, *, act: bool = True) -> str:
    """``p18_3`` as the act cites it; without the act's name in a column header under a title
    that names it."""
    if not code.startswith("p18_"):
        return code
    return cite(f"{'Rules-2025 ' if act else ''}p.18({code.removeprefix('p18_')})", lang)


def value(col: str, v: Any, lang: str, *, key: Any = None) -> str:
    """One cell: ``key`` is the row's first cell (the dimension of a composition row)."""
    if v is None:
        return "—"
    if v == "" and col in ("quarter", "body", "step"):
        return tr("report.total", lang)
    if col == "quarter":
        return tr("report.pending_row", lang) if v == "pending" else quarter(str(v), lang)
    if col == "body":
        return tr("report.department", lang) if v == "department" else tr(f"body.{v}", lang)
    if col == "step":  # under a title that names the Rules
        return cite(STEP_CLAUSE[v].removeprefix("Rules-2025 "), lang)
    if col in ("due", "done_on"):
        return fmt_date(dt.date.fromisoformat(v))
    if col in ("share", "refusal_share"):
        return f"{v * 100:.1f} %".replace(".", ",")
    if col == "dimension":
        return tr(f"report.dim.{v}", lang)
    if col == "value":
        return dimension_value(str(key), str(v), lang)
    if col == "bucket":
        return tr(f"report.col.{v}", lang)
    if isinstance(v, float):
        return f"{v:.1f}".replace(".", ",")
    return str(v)


def dimension_value(dim: str, v: str, lang: str) -> str:
    if dim == "body":
        return tr(f"body.{v}", lang)
    if dim in ("age", "service", "sex", "training") or v == "":
        return tr(f"report.{dim}.{v or 'unknown'}", lang)
    return v


def series_label(name: str, lang: str) -> str:
    if name.startswith("p18_"):
        return ground(name, lang, act=False)
    return tr(f"report.series.{name}", lang)


def header(col: str, lang: str) -> str:
    if col.startswith("p18_"):  # under a title naming p.18 of the Rules
        return tr("report.col.ground", lang, n=col.removeprefix("p18_"))
    return tr(f"report.col.{col}", lang)


def _table(t: Table, lang: str) -> TextTable:
    rows = [[value(c, v, lang, key=r[0]) for c, v in zip(t.columns, r, strict=True)] for r in t.rows]
    numeric = [all(isinstance(r[i], int | float) or r[i] is None for r in t.rows) and bool(t.rows)
               for i in range(len(t.columns))]  # fmt: skip
    return TextTable(title=tr(f"report.table.{t.name}", lang),
                     headers=[header(c, lang) for c in t.columns], rows=rows, numeric=numeric)  # fmt: skip


def subtitle(r: Report, lang: str) -> str:
    span = quarter(r.first, lang)
    if r.first != r.last:
        span += " — " + quarter(r.last, lang)
    body = tr(f"body.{r.body}", lang) if r.body else tr("report.all_bodies", lang)
    key = "report.subtitle_at" if r.kind in ("composition", "horizon") else "report.subtitle"
    return tr(key, lang, period=span, body=body, date=fmt_date(r.at))


def present(r: Report, lang: str) -> TextReport:
    panels = [
        ChartPanel(title=tr(f"report.panel.{p.name}", lang),
                   categories=[value(p.category_col, c, lang) if p.category_col not in (
                       "rank", "position", "body", "age", "sex", "service", "training")
                       else dimension_value(p.category_col, c, lang) for c in p.categories],
                   series=[series_label(x, lang) for x in p.series], values=p.values, stacked=p.stacked)
        for p in r.panels
    ]  # fmt: skip
    return TextReport(title=tr(f"report.kind.{r.kind}", lang), subtitle=subtitle(r, lang),
                      tables=[_table(t, lang) for t in r.tables], panels=panels,
                      notes=[tr(k, lang) for k in r.notes])  # fmt: skip

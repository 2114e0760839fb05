"""The printed report (issue 16): issuer and registration line, title, period, the chart (vector
graphics from ``charts``), its tables and notes, and the printing date; the marking line, page
numbers, fingerprint code and QR code come from the page furniture every document carries."""

from __future__ import annotations

import msgspec
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from app.documents import blocks, charts, fonts
from app.documents.common import body_name, department
from app.documents.layout import WIDTH, Styles
from app.documents.model import Meta
from app.documents.text import para, t
from app.i18n import fmt_date


class ReportTable(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    title: str
    headers: list[str]
    rows: list[list[str]]


class ReportDoc(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """A report in words (``app.services.report_text``) as the paper prints it."""

    kind: str
    title: str
    subtitle: str
    body: str = ""  # the issuing body's code; blank: the Department
    panels: list[charts.ChartPanel] = msgspec.field(default_factory=list)
    tables: list[ReportTable] = msgspec.field(default_factory=list)
    notes: list[str] = msgspec.field(default_factory=list)


def _fractions(headers: list[str], rows: list[list[str]]) -> list[float]:
    """Each column as wide as its widest cell and its header's longest word. When that is wider
    than the page, the headers give up their extra room first (a long header word may break), then
    the columns whose cells have spaces (names, clauses) shrink; dates and figures never break."""
    pad = 2 * blocks.PAD + 2
    word = [max((fonts.string_width(w, 8.5, fonts.BOLD) for w in h.split()), default=0.0) + pad
            for h in headers]  # fmt: skip
    cell = [min(max((fonts.string_width(r[i], 9.5, fonts.REGULAR) for r in rows), default=0.0),
                WIDTH * 0.45) + pad for i in range(len(headers))]  # fmt: skip
    need = [max(w, c) for w, c in zip(word, cell, strict=True)]
    excess = sum(need) - WIDTH
    if excess > 0:
        floor = [max(c, min(w, 44.0)) for w, c in zip(word, cell, strict=True)]
        extra = [n - f for n, f in zip(need, floor, strict=True)]
        k = min(1.0, excess / sum(extra)) if sum(extra) else 0.0
        need = [n - e * k for n, e in zip(need, extra, strict=True)]
        excess = sum(need) - WIDTH
    if excess > 0:
        wraps = [any(" " in r[i].strip() for r in rows) for i in range(len(headers))]
        flexible = sum(n for n, w in zip(need, wraps, strict=True) if w)
        k = max(0.3, 1 - excess / flexible) if flexible else 1.0
        need = [n * k if w else n for n, w in zip(need, wraps, strict=True)]
    total = sum(need)
    spare = max(WIDTH - total, 0.0) / len(need)
    return [(n + spare) / max(total, WIDTH) for n in need]


def report(d: ReportDoc, meta: Meta) -> list[Flowable]:
    lang = meta.lang
    story = blocks.head(meta, body_name(d.body, lang) if d.body else department(lang))
    story += blocks.title(d.title, d.subtitle)
    if d.panels:
        story.append(charts.drawing(d.panels, WIDTH, panel_height=150.0 if len(d.panels) > 2 else 190.0))
        story.append(Spacer(1, 4 * mm))
    for table in d.tables:
        story.append(para(table.title, Styles.label))
        if table.rows:
            story.append(blocks.data_table(table.headers, table.rows, _fractions(table.headers, table.rows)))
        else:
            story.append(para(t("report.doc.no_rows", lang), Styles.plain))
        story.append(Spacer(1, 3 * mm))
    for note in d.notes:
        story.append(para(note, Styles.small))
    story.append(Spacer(1, 3 * mm))
    story.append(para(t("report.doc.printed", lang, date=fmt_date(meta.printed_on)), Styles.small))
    return story


def sample(lang: str) -> ReportDoc:
    """A small report from made-up figures (``app.documents.samples``): one chart, one table."""
    quarters = [t("report.quarter", lang, year="2025", q=q) for q in ("I", "II", "III", "IV")]
    series = [t(f"report.series.{k}", lang) for k in ("nominated", "enrolled", "refused")]
    values = [[12.0, 15.0, 11.0, 14.0], [8.0, 9.0, 7.0, 10.0], [3.0, 4.0, 2.0, 3.0]]
    rows = [[qt, *(str(int(v[i])) for v in values)] for i, qt in enumerate(quarters)]
    return ReportDoc(kind="flow", title=t("report.kind.flow", lang),
                     subtitle=t("report.subtitle", lang, period=f"{quarters[0]} — {quarters[-1]}",
                                body=t("report.all_bodies", lang)),
                     panels=[charts.ChartPanel(title=t("report.panel.flow", lang), categories=quarters,
                                               series=series, values=values)],
                     tables=[ReportTable(title=t("report.table.flow", lang),
                                         headers=[t("report.col.quarter", lang), *series],
                                         rows=rows)])  # fmt: skip

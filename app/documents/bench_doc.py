"""The printed bench strength (Rules-2025 p.8 part 1): per position of the catalogue, the need
within the horizon, the members ready, the nominees of the quarter and the gap, with the coverage
chart; the documents' head and footer like every other paper."""

from __future__ import annotations

import datetime as dt

import msgspec
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from app.documents import blocks
from app.documents.builder import Rendered
from app.documents.common import body_name, department
from app.documents.layout import Styles
from app.documents.model import Meta
from app.documents.text import para, t
from app.domain.positions import Bench, BenchRow
from app.i18n import fmt_date
from app.rules.citation import cite


class BenchDoc(msgspec.Struct, frozen=True, kw_only=True):
    body: str  # "" for every body (the Department)
    at: dt.date
    horizon: dt.date
    quarter: str
    lines: list[BenchRow]


def from_bench(b: Bench, body: str) -> BenchDoc:
    return BenchDoc(body=body, at=b.at, horizon=b.horizon, quarter=b.quarter, lines=b.rows)


COLUMNS = ("title", "need", "ready", "expiring", "nominees", "gap")


KIND = "bench"


def render(d: BenchDoc, meta: Meta) -> Rendered:
    """The PDF of the bench with its fingerprint and footer, like ``builder.build`` (the bench is
    not a nominee paper, so it is not one of the print service's ``DOCUMENTS``)."""
    from app.documents import fingerprint, layout
    from app.documents.builder import PrintedDoc

    sha = fingerprint.sha256(KIND, meta, d)
    pdf, counts = layout.render([layout.Part(KIND, meta.lang, meta.marking, sha, bench(d, meta))],
                                title=t("doc.bench.title", meta.lang))  # fmt: skip
    doc = PrintedDoc(kind=KIND, lang=meta.lang, sha256=sha, code=fingerprint.short_code(sha),
                     pages=counts[0], reg_no=meta.reg_no,
                     reg_date=meta.reg_date.isoformat() if meta.reg_date else "", sources=[])  # fmt: skip
    return Rendered(pdf=pdf, docs=[doc])


def bench(d: BenchDoc, meta: Meta) -> list[Flowable]:
    from reportlab.graphics.shapes import Drawing

    from app.documents.bench_chart import drawing

    lang = meta.lang
    story = blocks.head(meta, body_name(d.body, lang) if d.body else department(lang))
    story += blocks.title(t("doc.bench.title", lang),
                          t("doc.bench.subtitle", lang, at=fmt_date(d.at),
                            horizon=fmt_date(d.horizon)))  # fmt: skip
    story.append(para(t("doc.bench.basis", lang, clause=cite("Rules-2025 p.8(1)", lang)),
                      Styles.small))  # fmt: skip
    story.append(Spacer(1, 3 * mm))
    headers = [t("doc.col.no", lang)] + [t(f"bench.col.{c}", lang) for c in COLUMNS]
    rows = [[str(i), r.title + (" *" if r.flagged else ""), str(r.need), str(r.ready),
             str(r.expiring), str(r.nominees), str(r.gap)] for i, r in enumerate(d.lines, 1)]  # fmt: skip
    story.append(blocks.data_table(headers, rows, [0.06, 0.29, 0.15, 0.10, 0.12, 0.16, 0.12]))
    flagged = sum(r.flagged for r in d.lines)
    story.append(Spacer(1, 2 * mm))
    story.append(para(t("doc.bench.total", lang, n=len(d.lines), flagged=flagged), Styles.plain))
    chart: Drawing = drawing(Bench(at=d.at, horizon=d.horizon, quarter=d.quarter, rows=d.lines),
                             lang)  # fmt: skip
    story.append(Spacer(1, 4 * mm))
    story.append(chart)
    return story

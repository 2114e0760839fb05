"""The printed signed-materials checklist of one nominee (Rules-2025 p.10: the submission, the
service reference and the special-vetting information): per paper whether it was printed, whether
a signed scan of it is kept and whether that scan signs the record as it now stands, with the
fields changed since an outdated print. The documents' head and footer like every other paper;
not a nominee paper of the print service's ``DOCUMENTS`` (a status sheet, not registered)."""

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
from app.i18n import fmt_date
from app.rules.citation import cite

KIND = "signed-checklist"
STATES = ("not_printed", "printed", "signed", "outdated")


class Line(msgspec.Struct, frozen=True, kw_only=True):
    kind: str  # the document kind of the paper (submission, service-reference, vetting)
    state: str  # one of STATES
    code: str = ""
    changed: list[str] = msgspec.field(default_factory=list)


class ChecklistDoc(msgspec.Struct, frozen=True, kw_only=True):
    body: str  # "" at the Department
    full_name: str
    iin: str
    at: dt.date
    lines: list[Line]


def render(d: ChecklistDoc, meta: Meta) -> Rendered:
    """The PDF with its fingerprint and footer, like ``builder.build``."""
    from app.documents import fingerprint, layout
    from app.documents.builder import PrintedDoc

    sha = fingerprint.sha256(KIND, meta, d)
    pdf, counts = layout.render([layout.Part(KIND, meta.lang, meta.marking, sha, story(d, meta))],
                                title=t("doc.signed.title", meta.lang))  # fmt: skip
    doc = PrintedDoc(kind=KIND, lang=meta.lang, sha256=sha, code=fingerprint.short_code(sha),
                     pages=counts[0], reg_no=meta.reg_no,
                     reg_date=meta.reg_date.isoformat() if meta.reg_date else "", sources=[])  # fmt: skip
    return Rendered(pdf=pdf, docs=[doc])


def story(d: ChecklistDoc, meta: Meta) -> list[Flowable]:
    lang = meta.lang
    out = blocks.head(meta, body_name(d.body, lang) if d.body else department(lang))
    out += blocks.title(t("doc.signed.title", lang),
                        t("doc.signed.subtitle", lang, name=d.full_name, iin=d.iin,
                          at=fmt_date(d.at)))  # fmt: skip
    out.append(para(t("doc.signed.basis", lang, clause=cite("Rules-2025 p.10", lang)), Styles.small))
    out.append(Spacer(1, 3 * mm))
    headers = [t("doc.col.no", lang)] + [t(f"doc.signed.col.{c}", lang)
                                         for c in ("paper", "state", "code", "changed")]  # fmt: skip
    rows = []
    for i, line in enumerate(d.lines, 1):
        paper = t(f"doc.signed.paper.{line.kind}", lang)
        rows.append([str(i), paper, t(f"scan.state.{line.state}", lang), line.code or "—",
                     ", ".join(line.changed) or "—"])  # fmt: skip
    out.append(blocks.data_table(headers, rows, [0.05, 0.22, 0.20, 0.33, 0.20]))
    missing = sum(1 for line in d.lines if line.state != "signed")
    out.append(Spacer(1, 2 * mm))
    out.append(para(t("doc.signed.total_ok", lang) if not missing
                    else t("doc.signed.total_missing", lang, n=missing), Styles.plain))  # fmt: skip
    return out

"""A report on paper and in files: the printed report (registered in the printed-document registry
with its fingerprint and an audit row, as every document is) and the data export of its tables —
JSON with codes, or CSV / XLSX in words through the register export's writers."""

from __future__ import annotations

import json
from pathlib import Path

import msgspec

from app.documents import Rendered, build_many
from app.documents import model as m
from app.documents.report_doc import ReportDoc, ReportTable
from app.errors import InvalidInput
from app.fsutil import atomic_write
from app.i18n import tr
from app.security.roles import Permission
from app.services import printing
from app.services.register_export import _csv, _xlsx  # the register export's safe writers
from app.services.report_text import TextReport, present
from app.services.reports import Report
from app.services.workstation import Session

FORMATS = ("json", "csv", "xlsx")


def _lang(lang: str) -> str:
    if lang not in ("kk", "ru"):
        raise InvalidInput("doc.bad_lang", lang=lang)
    return lang


def document(r: Report, lang: str) -> ReportDoc:
    text = present(r, _lang(lang))
    return ReportDoc(kind=r.kind, title=text.title, subtitle=text.subtitle, body=r.body,
                     panels=text.panels, notes=text.notes,
                     tables=[ReportTable(title=t.title, headers=t.headers, rows=t.rows)
                             for t in text.tables])  # fmt: skip


def print_report(s: Session, r: Report, lang: str) -> Rendered:
    """The PDF of the report, registered (fingerprint, audit row); the caller writes or prints it."""
    s.require(Permission.READ)
    meta = m.Meta(lang=_lang(lang), printed_on=s.clock.today(), marking=printing.marking(s, lang))
    rendered = build_many([("report", document(r, lang))], meta)
    printing.register(s, rendered)
    return rendered


def as_json(r: Report) -> bytes:
    """Codes and figures (quarters, body codes, clause codes, grounds), never words."""
    return json.dumps(msgspec.to_builtins(r), ensure_ascii=False, indent=2).encode("utf-8") + b"\n"


def grid(text: TextReport) -> list[list[str]]:
    """Every table of the report, one after another, each under its title and headers."""
    out: list[list[str]] = [[text.title], [text.subtitle]]
    for t in text.tables:
        out += [[""], [t.title], t.headers, *t.rows]
    return out


def export_bytes(r: Report, fmt: str, lang: str) -> bytes:
    if fmt not in FORMATS:
        raise InvalidInput("report.bad_format", format=fmt)
    if fmt == "json":
        return as_json(r)
    table = grid(present(r, _lang(lang)))
    return _csv(table) if fmt == "csv" else _xlsx(table, tr(f"report.kind.{r.kind}", lang))


def export(s: Session, r: Report, out: Path, *, fmt: str = "", lang: str) -> int:
    """Write the report's tables to ``out`` (format from ``fmt`` or the suffix); returns the rows."""
    s.require(Permission.READ)
    fmt = fmt or out.suffix.lower().lstrip(".")
    data = export_bytes(r, fmt, lang)
    try:
        atomic_write(out, data)
    except OSError as e:
        raise InvalidInput("report.cannot_write", path=str(out), reason=e.strerror or "") from None
    rows = sum(len(t.rows) for t in r.tables)
    with s.db.unit_of_work(s.user) as uow:
        payload = {"kind": r.kind, "rows": rows, "format": fmt, "from": r.first, "to": r.last,
                   "body": r.body}  # fmt: skip
        uow.audit("report.export", f"file:{out.name}", payload)
        uow.commit()
    return rows

"""Bench strength saved as CSV or XLSX through the register export's writers (formula-safe cells,
atomic owner-only file); headers in the user's language; the export is audited."""

from __future__ import annotations

from pathlib import Path

from app.documents.builder import Rendered
from app.domain.positions import Bench
from app.errors import InvalidInput
from app.fsutil import atomic_write
from app.i18n import fmt_date, tr
from app.services.register_export import _csv, _xlsx
from app.services.workstation import Session

COLUMNS = ("title", "body", "decree_290", "vacant_now", "vacant_expected", "need", "ready",
           "expiring", "nominees", "gap", "flagged")  # fmt: skip


def table(b: Bench, lang: str) -> list[list[str]]:
    yes, no = tr("positions.yes", lang), tr("positions.no", lang)
    out = [[tr(f"bench.col.{c}", lang) for c in COLUMNS]]
    for r in b.rows:
        out.append([r.title, tr(f"body.{r.body}", lang), yes if r.decree_290 else no,
                    str(r.vacant_now), str(r.vacant_expected), str(r.need), str(r.ready),
                    str(r.expiring), str(r.nominees), str(r.gap),
                    yes if r.flagged else ""])  # fmt: skip
    return out


def as_json(b: Bench) -> dict[str, object]:
    return {
        "at": b.at.isoformat(), "horizon": b.horizon.isoformat(), "quarter": b.quarter,
        "clause": "Rules-2025 p.8(1)",
        "rows": [{"position": r.position_id, "title": r.title, "body": r.body,
                  "decree_290": r.decree_290, "vacant_now": r.vacant_now,
                  "vacant_expected": r.vacant_expected, "need": r.need, "ready": r.ready,
                  "expiring": r.expiring, "nominees": r.nominees, "gap": r.gap,
                  "flagged": r.flagged} for r in b.rows],
        "bodies": b.by_body(),
    }  # fmt: skip


def save(s: Session, b: Bench, out: Path, *, fmt: str, lang: str) -> int:
    if fmt not in ("csv", "xlsx"):
        raise InvalidInput("bench.bad_format", format=fmt)
    t = table(b, lang)
    title = tr("bench.sheet", lang, date=fmt_date(b.at))
    data = _csv(t) if fmt == "csv" else _xlsx(t, title)
    try:
        atomic_write(out, data)
    except OSError as e:
        raise InvalidInput("bench.cannot_write", path=str(out), reason=e.strerror or "") from None
    with s.db.unit_of_work(s.user) as uow:
        uow.audit("bench.export", f"file:{out.name}", {"rows": len(b.rows), "format": fmt})
        uow.commit()
    return len(b.rows)


def print_bench(s: Session, b: Bench, *, body: str, lang: str, reg_no: str = "") -> Rendered:
    """The printed bench (kk or ru) with the documents' head and footer, in the document log."""
    from app.documents import model as m
    from app.documents.bench_doc import from_bench, render
    from app.security.roles import Permission
    from app.services import printing

    s.require(Permission.EDIT)
    meta = m.Meta(lang=lang, printed_on=s.clock.today(), reg_no=reg_no, reg_date=None,
                  marking=printing.marking(s, lang))  # fmt: skip
    rendered = render(from_bench(b, body or (s.body or "")), meta)
    printing.register(s, rendered)
    return rendered

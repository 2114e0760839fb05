"""Papers of the quarter cycle printed from exactly the records the cycle chose: the body's list
of the nominees in it (p.10), the recommended list with the Secretary's agreement and the Head of
PA's approval blocks (p.11(2), p.12), extracts (p.13), notices (p.13) and exclusion papers (p.19).

An adapter over the documents work (``app.documents``, ``app.services.printing``): it builds the
same document models, and registers every document with its fingerprint and audit row. The PDF
bytes are returned; the caller writes them where the user chose."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import msgspec

from app.documents import Rendered, build_many
from app.documents import from_dossier as fd
from app.documents import model as m
from app.documents import registry as doc_registry
from app.domain.dossier import NomineeRecord
from app.domain.quarter import ground_number
from app.errors import InvalidInput, NotFound
from app.security.roles import Permission
from app.services import printing
from app.services.workstation import Session
from app.store import quarter_repo as repo
from app.store.nominees import Nominees

Loaded = tuple[NomineeRecord, m.Source | None]


def _lang(lang: str) -> str:
    if lang not in ("kk", "ru"):
        raise InvalidInput("doc.bad_lang", lang=lang)
    return lang


def _load(s: Session, ids: Sequence[int]) -> list[Loaded]:
    if not ids:
        raise NotFound("pdf.no_nominees")
    with s.db.reading() as conn:
        r = Nominees(conn)
        return [(r.get(i, with_photo=False), doc_registry.nominee_source(conn, i)) for i in ids]


def _render(s: Session, items: list[tuple[str, msgspec.Struct]], lang: str,
            reg_no: str = "", reg_date: dt.date | None = None) -> Rendered:  # fmt: skip
    meta = m.Meta(lang=lang, printed_on=s.clock.today(), reg_no=reg_no, reg_date=reg_date,
                  marking=printing.marking(s, lang))  # fmt: skip
    rendered = build_many(items, meta)
    printing.register(s, rendered)
    return rendered


def print_list(
    s: Session, kind: str, ids: Sequence[int], *, quarter: str, lang: str, body: str = "",
    agreed_on: dt.date | None = None, approved_on: dt.date | None = None, reg_no: str = "",
    reg_date: dt.date | None = None,
) -> Rendered:  # fmt: skip
    """``body-list``, ``decision-sheet`` or ``extract`` of exactly ``ids``."""
    s.require(Permission.EDIT)
    lang = _lang(lang)
    loaded = sorted(_load(s, ids), key=lambda x: (str(x[0].dossier.body), x[0].dossier.person.surname))
    rows = [fd.list_row(rec.dossier, lang, src, printing.DECISIONS.get(rec.status))  # type: ignore[call-overload]
            for rec, src in loaded]  # fmt: skip
    doc = m.NomineeList(quarter=quarter, body=body, rows=rows, agreed_on=agreed_on,
                        approved_on=approved_on)  # fmt: skip
    return _render(s, [(kind, doc)], lang, reg_no, reg_date)


def print_notices(s: Session, ids: Sequence[int], *, lang: str) -> Rendered:
    """Notices of enrolment (p.13), one per nominee, citing the Head of PA's decision."""
    s.require(Permission.EDIT)
    lang = _lang(lang)
    conn = s.db.connection()
    items: list[tuple[str, msgspec.Struct]] = []
    for rec, src in _load(s, ids):
        dec = repo.decision(conn, rec.id)
        items.append(("notice", fd.notice(rec.dossier, lang, src,
                                          approved_on=dec.day if dec else None,
                                          extract_ref=dec.number if dec else "")))  # fmt: skip
    return _render(s, items, lang)


def print_exclusion(s: Session, kind: str, xid: int, *, lang: str) -> Rendered:
    """``exclusion-submission`` (body, p.19) or ``exclusion-decision`` (Department) of one
    recorded exclusion, with its ground and evidence."""
    s.require(Permission.EDIT)
    lang = _lang(lang)
    conn = s.db.connection()
    found = repo.exclusions(conn, xid=xid)
    if not found:
        raise NotFound("exclusion.not_found", id=xid)
    x = found[0]
    member = repo.member(conn, x.nominee_id)
    ((rec, src),) = _load(s, [x.nominee_id])
    data = fd.exclusion(rec.dossier, lang, src, ground=ground_number(x.ground), facts=x.evidence,
                        enrolled_on=member.enrolled_on if member else None)  # fmt: skip
    return _render(s, [(kind, data)], lang, x.decision_number, x.decision_day)

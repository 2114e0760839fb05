"""Printing: gather the records, build the PDF in memory, register each document's fingerprint
with an audit row, and later tell which record and version a paper was printed from.

The PDF bytes are returned to the caller, which writes them only where the user chose
(``app.fsutil.atomic_write``) or hands them to the printer: nothing is written here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from itertools import groupby

import msgspec

from app.documents import KINDS, Rendered, build_many, registry
from app.documents import fingerprint as fp
from app.documents import from_dossier as fd
from app.documents import model as m
from app.domain.dossier import NomineeRecord
from app.domain.workflow import NomineeStatus
from app.errors import InvalidInput, NotFound, UsageError
from app.security.roles import Permission
from app.services import settings
from app.services.workstation import Session
from app.store.connection import Connection
from app.store.nominees import Filters, Nominees

PAGE = 500
DECISIONS = {NomineeStatus.ENROLLED: m.Decision.ENROL, NomineeStatus.REFUSED: m.Decision.REFUSE}


class Request(msgspec.Struct, kw_only=True):
    kind: str
    lang: str
    nominee: int | None = None
    quarter: str = ""
    body: str = ""
    reg_no: str = ""
    reg_date: dt.date | None = None
    marking: str | None = None  # None: the workstation's setting (or the default line)
    ground: int | None = None  # exclusion documents: Rules-2025 p.18(n)
    facts: str = ""
    category: str = ""  # Reg-2000 list answer


class SourceState(msgspec.Struct, frozen=True, kw_only=True):
    entity: str
    printed_version: int
    current_version: int | None  # None: the record no longer exists
    changed: bool


class Verification(msgspec.Struct, frozen=True, kw_only=True):
    entry: registry.Entry
    sources: list[SourceState]

    @property
    def changed(self) -> bool:
        return any(s.changed for s in self.sources)


Loaded = tuple[NomineeRecord, m.Source | None]


def marking(s: Session, lang: str) -> str:
    """The classification line: setting ``documents.marking.<lang>``, else ``documents.marking``."""
    return settings.get(s, f"documents.marking.{lang}") or settings.get(s, "documents.marking")


def _load(s: Session, req: Request) -> list[Loaded]:
    photo = req.kind == "service-reference"
    with s.db.reading() as conn:
        repo = Nominees(conn)
        if req.nominee is not None:
            ids = [req.nominee]
        elif req.quarter or req.body:
            ids = _ids(repo, Filters(quarter=req.quarter, body=req.body))
        else:
            raise UsageError("pdf.select_required")
        if not ids:
            raise NotFound("pdf.no_nominees")
        return [(repo.get(i, with_photo=photo), registry.nominee_source(conn, i)) for i in ids]


def _ids(repo: Nominees, f: Filters) -> list[int]:
    ids: list[int] = []
    while True:
        window = repo.rows(f, sort="name", offset=len(ids), limit=PAGE)
        ids += [r.id for r in window]
        if len(window) < PAGE:
            return ids


def _per_nominee(req: Request, rec: NomineeRecord, src: m.Source | None) -> msgspec.Struct:
    d, lang = rec.dossier, req.lang
    if req.kind == "submission":
        return fd.submission(d, lang, src)
    if req.kind == "service-reference":
        return fd.service_reference(d, lang, src)
    if req.kind == "vetting":
        return fd.vetting(d, lang, src)
    if req.kind == "notice":
        return fd.notice(d, lang, src)
    if req.kind in ("exclusion-submission", "exclusion-decision"):
        return fd.exclusion(d, lang, src, ground=req.ground, facts=req.facts)
    return fd.reg2000_registration(d, lang, src)


def _row(req: Request, rec: NomineeRecord, src: m.Source | None) -> m.ListRow:
    return fd.list_row(rec.dossier, req.lang, src, DECISIONS.get(NomineeStatus(rec.status)))


def items(req: Request, loaded: Sequence[Loaded]) -> list[tuple[str, msgspec.Struct]]:
    """The documents to print: one per nominee, or the lists (one per body where the kind is a
    body's own paper: the body's list and the extract)."""
    kind = req.kind
    if KINDS[kind].per_nominee:
        return [(kind, _per_nominee(req, rec, src)) for rec, src in loaded]
    quarter = req.quarter or (loaded[0][0].dossier.nomination.quarter if loaded else "")
    if kind == "reg2000-list-answer":
        answer = [fd.reg2000_row(rec.dossier, req.lang, src) for rec, src in loaded]
        return [(kind, m.Reg2000ListAnswer(category=req.category, rows=answer))]
    if kind == "decision-sheet":
        ordered = sorted(loaded, key=lambda x: str(x[0].dossier.body))
        rows = [_row(req, rec, src) for rec, src in ordered]
        return [(kind, m.NomineeList(quarter=quarter, body=req.body, rows=rows))]
    out: list[tuple[str, msgspec.Struct]] = []
    ordered = sorted(loaded, key=lambda x: str(x[0].dossier.body))
    for body, group in groupby(ordered, key=lambda x: str(x[0].dossier.body)):
        rows = [_row(req, rec, src) for rec, src in group]
        out.append((kind, m.NomineeList(quarter=quarter, body=body, rows=rows)))
    return out


def _check(req: Request) -> None:
    if req.kind not in KINDS or req.kind == "report":  # reports: app.services.report_output
        raise InvalidInput("doc.unknown_kind", kind=req.kind)
    if req.lang not in ("kk", "ru"):
        raise InvalidInput("doc.bad_lang", lang=req.lang)
    if req.ground is not None and not 1 <= req.ground <= 8:
        raise InvalidInput("pdf.bad_ground", ground=req.ground)


def print_documents(s: Session, req: Request) -> Rendered:
    """Build the PDF and register every document in it (one audit row per document)."""
    s.require(Permission.EDIT)
    _check(req)
    loaded = _load(s, req)
    meta = m.Meta(
        lang=req.lang, printed_on=s.clock.today(), reg_no=req.reg_no, reg_date=req.reg_date,
        marking=marking(s, req.lang) if req.marking is None else req.marking,
    )  # fmt: skip
    rendered = build_many(items(req, loaded), meta)
    register(s, rendered)
    return rendered


def register(s: Session, rendered: Rendered) -> None:
    with s.db.unit_of_work(s.user) as uow:
        for doc in rendered.docs:
            new = registry.record(uow.conn, doc, user=s.user, now=uow.now)
            payload = {
                "sha256": doc.sha256, "kind": doc.kind, "lang": doc.lang, "pages": doc.pages,
                "reg_no": doc.reg_no, "reg_date": doc.reg_date, "reprint": not new,
                "sources": [[x.entity, x.version, x.digest] for x in doc.sources],
            }  # fmt: skip
            uow.audit("document.print", f"document:{doc.code}", payload)
        uow.commit()


def verify(s: Session, code: str) -> Verification:
    """Which records and versions a printed code came from, and whether they changed since."""
    s.require(Permission.READ)
    try:
        how, value = fp.parse(code)
    except ValueError:
        raise InvalidInput("document.bad_code", code=code) from None
    with s.db.reading() as conn:
        entry = registry.find(conn, **({"sha256": value} if how == "sha" else {"code": value}))
        if entry is None:
            raise NotFound("document.not_found", code=code)
        states = [_state(conn, src) for src in entry.sources]
    return Verification(entry=entry, sources=states)


def _state(conn: Connection, src: m.Source) -> SourceState:
    now = registry.current_source(conn, src.entity)
    return SourceState(
        entity=src.entity, printed_version=src.version,
        current_version=None if now is None else now.version,
        changed=now is None or now.digest != src.digest,
    )  # fmt: skip

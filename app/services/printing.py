"""Printing: the one pipeline every paper goes through, whichever front end asks.

``build(session, request)`` reads the records (``printing_sources``), turns them into the
documents' inputs (``app.documents.from_dossier``) and lays them out in memory: one kind or a
pack of several kinds, for one nominee, a selection or a whole quarter. Nothing is registered
until the paper is printed or saved (``register``, ``save``), so a preview leaves no trace. The
CLI (``rezerv pdf KIND``, ``rezerv pdf pack``), the Print… dialog and the quarter screens all
call these functions with a ``Request``; the same request gives the same paper.

The PDF bytes are returned to the caller, which writes them only where the user chose
(``save`` or ``app.fsutil.atomic_write``) or hands them to the printer.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import os
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import groupby
from typing import NamedTuple

import msgspec

from app.documents import KINDS, PrintedDoc, Rendered, batch, build_many, document_log
from app.documents import fingerprint as fp
from app.documents import from_dossier as fd
from app.documents import model as m
from app.domain.quarter import ground_number
from app.domain.reg2000 import Decision as Decision2000
from app.domain.workflow import NomineeStatus
from app.errors import InvalidInput, NotFound, UsageError
from app.fsutil import atomic_write
from app.i18n import fmt_date, tr
from app.progress import Ticker
from app.rules.citation import cite
from app.rules.rules_2025 import RULESET
from app.security.roles import Permission
from app.services import printing_sources as src
from app.services import settings
from app.services.workstation import Session
from app.store import r2k as r2k_repo
from app.store import reserve_life as life
from app.store.connection import Connection

DECISIONS = {NomineeStatus.ENROLLED: m.Decision.ENROL, NomineeStatus.REFUSED: m.Decision.REFUSE}
PACK = "pack"  # several kinds in one file, per nominee in turn
DOSSIER_PACK = ("submission", "service-reference")  # the Print… dialog's "pack"
PARALLEL_FROM = 8  # nominees; fewer are built in this process (starting workers costs more)
RENDER_WEIGHT = 4  # laying out a nominee's papers takes about this many times reading them


class Document(NamedTuple):
    """How the service gathers one kind: who it is printed for and what it reads."""

    per_nominee: bool  # one paper per nominee (else one list for the selection)
    photo: bool  # the record is read with its photo
    act: str  # the rule set whose paper it is


# Every document kind the program prints (the layouts are in app.documents.kinds.KINDS).
DOCUMENTS: dict[str, Document] = {
    "submission": Document(per_nominee=True, photo=False, act="rules-2025"),
    "service-reference": Document(per_nominee=True, photo=True, act="rules-2025"),
    "vetting": Document(per_nominee=True, photo=False, act="rules-2025"),
    "notice": Document(per_nominee=True, photo=False, act="rules-2025"),
    "exclusion-submission": Document(per_nominee=True, photo=False, act="rules-2025"),
    "exclusion-decision": Document(per_nominee=True, photo=False, act="rules-2025"),
    "reg2000-registration": Document(per_nominee=True, photo=False, act="reg-2000"),
    "body-list": Document(per_nominee=False, photo=False, act="rules-2025"),
    "decision-sheet": Document(per_nominee=False, photo=False, act="rules-2025"),
    "extract": Document(per_nominee=False, photo=False, act="rules-2025"),
    "reg2000-list-answer": Document(per_nominee=False, photo=False, act="reg-2000"),
}


class Request(msgspec.Struct, kw_only=True):
    """What to print. ``kind`` is a document kind, or ``"pack"`` with ``kinds``; the nominees
    are ``nominee``, ``ids`` or every nominee of ``quarter`` (and ``body``); ``exclusion`` names
    a recorded exclusion (its nominee, ground, evidence and decision)."""

    kind: str
    lang: str
    nominee: int | None = None
    ids: tuple[int, ...] | None = None  # exactly these nominees (none: nothing to print)
    kinds: tuple[str, ...] = ()
    quarter: str = ""
    body: str = ""
    exclusion: int | None = None
    reg_no: str = ""
    reg_date: dt.date | None = None
    marking: str | None = None  # None: the workstation's setting (or the default line)
    ground: int | None = None  # exclusion papers without a recorded exclusion: p.18(n)
    facts: str = ""
    category: str = ""  # Reg-2000 list answer
    # the Reg-2000 reserve's own records (``app.store.r2k``): a reservist's registration form
    # (p.9), the answer to a list request (p.34)
    reservist: int | None = None
    r2k_request: int | None = None


class SourceState(msgspec.Struct, frozen=True, kw_only=True):
    entity: str
    printed_version: int
    current_version: int | None  # None: the record no longer exists
    changed: bool


class Verification(msgspec.Struct, frozen=True, kw_only=True):
    entry: document_log.Entry
    sources: list[SourceState]

    @property
    def changed(self) -> bool:
        return any(s.changed for s in self.sources)


@dataclass
class Output:
    """The documents of one request: one or more PDFs (one per nominee of a parallel pack), in
    order, and what the document log will keep about each document."""

    pdfs: list[bytes]
    docs: list[PrintedDoc] = field(default_factory=list)
    # the nominees' short names (Kazakh, Russian spelling), in order: for the file name
    people: list[tuple[str, str]] = field(default_factory=list)
    kinds: tuple[str, ...] = ()

    @property
    def pages(self) -> int:
        return sum(d.pages for d in self.docs)

    def merged(self) -> bytes:
        if len(self.pdfs) == 1:
            return self.pdfs[0]
        from pypdf import PdfReader, PdfWriter

        writer = PdfWriter()
        for pdf in self.pdfs:
            writer.append(PdfReader(io.BytesIO(pdf)))
        out = io.BytesIO()
        writer.write(out)
        return out.getvalue()


Progress = Callable[[int, int], bool | None]  # done, total (the answer is not asked: ``cancelled``)
Item = tuple[str, msgspec.Struct]


def _never() -> bool:
    return False


def _quiet(_done: int, _total: int) -> None:
    return None


def nominees_of(s: Session, quarter: str, body: str = "") -> list[int]:
    """Every nominee of a quarter (and body), in name order: what a quarter's batch prints."""
    s.require(Permission.READ)
    return src.ids(s.db.connection(), quarter=quarter, body=body)


def marking(s: Session, lang: str) -> str:
    """The classification line: setting ``documents.marking.<lang>``, else ``documents.marking``."""
    return settings.get(s, f"documents.marking.{lang}") or settings.get(s, "documents.marking")


def kinds_of(req: Request) -> tuple[str, ...]:
    if req.kind == PACK:
        return req.kinds or DOSSIER_PACK
    return (req.kind,)


def _check(req: Request) -> tuple[str, ...]:
    kinds = kinds_of(req)
    for kind in kinds:
        if kind not in DOCUMENTS:
            raise InvalidInput("doc.unknown_kind", kind=kind)
    if req.lang not in ("kk", "ru"):
        raise InvalidInput("doc.bad_lang", lang=req.lang)
    if req.ground is not None and not 1 <= req.ground <= 8:
        raise InvalidInput("pdf.bad_ground", ground=req.ground)
    return kinds


def _nominees(conn: Connection, req: Request) -> list[int]:
    if req.exclusion is not None:
        from app.store import quarter_repo

        found = quarter_repo.exclusions(conn, xid=req.exclusion)
        if not found:
            raise NotFound("exclusion.not_found", id=req.exclusion)
        return [found[0].nominee_id]
    if req.nominee is not None:
        return [req.nominee]
    if req.ids is not None:
        if not req.ids:
            raise NotFound("pdf.no_nominees")
        return list(req.ids)
    if req.quarter or req.body:
        found_ids = src.ids(conn, quarter=req.quarter, body=req.body)
        if not found_ids:
            raise NotFound("pdf.no_nominees")
        return found_ids
    raise UsageError("pdf.select_required")


def _per_nominee(kind: str, req: Request, x: src.Loaded, at: dt.date) -> msgspec.Struct:
    d, lang, source = x.record.dossier, req.lang, x.source
    if kind == "submission":
        return fd.submission(d, lang, source)
    if kind == "service-reference":
        ref = fd.service_reference(d, lang, source, at=at)
        if not x.training:
            return ref
        p16 = [_p16_line(t, lang) for t in x.training]
        return msgspec.structs.replace(ref, training=[*ref.training, *p16])
    if kind == "vetting":
        return fd.vetting(d, lang, source)
    if kind == "notice":
        dec = x.decision
        return fd.notice(d, lang, source, approved_on=dec.day if dec else None,
                         extract_ref=dec.number if dec else "")  # fmt: skip
    if kind in ("exclusion-submission", "exclusion-decision"):
        e = x.exclusion
        if e is None or req.ground is not None or req.facts:
            paper = fd.exclusion(d, lang, source, ground=req.ground, facts=req.facts,
                                 enrolled_on=x.enrolled_on)  # fmt: skip
        else:
            paper = fd.exclusion(d, lang, source, ground=ground_number(e.ground), facts=e.evidence,
                                 enrolled_on=x.enrolled_on, decided_on=e.decision_day)  # fmt: skip
        if d.body.value == "sgs" and not RULESET.params.sgs_exclusion_via_department:
            paper = msgspec.structs.replace(paper, to_head_pa=True)  # its own path (p.5, p.19)
        return paper
    return fd.reg2000_registration(d, lang, source)


def _p16_line(t: life.Training, lang: str) -> str:
    """A course taken while in the reserve (p.16), as the service reference lists training."""
    parts = [t.course, f"{fmt_date(t.day_from)} – {fmt_date(t.day_to)}"]
    if t.hours is not None:
        parts.append(tr("life.print.hours", lang, n=t.hours))
    if t.certificate:
        parts.append(f"{tr('life.detail.certificate', lang)} {t.certificate}")
    return ", ".join(parts) + f" ({cite('Rules-2025 p.16', lang)})"


def _row(req: Request, x: src.Loaded) -> m.ListRow:
    status = NomineeStatus(x.record.status)
    return fd.list_row(x.record.dossier, req.lang, x.source, DECISIONS.get(status))


def _lists(conn: Connection, kind: str, req: Request, loaded: Sequence[src.Loaded]) -> list[Item]:
    quarter = req.quarter or (loaded[0].record.dossier.nomination.quarter if loaded else "")
    if kind == "reg2000-list-answer":
        answer = [fd.reg2000_row(x.record.dossier, req.lang, x.source) for x in loaded]
        return [(kind, m.Reg2000ListAnswer(category=req.category, rows=answer))]
    dates = src.list_dates(conn, quarter, req.body)
    ordered = sorted(loaded, key=lambda x: (str(x.record.dossier.body),
                                            fd.full_name(x.record.dossier, req.lang)))  # fmt: skip
    if kind == "decision-sheet":
        return [(kind, m.NomineeList(quarter=quarter, body=req.body,
                                     rows=[_row(req, x) for x in ordered],
                                     agreed_on=dates.agreed_on, approved_on=dates.approved_on))]  # fmt: skip
    out: list[Item] = []
    for body, group in groupby(ordered, key=lambda x: str(x.record.dossier.body)):
        rows = [_row(req, x) for x in group]
        approved = dates.approved_on if kind == "extract" else None
        out.append((kind, m.NomineeList(quarter=quarter, body=body, rows=rows,
                                        approved_on=approved)))  # fmt: skip
    return out


def _meta(s: Session, req: Request, reg: tuple[str, dt.date | None]) -> m.Meta:
    return m.Meta(
        lang=req.lang, printed_on=s.clock.today(), reg_no=reg[0], reg_date=reg[1],
        marking=marking(s, req.lang) if req.marking is None else req.marking,
    )  # fmt: skip


def _registration(conn: Connection, req: Request, kinds: tuple[str, ...],
                  loaded: Sequence[src.Loaded]) -> tuple[str, dt.date | None]:  # fmt: skip
    """The outgoing number and date the paper carries: as asked, else the recorded decision's
    (the Head of PA's approval for the decision sheet, the exclusion decision for its papers)."""
    if req.reg_no or req.reg_date or len(kinds) != 1:
        return req.reg_no, req.reg_date
    kind = kinds[0]
    if kind == "decision-sheet":
        quarter = req.quarter or (loaded[0].record.dossier.nomination.quarter if loaded else "")
        d = src.list_dates(conn, quarter, req.body)
        return d.approval_ref, d.approved_on
    if kind.startswith("exclusion-") and len(loaded) == 1 and loaded[0].exclusion is not None:
        e = loaded[0].exclusion
        if req.ground is None and not req.facts:
            return e.decision_number, e.decision_day
    return "", None


class _Gathered(NamedTuple):
    meta: m.Meta
    groups: list[list[Item]]  # per nominee, the kinds printed for each
    lists: list[Item]
    people: list[tuple[str, str]]


def _gather(
    s: Session, req: Request, kinds: tuple[str, ...], tick: Ticker,
    cancelled: Callable[[], bool],
) -> _Gathered | None:  # fmt: skip
    """Everything the papers state, read in one snapshot; None when cancelled. ``tick`` learns
    the whole work's size here: each nominee read, then laid out (``RENDER_WEIGHT``)."""
    photo = any(DOCUMENTS[k].photo for k in kinds)
    at = s.clock.today()
    per = [k for k in kinds if DOCUMENTS[k].per_nominee]
    with s.db.reading() as conn:
        nids = _nominees(conn, req)
        tick.total = len(nids) * (1 + RENDER_WEIGHT) + 1
        loaded: list[src.Loaded] = []
        for i, nid in enumerate(nids, 1):
            if cancelled():
                return None
            loaded.append(src.load(conn, nid, photo=photo, exclusion=req.exclusion))
            tick(i)
        meta = _meta(s, req, _registration(conn, req, kinds, loaded))
        lists = [item for k in kinds if not DOCUMENTS[k].per_nominee
                 for item in _lists(conn, k, req, loaded)]  # fmt: skip
    groups = [[(k, _per_nominee(k, req, x, at)) for k in per] for x in loaded] if per else []
    people = [(fd.short_name(x.record.dossier, "kk"), fd.short_name(x.record.dossier, "ru"))
              for x in loaded]  # fmt: skip
    return _Gathered(meta=meta, groups=groups, lists=lists, people=people)


R2K_KINDS = {"reg2000-registration": "reservist", "reg2000-list-answer": "r2k_request"}


def _r2k_person(conn: Connection, rec: r2k_repo.Rec) -> m.Person:
    found = document_log.r2k_source(conn, rec.id)
    return m.Person(full_name=rec.reservist.full_name, iin=rec.reservist.iin, record=found)


def _r2k_registration(conn: Connection, rid: int) -> tuple[m.Reg2000Registration, str]:
    """p.9: the registration form of a reservist the authority enrolled (p.8), with the term of
    p.10 (with p.4) as recorded at the decision."""
    rec = r2k_repo.get(conn, rid)
    r = rec.reservist
    if r.decision is not Decision2000.ENROL:
        raise InvalidInput("pdf.r2k_not_enrolled", id=rid)
    paper = m.Reg2000Registration(person=_r2k_person(conn, rec), category=r.category,
                                  source=int(r.source), decided_on=r.decision_date,
                                  term_until=rec.term_ends)  # fmt: skip
    return paper, r.full_name


def _r2k_answer(conn: Connection, qid: int) -> m.Reg2000ListAnswer:
    """p.34: the answer to a state body's list request, with the reservists it named."""
    q = r2k_repo.request(conn, qid)
    if q.answered is None:
        raise InvalidInput("r2k.request_unanswered", id=qid)
    rows = []
    for iin in q.answer:
        rec = r2k_repo.by_iin(conn, iin)
        if rec is None:
            continue
        r = rec.reservist
        rows.append(m.Reg2000Row(person=_r2k_person(conn, rec), registered_on=r.decision_date,
                                 term_until=rec.term_ends, source=int(r.source)))  # fmt: skip
    return m.Reg2000ListAnswer(requester=q.body_name, request_ref=f"№ {q.ref or q.id}",
                               request_date=q.received or q.made, category=q.category,
                               rows=rows)  # fmt: skip


def _gather_r2k(s: Session, req: Request, kinds: tuple[str, ...]) -> _Gathered:
    """The Reg-2000 papers from the Reg-2000 reserve's records: one kind, the record it names."""
    asked = "reservist" if req.reservist is not None else "r2k_request"
    if req.reservist is not None and req.r2k_request is not None:
        raise UsageError("pdf.select_one")
    if len(kinds) != 1 or R2K_KINDS.get(kinds[0]) != asked:
        want = next(k for k, v in R2K_KINDS.items() if v == asked)
        raise InvalidInput("pdf.r2k_kind", kind=",".join(kinds), want=want)
    with s.db.reading() as conn:
        meta = _meta(s, req, (req.reg_no, req.reg_date))
        if req.reservist is not None:
            paper, name = _r2k_registration(conn, req.reservist)
            return _Gathered(meta=meta, groups=[[(kinds[0], paper)]], lists=[], people=[(name, name)])
        assert req.r2k_request is not None
        answer = _r2k_answer(conn, req.r2k_request)
    return _Gathered(meta=meta, groups=[], lists=[(kinds[0], answer)], people=[])


def build(
    s: Session, req: Request, progress: Progress = _quiet, cancelled: Callable[[], bool] = _never
) -> Output:
    """Lay out the papers of ``req`` in memory; nothing is registered (see ``register``).
    ``progress(done, total)`` only grows, about once per percent: the nominees read, then their
    papers laid out; once ``cancelled()`` the work stops and the output is empty."""
    s.require(Permission.EDIT)
    kinds = _check(req)
    r2k = req.reservist is not None or req.r2k_request is not None
    tick = Ticker(progress, 1, None)
    got = _gather_r2k(s, req, kinds) if r2k else _gather(s, req, kinds, tick, cancelled)
    if got is None:
        return Output(pdfs=[], kinds=kinds)
    meta, groups, lists = got.meta, got.groups, got.lists
    out = Output(pdfs=[], people=got.people, kinds=kinds)
    del got
    read = len(groups)
    if len(groups) >= PARALLEL_FROM and len(groups[0]) > 1:
        for i, r in enumerate(batch.iter_groups(groups, meta), 1):
            if cancelled():  # leaving the loop closes the pool
                return Output(pdfs=[], kinds=kinds)
            out.pdfs.append(r.pdf)
            out.docs.extend(r.docs)
            tick(read + i * RENDER_WEIGHT)
        if lists:
            r = build_many(lists, meta)
            out.pdfs.append(r.pdf)
            out.docs.extend(r.docs)
    else:
        r = build_many([item for g in groups for item in g] + lists, meta)
        out.pdfs.append(r.pdf)
        out.docs.extend(r.docs)
    if cancelled():
        return Output(pdfs=[], kinds=kinds)
    tick.last()
    return out


def register(s: Session, output: Output | Rendered) -> None:
    """Record every document as printed (one audit row each), after printing or saving."""
    if not output.docs:
        return
    with s.db.unit_of_work(s.user) as uow:
        for doc in output.docs:
            new = document_log.record(uow.conn, doc, user=s.user, now=uow.now)
            payload = {
                "sha256": doc.sha256, "kind": doc.kind, "lang": doc.lang, "pages": doc.pages,
                "reg_no": doc.reg_no, "reg_date": doc.reg_date, "reprint": not new,
                "sources": [[x.entity, x.version, x.digest] for x in doc.sources],
            }  # fmt: skip
            uow.audit("document.print", f"document:{doc.code}", payload)
        uow.commit()


def save(s: Session, output: Output, path: str) -> None:
    """Write the PDF where the user chose (temp, fsync, rename), then register it."""
    s.require(Permission.EDIT)
    try:
        atomic_write(path, output.merged())
    except OSError as e:
        raise InvalidInput("pdf.cannot_write", path=path, reason=e.strerror or "") from None
    try:
        register(s, output)
    except BaseException:  # a paper whose fingerprint is not in the log is never left behind
        with contextlib.suppress(OSError):
            os.unlink(path)
        raise


def print_documents(s: Session, req: Request) -> Rendered:
    """Build and register in one step (the quarter screens and scripts): the merged PDF."""
    output = build(s, req)
    if not output.docs:
        raise NotFound("pdf.no_nominees")
    register(s, output)
    return Rendered(pdf=output.merged(), docs=output.docs)


# --- file names ---------------------------------------------------------------------------------
_UNSAFE = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|]+')
_MAX_NAME = 180  # characters; well under every file system's 255-byte limit in UTF-8 Cyrillic


def safe_file_name(text: str) -> str:
    """A name every file system accepts: no separators, reserved or control characters, no
    leading dots or trailing dots and spaces, bounded length."""
    text = unicodedata.normalize("NFC", text)
    text = "".join(" " if unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") else c for c in text)
    text = _UNSAFE.sub(" ", text)
    text = re.sub(r"\s+", " ", text).strip().lstrip(".").rstrip(". ")
    if len(text.encode("utf-8")) > _MAX_NAME * 2:
        text = text.encode("utf-8")[: _MAX_NAME * 2].decode("utf-8", "ignore").rstrip(". ")
    return text or "document"


def file_name(output: Output, lang: str, on: dt.date) -> str:
    """``<Surname> <Initials> — <document kind> — <date>.pdf`` in the interface language: the
    one nominee's name, or "N persons" for several; the kind, or "pack" for several kinds."""
    names = [p[1] if lang == "ru" else p[0] for p in output.people]  # one per nominee
    who = names[0] if len(names) == 1 else tr("pdf.name.people", lang, n=len(names))
    kinds = output.kinds
    what = tr(f"pdf.name.{kinds[0] if len(kinds) == 1 else PACK}", lang)
    return safe_file_name(f"{who} — {what} — {fmt_date(on)}") + ".pdf"


# --- verification -------------------------------------------------------------------------------
def verify(s: Session, code: str) -> Verification:
    """Which records and versions a printed code came from, and whether they changed since."""
    s.require(Permission.READ)
    try:
        how, value = fp.parse(code)
    except ValueError:
        raise InvalidInput("document.bad_code", code=code) from None
    with s.db.reading() as conn:
        entry = document_log.find(conn, **({"sha256": value} if how == "sha" else {"code": value}))
        if entry is None:
            raise NotFound("document.not_found", code=code)
        states = [_state(conn, x) for x in entry.sources]
    return Verification(entry=entry, sources=states)


def _state(conn: Connection, source: m.Source) -> SourceState:
    now = document_log.current_source(conn, source.entity)
    return SourceState(
        entity=source.entity, printed_version=source.version,
        current_version=None if now is None else now.version,
        changed=now is None or now.digest != source.digest,
    )  # fmt: skip


# every layout is listed in DOCUMENTS, except the report, which app.services.report_output prints
assert set(DOCUMENTS) == set(KINDS) - {"report"}, "every layout is listed in DOCUMENTS"

"""Bundle kinds of the quarter cycle, Department -> body: findings (p.11(1)) and decision extracts
(p.13). Each handler decodes and validates its index and hands every carried fact to the services
(``ctx.services``), which record it and move the nominee's state.

An extract also carries the signed decision sheet (p.12) when the Department attached a scan of
one that names only this body's nominees of the quarter: the index's ``sheet`` names the
document, the persons as printed (each with its snapshot item) and the pages (items after the
index: the snapshots, then the pages). The body checks every page and snapshot against the
digests the index states before anything is applied."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import msgspec

from app import scan as scan_mod
from app.documents import fingerprint as fp
from app.domain import quarter as q
from app.domain.dossier import Dossier
from app.errors import InvalidInput
from app.rules.rulesets import Evaluator
from app.store import quarter_repo as repo
from app.store import scans as scans_store
from app.store.connection import Connection
from app.store.database import UnitOfWork
from app.store.nominees import Nominees
from app.transfer.dossiers import SCAN_PAGE_TYPE, SNAPSHOT_TYPE  # the items as dossiers carry scans
from app.transfer.entries import IIN, QuarterText, Short, Text, local, plan_decisions
from app.transfer.kinds import (
    Carried,
    Change,
    Context,
    Kind,
    Parts,
    Payload,
    Plan,
    Selection,
    Sent,
    decode_index,
)
from app.transfer.peers import role_of

# -- findings ----------------------------------------------------------------------------------
FINDINGS_FORMAT = "rezerv.findings/1"


class FindingEntry(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    iin: IIN
    id: Annotated[int, msgspec.Meta(ge=1)]
    kind: q.FindingKind
    clause: Short = ""
    field: Short = ""
    text: Text
    raised: Short


class FindingsIndex(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    format: str
    quarter: QuarterText
    entries: Annotated[list[FindingEntry], msgspec.Meta(min_length=1, max_length=50_000)]


class FindingsHandler:
    kind = Kind.FINDINGS

    def build(self, conn: Connection, sel: Selection, at: dt.date, ev: Evaluator) -> Payload:
        body = role_of(conn, sel.peer_id)
        found = repo.findings(conn, unsent_for_body=body)
        nrepo = Nominees(conn)
        entries = []
        for f in found:
            rec = nrepo.get(f.nominee_id, with_photo=False)
            if sel.quarter and rec.dossier.nomination.quarter != sel.quarter:
                continue
            if sel.nominee_ids and f.nominee_id not in sel.nominee_ids:
                continue
            entries.append(FindingEntry(
                iin=rec.dossier.person.iin, id=f.id, kind=q.FindingKind(f.kind), clause=f.clause,
                field=f.field, text=f.text, raised=f.raised))  # fmt: skip
        if not entries:
            raise InvalidInput("review.nothing_to_send", quarter=sel.quarter)
        idx = FindingsIndex(format=FINDINGS_FORMAT, quarter=sel.quarter, entries=entries)
        return Payload(index=msgspec.json.encode(idx), parts=[],
                       sent=[Sent(what="finding", id=e.id) for e in entries])

    def prepare(self, ctx: Context, index: bytes, parts: Parts) -> Plan:
        idx: FindingsIndex = decode_index(index, FindingsIndex)
        if idx.format != FINDINGS_FORMAT or parts:
            raise InvalidInput("bundle.index_invalid", detail=idx.format[:40])
        plan = Plan(kind=self.kind.value, counts={"add": 0, "skip": 0})
        todo = []
        for e in idx.entries:
            nid = local(ctx.conn, e.iin, plan)
            if nid is None:
                plan.counts["skip"] += 1
                continue
            plan.counts["add"] += 1
            plan.changes.append(Change(action=e.kind.value, entity=f"nominee:{e.iin}", label=e.text[:80]))
            todo.append((nid, e))
        plan.data = todo
        return plan

    def apply(self, uow: UnitOfWork, ctx: Context, index: bytes, parts: Parts,
              bundle_id: str) -> tuple[Plan, list[Carried]]:  # fmt: skip
        plan = self.prepare(ctx, index, parts)
        return plan, self._apply(uow, ctx, plan, bundle_id)

    def _apply(self, uow: UnitOfWork, ctx: Context, plan: Plan, bundle_id: str) -> list[Carried]:
        for nid, e in plan.data:
            ctx.services.finding_received(uow, nid, kind=e.kind.value, text=e.text, clause=e.clause,
                                          field=e.field, raised=e.raised, origin_id=e.id,
                                          bundle_id=bundle_id)  # fmt: skip
        return []


# -- decision extracts -------------------------------------------------------------------------
EXTRACT_FORMAT = "rezerv.extract/1"


class ExtractEntry(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    iin: IIN
    decision: q.DecisionKind
    number: Short
    day: dt.date
    position: Text = ""
    term_ends: dt.date | None = None


Pos = Annotated[int, msgspec.Meta(ge=1)]
Hex64 = Annotated[str, msgspec.Meta(pattern="^[0-9a-f]{64}$")]
_DOSSIER = msgspec.json.Decoder(type=Dossier)


class SheetPersonRef(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """A person the signed decision sheet names, as printed (``app.store.scans.SheetPerson``)."""

    iin: IIN
    version: Pos
    digest: Hex64  # the record's content digest printed: over the snapshot and the photo's SHA-256
    snapshot: Pos
    snapshot_photo: Annotated[str, msgspec.Meta(pattern="^([0-9a-f]{64})?$")] = ""


class SheetRef(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """The signed decision sheet (``app.store.scans.CarriedSheet``): the document, the persons
    it was matched to, the Department's match when attached, and the positions of the pages."""

    document: Hex64
    code: Annotated[str, msgspec.Meta(pattern="^RZ-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$")]
    kind: Annotated[str, msgspec.Meta(pattern="^decision-sheet$")]
    lang: Annotated[str, msgspec.Meta(pattern="^(kk|ru)$")]
    reg_no: Short = ""
    reg_date: Short = ""
    printed_pages: Annotated[int, msgspec.Meta(ge=1, le=10_000)]
    printed: Short
    persons: Annotated[list[SheetPersonRef], msgspec.Meta(min_length=1, max_length=50_000)]
    outdated: bool = False
    sha256: Hex64
    attached: Short
    pages: Annotated[list[Pos], msgspec.Meta(min_length=1, max_length=scan_mod.MAX_PAGES)]


class ExtractIndex(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True,
                   omit_defaults=True):  # fmt: skip
    format: str
    quarter: QuarterText
    body: Short
    entries: Annotated[list[ExtractEntry], msgspec.Meta(min_length=1, max_length=50_000)]
    sheet: SheetRef | None = None  # the signed decision sheet, when one is carried


def _carry_sheet(c: scans_store.CarriedSheet, parts: list[tuple[str, bytes]]) -> SheetRef:
    persons = []
    for p in c.persons:
        parts.append((SNAPSHOT_TYPE, p.snapshot))
        persons.append(SheetPersonRef(iin=p.iin, version=p.version, digest=p.digest,
                                      snapshot=len(parts), snapshot_photo=p.snapshot_photo))  # fmt: skip
    pages = []
    for jpeg in c.pages:
        parts.append((SCAN_PAGE_TYPE, jpeg))
        pages.append(len(parts))
    return SheetRef(
        document=c.document, code=c.code, kind=c.kind, lang=c.lang, reg_no=c.reg_no,
        reg_date=c.reg_date, printed_pages=c.printed_pages, printed=c.printed, persons=persons,
        outdated=c.outdated, sha256=c.sha256, attached=c.attached, pages=pages,
    )  # fmt: skip


def _sheet_layout(ctx: Context, r: SheetRef | None, count: int) -> None:
    """The items the index refers to, checked before any is read: each person's snapshot, then
    the pages, one after another from the first item, each of its media type, nothing more."""
    want = [] if r is None else ([(p.snapshot, SNAPSHOT_TYPE) for p in r.persons]
                                 + [(pg, SCAN_PAGE_TYPE) for pg in r.pages])  # fmt: skip
    if len(want) != count:
        raise InvalidInput("bundle.index_bad_reference", n=0)
    media = ctx.manifest.items
    for pos, (at, typ) in enumerate(want, 1):
        if at != pos or media[at].media_type != typ:
            raise InvalidInput("bundle.index_bad_reference", n=0)
    if r is not None and len({p.iin for p in r.persons}) != len(r.persons):
        raise InvalidInput("bundle.index_duplicate_iin")


def _read_sheet(r: SheetRef, body: str, parts: Parts) -> scans_store.CarriedSheet:
    """The carried sheet, checked: its code is its fingerprint's, each snapshot a dossier of
    that person of this body whose digest is the one printed, the pages stored-form JPEGs whose
    digest is the one stated. Anything else refuses the bundle (``bundle.scan_mismatch``)."""
    it = iter(parts)
    snaps = [next(it) for _ in r.persons]
    pages = [next(it) for _ in r.pages]
    bad = InvalidInput("bundle.scan_mismatch", code=r.code)
    if fp.short_code(r.document) != r.code:
        raise bad
    persons = []
    for p, snap in zip(r.persons, snaps, strict=True):
        try:
            then = _DOSSIER.decode(snap)
        except (msgspec.DecodeError, msgspec.ValidationError, UnicodeDecodeError, ValueError,
                RecursionError):  # fmt: skip
            raise bad from None
        if (then.person.iin != p.iin or then.body.value != body
                or scans_store.record_digest(snap, p.snapshot_photo) != p.digest):  # fmt: skip
            raise bad
        persons.append(scans_store.SheetPerson(iin=p.iin, version=p.version, digest=p.digest,
                                               snapshot=snap, snapshot_photo=p.snapshot_photo))  # fmt: skip
    try:
        for jpeg in pages:
            scan_mod.check_stored_page(jpeg)
    except InvalidInput:
        raise bad from None
    if scan_mod.pages_digest(pages) != r.sha256:
        raise bad
    return scans_store.CarriedSheet(
        document=r.document, code=r.code, kind=r.kind, lang=r.lang, reg_no=r.reg_no,
        reg_date=r.reg_date, printed_pages=r.printed_pages, printed=r.printed, persons=persons,
        outdated=r.outdated, sha256=r.sha256, attached=r.attached, pages=pages,
    )  # fmt: skip


class ExtractHandler:
    kind = Kind.DECISION_EXTRACT

    def build(self, conn: Connection, sel: Selection, at: dt.date, ev: Evaluator) -> Payload:
        body = role_of(conn, sel.peer_id)
        entries, sent = [], []
        for nid, iin, dec, number, day in repo.unsent_decisions(conn, body=body, quarter=sel.quarter):
            if sel.nominee_ids and nid not in sel.nominee_ids:
                continue
            # a refused re-nominee's register line is an earlier membership: not this decision's
            m = repo.member(conn, nid) if dec == q.DecisionKind.ENROL.value else None
            entries.append(ExtractEntry(iin=iin, decision=q.DecisionKind(dec), number=number,
                                        day=dt.date.fromisoformat(day),
                                        position=m.position if m else "",
                                        term_ends=m.term_ends if m else None))  # fmt: skip
            sent.append(Sent(what="decision", id=nid))
        if not entries:
            raise InvalidInput("decision.nothing_to_send", body=body, quarter=sel.quarter)
        parts: list[tuple[str, bytes]] = []
        carried = scans_store.sheet_for_extract(conn, quarter=sel.quarter, body=body) if sel.quarter else None
        sheet = _carry_sheet(carried, parts) if carried is not None else None
        idx = ExtractIndex(format=EXTRACT_FORMAT, quarter=sel.quarter, body=body, entries=entries,
                           sheet=sheet)  # fmt: skip
        return Payload(index=msgspec.json.encode(idx), parts=parts, sent=sent)

    def prepare(self, ctx: Context, index: bytes, parts: Parts) -> Plan:
        idx: ExtractIndex = decode_index(index, ExtractIndex)
        if idx.format != EXTRACT_FORMAT:
            raise InvalidInput("bundle.index_invalid", detail=idx.format[:40])
        _sheet_layout(ctx, idx.sheet, len(parts))
        plan = Plan(kind=self.kind.value, counts={"enrol": 0, "refuse": 0, "skip": 0})
        sheet, local = None, list[int | None]()
        if idx.sheet is not None:
            sheet = _read_sheet(idx.sheet, idx.body, parts)
            local = [Nominees(ctx.conn).id_by_iin(p.iin) for p in sheet.persons]
            plan.counts["sheet_scan"] = 1
            plan.changes.append(Change(action="add", entity=f"document:{sheet.code}", label=sheet.kind))
        plan.data = (idx, plan_decisions(ctx.conn, idx.entries, plan), sheet, local)
        return plan

    def apply(self, uow: UnitOfWork, ctx: Context, index: bytes, parts: Parts,
              bundle_id: str) -> tuple[Plan, list[Carried]]:  # fmt: skip
        plan = self.prepare(ctx, index, parts)
        return plan, self._apply(uow, ctx, plan, bundle_id)

    def _apply(self, uow: UnitOfWork, ctx: Context, plan: Plan, bundle_id: str) -> list[Carried]:
        idx, todo, sheet, local = plan.data
        for nid, e in todo:
            ctx.services.decision_received(uow, nid, decision=e.decision.value, number=e.number,
                                           day=e.day, position=e.position, term_ends=e.term_ends,
                                           received_on=ctx.at, bundle_id=bundle_id)  # fmt: skip
        if idx.quarter:
            ctx.services.extract_received(uow, quarter=idx.quarter, body=idx.body, day=ctx.at,
                                          bundle_id=bundle_id)  # fmt: skip
        if sheet is not None:
            ctx.services.sheet_scan_received(uow, scan=sheet, local=local, peer=ctx.peer.id,
                                             bundle_id=bundle_id)  # fmt: skip
        return []

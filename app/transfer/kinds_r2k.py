"""Reg-2000 bundle kinds between a state body's and the authorised body's workstations (Decree
No. 330 of 2000): the list request (p.33), the answer with the reservists (p.34), the body's
placements (p.36 part 3) and the reserve's update with exclusions (p.37, p.39).

Each kind is known on both sides by the request's number or the IIN: a bundle applied twice (or
an answer to a request that was already answered) adds nothing. The handlers decode and check;
``ctx.services.r2k`` (``app.services.r2k_bundles``) records what they carry. Replay, tampering and
unknown senders are refused by ``app.transfer.bundle`` as for every kind."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Protocol

import msgspec

from app.domain.r2k_workflow import R2kStatus
from app.domain.reg2000 import Competition, Decision, Placement, Reservist, Source
from app.errors import InvalidInput
from app.rules.rulesets import Evaluator
from app.security.roles import WorkstationRole
from app.store import meta
from app.store import r2k as repo
from app.store.connection import Connection
from app.store.database import UnitOfWork
from app.transfer.entries import IIN, Short
from app.transfer.kinds import (
    Carried,
    Change,
    Context,
    Kind,
    Notice,
    Parts,
    Payload,
    Plan,
    Selection,
    Sent,
    decode_index,
)
from app.transfer.peers import role_of

AUTHORITY, BODY = WorkstationRole.REG2000_AUTHORITY.value, WorkstationRole.REG2000_BODY.value
Rank = Annotated[int, msgspec.Meta(ge=0, le=1000)]
Ref = Annotated[int, msgspec.Meta(ge=1, le=2**62)]


class R2kWorkflow(Protocol):
    def request_received(self, uow: UnitOfWork, *, peer: str, ref: int, body_name: str, category: str,
                         group: str, rank: int, vacancy: str, made: dt.date,
                         competition: dt.date | None, received: dt.date,
                         bundle_id: str) -> None: ...  # fmt: skip

    def answer_received(self, uow: UnitOfWork, *, qid: int, answered: dt.date,
                        listed: list[tuple[Reservist, dt.date]], peer: str,
                        bundle_id: str) -> None: ...  # fmt: skip

    def placement_received(self, uow: UnitOfWork, rid: int, *, placement: Placement, request: int,
                           received: dt.date, bundle_id: str) -> None: ...  # fmt: skip

    def exclusion_received(self, uow: UnitOfWork, rid: int, *, ground: int, fact_date: dt.date,
                           day: dt.date, bundle_id: str) -> None: ...  # fmt: skip


def _wf(ctx: Context) -> R2kWorkflow:
    wf: R2kWorkflow = ctx.services.r2k
    return wf


def _sides(ctx: Context, sender: str, me: str) -> None:
    """The kind travels only from ``sender``'s role to ``me``'s."""
    if role_of(ctx.conn, ctx.peer.id) != sender:
        raise InvalidInput("bundle.index_invalid", detail="sender")
    if (meta.value(ctx.conn, "role") or "") != me:
        raise InvalidInput("r2k.bundle_wrong_side", kind="", role=me)


def _built_by(conn: Connection, sel: Selection, role: str, *, one: bool) -> None:
    """A Reg-2000 kind is built only on its sender's workstation, from ``rezerv r2k send-*``
    (the selection is a request's or reservists' numbers, not a quarter)."""
    if (meta.value(conn, "role") or "") != role:
        raise InvalidInput("r2k.bundle_wrong_side", kind="", role=role)
    if not sel.nominee_ids or (one and len(sel.nominee_ids) != 1):
        raise InvalidInput("r2k.use_r2k_send")


def _check_format(got: str, want: str, parts: Parts) -> None:
    if got != want or parts:
        raise InvalidInput("bundle.index_invalid", detail=got[:40])


# -- p.33: the list request ---------------------------------------------------------------------

REQUEST_FORMAT = "rezerv.r2k-list-request/1"


class RequestIndex(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    format: str
    ref: Ref
    body_name: Short
    category: Short
    group: Short = ""
    rank: Rank = 0
    vacancy: Short = ""
    made: dt.date
    competition: dt.date | None = None


class RequestHandler:
    kind = Kind.R2K_LIST_REQUEST

    def build(self, conn: Connection, sel: Selection, at: dt.date, ev: Evaluator) -> Payload:
        _built_by(conn, sel, BODY, one=True)
        (qid,) = sel.nominee_ids
        q = repo.request(conn, qid)
        idx = RequestIndex(format=REQUEST_FORMAT, ref=q.ref, body_name=q.body_name, category=q.category,
                           group=q.category_group, rank=q.category_rank, vacancy=q.vacancy, made=q.made,
                           competition=q.competition)  # fmt: skip
        return Payload(index=msgspec.json.encode(idx), parts=[], sent=[Sent(what="r2k_request", id=qid)])

    def prepare(self, ctx: Context, index: bytes, parts: Parts) -> Plan:
        idx: RequestIndex = decode_index(index, RequestIndex)
        _check_format(idx.format, REQUEST_FORMAT, parts)
        _sides(ctx, BODY, AUTHORITY)
        plan = Plan(kind=self.kind.value, counts={"add": 0, "skip": 0})
        if repo.request_by_ref(ctx.conn, ctx.peer.id, idx.ref) is not None:
            plan.counts["skip"] += 1
        else:
            plan.counts["add"] += 1
            plan.changes.append(Change(action="add", entity=f"r2k_request:{idx.ref}",
                                       label=idx.category))  # fmt: skip
        plan.data = idx if plan.counts["add"] else None
        return plan

    def apply(self, uow: UnitOfWork, ctx: Context, index: bytes, parts: Parts,
              bundle_id: str) -> tuple[Plan, list[Carried]]:  # fmt: skip
        plan = self.prepare(ctx, index, parts)
        i: RequestIndex | None = plan.data
        if i is not None:
            _wf(ctx).request_received(uow, peer=ctx.peer.id, ref=i.ref, body_name=i.body_name,
                                      category=i.category, group=i.group, rank=i.rank, vacancy=i.vacancy,
                                      made=i.made, competition=i.competition, received=ctx.at,
                                      bundle_id=bundle_id)  # fmt: skip
        return plan, []


# -- p.34: the answer ---------------------------------------------------------------------------

ANSWER_FORMAT = "rezerv.r2k-list-answer/1"


class Listed(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    iin: IIN
    full_name: Short
    category: Short
    group: Short = ""
    rank: Rank = 0
    source: Annotated[int, msgspec.Meta(ge=1, le=4)]
    decision_date: dt.date
    term_ends: dt.date
    competition_body: Short = ""  # p.36: recommended by this body's own competition commission


class AnswerIndex(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    format: str
    ref: Ref
    answered: dt.date
    listed: Annotated[list[Listed], msgspec.Meta(max_length=10_000)]


class AnswerHandler:
    kind = Kind.R2K_LIST_ANSWER

    def build(self, conn: Connection, sel: Selection, at: dt.date, ev: Evaluator) -> Payload:
        _built_by(conn, sel, AUTHORITY, one=True)
        (qid,) = sel.nominee_ids
        q = repo.request(conn, qid)
        if q.answered is None:
            raise InvalidInput("r2k.request_unanswered", id=qid)
        listed = []
        for iin in q.answer:
            rec = repo.by_iin(conn, iin)
            if rec is None or rec.term_ends is None:
                continue
            r = rec.reservist
            assert r.decision_date is not None
            listed.append(Listed(iin=r.iin, full_name=r.full_name, category=r.category,
                                 group=r.category_group, rank=r.category_rank, source=int(r.source),
                                 decision_date=r.decision_date, term_ends=rec.term_ends,
                                 competition_body=r.competition.body if r.competition else ""))  # fmt: skip
        idx = AnswerIndex(format=ANSWER_FORMAT, ref=q.ref, answered=q.answered, listed=listed)
        return Payload(index=msgspec.json.encode(idx), parts=[], sent=[Sent(what="r2k_request", id=qid)])

    def prepare(self, ctx: Context, index: bytes, parts: Parts) -> Plan:
        idx: AnswerIndex = decode_index(index, AnswerIndex)
        _check_format(idx.format, ANSWER_FORMAT, parts)
        _sides(ctx, AUTHORITY, BODY)
        plan = Plan(kind=self.kind.value, counts={"add": 0, "skip": 0})
        q = repo.request_by_ref(ctx.conn, "", idx.ref)
        if q is None or q.answered is not None:
            plan.counts["skip"] += 1
            plan.notices.append(Notice(key="r2k.answer_unknown_request", params={"ref": str(idx.ref)}))
            return plan
        plan.counts["add"] = len(idx.listed)
        plan.changes += [Change(action="add", entity=f"r2k:{e.iin}", label=e.full_name)
                         for e in idx.listed]  # fmt: skip
        plan.data = (q.id, idx)
        return plan

    def apply(self, uow: UnitOfWork, ctx: Context, index: bytes, parts: Parts,
              bundle_id: str) -> tuple[Plan, list[Carried]]:  # fmt: skip
        plan = self.prepare(ctx, index, parts)
        if plan.data is None:
            return plan, []
        qid, idx = plan.data
        listed = []
        for e in idx.listed:
            k = Competition(body=e.competition_body) if e.competition_body else None
            r = Reservist(iin=e.iin, full_name=e.full_name, category=e.category, category_group=e.group,
                          category_rank=e.rank, source=Source(e.source), consent=True, competition=k,
                          decision=Decision.ENROL, decision_date=e.decision_date)  # fmt: skip
            listed.append((r, e.term_ends))
        _wf(ctx).answer_received(uow, qid=qid, answered=idx.answered, listed=listed, peer=ctx.peer.id,
                                 bundle_id=bundle_id)  # fmt: skip
        return plan, []


# -- p.36 part 3: the body's placements ---------------------------------------------------------

PLACEMENT_FORMAT = "rezerv.r2k-placement/1"


class Placed(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    iin: IIN
    request: Ref  # the body's number of the list request
    decided: dt.date
    post: Short
    group: Short = ""
    rank: Rank | None = None
    consent: bool | None = None
    qualification_met: bool | None = None
    own_candidates_first: bool | None = None


class PlacementIndex(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    format: str
    entries: Annotated[list[Placed], msgspec.Meta(min_length=1, max_length=10_000)]


def _entries_of(conn: Connection, sel: Selection) -> list[tuple[int, Any]]:
    return [(rid, repo.get(conn, rid)) for rid in sel.nominee_ids]


class PlacementHandler:
    kind = Kind.R2K_PLACEMENT

    def build(self, conn: Connection, sel: Selection, at: dt.date, ev: Evaluator) -> Payload:
        _built_by(conn, sel, BODY, one=False)
        entries = []
        for rid, rec in _entries_of(conn, sel):
            pl = rec.reservist.placement
            ref = _placement_request(conn, rec.reservist.iin)
            if pl is None or ref is None:
                raise InvalidInput("r2k.not_placed", id=rid)
            entries.append(Placed(iin=rec.reservist.iin, request=ref, decided=pl.decided, post=pl.post,
                                  group=pl.category_group, rank=pl.category_rank, consent=pl.consent,
                                  qualification_met=pl.qualification_met,
                                  own_candidates_first=pl.own_candidates_first))  # fmt: skip
        idx = PlacementIndex(format=PLACEMENT_FORMAT, entries=entries)
        return Payload(index=msgspec.json.encode(idx), parts=[],
                       sent=[Sent(what="r2k_placement", id=rid) for rid in sel.nominee_ids])

    def prepare(self, ctx: Context, index: bytes, parts: Parts) -> Plan:
        idx: PlacementIndex = decode_index(index, PlacementIndex)
        _check_format(idx.format, PLACEMENT_FORMAT, parts)
        _sides(ctx, BODY, AUTHORITY)
        plan = Plan(kind=self.kind.value, counts={"add": 0, "skip": 0})
        todo = []
        for e in idx.entries:
            rec = repo.by_iin(ctx.conn, e.iin)
            q = repo.request_by_ref(ctx.conn, ctx.peer.id, e.request)
            if rec is None or rec.status != R2kStatus.ENROLLED or q is None or e.iin not in q.answer:
                plan.counts["skip"] += 1
                plan.notices.append(Notice(key="r2k.placement_unknown", params={"iin": e.iin}))
                continue
            plan.counts["add"] += 1
            plan.changes.append(Change(action="update", entity=f"r2k:{e.iin}", label=e.post))
            todo.append((rec.id, q.id, e))
        plan.data = todo
        return plan

    def apply(self, uow: UnitOfWork, ctx: Context, index: bytes, parts: Parts,
              bundle_id: str) -> tuple[Plan, list[Carried]]:  # fmt: skip
        plan = self.prepare(ctx, index, parts)
        for rid, qid, e in plan.data:
            pl = Placement(decided=e.decided, post=e.post, category_group=e.group, category_rank=e.rank,
                           consent=e.consent, qualification_met=e.qualification_met,
                           own_candidates_first=e.own_candidates_first)  # fmt: skip
            _wf(ctx).placement_received(uow, rid, placement=pl, request=qid, received=ctx.at,
                                        bundle_id=bundle_id)  # fmt: skip
        return plan, []


def _placement_request(conn: Connection, iin: str) -> int | None:
    """The body's own request whose answer named ``iin`` (the last one)."""
    found = [q.ref for q in repo.requests(conn) if q.peer == "" and iin in q.answer]
    return found[-1] if found else None


# -- p.37, p.39: the reserve's update -----------------------------------------------------------

UPDATE_FORMAT = "rezerv.r2k-reserve-update/1"


class Excluded(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    iin: IIN
    ground: Annotated[int, msgspec.Meta(ge=1, le=5)]
    fact_date: dt.date
    day: dt.date


class UpdateIndex(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    format: str
    excluded: Annotated[list[Excluded], msgspec.Meta(min_length=1, max_length=10_000)]


class UpdateHandler:
    kind = Kind.R2K_RESERVE_UPDATE

    def build(self, conn: Connection, sel: Selection, at: dt.date, ev: Evaluator) -> Payload:
        _built_by(conn, sel, AUTHORITY, one=False)
        out = []
        for rid, rec in _entries_of(conn, sel):
            x = repo.exclusion(conn, rid)
            if x is None:
                raise InvalidInput("r2k.not_excluded", id=rid)
            out.append(Excluded(iin=rec.reservist.iin, ground=x.ground, fact_date=x.fact_date, day=x.day))
        return Payload(index=msgspec.json.encode(UpdateIndex(format=UPDATE_FORMAT, excluded=out)), parts=[],
                       sent=[Sent(what="r2k_reserve_update", id=rid) for rid in sel.nominee_ids])

    def prepare(self, ctx: Context, index: bytes, parts: Parts) -> Plan:
        idx: UpdateIndex = decode_index(index, UpdateIndex)
        _check_format(idx.format, UPDATE_FORMAT, parts)
        _sides(ctx, AUTHORITY, BODY)
        plan = Plan(kind=self.kind.value, counts={"add": 0, "skip": 0})
        todo = []
        for e in idx.excluded:
            rec = repo.by_iin(ctx.conn, e.iin)
            if rec is None or rec.status not in (R2kStatus.ENROLLED, R2kStatus.PLACED):
                plan.counts["skip"] += 1
                continue
            plan.counts["add"] += 1
            plan.changes.append(Change(action="update", entity=f"r2k:{e.iin}",
                                       label=f"p.39({e.ground})"))  # fmt: skip
            todo.append((rec.id, e))
        plan.data = todo
        return plan

    def apply(self, uow: UnitOfWork, ctx: Context, index: bytes, parts: Parts,
              bundle_id: str) -> tuple[Plan, list[Carried]]:  # fmt: skip
        plan = self.prepare(ctx, index, parts)
        for rid, e in plan.data:
            _wf(ctx).exclusion_received(uow, rid, ground=e.ground, fact_date=e.fact_date, day=e.day,
                                        bundle_id=bundle_id)  # fmt: skip
        return plan, []

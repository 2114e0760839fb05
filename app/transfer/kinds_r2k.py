"""Reg-2000 bundle kinds between a state body's and the authorised body's workstations (Decree
No. 330 of 2000): the documents of a competition participant (p.19) or an attested civil servant
(p.32-2) the body submits, the list request (p.33), the answer with the reservists (p.34), the
body's placements (p.36 part 3) and the reserve's update with the authority's decisions on the
body's submissions and the exclusions (p.20, p.32-3, p.37, p.39).

Each kind is known on both sides by the request's number or the IIN: a bundle applied twice (or
an answer to a request that was already answered) adds nothing. The handlers decode and check;
``ctx.services.r2k`` (``app.services.r2k_bundles``) records what they carry. Replay, tampering and
unknown senders are refused by ``app.transfer.bundle`` as for every kind."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal, Protocol

import msgspec

from app.domain.r2k_workflow import R2kStatus
from app.domain.reg2000 import (
    CommissionVote,
    Competition,
    Decision,
    Doc,
    Placement,
    RefusalGround,
    Reservist,
    Source,
)
from app.errors import InvalidInput
from app.i18n import fmt_date
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

    def submission_received(self, uow: UnitOfWork, r: Reservist, *, peer: str,
                            bundle_id: str) -> None: ...  # fmt: skip

    def decision_received(self, uow: UnitOfWork, rid: int, *, decision: Decision, day: dt.date,
                          term_ends: dt.date | None, ground: RefusalGround | None,
                          bundle_id: str) -> None: ...  # fmt: skip


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
    interviewed: dt.date | None = None  # p.35
    interview_passed: bool | None = None


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
                                  own_candidates_first=pl.own_candidates_first,
                                  interviewed=pl.interviewed,
                                  interview_passed=pl.interview_passed))  # fmt: skip
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
                           own_candidates_first=e.own_candidates_first, interviewed=e.interviewed,
                           interview_passed=e.interview_passed)  # fmt: skip
            _wf(ctx).placement_received(uow, rid, placement=pl, request=qid, received=ctx.at,
                                        bundle_id=bundle_id)  # fmt: skip
        return plan, []


def _placement_request(conn: Connection, iin: str) -> int | None:
    """The body's own request whose answer named ``iin`` (the last one)."""
    found = [q.ref for q in repo.requests(conn) if q.peer == "" and iin in q.answer]
    return found[-1] if found else None


# -- p.20, p.32-3, p.37, p.39: the reserve's update ----------------------------------------------

UPDATE_FORMAT = "rezerv.r2k-reserve-update/1"
Many = msgspec.Meta(max_length=10_000)


class Excluded(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    iin: IIN
    ground: Annotated[int, msgspec.Meta(ge=1, le=5)]
    fact_date: dt.date
    day: dt.date


class Decided(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """The authority's decision on a citizen the body submitted (p.20, p.32-3)."""

    iin: IIN
    decision: Decision
    day: dt.date
    term_ends: dt.date | None = None  # with ENROL: the last day in the reserve (p.10 with p.4)
    ground: RefusalGround | None = None  # with REFUSE


class UpdateIndex(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    format: str
    excluded: Annotated[list[Excluded], Many] = msgspec.field(default_factory=list)
    decided: Annotated[list[Decided], Many] = msgspec.field(default_factory=list)


def _decided_of(rec: Any) -> Decided | None:
    r = rec.reservist
    if r.decision is None or r.decision_date is None:
        return None
    return Decided(iin=r.iin, decision=r.decision, day=r.decision_date, term_ends=rec.term_ends,
                   ground=r.refusal_ground)  # fmt: skip


class UpdateHandler:
    kind = Kind.R2K_RESERVE_UPDATE

    def build(self, conn: Connection, sel: Selection, at: dt.date, ev: Evaluator) -> Payload:
        """Per reservist: the decision on a submission of this peer not yet reported to it, and
        the exclusion not yet reported; a reservist with neither is refused."""
        _built_by(conn, sel, AUTHORITY, one=False)
        out, decided, sent = [], [], []
        for rid, rec in _entries_of(conn, sel):
            d = _decided_of(rec) if rec.origin == sel.peer_id else None
            if d is not None and not repo.was_sent(conn, DECISION_SENT, sel.peer_id, rid):
                decided.append(d)
                sent.append(Sent(what=DECISION_SENT, id=rid))
            x = repo.exclusion(conn, rid)
            if x is not None and not repo.was_sent(conn, self.kind.value, sel.peer_id, rid):
                out.append(Excluded(iin=rec.reservist.iin, ground=x.ground, fact_date=x.fact_date, day=x.day))
                sent.append(Sent(what="r2k_reserve_update", id=rid))
            if not sent or sent[-1].id != rid:
                raise InvalidInput("r2k.not_excluded", id=rid)
        idx = UpdateIndex(format=UPDATE_FORMAT, excluded=out, decided=decided)
        return Payload(index=msgspec.json.encode(idx), parts=[], sent=sent)

    def prepare(self, ctx: Context, index: bytes, parts: Parts) -> Plan:
        idx: UpdateIndex = decode_index(index, UpdateIndex)
        _check_format(idx.format, UPDATE_FORMAT, parts)
        if not idx.excluded and not idx.decided:
            raise InvalidInput("bundle.index_invalid", detail="empty")
        for d in idx.decided:
            enrol = d.decision is Decision.ENROL
            if (enrol and (d.term_ends is None or d.term_ends < d.day or d.ground is not None)) \
                    or (not enrol and (d.ground is None or d.term_ends is not None)):
                raise InvalidInput("bundle.index_invalid", detail="decided")
        _sides(ctx, AUTHORITY, BODY)
        plan = Plan(kind=self.kind.value, counts={"add": 0, "skip": 0})
        decisions, enrolled = [], set()
        for d in idx.decided:
            rec = repo.by_iin(ctx.conn, d.iin)
            # only this body's own submission awaiting the decision (a replay finds it decided)
            if rec is None or rec.origin != "" or rec.status != R2kStatus.SUBMITTED:
                plan.counts["skip"] += 1
                continue
            plan.counts["add"] += 1
            plan.changes.append(Change(action="update", entity=f"r2k:{d.iin}", label=d.decision.value))
            decisions.append((rec.id, d))
            if d.decision is Decision.ENROL:
                enrolled.add(d.iin)
        todo = []
        for e in idx.excluded:
            rec = repo.by_iin(ctx.conn, e.iin)
            active = rec is not None and (rec.status in (R2kStatus.ENROLLED, R2kStatus.PLACED)
                                          or e.iin in enrolled)  # fmt: skip
            if rec is None or not active:
                plan.counts["skip"] += 1
                continue
            plan.counts["add"] += 1
            plan.changes.append(Change(action="update", entity=f"r2k:{e.iin}",
                                       label=f"p.39({e.ground})"))  # fmt: skip
            todo.append((rec.id, e))
        plan.data = (decisions, todo)
        return plan

    def apply(self, uow: UnitOfWork, ctx: Context, index: bytes, parts: Parts,
              bundle_id: str) -> tuple[Plan, list[Carried]]:  # fmt: skip
        plan = self.prepare(ctx, index, parts)
        decisions, todo = plan.data
        for rid, d in decisions:
            _wf(ctx).decision_received(uow, rid, decision=d.decision, day=d.day, term_ends=d.term_ends,
                                       ground=d.ground, bundle_id=bundle_id)  # fmt: skip
        for rid, e in todo:
            _wf(ctx).exclusion_received(uow, rid, ground=e.ground, fact_date=e.fact_date, day=e.day,
                                        bundle_id=bundle_id)  # fmt: skip
        return plan, []


DECISION_SENT = "r2k_decision"  # what ``SENT`` marks: a decision reported to the submitting body


# -- p.19, p.32-2: the body's submissions (sources 1 and 4) ------------------------------------

SUBMISSION_FORMAT = "rezerv.r2k-submission/1"
SUBMITTED_BY_BODY = (Source.COMPETITION, Source.ATTESTATION)
# The two workstations' clocks need not agree to the day: a submission dated up to this much after
# the receiving workstation's day is taken as sent (its day kept: p.19, p.32-2 judge it); later, refused.
SEND_SKEW = dt.timedelta(days=1)
Count = Annotated[int, msgspec.Meta(ge=0, le=1000)]
Name = Annotated[str, msgspec.Meta(min_length=1, max_length=200)]


class SentVote(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    members: Count
    present: Count
    votes_for: Count


class SentCompetition(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    vacancy_ref: Short = ""
    body: Short = ""
    winner_found: bool = True
    recommended_for_vacancy: Count = 1
    qualification_met: bool | None = None
    tests_passed: bool | None = None
    interview_passed: bool | None = None
    vote: SentVote | None = None
    protocol_date: dt.date | None = None


class Submitted(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    iin: IIN
    full_name: Name
    category: Name
    group: Short = ""
    rank: Rank = 0
    source: Literal[1, 4]
    consent: bool | None = None
    qualification_met: bool | None = None
    documents: Annotated[list[Doc], msgspec.Meta(max_length=32)] = msgspec.field(default_factory=list)
    competition: SentCompetition | None = None  # source 1 (p.15-p.19)
    attestation_approved: dt.date | None = None  # source 4 (p.32-2)


class SubmissionIndex(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    format: str
    sent: dt.date  # the day the body sent the documents (p.19: within ten days of the protocol)
    entries: Annotated[list[Submitted], msgspec.Meta(min_length=1, max_length=10_000)]


def _plain(*texts: str) -> None:
    if any(ord(c) < 32 for t in texts for c in t):
        raise InvalidInput("bundle.index_invalid", detail="text")


def _submitted(r: Reservist) -> Submitted:
    k = r.competition
    sk = None
    if k is not None:
        v = k.vote
        sk = SentCompetition(vacancy_ref=k.vacancy_ref, body=k.body, winner_found=k.winner_found,
                             recommended_for_vacancy=k.recommended_for_vacancy,
                             qualification_met=k.qualification_met, tests_passed=k.tests_passed,
                             interview_passed=k.interview_passed,
                             vote=SentVote(members=v.members, present=v.present, votes_for=v.votes_for)
                             if v else None, protocol_date=k.protocol_date)  # fmt: skip
    return Submitted(iin=r.iin, full_name=r.full_name, category=r.category, group=r.category_group,
                     rank=r.category_rank, source=1 if r.source is Source.COMPETITION else 4,
                     consent=r.consent, qualification_met=r.qualification_met, documents=list(r.documents),
                     competition=sk, attestation_approved=r.attestation_approved)  # fmt: skip


def _reservist(e: Submitted, sent: dt.date, received: dt.date) -> Reservist:
    """The record at the authority: received today (its decision term runs from it, p.20,
    p.32-3); the documents sent by the body on ``sent``, the day p.19 and p.32-2 judge (the body
    "submits" within its term: the transit does not count against it)."""
    k = e.competition
    comp = None
    if k is not None:
        v = k.vote
        comp = Competition(vacancy_ref=k.vacancy_ref, body=k.body, winner_found=k.winner_found,
                           recommended_for_vacancy=k.recommended_for_vacancy,
                           qualification_met=k.qualification_met, tests_passed=k.tests_passed,
                           interview_passed=k.interview_passed,
                           vote=CommissionVote(members=v.members, present=v.present, votes_for=v.votes_for)
                           if v else None, protocol_date=k.protocol_date, sent_to_authority=sent)  # fmt: skip
    return Reservist(iin=e.iin, full_name=e.full_name, category=e.category, category_group=e.group,
                     category_rank=e.rank, source=Source(e.source), consent=e.consent,
                     qualification_met=e.qualification_met, documents=list(e.documents),
                     documents_received=received, competition=comp,
                     attestation_approved=e.attestation_approved,
                     attestation_sent=sent if e.source == Source.ATTESTATION else None)  # fmt: skip


class R2kSubmissionHandler:
    kind = Kind.R2K_SUBMISSION

    def build(self, conn: Connection, sel: Selection, at: dt.date, ev: Evaluator) -> Payload:
        _built_by(conn, sel, BODY, one=False)
        entries = []
        for rid, rec in _entries_of(conn, sel):
            r = rec.reservist
            if rec.status != R2kStatus.SUBMITTED or rec.origin != "" or r.source not in SUBMITTED_BY_BODY:
                raise InvalidInput("r2k.not_submission", id=rid)
            entries.append(_submitted(r))
        idx = SubmissionIndex(format=SUBMISSION_FORMAT, sent=at, entries=entries)
        return Payload(index=msgspec.json.encode(idx), parts=[],
                       sent=[Sent(what="r2k_submission", id=rid) for rid in sel.nominee_ids])

    def prepare(self, ctx: Context, index: bytes, parts: Parts) -> Plan:
        idx: SubmissionIndex = decode_index(index, SubmissionIndex)
        _check_format(idx.format, SUBMISSION_FORMAT, parts)
        if len({e.iin for e in idx.entries}) != len(idx.entries):
            raise InvalidInput("bundle.index_invalid", detail="entries")
        if idx.sent > ctx.at + SEND_SKEW:
            raise InvalidInput("r2k.sent_in_future", sent=fmt_date(idx.sent), today=fmt_date(ctx.at),
                               days=str(SEND_SKEW.days))  # fmt: skip
        for e in idx.entries:
            k = e.competition
            _plain(e.full_name, e.category, e.group, *((k.vacancy_ref, k.body) if k else ()))
        _sides(ctx, BODY, AUTHORITY)
        plan = Plan(kind=self.kind.value, counts={"add": 0, "skip": 0})
        todo = []
        for e in idx.entries:
            old = repo.by_iin(ctx.conn, e.iin)
            if old is not None and old.status in (R2kStatus.SUBMITTED, R2kStatus.ENROLLED, R2kStatus.PLACED):
                plan.counts["skip"] += 1
                plan.notices.append(Notice(key="r2k.submission_known", params={"iin": e.iin}))
                continue
            plan.counts["add"] += 1
            plan.changes.append(Change(action="add", entity=f"r2k:{e.iin}", label=e.full_name))
            todo.append(e)
        plan.data = (idx.sent, todo)
        return plan

    def apply(self, uow: UnitOfWork, ctx: Context, index: bytes, parts: Parts,
              bundle_id: str) -> tuple[Plan, list[Carried]]:  # fmt: skip
        plan = self.prepare(ctx, index, parts)
        sent, todo = plan.data
        for e in todo:
            _wf(ctx).submission_received(uow, _reservist(e, sent, ctx.at), peer=ctx.peer.id,
                                         bundle_id=bundle_id)  # fmt: skip
        return plan, []

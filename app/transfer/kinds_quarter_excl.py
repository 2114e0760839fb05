"""Exclusion bundles (Rules-2025 p.18, p.19): the body's submissions with their ground and
evidence to the Department, and the Head of PA's decisions back to the body. A submission is
known on both sides by (IIN, ground, date of the fact), so a bundle applied twice adds nothing."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import msgspec

from app.domain import quarter as q
from app.domain.reserve import ExclusionGround
from app.domain.workflow import NomineeStatus
from app.errors import InvalidInput
from app.store import quarter_repo as repo
from app.store.connection import Connection
from app.store.database import UnitOfWork
from app.store.nominees import Nominees
from app.transfer.kinds import (
    Carried,
    Change,
    Context,
    Kind,
    Payload,
    Plan,
    Selection,
    decode_index,
    register,
)
from app.transfer.kinds_quarter import (
    IIN,
    Short,
    Text,
    _local,
    _plan_decisions,
    peer_role,
    set_status,
)  # fmt: skip

SUBMISSION_FORMAT = "rezerv.exclusion-submission/1"
DECISION_FORMAT = "rezerv.exclusion-decision/1"


class SubmissionEntry(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    iin: IIN
    ground: ExclusionGround
    fact_date: dt.date
    evidence: Text
    source: Annotated[str, msgspec.Meta(pattern="^(manual|rules)$")]


class SubmissionIndex(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    format: str
    entries: Annotated[list[SubmissionEntry], msgspec.Meta(min_length=1, max_length=10_000)]


class DecisionEntry(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    iin: IIN
    ground: ExclusionGround
    fact_date: dt.date
    decision: q.ExclusionDecision
    number: Short
    day: dt.date


class DecisionIndex(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    format: str
    entries: Annotated[list[DecisionEntry], msgspec.Meta(min_length=1, max_length=10_000)]


def _check(idx: SubmissionIndex | DecisionIndex, fmt: str, parts: list[bytes]) -> None:
    if idx.format != fmt or parts:
        raise InvalidInput("bundle.index_invalid", detail=idx.format[:40])


class SubmissionHandler:
    kind = Kind.EXCLUSION_SUBMISSION

    def build(self, conn: Connection, sel: Selection, at: dt.date) -> Payload:
        found = [x for x in repo.exclusions(conn, state=q.ExclusionState.RAISED)
                 if not sel.nominee_ids or x.nominee_id in sel.nominee_ids]  # fmt: skip
        if not found:
            raise InvalidInput("exclusion.nothing_to_send")
        for x in found:
            repo.update_exclusion(conn, x.id, state=q.ExclusionState.SUBMITTED, submitted=at.isoformat())
        entries = [SubmissionEntry(iin=x.iin, ground=ExclusionGround(x.ground), fact_date=x.fact_date,
                                   evidence=x.evidence, source=x.source) for x in found]  # fmt: skip
        idx = SubmissionIndex(format=SUBMISSION_FORMAT, entries=entries)
        return Payload(index=msgspec.json.encode(idx), parts=[])

    def prepare(self, ctx: Context, index: bytes, parts: list[bytes]) -> Plan:
        idx: SubmissionIndex = decode_index(index, SubmissionIndex)
        _check(idx, SUBMISSION_FORMAT, parts)
        plan = Plan(kind=self.kind.value, counts={"add": 0, "skip": 0})
        todo = []
        for e in idx.entries:
            nid = _local(ctx.conn, e.iin, plan)
            if nid is None or repo.member(ctx.conn, nid) is None:
                plan.counts["skip"] += 1
                continue
            plan.counts["add"] += 1
            plan.changes.append(Change(action="exclusion", entity=f"nominee:{e.iin}", label=e.ground.value))
            todo.append((nid, e))
        plan.data = todo
        return plan

    def apply(self, uow: UnitOfWork, ctx: Context, plan: Plan, bundle_id: str) -> list[Carried]:
        for nid, e in plan.data:
            xid = repo.add_exclusion(uow.conn, nid, e.ground.value, e.fact_date, e.evidence,
                                     source=e.source, state=q.ExclusionState.RECEIVED,
                                     raised=uow.now.isoformat(timespec="seconds"))  # fmt: skip
            if xid is not None:
                uow.audit("exclusion.received", f"nominee:{nid}",
                          {"bundle": bundle_id, "exclusion": xid, "ground": e.ground.value})  # fmt: skip
        return []


class DecisionHandler:
    kind = Kind.EXCLUSION_DECISION

    def build(self, conn: Connection, sel: Selection, at: dt.date) -> Payload:
        body = peer_role(conn, sel.peer_id)
        found = [x for x in repo.exclusions(conn, state=q.ExclusionState.DECIDED, body=body)
                 if x.decision_sent is None
                 and (not sel.nominee_ids or x.nominee_id in sel.nominee_ids)]  # fmt: skip
        if not found:
            raise InvalidInput("exclusion.nothing_to_send")
        entries = []
        for x in found:
            assert x.decision is not None and x.decision_day is not None
            repo.update_exclusion(conn, x.id, decision_sent=at.isoformat())
            entries.append(DecisionEntry(iin=x.iin, ground=ExclusionGround(x.ground),
                                         fact_date=x.fact_date, decision=q.ExclusionDecision(x.decision),
                                         number=x.decision_number, day=x.decision_day))  # fmt: skip
        idx = DecisionIndex(format=DECISION_FORMAT, entries=entries)
        return Payload(index=msgspec.json.encode(idx), parts=[])

    def prepare(self, ctx: Context, index: bytes, parts: list[bytes]) -> Plan:
        idx: DecisionIndex = decode_index(index, DecisionIndex)
        _check(idx, DECISION_FORMAT, parts)
        plan = Plan(kind=self.kind.value, counts={"exclude": 0, "reject": 0, "skip": 0})
        plan.data = _plan_decisions(ctx.conn, idx.entries, plan)
        return plan

    def apply(self, uow: UnitOfWork, ctx: Context, plan: Plan, bundle_id: str) -> list[Carried]:
        for nid, e in plan.data:
            x = repo.find_exclusion(uow.conn, nid, e.ground.value, e.fact_date)
            if x is None:
                xid = repo.add_exclusion(uow.conn, nid, e.ground.value, e.fact_date, "",
                                         source="manual", state=q.ExclusionState.DECIDED,
                                         raised=uow.now.isoformat(timespec="seconds"))  # fmt: skip
                assert xid is not None
            elif x.state == q.ExclusionState.DECIDED:
                continue
            else:
                xid = x.id
            record_decision(uow, nid, xid, e.ground.value, e.decision, e.number, e.day,
                            {"bundle": bundle_id})  # fmt: skip
        return []


def record_decision(uow: UnitOfWork, nid: int, xid: int, ground: str, decision: str, number: str,
                    day: dt.date, payload: dict[str, object]) -> None:  # fmt: skip
    """The Head of PA's exclusion decision (p.19), at either workstation."""
    repo.update_exclusion(uow.conn, xid, state=q.ExclusionState.DECIDED, decision=decision,
                          decision_number=number, decision_day=day.isoformat())  # fmt: skip
    uow.audit("exclusion.decided", f"nominee:{nid}", payload | {
        "exclusion": xid, "decision": decision, "number": number, "day": day.isoformat()})  # fmt: skip
    if decision == q.ExclusionDecision.EXCLUDE:
        repo.exclude_member(uow.conn, nid, day, ground, number)
        if Nominees(uow.conn).get(nid, with_photo=False).status != NomineeStatus.EXCLUDED:
            set_status(uow, nid, NomineeStatus.EXCLUDED, "exclusion.excluded", {"exclusion": xid})


register(SubmissionHandler())
register(DecisionHandler())

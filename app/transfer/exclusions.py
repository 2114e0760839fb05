"""Exclusion bundles (Rules-2025 p.18, p.19): the body's submissions with their ground and
evidence to the Department, and the Head of PA's decisions back to the body. A submission is
known on both sides by (IIN, ground, date of the fact), so a bundle applied twice adds nothing.
The handlers decode and validate; ``ctx.services`` records what they carry."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import msgspec

from app.domain import quarter as q
from app.domain.reserve import ExclusionGround
from app.errors import InvalidInput
from app.rules.rulesets import Evaluator
from app.store import quarter_repo as repo
from app.store.connection import Connection
from app.store.database import UnitOfWork
from app.transfer.entries import IIN, Short, Text, local, plan_decisions
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


def _check(idx: SubmissionIndex | DecisionIndex, fmt: str, parts: Parts) -> None:
    if idx.format != fmt or parts:
        raise InvalidInput("bundle.index_invalid", detail=idx.format[:40])


class SubmissionHandler:
    kind = Kind.EXCLUSION_SUBMISSION

    def build(self, conn: Connection, sel: Selection, at: dt.date, ev: Evaluator) -> Payload:
        found = [x for x in repo.exclusions(conn, state=q.ExclusionState.RAISED)
                 if not sel.nominee_ids or x.nominee_id in sel.nominee_ids]  # fmt: skip
        if not found:
            raise InvalidInput("exclusion.nothing_to_send")
        entries = [SubmissionEntry(iin=x.iin, ground=ExclusionGround(x.ground), fact_date=x.fact_date,
                                   evidence=x.evidence, source=x.source) for x in found]  # fmt: skip
        idx = SubmissionIndex(format=SUBMISSION_FORMAT, entries=entries)
        return Payload(index=msgspec.json.encode(idx), parts=[],
                       sent=[Sent(what="exclusion_submitted", id=x.id) for x in found])

    def prepare(self, ctx: Context, index: bytes, parts: Parts) -> Plan:
        idx: SubmissionIndex = decode_index(index, SubmissionIndex)
        _check(idx, SUBMISSION_FORMAT, parts)
        plan = Plan(kind=self.kind.value, counts={"add": 0, "skip": 0})
        todo = []
        for e in idx.entries:
            nid = local(ctx.conn, e.iin, plan)
            if nid is None or repo.member(ctx.conn, nid) is None:
                plan.counts["skip"] += 1
                continue
            plan.counts["add"] += 1
            plan.changes.append(Change(action="exclusion", entity=f"nominee:{e.iin}", label=e.ground.value))
            todo.append((nid, e))
        plan.data = todo
        return plan

    def apply(self, uow: UnitOfWork, ctx: Context, index: bytes, parts: Parts,
              bundle_id: str) -> tuple[Plan, list[Carried]]:  # fmt: skip
        plan = self.prepare(ctx, index, parts)
        return plan, self._apply(uow, ctx, plan, bundle_id)

    def _apply(self, uow: UnitOfWork, ctx: Context, plan: Plan, bundle_id: str) -> list[Carried]:
        for nid, e in plan.data:
            ctx.services.exclusion_received(uow, nid, ground=e.ground.value, fact_date=e.fact_date,
                                            evidence=e.evidence, source=e.source,
                                            bundle_id=bundle_id)  # fmt: skip
        return []


class DecisionHandler:
    kind = Kind.EXCLUSION_DECISION

    def build(self, conn: Connection, sel: Selection, at: dt.date, ev: Evaluator) -> Payload:
        body = role_of(conn, sel.peer_id)
        found = [x for x in repo.exclusions(conn, state=q.ExclusionState.DECIDED, body=body)
                 if x.decision_sent is None
                 and (not sel.nominee_ids or x.nominee_id in sel.nominee_ids)]  # fmt: skip
        if not found:
            raise InvalidInput("exclusion.nothing_to_send")
        entries = []
        for x in found:
            assert x.decision is not None and x.decision_day is not None
            entries.append(DecisionEntry(iin=x.iin, ground=ExclusionGround(x.ground),
                                         fact_date=x.fact_date, decision=q.ExclusionDecision(x.decision),
                                         number=x.decision_number, day=x.decision_day))  # fmt: skip
        idx = DecisionIndex(format=DECISION_FORMAT, entries=entries)
        return Payload(index=msgspec.json.encode(idx), parts=[],
                       sent=[Sent(what="exclusion_decision", id=x.id) for x in found])

    def prepare(self, ctx: Context, index: bytes, parts: Parts) -> Plan:
        idx: DecisionIndex = decode_index(index, DecisionIndex)
        _check(idx, DECISION_FORMAT, parts)
        plan = Plan(kind=self.kind.value, counts={"exclude": 0, "reject": 0, "skip": 0})
        plan.data = plan_decisions(ctx.conn, idx.entries, plan)
        return plan

    def apply(self, uow: UnitOfWork, ctx: Context, index: bytes, parts: Parts,
              bundle_id: str) -> tuple[Plan, list[Carried]]:  # fmt: skip
        plan = self.prepare(ctx, index, parts)
        return plan, self._apply(uow, ctx, plan, bundle_id)

    def _apply(self, uow: UnitOfWork, ctx: Context, plan: Plan, bundle_id: str) -> list[Carried]:
        for nid, e in plan.data:
            ctx.services.exclusion_decided(uow, nid, ground=e.ground.value, fact_date=e.fact_date,
                                           decision=e.decision.value, number=e.number, day=e.day,
                                           bundle_id=bundle_id)  # fmt: skip
        return []

"""Bundle kinds of the quarter cycle, Department -> body: findings (p.11(1)) and decision extracts
(p.13). Each handler decodes and validates its index and hands every carried fact to the services
(``ctx.services``), which record it and move the nominee's state."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import msgspec

from app.domain import quarter as q
from app.errors import InvalidInput
from app.rules.rulesets import Evaluator
from app.store import quarter_repo as repo
from app.store.connection import Connection
from app.store.database import UnitOfWork
from app.store.nominees import Nominees
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


class ExtractIndex(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    format: str
    quarter: QuarterText
    body: Short
    entries: Annotated[list[ExtractEntry], msgspec.Meta(min_length=1, max_length=50_000)]


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
        idx = ExtractIndex(format=EXTRACT_FORMAT, quarter=sel.quarter, body=body, entries=entries)
        return Payload(index=msgspec.json.encode(idx), parts=[], sent=sent)

    def prepare(self, ctx: Context, index: bytes, parts: Parts) -> Plan:
        idx: ExtractIndex = decode_index(index, ExtractIndex)
        if idx.format != EXTRACT_FORMAT or parts:
            raise InvalidInput("bundle.index_invalid", detail=idx.format[:40])
        plan = Plan(kind=self.kind.value, counts={"enrol": 0, "refuse": 0, "skip": 0})
        plan.data = (idx, plan_decisions(ctx.conn, idx.entries, plan))
        return plan

    def apply(self, uow: UnitOfWork, ctx: Context, index: bytes, parts: Parts,
              bundle_id: str) -> tuple[Plan, list[Carried]]:  # fmt: skip
        plan = self.prepare(ctx, index, parts)
        return plan, self._apply(uow, ctx, plan, bundle_id)

    def _apply(self, uow: UnitOfWork, ctx: Context, plan: Plan, bundle_id: str) -> list[Carried]:
        idx, todo = plan.data
        for nid, e in todo:
            ctx.services.decision_received(uow, nid, decision=e.decision.value, number=e.number,
                                           day=e.day, position=e.position, term_ends=e.term_ends,
                                           received_on=ctx.at, bundle_id=bundle_id)  # fmt: skip
        if idx.quarter:
            ctx.services.extract_received(uow, quarter=idx.quarter, body=idx.body, day=ctx.at,
                                          bundle_id=bundle_id)  # fmt: skip
        return []

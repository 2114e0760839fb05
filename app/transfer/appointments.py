"""Appointment reports (Rules-2025 p.14): the body tells the Department which members were
appointed from the reserve, with the order and, when the three-month minimum was shortened, the
override of the President or the Head of PA — so both registers end the membership the same way.
Known on both sides by the IIN: a report applied twice adds nothing. The handler decodes and
validates; ``ctx.services`` records what it carries."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import msgspec

from app.domain.workflow import NomineeStatus
from app.errors import InvalidInput
from app.rules.rulesets import Evaluator
from app.store import meta
from app.store import quarter_repo as repo
from app.store import reserve_life as life
from app.store.connection import Connection
from app.store.database import UnitOfWork
from app.store.nominees import Nominees
from app.transfer.entries import IIN, Short, local
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

FORMAT = "rezerv.appointment-report/1"


class OverrideEntry(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    by: Annotated[str, msgspec.Meta(pattern="^(president|head_pa)$")]
    number: Short
    day: dt.date


class AppointmentEntry(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    iin: IIN
    position: Short
    order: Short
    day: dt.date
    override: OverrideEntry | None = None


class AppointmentIndex(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    format: str
    entries: Annotated[list[AppointmentEntry], msgspec.Meta(min_length=1, max_length=10_000)]


def _appointable(conn: Connection, nid: int) -> bool:
    """A member here, enrolled, not yet appointed (a report applied twice adds nothing)."""
    if repo.member(conn, nid) is None or life.appointment(conn, nid) is not None:
        return False
    return Nominees(conn).status(nid) == NomineeStatus.ENROLLED


class AppointmentHandler:
    kind = Kind.APPOINTMENT_REPORT

    def build(self, conn: Connection, sel: Selection, at: dt.date, ev: Evaluator) -> Payload:
        body = meta.value(conn, "role") or ""
        found = [(nid, iin, a) for nid, iin, a in life.unsent_appointments(conn, body=body)
                 if not sel.nominee_ids or nid in sel.nominee_ids]  # fmt: skip
        if not found:
            raise InvalidInput("life.nothing_to_report")
        entries = []
        for nid, iin, a in found:
            o = life.override(conn, nid)
            oe = None if o is None else OverrideEntry(by=o.authority, number=o.number, day=o.day)
            entries.append(AppointmentEntry(iin=iin, position=a.position, order=a.order_ref, day=a.day,
                                            override=oe))  # fmt: skip
        idx = AppointmentIndex(format=FORMAT, entries=entries)
        return Payload(index=msgspec.json.encode(idx), parts=[],
                       sent=[Sent(what="appointment", id=nid) for nid, _, _ in found])

    def prepare(self, ctx: Context, index: bytes, parts: Parts) -> Plan:
        idx: AppointmentIndex = decode_index(index, AppointmentIndex)
        if idx.format != FORMAT or parts:
            raise InvalidInput("bundle.index_invalid", detail=idx.format[:40])
        if role_of(ctx.conn, ctx.peer.id) in ("", "department"):
            raise InvalidInput("bundle.index_invalid", detail="sender")
        plan = Plan(kind=self.kind.value, counts={"add": 0, "skip": 0})
        todo = []
        for e in idx.entries:
            nid = local(ctx.conn, e.iin, plan)
            if nid is None or not _appointable(ctx.conn, nid):
                plan.counts["skip"] += 1
                continue
            plan.counts["add"] += 1
            plan.changes.append(Change(action="appointment", entity=f"nominee:{e.iin}", label=e.order))
            todo.append((nid, e))
        plan.data = todo
        return plan

    def apply(self, uow: UnitOfWork, ctx: Context, index: bytes, parts: Parts,
              bundle_id: str) -> tuple[Plan, list[Carried]]:  # fmt: skip
        plan = self.prepare(ctx, index, parts)
        return plan, self._apply(uow, ctx, plan, bundle_id)

    def _apply(self, uow: UnitOfWork, ctx: Context, plan: Plan, bundle_id: str) -> list[Carried]:
        for nid, e in plan.data:
            o = e.override
            ctx.services.appointment_received(
                uow, nid, position=e.position, order=e.order, day=e.day,
                override=None if o is None else (o.by, o.number, o.day), bundle_id=bundle_id)  # fmt: skip
        return []

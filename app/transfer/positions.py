"""The body's positions catalogue and need, sent to the Department (Rules-2025 p.11(2): the
Department forms the list taking into account the bodies' need, p.8 part 1; p.4: the positions of
the Decree No. 290 list). The bundle carries the whole catalogue of the sending body with every
current and expected vacancy, as of the day it was built: applying it makes the Department's copy
of that body's catalogue and need exactly what was sent. The handler decodes and validates;
``ctx.services`` records what it carries."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import msgspec

from app.domain.positions import BODIES, NeedReason, Position, default_horizon
from app.errors import InvalidInput, UsageError
from app.rules.deadlines import quarter_of
from app.rules.rulesets import Evaluator
from app.store import meta
from app.store import positions as repo
from app.store.connection import Connection
from app.store.database import UnitOfWork
from app.store.folding import fold
from app.transfer.entries import QuarterText
from app.transfer.kinds import (
    Carried,
    Change,
    Context,
    Kind,
    Parts,
    Payload,
    Plan,
    Selection,
    decode_index,
)
from app.transfer.peers import role_of

FORMAT = "rezerv.positions/1"
MAX_POSITIONS = 20_000
MAX_NEEDS = 200  # per position
MAX_NEEDS_TOTAL = 100_000

Title = Annotated[str, msgspec.Meta(min_length=1, max_length=500)]
Reason = Annotated[str, msgspec.Meta(pattern="^(" + "|".join(r.value for r in NeedReason) + ")$")]


class NeedEntry(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    vacant_from: dt.date
    reason: Reason


class PositionEntry(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    title: Title
    subdivision: Annotated[str, msgspec.Meta(max_length=500)] = ""
    level: Annotated[str, msgspec.Meta(max_length=100)] = ""
    decree_290: bool
    service_years: Annotated[int, msgspec.Meta(ge=0, le=60)] | None = None
    training: Annotated[str, msgspec.Meta(max_length=500)] = ""
    needs: Annotated[list[NeedEntry], msgspec.Meta(max_length=MAX_NEEDS)] = []


class PositionsIndex(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    format: str
    body: Annotated[str, msgspec.Meta(pattern="^(" + "|".join(BODIES) + ")$")]
    quarter: QuarterText
    as_of: dt.date
    horizon: dt.date
    positions: Annotated[list[PositionEntry], msgspec.Meta(max_length=MAX_POSITIONS)]


class Received(msgspec.Struct, frozen=True, kw_only=True):
    """What ``prepare`` hands to ``apply``: the body's catalogue and need, validated."""

    body: str
    quarter: str
    as_of: dt.date
    horizon: dt.date
    positions: list[Position]
    needs: list[tuple[str, dt.date, str]]  # (title, vacant from, reason)


def _bad(detail: str) -> InvalidInput:
    return InvalidInput("bundle.index_invalid", detail=detail[:60])


def _check(idx: PositionsIndex) -> Received:
    if idx.format != FORMAT:
        raise _bad(idx.format)
    if idx.horizon < idx.as_of:
        raise _bad("horizon")
    seen: set[str] = set()
    found, needs = [], []
    for i, e in enumerate(idx.positions):
        key = fold(e.title)
        if not key or any(ord(c) < 32 for c in e.title) or key in seen:
            raise _bad(f"positions[{i}].title")
        seen.add(key)
        found.append(Position(title=e.title, body=idx.body, subdivision=e.subdivision, level=e.level,
                              decree_290=e.decree_290, service_years=e.service_years,
                              training=e.training))  # fmt: skip
        for j, n in enumerate(e.needs):
            if n.vacant_from.year < 2000:
                raise _bad(f"positions[{i}].needs[{j}].vacant_from")
            needs.append((e.title, n.vacant_from, n.reason))
    if len(needs) > MAX_NEEDS_TOTAL:
        raise _bad("needs")
    return Received(body=idx.body, quarter=idx.quarter, as_of=idx.as_of, horizon=idx.horizon,
                    positions=found, needs=needs)  # fmt: skip


class PositionsHandler:
    kind = Kind.POSITIONS

    def build(self, conn: Connection, sel: Selection, at: dt.date, ev: Evaluator) -> Payload:
        body = meta.value(conn, "role") or ""
        if body not in BODIES:
            raise UsageError("positions.bundle.not_body")
        if role_of(conn, sel.peer_id) != "department":
            raise UsageError("positions.bundle.not_to_department")
        catalogue = repo.positions(conn, body=body)
        if not catalogue:
            raise InvalidInput("positions.bundle.empty")
        by_title: dict[str, list[NeedEntry]] = {}
        for title, day, reason in repo.body_needs(conn, body):
            by_title.setdefault(title, []).append(NeedEntry(vacant_from=day, reason=reason))
        entries = [PositionEntry(title=p.title, subdivision=p.subdivision, level=p.level,
                                 decree_290=p.decree_290, service_years=p.service_years,
                                 training=p.training, needs=by_title.get(p.title, []))
                   for p in catalogue]  # fmt: skip
        idx = PositionsIndex(format=FORMAT, body=body, quarter=sel.quarter or quarter_of(at), as_of=at,
                             horizon=default_horizon(at), positions=entries)  # fmt: skip
        return Payload(index=msgspec.json.encode(idx), parts=[])

    def prepare(self, ctx: Context, index: bytes, parts: Parts) -> Plan:
        idx: PositionsIndex = decode_index(index, PositionsIndex)
        if parts:
            raise _bad("parts")
        if meta.value(ctx.conn, "role") != "department":
            raise InvalidInput("positions.bundle.not_department")
        if role_of(ctx.conn, ctx.peer.id) != idx.body:
            raise InvalidInput("positions.bundle.other_body", body=idx.body)
        got = _check(idx)
        plan = Plan(kind=self.kind.value, counts={"add": 0, "update": 0, "same": 0, "remove": 0,
                                                  "need": len(got.needs)})  # fmt: skip
        before = {fold(p.title): p for p in repo.positions(ctx.conn, body=got.body)}
        for p in got.positions:
            old = before.pop(fold(p.title), None)
            if old is None:
                action = "add"
            elif msgspec.structs.replace(old, id=0) == p:
                plan.counts["same"] += 1
                continue
            else:
                action = "update"
            plan.counts[action] += 1
            plan.changes.append(Change(action=action, entity=f"position:{p.title}", label=p.subdivision))
        for gone in before.values():
            plan.counts["remove"] += 1
            plan.changes.append(Change(action="remove", entity=f"position:{gone.title}",
                                       label=gone.subdivision))  # fmt: skip
        plan.data = got
        return plan

    def apply(self, uow: UnitOfWork, ctx: Context, index: bytes, parts: Parts,
              bundle_id: str) -> tuple[Plan, list[Carried]]:  # fmt: skip
        plan = self.prepare(ctx, index, parts)
        got: Received = plan.data
        ctx.services.positions_received(uow, body=got.body, quarter=got.quarter, as_of=got.as_of,
                                        horizon=got.horizon, positions=got.positions,
                                        needs=got.needs, bundle_id=bundle_id)  # fmt: skip
        return plan, []

"""What the quarter kinds' indexes share: bounded field types and the lookup of a carried IIN."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated, Any

import msgspec

from app.store.connection import Connection
from app.store.nominees import Nominees
from app.transfer.kinds import Change, Notice, Plan

IIN = Annotated[str, msgspec.Meta(pattern="^[0-9]{12}$")]
Text = Annotated[str, msgspec.Meta(max_length=4000)]
Short = Annotated[str, msgspec.Meta(max_length=200)]
QuarterText = Annotated[str, msgspec.Meta(pattern="^([0-9]{4}Q[1-4])?$")]


def local(conn: Connection, iin: str, plan: Plan) -> int | None:
    """The local nominee id of ``iin``; an unknown one is noted on the plan."""
    nid = Nominees(conn).id_by_iin(iin)
    if nid is None:
        plan.notices.append(Notice(key="quarter.bundle_unknown_nominee", params={"iin": iin}))
    return nid


def plan_decisions(conn: Connection, entries: Sequence[Any], plan: Plan) -> list[tuple[int, Any]]:
    """Entries carrying one decision per nominee: counted by decision, unknown nominees skipped."""
    todo = []
    for e in entries:
        nid = local(conn, e.iin, plan)
        if nid is None:
            plan.counts["skip"] += 1
            continue
        plan.counts[e.decision.value] += 1
        plan.changes.append(Change(action=e.decision.value, entity=f"nominee:{e.iin}"))
        todo.append((nid, e))
    return todo

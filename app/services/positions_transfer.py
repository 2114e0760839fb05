"""The body's catalogue and need travel to the Department in a bundle of their own (kind
``positions``; Rules-2025 p.11(2): the Department forms the list taking the bodies' need into
account, p.8 part 1). The body sends; the Department keeps each body's catalogue and need as the
last bundle carried them and shows them when it forms the list."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import msgspec

from app.domain.positions import Position
from app.progress import Progress
from app.rules.deadlines import quarter_of
from app.security.roles import Permission
from app.services import transfer_bundles as tb
from app.services.workstation import Session
from app.store import positions as repo
from app.store.database import UnitOfWork
from app.transfer.kinds import Kind


def send(s: Session, *, peer_id: str, out: Path,
         progress: Progress | None = None) -> tb.ExportResult:  # fmt: skip
    """Export this body's catalogue and need to the Department (``peer_id``: its id or role);
    ``progress`` as ``tb.export_bundle``."""
    from app.services.quarter import resolve_peer

    s.require(Permission.EXCHANGE)
    peer = resolve_peer(s, peer_id)
    return tb.export_bundle(s, kind=Kind.POSITIONS.value, peer_id=peer, out=out,
                            quarter=quarter_of(s.clock.today()), progress=progress)  # fmt: skip


def received(uow: UnitOfWork, *, body: str, quarter: str, as_of: dt.date, horizon: dt.date,
             found: list[Position], needs: list[tuple[str, dt.date, str]],
             bundle_id: str) -> None:  # fmt: skip
    """Record a body's catalogue and need at the Department, in the import's unit of work."""
    counts = repo.replace_body(uow.conn, body, found, needs, now=uow.now, user=uow.user)
    repo.put_received(uow.conn, repo.Received(
        body=body, quarter=quarter, as_of=as_of, horizon=horizon, bundle_id=bundle_id,
        received=uow.now.isoformat(timespec="seconds"), positions=len(found), needs=len(needs)))  # fmt: skip
    uow.audit("positions.received", f"positions:{body}", {
        "bundle": bundle_id, "quarter": quarter, "as_of": as_of.isoformat(), **counts})  # fmt: skip


class BodyNeed(msgspec.Struct, frozen=True, kw_only=True):
    """One body's need as the Department sees it when forming the list (p.11(2))."""

    body: str
    positions: int
    need: int  # vacancies now and expected within the horizon
    ready: int
    gap: int
    flagged: int  # positions with a need and no member ready
    as_of: dt.date | None  # the day the body's catalogue was sent; None: kept here, not received
    quarter: str = ""


def need_by_body(s: Session) -> list[BodyNeed]:
    """Each body's bench strength totals, with the date its catalogue and need were sent."""
    from app.services import bench

    s.require(Permission.READ)
    with s.db.reading() as conn:
        got = repo.received(conn)
    totals = bench.bench(s).by_body()
    out = []
    for body in sorted(set(totals) | set(got)):
        t = totals.get(body, {})
        r = got.get(body)
        out.append(BodyNeed(body=body, positions=t.get("positions", 0), need=t.get("need", 0),
                            ready=t.get("ready", 0), gap=t.get("gap", 0),
                            flagged=t.get("flagged", 0), as_of=r.as_of if r else None,
                            quarter=r.quarter if r else ""))  # fmt: skip
    return out

"""SQL of import conflicts (``transfer_conflicts``, migration 0003): stored by the import, listed
on the Transfers screen, marked resolved by the resolution. Functions over the caller's
connection or unit of work; no transactions are opened here."""

from __future__ import annotations

import datetime as dt

import msgspec

from app.store.connection import Connection


class ConflictRow(msgspec.Struct, frozen=True, kw_only=True):
    id: int
    bundle_id: str
    peer_id: str
    nominee_id: int
    iin: str
    name: str
    local_version: int
    created: str
    resolved: str | None


_COLS = (
    "c.id, c.bundle_id, b.peer_id, c.nominee_id, c.iin, coalesce(n.surname || ' ' ||"
    " n.given_name, ''), c.local_version, c.created, c.resolved"
)
_FROM = (
    " FROM transfer_conflicts c JOIN transfer_bundles b ON b.id = c.bundle_id"
    " LEFT JOIN nominees n ON n.id = c.nominee_id"
)


def _row(r: tuple) -> ConflictRow:
    return ConflictRow(id=r[0], bundle_id=r[1], peer_id=r[2], nominee_id=r[3], iin=r[4],
                       name=r[5], local_version=r[6], created=r[7], resolved=r[8])  # fmt: skip


def all_conflicts(conn: Connection) -> list[ConflictRow]:
    """Open ones first, newest first."""
    sql = f"SELECT {_COLS}{_FROM} ORDER BY c.resolved IS NOT NULL, c.id DESC"
    return [_row(r) for r in conn.execute(sql)]


def one(conn: Connection, conflict_id: int) -> tuple[ConflictRow, bytes, bytes | None] | None:
    """The conflict, the incoming dossier as stored (encoded) and its photo; None when unknown."""
    r = conn.execute(f"SELECT {_COLS}, c.data, c.photo{_FROM} WHERE c.id = ?", (conflict_id,)).fetchone()
    if r is None:
        return None
    return _row(r), bytes(r[9]), bytes(r[10]) if r[10] else None


def add(conn: Connection, *, bundle_id: str, nominee_id: int, iin: str, local_version: int,
        data: bytes, photo: bytes | None, created: dt.datetime) -> None:  # fmt: skip
    conn.execute(
        "INSERT INTO transfer_conflicts (bundle_id, nominee_id, iin, local_version,"
        " data, photo, created) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (bundle_id, nominee_id, iin, local_version, data, photo,
         created.isoformat(timespec="seconds")),
    )  # fmt: skip


def mark_resolved(conn: Connection, conflict_id: int, at: str) -> bool:
    """True when this call resolved it (False: unknown or already resolved)."""
    cur = conn.execute(
        "UPDATE transfer_conflicts SET resolved = ? WHERE id = ? AND resolved IS NULL",
        (at, conflict_id),
    )
    return cur.rowcount == 1

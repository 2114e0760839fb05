"""SQL of import conflicts (``transfer_conflicts``, migration 0003) that the resolution writes.
Functions over the caller's unit of work; no transactions are opened here."""

from __future__ import annotations

from app.store.connection import Connection


def mark_resolved(conn: Connection, conflict_id: int, at: str) -> bool:
    """True when this call resolved it (False: unknown or already resolved)."""
    cur = conn.execute(
        "UPDATE transfer_conflicts SET resolved = ? WHERE id = ? AND resolved IS NULL",
        (at, conflict_id),
    )
    return cur.rowcount == 1

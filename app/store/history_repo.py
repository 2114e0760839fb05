"""SQL for the synthetic quarter history of demo workstations (``app.services.demo_history``):
bulk moves of demo dossiers to a quarter and a state, and appointments added to their service
history. Never used on real data."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from app.domain.dossier import Dossier
from app.store.connection import Connection
from app.store.nominees import decode, encode, facts, put_facts


def nominees(conn: Connection) -> list[tuple[int, str]]:
    """(id, body) of every dossier, in id order."""
    return [(int(r[0]), r[1]) for r in conn.execute("SELECT id, body FROM nominees ORDER BY id")]


def place(conn: Connection, rows: Sequence[tuple[str, str, int]]) -> None:
    """(quarter, status, id): each dossier's quarter and state."""
    conn.executemany("UPDATE nominees SET quarter = ?, status = ? WHERE id = ?", rows)


def edit_dossiers(conn: Connection, ids: Sequence[int], change: Callable[[int, Dossier], Dossier]) -> None:
    for nid in ids:
        row = conn.execute("SELECT data FROM dossiers WHERE nominee_id = ?", (nid,)).fetchone()
        if row is not None:
            d = change(nid, decode(row[0]))
            conn.execute("UPDATE dossiers SET data = ? WHERE nominee_id = ?", (encode(d), nid))
            put_facts(conn, [facts(nid, d)])
            conn.execute("UPDATE nominees SET version = version + 1 WHERE id = ?", (nid,))

"""SQL of the exchange's log (migration 0003): bundles sent and received (``transfer_bundles``),
the dossiers each carried (``transfer_items``), stored receipts (``transfer_outbox``). Functions
over the caller's connection or unit of work; no transactions are opened here. Peers, their
chains and the workstation's own keys are ``app.store.transfer_peers``; conflicts
``app.store.conflicts``."""

from __future__ import annotations

import datetime as dt

import msgspec

from app.store.connection import Connection


class BundleRow(msgspec.Struct, frozen=True, kw_only=True):
    id: str
    direction: str
    peer_id: str
    peer_role: str
    kind: str
    seq: int
    created: str
    processed: str
    user: str
    acked: str | None
    dossiers: int
    stored: bool  # ciphertext kept in the outbox (receipts): can be written again


def bundles(conn: Connection, direction: str, limit: int) -> list[BundleRow]:
    """The newest first."""
    rows = conn.execute(
        "SELECT b.id, b.direction, b.peer_id, coalesce(p.role, ''), b.kind, b.seq, b.created,"
        " b.processed, b.user, b.acked,"
        " (SELECT count(*) FROM transfer_items i WHERE i.bundle_id = b.id),"
        " EXISTS (SELECT 1 FROM transfer_outbox o WHERE o.bundle_id = b.id)"
        " FROM transfer_bundles b LEFT JOIN transfer_peers p ON p.id = b.peer_id"
        " WHERE b.direction = ? ORDER BY b.processed DESC, b.seq DESC LIMIT ?",
        (direction, limit),
    )
    return [BundleRow(id=r[0], direction=r[1], peer_id=r[2], peer_role=r[3], kind=r[4], seq=r[5],
                      created=r[6], processed=r[7], user=r[8], acked=r[9], dossiers=r[10],
                      stored=bool(r[11])) for r in rows]  # fmt: skip


def seen(conn: Connection, bundle_id: str) -> tuple[str, str] | None:
    """``(hash, processed)`` of a bundle already in the log (either direction)."""
    row = conn.execute(
        "SELECT hash, processed FROM transfer_bundles WHERE id = ?", (bundle_id,)
    ).fetchone()
    return (str(row[0]), str(row[1])) if row else None


def record(conn: Connection, *, bundle_id: str, direction: str, peer_id: str, kind: str, seq: int,
           digest: str, created: str, processed: dt.datetime, user: str) -> None:  # fmt: skip
    conn.execute(
        "INSERT INTO transfer_bundles (id, direction, peer_id, kind, seq, hash, created,"
        " processed, user) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (bundle_id, direction, peer_id, kind, seq, digest, created,
         processed.isoformat(timespec="seconds"), user),
    )  # fmt: skip


def sent(conn: Connection, bundle_id: str, peer_id: str) -> tuple[str, str | None] | None:
    """``(hash, acked)`` of a bundle sent to ``peer_id``."""
    row = conn.execute(
        "SELECT hash, acked FROM transfer_bundles WHERE id = ? AND direction = 'out'"
        " AND peer_id = ?",
        (bundle_id, peer_id),
    ).fetchone()
    return (str(row[0]), None if row[1] is None else str(row[1])) if row else None


def acknowledge(conn: Connection, *, bundle_id: str, peer_id: str, digest: str,
                at: dt.datetime) -> bool:  # fmt: skip
    """Mark a sent bundle received by its peer; False when unknown, not matching or already so."""
    cur = conn.execute(
        "UPDATE transfer_bundles SET acked = ? WHERE id = ? AND direction = 'out'"
        " AND peer_id = ? AND hash = ? AND acked IS NULL",
        (at.isoformat(timespec="seconds"), bundle_id, peer_id, digest),
    )
    return cur.rowcount > 0


def keep_outbox(conn: Connection, bundle_id: str, data: bytes) -> None:
    conn.execute("INSERT INTO transfer_outbox (bundle_id, data) VALUES (?, ?)", (bundle_id, data))


def outbox(conn: Connection, bundle_id: str) -> bytes | None:
    row = conn.execute("SELECT data FROM transfer_outbox WHERE bundle_id = ?", (bundle_id,)).fetchone()
    return None if row is None else bytes(row[0])


def last_received(conn: Connection, peer_id: str, iin: str) -> tuple[int, int] | None:
    """``(nominee id, local version)`` right after the last import of ``iin`` from ``peer_id``."""
    r = conn.execute(
        "SELECT i.nominee_id, i.version FROM transfer_items i JOIN transfer_bundles b"
        " ON b.id = i.bundle_id WHERE b.peer_id = ? AND b.direction = 'in' AND i.iin = ?"
        " ORDER BY b.seq DESC LIMIT 1",
        (peer_id, iin),
    ).fetchone()
    return (int(r[0]), int(r[1])) if r else None


def sent_versions(conn: Connection, peer_id: str) -> dict[int, int]:
    """Nominee id -> the highest local version already sent to ``peer_id``."""
    rows = conn.execute(
        "SELECT i.nominee_id, max(i.version) FROM transfer_items i JOIN transfer_bundles b"
        " ON b.id = i.bundle_id WHERE b.peer_id = ? AND b.direction = 'out'"
        " GROUP BY i.nominee_id",
        (peer_id,),
    )
    return {int(r[0]): int(r[1]) for r in rows}


def changed_since_sent(conn: Connection, peer_id: str, nid: int) -> bool:
    """Edited since its last version sent to ``peer_id`` (or never sent there)."""
    r = conn.execute(
        "SELECT n.version, (SELECT max(i.version) FROM transfer_items i JOIN"
        " transfer_bundles b ON b.id = i.bundle_id WHERE b.direction = 'out' AND"
        " b.peer_id = ? AND i.nominee_id = n.id) FROM nominees n WHERE n.id = ?",
        (peer_id, nid),
    ).fetchone()
    return r is None or r[1] is None or r[0] > r[1]


def add_items(conn: Connection, bundle_id: str, items: list[tuple[str, int, int]]) -> None:
    """The dossiers a bundle carried: ``(iin, nominee id, local version)`` each."""
    conn.executemany(
        "INSERT INTO transfer_items (bundle_id, iin, nominee_id, version) VALUES (?, ?, ?, ?)",
        [(bundle_id, iin, nid, version) for iin, nid, version in items],
    )

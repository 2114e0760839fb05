"""SQL of the exchange's parties (migration 0003): the workstation's own keys
(``transfer_identity``), pinned peers (``transfer_peers``) and the per-pair chains (sequence
number and last bundle hash per direction, ``transfer_chains``). Functions over the caller's
connection or unit of work; no transactions are opened here. What a peer may be pinned from (the
card, the typed fingerprint) is ``app.transfer.peers``."""

from __future__ import annotations

import datetime as dt
from typing import Any

import msgspec

from app.store.connection import Connection

_COLS = "id, role, age_recipient, sign_public, fingerprint, added, added_by, revoked," \
    " checkpoint_seq, checkpoint_hash"


class Peer(msgspec.Struct, frozen=True, kw_only=True):
    id: str
    role: str
    age_recipient: str
    sign_public: bytes
    fingerprint: str
    added: str
    added_by: str
    revoked: str | None
    checkpoint_seq: int
    checkpoint_hash: str

    @property
    def active(self) -> bool:
        return self.revoked is None


def _peer(r: tuple[Any, ...]) -> Peer:
    return Peer(
        id=r[0], role=r[1], age_recipient=r[2], sign_public=bytes(r[3]), fingerprint=r[4],
        added=r[5], added_by=r[6], revoked=r[7], checkpoint_seq=r[8], checkpoint_hash=r[9],
    )  # fmt: skip


def get(conn: Connection, peer_id: str) -> Peer | None:
    r = conn.execute(f"SELECT {_COLS} FROM transfer_peers WHERE id = ?", (peer_id,)).fetchone()
    return _peer(r) if r else None


def all_peers(conn: Connection) -> list[Peer]:
    sql = f"SELECT {_COLS} FROM transfer_peers ORDER BY added, id"
    return [_peer(r) for r in conn.execute(sql)]


def add(conn: Connection, *, peer_id: str, role: str, age_recipient: str, sign_public: bytes,
        fingerprint: str, added: dt.datetime, user: str) -> None:  # fmt: skip
    conn.execute(
        f"INSERT INTO transfer_peers ({_COLS}) VALUES (?, ?, ?, ?, ?, ?, ?, NULL, 0, '')",
        (peer_id, role, age_recipient, sign_public, fingerprint,
         added.isoformat(timespec="seconds"), user),
    )  # fmt: skip


def set_revoked(conn: Connection, peer_id: str, at: str) -> None:
    conn.execute("UPDATE transfer_peers SET revoked = ? WHERE id = ?", (at, peer_id))


def set_checkpoint(conn: Connection, peer_id: str, seq: int, digest: str) -> None:
    conn.execute(
        "UPDATE transfer_peers SET checkpoint_seq = ?, checkpoint_hash = ? WHERE id = ?",
        (seq, digest, peer_id),
    )


def chain(conn: Connection, peer_id: str, direction: str) -> tuple[int, str]:
    """``(last sequence number, last bundle hash)`` on one chain; ``(0, "")`` before the first."""
    r = conn.execute(
        "SELECT seq, last_hash FROM transfer_chains WHERE peer_id = ? AND direction = ?",
        (peer_id, direction),
    ).fetchone()
    return (int(r[0]), str(r[1])) if r else (0, "")


def advance(conn: Connection, peer_id: str, direction: str, seq: int, digest: str) -> None:
    conn.execute(
        "INSERT INTO transfer_chains (peer_id, direction, seq, last_hash) VALUES (?, ?, ?, ?)"
        " ON CONFLICT (peer_id, direction) DO UPDATE SET seq = excluded.seq,"
        " last_hash = excluded.last_hash",
        (peer_id, direction, seq, digest),
    )


# -- the workstation's own keys ------------------------------------------------------------------

# workstation_id, role, age_secret, age_recipient, sign_secret, sign_public, fingerprint, created
IdentityRow = tuple[str, str, str, str, bytes, bytes, str, str]


def add_identity(conn: Connection, row: IdentityRow) -> None:
    conn.execute(
        "INSERT INTO transfer_identity (id, workstation_id, role, age_secret, age_recipient,"
        " sign_secret, sign_public, fingerprint, created) VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?)",
        row,
    )


def identity(conn: Connection) -> IdentityRow | None:
    row = conn.execute(
        "SELECT workstation_id, role, age_secret, age_recipient, sign_secret, sign_public,"
        " fingerprint, created FROM transfer_identity WHERE id = 1"
    ).fetchone()
    if row is None:
        return None
    return (str(row[0]), str(row[1]), str(row[2]), str(row[3]), bytes(row[4]), bytes(row[5]),
            str(row[6]), str(row[7]))  # fmt: skip

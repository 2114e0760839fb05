"""Pinned peers and the per-pair chains (sequence number and last bundle hash per direction)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import msgspec

from app.errors import InvalidInput, NotFound
from app.store.connection import Connection
from app.transfer.identity import Card, normalize_fingerprint

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


def role_of(conn: Connection, peer_id: str) -> str:
    """The peer's role (its body, or "department"); "" for an unknown peer."""
    p = get(conn, peer_id)
    return p.role if p else ""


def require_active(conn: Connection, peer_id: str) -> Peer:
    p = get(conn, peer_id)
    if p is None:
        raise NotFound("peer.unknown", id=peer_id)
    if not p.active:
        raise InvalidInput("peer.revoked", id=peer_id)
    return p


def all_peers(conn: Connection) -> list[Peer]:
    sql = f"SELECT {_COLS} FROM transfer_peers ORDER BY added, id"
    return [_peer(r) for r in conn.execute(sql)]


def pin(conn: Connection, card: Card, typed_fingerprint: str, *, own_id: str, user: str,
        now: dt.datetime) -> Peer:  # fmt: skip
    """Pin ``card`` only when the fingerprint typed from paper matches the card's keys."""
    typed = normalize_fingerprint(typed_fingerprint)
    actual = card.computed_fingerprint()
    if card.fingerprint and card.fingerprint != actual:
        raise InvalidInput("peer.card_fingerprint_wrong")
    if typed != actual:
        raise InvalidInput("peer.fingerprint_mismatch", typed=typed)
    if card.id == own_id:
        raise InvalidInput("peer.is_self")
    existing = get(conn, card.id)
    if existing is not None:
        if existing.revoked is not None:
            raise InvalidInput("peer.revoked", id=card.id)
        raise InvalidInput("peer.exists", id=card.id)
    conn.execute(
        f"INSERT INTO transfer_peers ({_COLS}) VALUES (?, ?, ?, ?, ?, ?, ?, NULL, 0, '')",
        (card.id, card.role, card.age_recipient, bytes.fromhex(card.sign_key), actual,
         now.isoformat(timespec="seconds"), user),
    )  # fmt: skip
    peer = get(conn, card.id)
    assert peer is not None
    return peer


def revoke(conn: Connection, peer_id: str, now: dt.datetime) -> Peer:
    p = get(conn, peer_id)
    if p is None:
        raise NotFound("peer.unknown", id=peer_id)
    if p.revoked is not None:
        raise InvalidInput("peer.already_revoked", id=peer_id)
    conn.execute(
        "UPDATE transfer_peers SET revoked = ? WHERE id = ?",
        (now.isoformat(timespec="seconds"), peer_id),
    )
    return msgspec.structs.replace(p, revoked=now.isoformat(timespec="seconds"))


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

"""Pinned peers and the per-pair chains (sequence number and last bundle hash per direction):
when a card may be pinned or a peer revoked. The SQL is ``app.store.transfer_peers``."""

from __future__ import annotations

import datetime as dt

import msgspec

from app.errors import InvalidInput, NotFound
from app.store import transfer_peers
from app.store.connection import Connection
from app.transfer.identity import Card, normalize_fingerprint

Peer = transfer_peers.Peer
get = transfer_peers.get
all_peers = transfer_peers.all_peers
set_checkpoint = transfer_peers.set_checkpoint
chain = transfer_peers.chain
advance = transfer_peers.advance


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
    transfer_peers.add(conn, peer_id=card.id, role=card.role, age_recipient=card.age_recipient,
                       sign_public=bytes.fromhex(card.sign_key), fingerprint=actual, added=now,
                       user=user)  # fmt: skip
    peer = get(conn, card.id)
    assert peer is not None
    return peer


def revoke(conn: Connection, peer_id: str, now: dt.datetime) -> Peer:
    p = get(conn, peer_id)
    if p is None:
        raise NotFound("peer.unknown", id=peer_id)
    if p.revoked is not None:
        raise InvalidInput("peer.already_revoked", id=peer_id)
    transfer_peers.set_revoked(conn, peer_id, now.isoformat(timespec="seconds"))
    return msgspec.structs.replace(p, revoked=now.isoformat(timespec="seconds"))

"""Transfer identities and trust: this workstation's identity card, pinned peers."""

from __future__ import annotations

from pathlib import Path

from app.errors import InvalidInput, UsageError
from app.fsutil import atomic_write, read_bounded
from app.security.roles import Permission
from app.services.workstation import Session
from app.transfer import identity, peers
from app.transfer.identity import Card, Own
from app.transfer.peers import Peer


def own_identity(s: Session) -> Own:
    """This workstation's keys; a database made before transfers existed gets them now."""
    conn = s.db.connection()
    if not identity.has_identity(conn):
        with s.db.unit_of_work(s.user) as uow:
            if not identity.has_identity(uow.conn):
                card = identity.create_identity(uow.conn, uow.now)
                uow.audit("transfer.identity_create", f"workstation:{card.id}",
                          {"fingerprint": card.fingerprint})  # fmt: skip
            uow.commit()
    return identity.load_own(conn)


def show_identity(s: Session) -> Card:
    s.require(Permission.READ)
    return own_identity(s).card


def export_identity(s: Session, out: Path) -> Card:
    """Write the public identity card (no secret in it) for the peer to pin."""
    s.require(Permission.READ)
    card = own_identity(s).card
    if out.exists():
        raise UsageError("identity.out_exists", path=str(out))
    try:
        atomic_write(out, identity.encode_card(card), mode=0o644)
    except OSError:
        raise InvalidInput("identity.write_failed", path=str(out)) from None
    return card


def add_peer(s: Session, card_file: Path, typed_fingerprint: str) -> Peer:
    """Pin a peer from its card only when the fingerprint read from paper matches."""
    s.require(Permission.MANAGE_USERS)
    data = read_bounded(card_file, identity.MAX_CARD)
    card = identity.decode_card(data)
    own = own_identity(s)
    with s.db.unit_of_work(s.user) as uow:
        peer = peers.pin(uow.conn, card, typed_fingerprint, own_id=own.id, user=s.user, now=uow.now)
        uow.audit("transfer.peer_add", f"peer:{peer.id}",
                  {"role": peer.role, "fingerprint": peer.fingerprint})  # fmt: skip
        uow.commit()
    return peer


def list_peers(s: Session) -> list[Peer]:
    s.require(Permission.READ)
    return peers.all_peers(s.db.connection())


def revoke_peer(s: Session, peer_id: str) -> Peer:
    """A revoked peer's bundles are refused from now on; it cannot be pinned again."""
    s.require(Permission.MANAGE_USERS)
    with s.db.unit_of_work(s.user) as uow:
        peer = peers.revoke(uow.conn, peer_id, uow.now)
        uow.audit("transfer.peer_revoke", f"peer:{peer_id}", {"fingerprint": peer.fingerprint})
        uow.commit()
    return peer

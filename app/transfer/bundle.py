"""Sealing a bundle (sign, pack, encrypt) and opening one (decrypt, parse, authenticate, check
that it is fresh). Each refusal is an ``InvalidInput`` with its own key; see docs/bundle-format.md.
"""

from __future__ import annotations

import datetime as dt
import secrets

import msgspec

from app.errors import InvalidInput
from app.store import transfer_log
from app.store.connection import Connection
from app.transfer import envelope, peers
from app.transfer import format as fmt
from app.transfer.identity import Own
from app.transfer.kinds import Notice, Payload, index_media_type
from app.transfer.peers import Peer


class Sealed(msgspec.Struct, frozen=True, kw_only=True):
    data: bytes  # the age file
    manifest: fmt.Manifest
    bundle_hash: str
    plaintext: bytes = b""  # the container encrypted: the file written is checked against it


class Opened(msgspec.Struct, frozen=True, kw_only=True):
    """A bundle whose signature and recipient were checked (its items are checked as read)."""

    head: fmt.Head
    peer: Peer
    seq: int
    prev: str

    @property
    def manifest(self) -> fmt.Manifest:
        return self.head.manifest

    @property
    def bundle_hash(self) -> str:
        return self.head.bundle_hash


def seal(
    own: Own,
    *,
    kind: str,
    recipients: list[tuple[Peer, int, str]],
    payload: Payload,
    checkpoint: tuple[int, str],
    now: dt.datetime,
    bundle_id: str | None = None,
    version: int = fmt.FORMAT_VERSION,
) -> Sealed:
    """Sign and encrypt to ``recipients`` (peer, sequence, previous hash) and our archive key."""
    blobs = [payload.index, *(b for _, b in payload.parts)]
    types = [index_media_type(kind), *(mt for mt, _ in payload.parts)]
    items = [fmt.Item(media_type=mt, size=len(b), sha256=h)
             for mt, b, h in zip(types, blobs, fmt.sha256_each(blobs), strict=True)]  # fmt: skip
    manifest = fmt.Manifest(
        format=version,
        bundle_id=bundle_id or secrets.token_hex(16),
        kind=kind,
        sender=own.id,
        sender_role=own.card.role,
        sender_fingerprint=own.fingerprint,
        recipients=[fmt.Recipient(id=p.id, seq=seq, prev=prev) for p, seq, prev in recipients],
        created=now.isoformat(timespec="seconds"),
        checkpoint=fmt.Checkpoint(seq=checkpoint[0], hash=checkpoint[1]),
        items=items,
    )
    mbytes = fmt.encode_manifest(manifest)
    plaintext = fmt.pack(mbytes, fmt.sign(own.signer(), mbytes), blobs, version=version)
    keys = [p.age_recipient for p, _, _ in recipients] + [own.card.age_recipient]
    return Sealed(data=envelope.encrypt_streamed(plaintext, keys), manifest=manifest,
                  bundle_hash=fmt.bundle_hash(mbytes), plaintext=plaintext)  # fmt: skip


def unseal(data: bytes, own: Own) -> fmt.Unpacked:
    """Decrypt in memory and split the container (nothing authenticated beyond age's MAC yet)."""
    return fmt.parse(envelope.decrypt(data, own.identity()))


def authenticate(conn: Connection, own: Own, u: fmt.Head) -> Opened:
    """The sender is a pinned, active peer whose key signed this; we are a recipient. Runs
    before a single item is read (each item is then checked against the signed manifest)."""
    m = u.manifest
    if m.sender == own.id:
        fmt.verify_signature(bytes.fromhex(own.card.sign_key), u.manifest_bytes, u.signature)
        raise InvalidInput("bundle.own_bundle")
    peer = peers.get(conn, m.sender)
    if peer is None:
        raise InvalidInput(
            "bundle.unknown_sender", sender=m.sender, fingerprint=m.sender_fingerprint
        )
    if peer.revoked is not None:
        raise InvalidInput("bundle.revoked_sender", sender=m.sender, revoked=peer.revoked)
    if m.sender_fingerprint != peer.fingerprint:
        raise InvalidInput("bundle.sender_key_changed", sender=m.sender)
    fmt.verify_signature(peer.sign_public, u.manifest_bytes, u.signature)
    if m.sender_role != peer.role:
        raise InvalidInput("bundle.sender_role_changed", sender=m.sender)
    mine = [r for r in m.recipients if r.id == own.id]
    if len(mine) != 1 or len({r.id for r in m.recipients}) != len(m.recipients):
        raise InvalidInput("bundle.not_recipient")
    if not m.items or m.items[0].media_type != index_media_type(m.kind):
        raise InvalidInput("bundle.index_missing")
    return Opened(head=u, peer=peer, seq=mine[0].seq, prev=mine[0].prev)


def freshness(conn: Connection, o: Opened, *, accept_rollback: bool = False) -> list[Notice]:
    """Refuse a replayed, duplicate or older bundle, and one whose sender's audit checkpoint went
    backwards or forked (its database was probably rolled back) unless ``accept_rollback`` (a
    supervisor's decision, audited by the caller); notices for gaps and an accepted rollback."""
    m = o.manifest
    row = transfer_log.seen(conn, m.bundle_id)
    if row is not None:
        if row[0] == o.bundle_hash:
            raise InvalidInput("bundle.replayed", bundle=m.bundle_id, at=row[1])
        raise InvalidInput("bundle.duplicate_id", bundle=m.bundle_id)
    last_seq, last_hash = peers.chain(conn, o.peer.id, "in")
    notices: list[Notice] = []
    if o.seq <= last_seq:
        raise InvalidInput("bundle.old_sequence", seq=o.seq, last=last_seq, sender=o.peer.id)
    if o.seq == last_seq + 1:
        if o.prev != last_hash:
            raise InvalidInput("bundle.chain_broken", seq=o.seq, sender=o.peer.id)
    else:
        notices.append(Notice(key="bundle.gap", params={
            "first": str(last_seq + 1), "last": str(o.seq - 1), "sender": o.peer.id}))  # fmt: skip
    cp = m.checkpoint
    backwards = cp.seq < o.peer.checkpoint_seq
    forked = cp.seq == o.peer.checkpoint_seq and o.peer.checkpoint_hash not in ("", cp.hash)
    if backwards or forked:
        params = {"sender": o.peer.id, "seq": str(cp.seq), "known": str(o.peer.checkpoint_seq)}
        if not accept_rollback:
            raise InvalidInput("bundle.checkpoint_backwards" if backwards else "bundle.checkpoint_fork",
                               **params)  # fmt: skip
        notices.append(Notice(key="bundle.checkpoint_backwards", params=params))
    return notices

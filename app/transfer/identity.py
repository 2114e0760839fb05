"""The workstation's transfer identity: an age X25519 key (receiving) and an Ed25519 key (signing).

Both secrets live only in the encrypted database (``transfer_identity``). The public identity card
(``rezerv.identity/1`` JSON) carries the workstation id, its role and both public keys; its
fingerprint is 100 bits of SHA-256 written as five groups of four Crockford base32 characters, short
enough to read aloud and compare on paper.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from typing import Annotated

import msgspec
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from pyrage import x25519

from app.errors import InvalidInput, StoreError
from app.store import meta, transfer_peers
from app.store.connection import Connection

CARD_FORMAT = "rezerv.identity/1"
FP_CONTEXT = b"rezerv.identity/1 fingerprint\x00"
CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
MAX_CARD = 64 * 1024


class Card(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """The public identity card, as exported and pinned."""

    format: str
    id: Annotated[str, msgspec.Meta(pattern="^[0-9a-f]{32}$")]
    role: Annotated[str, msgspec.Meta(pattern="^[a-z][a-z0-9-]{0,31}$")]
    age_recipient: Annotated[str, msgspec.Meta(pattern="^age1[02-9ac-hj-np-z]{58}$")]
    sign_key: Annotated[str, msgspec.Meta(pattern="^[0-9a-f]{64}$")]
    fingerprint: str = ""
    created: str = ""

    def computed_fingerprint(self) -> str:
        return fingerprint(self.id, self.role, self.age_recipient, self.sign_key)


class Own(msgspec.Struct, frozen=True, kw_only=True):
    """This workstation's keys, read from the database for one operation."""

    card: Card
    age_identity: str
    sign_secret: bytes

    @property
    def id(self) -> str:
        return self.card.id

    @property
    def fingerprint(self) -> str:
        return self.card.fingerprint

    def identity(self) -> x25519.Identity:
        return x25519.Identity.from_str(self.age_identity)

    def signer(self) -> Ed25519PrivateKey:
        return Ed25519PrivateKey.from_private_bytes(self.sign_secret)


def fingerprint(ws_id: str, role: str, age_recipient: str, sign_key: str) -> str:
    body = msgspec.json.encode([ws_id, role, age_recipient, sign_key])
    n = int.from_bytes(hashlib.sha256(FP_CONTEXT + body).digest()[:13], "big") >> 4  # 100 bits
    chars = "".join(CROCKFORD[(n >> (5 * i)) & 31] for i in reversed(range(20)))
    return "-".join(chars[i : i + 4] for i in range(0, 20, 4))


def normalize_fingerprint(typed: str) -> str:
    """What a clerk typed from paper: case, spaces and dashes ignored; O->0, I/L->1 (Crockford)."""
    s = re.sub(r"[\s\-_.]", "", typed.upper()).translate(str.maketrans("OIL", "011"))
    if len(s) != 20 or any(c not in CROCKFORD for c in s):
        raise InvalidInput("peer.fingerprint_malformed")
    return "-".join(s[i : i + 4] for i in range(0, 20, 4))


def create_identity(conn: Connection, now: dt.datetime) -> Card:
    """Generate and store the keys; call inside the transaction that created the workstation."""
    info = meta.all_values(conn)
    ws_id, role = info["workstation_id"], info["role"]
    ident = x25519.Identity.generate()
    signer = Ed25519PrivateKey.generate()
    public = signer.public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )
    secret = signer.private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )
    recipient = str(ident.to_public())
    fp = fingerprint(ws_id, role, recipient, public.hex())
    created = now.isoformat(timespec="seconds")
    transfer_peers.add_identity(conn, (ws_id, role, str(ident), recipient, secret, public, fp, created))
    return Card(
        format=CARD_FORMAT, id=ws_id, role=role, age_recipient=recipient, sign_key=public.hex(),
        fingerprint=fp, created=created,
    )  # fmt: skip


def has_identity(conn: Connection) -> bool:
    return transfer_peers.identity(conn) is not None


def load_own(conn: Connection) -> Own:
    row = transfer_peers.identity(conn)
    if row is None:
        raise StoreError("transfer.no_identity")
    card = Card(
        format=CARD_FORMAT, id=row[0], role=row[1], age_recipient=row[3],
        sign_key=bytes(row[5]).hex(), fingerprint=row[6], created=row[7],
    )  # fmt: skip
    if card.computed_fingerprint() != card.fingerprint:
        raise StoreError("transfer.identity_damaged")
    return Own(card=card, age_identity=row[2], sign_secret=bytes(row[4]))


def encode_card(card: Card) -> bytes:
    return msgspec.json.format(msgspec.json.encode(card), indent=2) + b"\n"


def decode_card(data: bytes) -> Card:
    """A peer's card from a file; every defect is ``InvalidInput``."""
    if len(data) > MAX_CARD:
        raise InvalidInput("peer.card_invalid")
    try:
        card = msgspec.json.decode(data, type=Card)
    except (msgspec.DecodeError, UnicodeDecodeError, ValueError, RecursionError):
        raise InvalidInput("peer.card_invalid") from None
    if card.format != CARD_FORMAT:
        raise InvalidInput("peer.card_format", found=card.format[:40])
    try:
        x25519.Recipient.from_str(card.age_recipient)
    except Exception:
        raise InvalidInput("peer.card_invalid") from None
    return card

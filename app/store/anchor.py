"""The rollback anchor: the last audit sequence number and hash, kept in a small file beside the
database (``<db>.anchor``) and authenticated with a key derived from the database key.

It is rewritten atomically after every commit that adds audit rows, so an older copy of the
database put back in place (or a different history with the same length) no longer matches it:
``status`` says "rollback" when the database's audit chain is shorter than the anchor and "fork"
when its row at the anchor's position has another hash. Someone who holds the database file but
not the key cannot forge an anchor; someone who replaces or deletes *both* files is not detected
here (docs/security.md). While a mismatch is pending a supervisor's decision the anchor is held
(not overwritten), so ordinary work cannot erase the evidence.
"""

from __future__ import annotations

import hashlib
import hmac
from pathlib import Path

import msgspec

from app.errors import InvalidInput
from app.fsutil import atomic_write, read_bounded
from app.store.connection import Connection

FORMAT = "rezerv.anchor/1"
MAX_BYTES = 4096


class Anchor(msgspec.Struct, frozen=True, kw_only=True):
    format: str = FORMAT
    seq: int
    hash: str
    mac: str


def path_for(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".anchor")


def _mac(db_key: bytes, seq: int, head: str) -> str:
    k = hmac.new(db_key, b"rezerv-anchor-key/1", hashlib.sha256).digest()
    return hmac.new(k, f"{FORMAT}|{seq}|{head}".encode(), hashlib.sha256).hexdigest()


def write(db_path: Path, db_key: bytes, seq: int, head: str) -> None:
    a = Anchor(seq=seq, hash=head, mac=_mac(db_key, seq, head))
    atomic_write(path_for(db_path), msgspec.json.encode(a))


def read(db_path: Path) -> Anchor | None:
    p = path_for(db_path)
    if not p.exists():
        return None
    try:
        return msgspec.json.decode(read_bounded(p, MAX_BYTES), type=Anchor)
    except (InvalidInput, msgspec.DecodeError, msgspec.ValidationError):
        return Anchor(seq=-1, hash="", mac="")  # unreadable: reported as tampered


def status(conn: Connection, db_path: Path, db_key: bytes) -> tuple[str, Anchor | None]:
    """("", anchor) when the database is at or ahead of the anchor (or there is none yet);
    "rollback", "fork" or "tampered" otherwise."""
    a = read(db_path)
    if a is None:
        return "", None
    if a.format != FORMAT or not hmac.compare_digest(a.mac, _mac(db_key, a.seq, a.hash)):
        return "tampered", a
    if a.seq == 0:
        return "", a
    row = conn.execute("SELECT hash FROM audit WHERE seq = ?", (a.seq,)).fetchone()
    if row is None:
        return "rollback", a
    if str(row[0]) != a.hash:
        return "fork", a
    return "", a

"""An unsaved dossier draft kept across a lock: sealed with a key derived from the database key
(AES-256-GCM, the user name as associated data), so while the workstation is locked the draft is
only ciphertext in memory, and only the same user's unlock opens it. Never written anywhere.

Only data is sealed (``DossierFlow.draft_state``: msgpack bytes), never live objects: a flow holds
its session's evaluator, which neither can nor should outlive the lock."""

from __future__ import annotations

import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from app.services.workstation import Session

_INFO = b"rezerv/locked-draft/1"


def _key(s: Session) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_INFO).derive(s.db.raw_key())


def seal(s: Session, plain: bytes) -> bytes:
    nonce = os.urandom(12)
    return nonce + AESGCM(_key(s)).encrypt(nonce, plain, s.user.encode())


def unseal(s: Session, blob: bytes) -> bytes | None:
    """The sealed bytes, or None if this session cannot open it (another workstation or user)."""
    try:
        return AESGCM(_key(s)).decrypt(blob[:12], blob[12:], s.user.encode())
    except (InvalidTag, ValueError):
        return None

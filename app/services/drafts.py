"""An unsaved dossier draft kept across a lock: sealed with a key derived from the database key
(AES-256-GCM, the user name as associated data), so while the workstation is locked the draft is
only ciphertext in memory, and only the same user's unlock opens it. Never written anywhere."""

from __future__ import annotations

import os
import pickle  # noqa: S403 - only our own objects, authenticated by AES-GCM before loading

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from app.services.workstation import Session

_INFO = b"rezerv/locked-draft/1"


def _key(s: Session) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_INFO).derive(s.db.raw_key())


def seal(s: Session, value: object) -> bytes:
    nonce = os.urandom(12)
    return nonce + AESGCM(_key(s)).encrypt(nonce, pickle.dumps(value), s.user.encode())


def unseal(s: Session, blob: bytes) -> object | None:
    """The value, or None if this session cannot open it (another workstation or user)."""
    try:
        plain = AESGCM(_key(s)).decrypt(blob[:12], blob[12:], s.user.encode())
    except (InvalidTag, ValueError):
        return None
    return pickle.loads(plain)  # noqa: S301 - authenticated above: only what seal() wrote

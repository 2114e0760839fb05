"""The outer file: a standard age v1 file (X25519 recipients only), decrypted in memory.

Before pyrage sees the bytes, the header is read by hand so that an empty file, a file that is
not age at all, an armored file or one protected by a passphrase (scrypt stanza) each get their
own message. Decryption is ``pyrage.decrypt`` on bytes: nothing is written anywhere, and the
plaintext only exists once age has authenticated every chunk.
"""

from __future__ import annotations

import os
from pathlib import Path

import pyrage
from pyrage import x25519

from app.errors import InvalidInput
from app.fsutil import open_regular

AGE_MAGIC = b"age-encryption.org/v1\n"
ARMOR = b"-----BEGIN AGE ENCRYPTED FILE-----"
MAX_HEADER = 64 * 1024
MAX_BUNDLE = 512 * 1024 * 1024

# pyrage's messages (pinned in requirements.lock) -> our keys; anything else is "undecryptable".
_PYRAGE_ERRORS = {
    "No matching keys found": "bundle.not_for_us",
    "Header MAC is invalid": "bundle.header_damaged",
    "Header is invalid": "bundle.header_damaged",
    "Unknown age format": "bundle.header_damaged",
    "failed to fill whole buffer": "bundle.truncated",
    "age file is truncated": "bundle.truncated",
    "decryption error": "bundle.payload_damaged",
}


def read_capped(path: Path, limit: int = MAX_BUNDLE) -> bytes:
    """The whole file, refusing before reading anything when it is larger than ``limit``."""
    try:
        f, size = open_regular(path, limit)
    except InvalidInput as e:
        if e.key == "file.too_large":
            size = os.stat(path).st_size
            raise InvalidInput("bundle.too_large", size_mb=size // 2**20,
                               limit_mb=limit // 2**20) from None  # fmt: skip
        if e.key == "file.missing":
            raise InvalidInput("bundle.missing", path=str(path)) from None
        raise
    with f:
        try:
            data = f.read(limit + 1)
        except OSError:
            raise InvalidInput("bundle.unreadable", path=str(path)) from None
    if len(data) > limit:  # grew while we read it
        raise InvalidInput("bundle.too_large", size_mb=len(data) // 2**20, limit_mb=limit // 2**20)
    return data


def stanza_types(data: bytes) -> list[str]:
    """Classify the header: the stanza types (``X25519``, ...), or ``InvalidInput``."""
    if not data:
        raise InvalidInput("bundle.empty")
    if data.startswith(ARMOR):
        raise InvalidInput("bundle.armored")
    if not data.startswith(AGE_MAGIC):
        if AGE_MAGIC.startswith(data):
            raise InvalidInput("bundle.truncated")
        if data.startswith(b"age-encryption.org/"):
            raise InvalidInput("bundle.age_version")
        raise InvalidInput("bundle.not_age")
    end = data.find(b"\n---", 0, MAX_HEADER)
    if end < 0:
        if len(data) < MAX_HEADER:
            raise InvalidInput("bundle.truncated")
        raise InvalidInput("bundle.header_damaged")
    types = []
    for line in data[len(AGE_MAGIC) : end].split(b"\n"):
        if line.startswith(b"-> "):
            parts = line[3:].split(b" ")
            types.append(parts[0].decode("ascii", "replace") if parts and parts[0] else "")
    if "scrypt" in types:
        raise InvalidInput("bundle.passphrase_file")
    if "X25519" not in types:
        raise InvalidInput("bundle.no_workstation_recipient")
    return types


def decrypt(data: bytes, identity: x25519.Identity) -> bytes:
    stanza_types(data)
    try:
        return bytes(pyrage.decrypt(data, [identity]))
    except pyrage.DecryptError as e:
        text = str(e)
        for prefix, key in _PYRAGE_ERRORS.items():
            if text.startswith(prefix):
                raise InvalidInput(key) from None
        raise InvalidInput("bundle.undecryptable") from None
    except Exception:  # pyrage may raise other exception types on malformed input
        raise InvalidInput("bundle.undecryptable") from None


def encrypt(plaintext: bytes, recipients: list[str]) -> bytes:
    """Encrypt to X25519 recipients (``age1...``), as the reference ``age -r`` would."""
    return bytes(pyrage.encrypt(plaintext, [x25519.Recipient.from_str(r) for r in recipients]))

"""Key slots: the random 256-bit database key, wrapped once per user.

The slots live in a small sidecar file next to the database (``<db>.keys``), since they must be
read before the database can be opened. Each slot: Argon2id(passphrase, salt, params) is the
key-encryption key; the database key is sealed with ChaCha20-Poly1305, the associated data binding
it to this workstation and this slot. Slots are found by a hash of the user name, so the file holds
no user names. Adding or removing a user and changing a passphrase rewrite one slot; the database
itself is never re-encrypted.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable
from pathlib import Path

import msgspec
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305

from app.errors import AuthError, StoreError
from app.fsutil import atomic_write
from app.security.kdf import KdfParams, derive

KEYS_FORMAT = "rezerv.keys/1"
FAIL_DELAY_BASE = 0.25  # seconds; doubles with every failure in a row
FAIL_DELAY_MAX = 30.0


class Slot(msgspec.Struct, kw_only=True):
    slot_id: str  # sha256(workstation id | user name)
    kdf: KdfParams
    salt: bytes
    nonce: bytes
    wrapped: bytes
    failures: int = 0


class KeyFile(msgspec.Struct, kw_only=True):
    format: str = KEYS_FORMAT
    workstation_id: str
    slots: list[Slot] = msgspec.field(default_factory=list)


def keys_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".keys")


def slot_id(workstation_id: str, user: str) -> str:
    return hashlib.sha256(f"rezerv-slot|{workstation_id}|{user}".encode()).hexdigest()


def _aad(workstation_id: str, sid: str) -> bytes:
    return f"rezerv-keyslot/1|{workstation_id}|{sid}".encode()


def fail_delay(failures: int) -> float:
    """Delay after the n-th failure in a row: 0.25 s, 0.5 s, 1 s, ... up to 30 s."""
    if failures <= 0:
        return 0.0
    return float(min(FAIL_DELAY_BASE * (2 ** (failures - 1)), FAIL_DELAY_MAX))


class KeyStore:
    """The sidecar file of key slots for one database."""

    def __init__(self, db_path: Path, sleep: Callable[[float], None] = time.sleep) -> None:
        self.path = keys_path(db_path)
        self._sleep = sleep

    def exists(self) -> bool:
        return self.path.exists()

    def load(self) -> KeyFile:
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            raise StoreError("store.keys_missing", path=str(self.path)) from None
        try:
            kf = msgspec.json.decode(raw, type=KeyFile)
        except msgspec.DecodeError:
            raise StoreError("store.keys_corrupt", path=str(self.path)) from None
        if kf.format != KEYS_FORMAT:
            raise StoreError("store.keys_format", found=kf.format)
        return kf

    def save(self, kf: KeyFile) -> None:
        atomic_write(self.path, msgspec.json.encode(kf))

    @staticmethod
    def new_file() -> KeyFile:
        return KeyFile(workstation_id=os.urandom(16).hex())

    @staticmethod
    def seal(kf: KeyFile, user: str, passphrase: str, db_key: bytes, kdf: KdfParams) -> Slot:
        sid = slot_id(kf.workstation_id, user)
        salt = os.urandom(16)
        nonce = os.urandom(12)
        kek = derive(passphrase, salt, kdf)
        wrapped = ChaCha20Poly1305(kek).encrypt(nonce, db_key, _aad(kf.workstation_id, sid))
        return Slot(slot_id=sid, kdf=kdf, salt=salt, nonce=nonce, wrapped=wrapped)

    def put_slot(self, kf: KeyFile, slot: Slot) -> None:
        kf.slots = [s for s in kf.slots if s.slot_id != slot.slot_id] + [slot]
        self.save(kf)

    def remove_slot(self, user: str) -> None:
        kf = self.load()
        sid = slot_id(kf.workstation_id, user)
        kf.slots = [s for s in kf.slots if s.slot_id != sid]
        self.save(kf)

    def has_user(self, user: str) -> bool:
        kf = self.load()
        sid = slot_id(kf.workstation_id, user)
        return any(s.slot_id == sid for s in kf.slots)

    def unwrap(self, user: str, passphrase: str) -> bytes:
        """The database key, or AuthError after a delay that grows with each failure in a row.

        An unknown user costs the same KDF work and gives the same message as a wrong passphrase.
        """
        kf = self.load()
        sid = slot_id(kf.workstation_id, user)
        slot = next((s for s in kf.slots if s.slot_id == sid), None)
        if slot is None:
            derive(passphrase, os.urandom(16), KdfParams.default())
            self._sleep(FAIL_DELAY_BASE)
            raise AuthError("auth.wrong_passphrase")
        kek = derive(passphrase, slot.salt, slot.kdf)
        try:
            key = ChaCha20Poly1305(kek).decrypt(slot.nonce, slot.wrapped, _aad(kf.workstation_id, sid))
        except InvalidTag:
            slot.failures += 1
            self.save(kf)
            self._sleep(fail_delay(slot.failures))
            raise AuthError("auth.wrong_passphrase") from None
        if slot.failures:
            slot.failures = 0
            self.save(kf)
        return key

"""Key slots: the random 256-bit database key, wrapped once per user.

The slots live in a small sidecar file next to the database (``<db>.keys``), since they must be
read before the database can be opened. Each slot: Argon2id(passphrase, salt, params) is the
key-encryption key; the database key is sealed with ChaCha20-Poly1305, the associated data binding
it to this workstation and this slot. Slots are found by a hash of the user name, so the file holds
no user names. Adding or removing a user and changing a passphrase rewrite one slot; the database
itself is never re-encrypted.

Unlock attempts are counted by the workstation, in this file, per slot id (also for names that
have no slot, so an unknown user behaves exactly like a known one): the counter and the earliest
time of the next attempt are written *before* the KDF runs, so killing an attempt still counts
it; an attempt before that time is refused without running the KDF; after ``lock_after``
failures in a row the name is locked until a supervisor unlocks it. An unknown name costs the
same KDF work (the parameters of the workstation's own slots) and the same file writes.
"""

from __future__ import annotations

import contextlib
import hashlib
import math
import os
import time
from collections.abc import Callable
from pathlib import Path

import msgspec
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305

from app.errors import AuthError, StoreError
from app.fsutil import atomic_write
from app.paths import keys_path as keys_path  # re-exported: backup and tests use it here
from app.security.kdf import KdfParams, derive

KEYS_FORMAT = "rezerv.keys/1"
FAIL_DELAY_BASE = 0.25  # seconds; doubles with every failure in a row
FAIL_DELAY_MAX = 30.0
LOCK_AFTER_DEFAULT = 10
MAX_ATTEMPT_RECORDS = 256  # records of names without a slot are forgotten oldest first


class Slot(msgspec.Struct, kw_only=True):
    slot_id: str  # sha256(workstation id | user name)
    kdf: KdfParams
    salt: bytes
    nonce: bytes
    wrapped: bytes
    failures: int = 0


class Attempts(msgspec.Struct, kw_only=True):
    slot_id: str
    failures: int = 0  # in a row, counted before the KDF runs
    not_before: float = 0.0  # epoch seconds: an earlier attempt is refused without the KDF


class KeyFile(msgspec.Struct, kw_only=True):
    format: str = KEYS_FORMAT
    workstation_id: str
    slots: list[Slot] = msgspec.field(default_factory=list)
    attempts: list[Attempts] = msgspec.field(default_factory=list)
    lock_after: int = LOCK_AFTER_DEFAULT


def slot_id(workstation_id: str, user: str) -> str:
    return hashlib.sha256(f"rezerv-slot|{workstation_id}|{user}".encode()).hexdigest()


def _aad(workstation_id: str, sid: str) -> bytes:
    return f"rezerv-keyslot/1|{workstation_id}|{sid}".encode()


def fail_delay(failures: int) -> float:
    """Delay after the n-th failure in a row: none after the first (a typo), then 0.25 s, 0.5 s,
    1 s, ... up to 30 s."""
    if failures <= 1:
        return 0.0
    return float(min(FAIL_DELAY_BASE * (2 ** (failures - 2)), FAIL_DELAY_MAX))


class KeyStore:
    """The sidecar file of key slots for one database."""

    def __init__(self, db_path: Path, now: Callable[[], float] = time.time) -> None:
        self.path = keys_path(db_path)
        self._now = now

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
        att = self._attempts(kf, sid)
        if att.failures >= kf.lock_after:
            raise AuthError("auth.user_locked")
        now = self._now()
        if now < att.not_before:
            raise AuthError("auth.wait", seconds=max(1, math.ceil(att.not_before - now)))
        att.failures += 1  # counted before the KDF: killing the attempt does not undo it
        att.not_before = now + fail_delay(att.failures)
        self.save(kf)
        kdf = slot.kdf if slot is not None else (kf.slots[0].kdf if kf.slots else KdfParams.default())
        kek = derive(passphrase, slot.salt if slot is not None else os.urandom(16), kdf)
        key: bytes | None = None
        if slot is not None:
            with contextlib.suppress(InvalidTag):
                key = ChaCha20Poly1305(kek).decrypt(slot.nonce, slot.wrapped,
                                                    _aad(kf.workstation_id, sid))  # fmt: skip
        if key is None:
            raise AuthError("auth.wrong_passphrase")
        kf = self.load()
        kf.attempts = [a for a in kf.attempts if a.slot_id != sid]
        self.save(kf)
        return key

    @staticmethod
    def _attempts(kf: KeyFile, sid: str) -> Attempts:
        found = next((a for a in kf.attempts if a.slot_id == sid), None)
        if found is None:
            found = Attempts(slot_id=sid)
            kf.attempts.append(found)
            real = {s.slot_id for s in kf.slots}
            ghosts = [a for a in kf.attempts if a.slot_id not in real]
            for old in ghosts[: max(0, len(ghosts) - MAX_ATTEMPT_RECORDS)]:
                kf.attempts.remove(old)
        return found

    def is_locked(self, user: str) -> bool:
        kf = self.load()
        sid = slot_id(kf.workstation_id, user)
        return any(a.slot_id == sid and a.failures >= kf.lock_after for a in kf.attempts)

    def reset_attempts(self, user: str) -> None:
        """A supervisor unlocks ``user`` (the caller audits it)."""
        kf = self.load()
        sid = slot_id(kf.workstation_id, user)
        kf.attempts = [a for a in kf.attempts if a.slot_id != sid]
        self.save(kf)

    def set_lock_after(self, n: int) -> None:
        kf = self.load()
        kf.lock_after = n
        self.save(kf)

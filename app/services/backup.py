"""Backup and restore of a whole workstation: the (already encrypted) database and its key slots.

The backup file: magic ``REZERVBK``, format byte, length-prefixed key-slot file, the database
exported with ``sqlcipher_export`` under the same key, and a SHA-256 trailer over all of it.
Restore checks the trailer, unlocks the copy with the user's passphrase and runs the cipher,
SQLite and audit-chain integrity checks before anything replaces the current files.

Both are supervisor actions (``Permission.MAINTAIN``): in the current workstation when one
exists, and in the backup. The restored database gets its own audit row naming the backup, its
date (the backup's last audit row) and what the restore dropped (audit rows, dossiers and users
present now but not in the backup); every user is shown it once at the next unlock.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import struct
from pathlib import Path

from app.clock import Clock, SystemClock
from app.errors import InvalidInput, PermissionDenied, StoreError
from app.fsutil import atomic_write, fsync_dir, read_bounded
from app.security.keyslots import KeyStore, keys_path
from app.security.roles import GRANTS, Permission, Role
from app.services import workstation
from app.services.workstation import Session
from app.store import anchor, audit, migrate, snapshot, users
from app.store.connection import Connection, connect

MAGIC = b"REZERVBK"
VERSION = 1
MAX_BACKUP = 8 * 1024**3


def _sidecars(db: Path) -> list[Path]:
    return [db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")]


RESTORE_NOTICE = snapshot.RESTORE_NOTICE
Census = snapshot.Census


def backup(s: Session, out: Path) -> int:
    """Write a backup; returns its size in bytes."""
    s.require(Permission.MAINTAIN)
    data = write(s.db.connection(), s.db.raw_key(), s.db.path, out)
    with s.db.unit_of_work(s.user) as uow:
        uow.audit("workstation.backup", "workstation", {"sha256": hashlib.sha256(data).hexdigest()})
        uow.commit()
    return len(data)


def write(conn: Connection, key: bytes, db_path: Path, out: Path) -> bytes:
    """Write the backup file of the open database ``conn`` (keyed ``key``) to ``out``; its bytes."""
    out = out.resolve()
    if out.is_dir() or not out.parent.is_dir():
        raise InvalidInput("backup.out_bad", path=str(out))
    tmp = out.with_name(f".{out.name}.{os.urandom(4).hex()}.db")
    try:
        snapshot.export_copy(conn, key, tmp)
        db_bytes = tmp.read_bytes()
    finally:
        for f in [tmp, *_sidecars(tmp)]:
            with contextlib.suppress(FileNotFoundError):
                f.unlink()
    keys = keys_path(db_path).read_bytes()
    body = MAGIC + bytes([VERSION]) + struct.pack(">I", len(keys)) + keys + db_bytes
    data = body + hashlib.sha256(body).digest()
    atomic_write(out, data)
    return data


def _parse(data: bytes) -> tuple[bytes, bytes]:
    if len(data) < len(MAGIC) + 1 + 4 + 32 or not data.startswith(MAGIC):
        raise InvalidInput("backup.not_backup")
    if data[len(MAGIC)] > VERSION:
        raise InvalidInput("backup.newer_format")
    body, trailer = data[:-32], data[-32:]
    if hashlib.sha256(body).digest() != trailer:
        raise InvalidInput("backup.damaged")
    (klen,) = struct.unpack(">I", body[len(MAGIC) + 1 : len(MAGIC) + 5])
    start = len(MAGIC) + 5
    return body[start : start + klen], body[start + klen :]


def _may_maintain(role: str | None) -> None:
    if role is None or Permission.MAINTAIN not in GRANTS.get(Role(role), frozenset()):
        raise PermissionDenied("auth.not_permitted", role=role or "-",
                               permission=Permission.MAINTAIN.value)  # fmt: skip


def restore(
    db_path: Path, backup_file: Path, *, user: str, passphrase: str, force: bool,
    clock: Clock | None = None,
) -> dict[str, object]:  # fmt: skip
    """Replace the workstation at ``db_path`` with the backup, after checking the backup opens
    and that ``user`` is a supervisor of the current workstation and of the backup. Returns the
    restore row's payload (backup, its date, what was dropped)."""
    clock = clock or SystemClock()
    data = read_bounded(backup_file, MAX_BACKUP)
    keys_bytes, db_bytes = _parse(data)
    current: Census | None = None
    if db_path.exists() or keys_path(db_path).exists():
        if not force:
            raise InvalidInput("backup.target_exists", path=str(db_path))
        s = workstation.unlock(db_path, user=user, passphrase=passphrase, clock=clock)
        try:
            s.require(Permission.MAINTAIN)
            with s.db.reading() as rconn:
                current = snapshot.census(rconn)
        finally:
            s.close()
    db_path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    stage = db_path.with_name(f".{db_path.name}.restore-{os.urandom(4).hex()}")
    stage_keys = keys_path(stage)
    try:
        atomic_write(stage, db_bytes)
        atomic_write(stage_keys, keys_bytes)
        key = KeyStore(stage).unwrap(user, passphrase)
        conn = connect(stage, key)
        try:
            found = snapshot.flaw(conn)
            if found:
                raise StoreError("store.audit_broken" if found == "audit" else "store.integrity_failed",
                                 path=str(backup_file))  # fmt: skip
            # an older schema is kept as it came, beside the workstation, before it is migrated
            # (as the first unlock of an older workstation does)
            from app.services import upgrade

            upgrade.backup_before_migrate(conn, key, stage, clock.now())
            migrate.migrate(conn)
            _may_maintain(users.role_of(conn, user))
            payload, head = _record_restore(conn, backup_file, data, current, user=user, clock=clock)
            snapshot.checkpoint(conn)
        finally:
            conn.close()
        for f in _sidecars(stage):
            with contextlib.suppress(FileNotFoundError):
                f.unlink()
        if db_path.exists():
            aside = db_path.with_name(db_path.name + ".before-restore")
            os.replace(db_path, aside)
            if keys_path(db_path).exists():
                os.replace(keys_path(db_path), keys_path(aside))
        for f in _sidecars(db_path):
            with contextlib.suppress(FileNotFoundError):
                f.unlink()
        os.replace(stage_keys, keys_path(db_path))
        os.replace(stage, db_path)
        anchor.write(db_path, key, head.seq, head.hash)  # the restore is the accepted history
        fsync_dir(db_path.parent)
    finally:
        for f in [stage, stage_keys, *_sidecars(stage)]:
            with contextlib.suppress(FileNotFoundError):
                f.unlink()
    return payload


def _record_restore(
    conn: Connection, backup_file: Path, data: bytes, current: Census | None, *, user: str,
    clock: Clock,
) -> tuple[dict[str, object], audit.AuditRow]:  # fmt: skip
    """The restore row in the restored database, and the notice every user sees once."""
    restored = snapshot.census(conn)
    dropped: dict[str, object] = {"audit_rows": 0, "nominees": 0, "users": []}
    if current is not None:
        dropped = {
            "audit_rows": max(0, current.audit_head - restored.audit_head),
            "nominees": len(current.nominees - restored.nominees),
            "users": sorted(current.users - restored.users),
        }
    payload: dict[str, object] = {
        "backup": backup_file.name, "sha256": hashlib.sha256(data).hexdigest(),
        "backup_date": restored.audit_last_ts, "dropped": dropped,
    }  # fmt: skip
    return payload, snapshot.record_restore(conn, payload, user=user, now=clock.now())

"""A whole database at once, for backup and restore (``app.services.backup``): an encrypted copy
under the same key, the checks a copy must pass before it may replace a workstation, what it holds
(its census), and the restore's own record."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import msgspec

from app.store import audit, meta, migrate, users
from app.store.connection import Connection, transaction

RESTORE_NOTICE = "restore_notice"  # meta key: the last restore, as JSON


class Census(msgspec.Struct, frozen=True, kw_only=True):
    audit_head: int
    audit_last_ts: str
    nominees: frozenset[int]
    users: frozenset[str]


def census(conn: Connection) -> Census:
    head = conn.execute("SELECT seq, ts FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
    return Census(
        audit_head=int(head[0]) if head else 0, audit_last_ts=str(head[1]) if head else "",
        nominees=frozenset(int(r[0]) for r in conn.execute("SELECT id FROM nominees")),
        users=users.names(conn),
    )  # fmt: skip


def export_copy(conn: Connection, key: bytes, target: Path) -> None:
    """The open database, exported whole to a new SQLCipher file ``target`` under ``key``, with
    the same schema version."""
    conn.execute(f"ATTACH DATABASE ? AS bk KEY \"x'{key.hex()}'\"", (str(target),))
    try:
        conn.execute("SELECT sqlcipher_export('bk')")
        version = migrate.schema_version(conn)
        conn.execute(f"PRAGMA bk.user_version = {version:d}")
    finally:
        conn.execute("DETACH DATABASE bk")


def flaw(conn: Connection) -> str:
    """"" when cipher pages, SQLite's structure and the audit chain are all intact; otherwise
    "integrity" (the file) or "audit" (the chain)."""
    if conn.execute("PRAGMA cipher_integrity_check").fetchall():
        return "integrity"
    if conn.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
        return "integrity"
    return "" if audit.verify(conn).ok else "audit"


def checkpoint(conn: Connection) -> None:
    """Fold the write-ahead log into the file, so the file alone is the database."""
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def record_restore(conn: Connection, payload: dict[str, object], *, user: str,
                   now: dt.datetime) -> audit.AuditRow:  # fmt: skip
    """The restore's audit row, and the notice every user sees once (``meta``), in one
    transaction."""
    with transaction(conn):
        row = audit.append(conn, user=user, action="workstation.restore", entity="workstation",
                           payload=payload, now=now)  # fmt: skip
        notice = {**payload, "seq": row.seq, "at": row.ts, "by": user}
        meta.put(conn, RESTORE_NOTICE, json.dumps(notice, ensure_ascii=False))
    return row

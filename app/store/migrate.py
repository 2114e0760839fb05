"""Numbered SQL migrations tracked in ``PRAGMA user_version``.

``migrations/NNNN_name.sql`` moves the schema from version NNNN-1 to NNNN. Each step checks the
version it expects and runs in one transaction with the version bump, so a crash leaves either the
old schema or the new one (Anki's ``schemaNN_upgrade``, Electrum's ``wallet_db`` steps).
"""

from __future__ import annotations

import re
from pathlib import Path

from app.errors import StoreError
from app.store.connection import Connection

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")


def steps() -> list[tuple[int, Path]]:
    found = []
    for f in MIGRATIONS.iterdir():
        m = _NAME.match(f.name)
        if m:
            found.append((int(m.group(1)), f))
    found.sort()
    numbers = [n for n, _ in found]
    if numbers != list(range(1, len(numbers) + 1)):
        raise RuntimeError(f"migrations must be numbered 1..N without gaps: {numbers}")
    return found


def latest_version() -> int:
    return len(steps())


def schema_version(conn: Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: Connection, target: int | None = None) -> int:
    """Bring the schema up to date (or to ``target``); return the number of steps applied."""
    current = schema_version(conn)
    target = latest_version() if target is None else target
    if current > target:
        raise StoreError("store.schema_newer", found=current, supported=target)
    applied = 0
    for number, path in steps():
        if number <= current or number > target:
            continue
        apply_step(conn, number, path)
        applied += 1
    return applied


def apply_step(conn: Connection, number: int, path: Path) -> None:
    """Step ``number`` in one transaction with its version bump; it refuses a database that is
    not at ``number - 1`` (another process migrated it meanwhile, or a step was skipped)."""
    sql = path.read_text(encoding="utf-8")
    conn.execute("BEGIN IMMEDIATE")
    try:
        expected = number - 1
        found = schema_version(conn)
        if found != expected:
            raise StoreError("store.schema_unexpected", expected=expected, found=found)
        _run_script(conn, sql)
        conn.execute(f"PRAGMA user_version = {number:d}")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def _run_script(conn: Connection, sql: str) -> None:
    # executescript() would COMMIT our transaction first; run statement by statement instead.
    import sqlcipher3

    buffer = ""
    for line in sql.splitlines(keepends=True):
        buffer += line
        if sqlcipher3.complete_statement(buffer):
            statement = buffer.strip()
            buffer = ""
            if statement and not all(
                ln.strip().startswith("--") or not ln.strip() for ln in statement.splitlines()
            ):
                conn.execute(statement)
    if buffer.strip() and not buffer.strip().startswith("--"):
        conn.execute(buffer)

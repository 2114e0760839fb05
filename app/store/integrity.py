"""The database's own integrity, checked by ``audit verify`` beside the audit chain: SQLCipher's
page HMACs (``cipher_integrity_check``), SQLite's structure (``integrity_check``) and each FTS5
index against its table. The first bad page is named when the check reports one."""

from __future__ import annotations

import re

import msgspec

from app.store.connection import Connection, DatabaseError

_PAGE = re.compile(r"page (\d+)", re.IGNORECASE)


class IntegrityReport(msgspec.Struct, frozen=True, kw_only=True):
    ok: bool
    problem: str = ""  # "cipher", "database", "fts"
    page: int | None = None
    detail: str = ""


def _page(messages: list[str]) -> int | None:
    for m in messages:
        found = _PAGE.search(m)
        if found:
            return int(found.group(1))
    return None


def check(conn: Connection) -> IntegrityReport:
    """Run outside any transaction; nothing is changed (the FTS check is rolled back)."""
    try:
        cipher = [str(r[0]) for r in conn.execute("PRAGMA cipher_integrity_check").fetchall()]
    except DatabaseError as e:
        return IntegrityReport(ok=False, problem="cipher", detail=str(e)[:200])
    if cipher:
        return IntegrityReport(ok=False, problem="cipher", page=_page(cipher), detail=cipher[0][:200])
    try:
        sqlite = [str(r[0]) for r in conn.execute("PRAGMA integrity_check").fetchall()]
    except DatabaseError as e:
        return IntegrityReport(ok=False, problem="database", detail=str(e)[:200])
    if sqlite != ["ok"]:
        return IntegrityReport(ok=False, problem="database", page=_page(sqlite), detail=sqlite[0][:200])
    tables = [str(r[0]) for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE '%USING fts5%'"
    )]  # fmt: skip
    for name in tables:
        quoted = '"' + name.replace('"', '""') + '"'
        conn.execute("BEGIN IMMEDIATE")
        try:
            conn.execute(f"INSERT INTO {quoted} ({quoted}) VALUES ('integrity-check')")
        except DatabaseError as e:
            return IntegrityReport(ok=False, problem="fts", detail=f"{name}: {str(e)[:160]}")
        finally:
            conn.execute("ROLLBACK")
    return IntegrityReport(ok=True)

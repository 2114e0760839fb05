"""Migration 0012: ``scan_pages`` becomes an ordinary rowid table (it was WITHOUT ROWID, whose
inserts read stored ~45 KiB pages whole to compare keys). Every page is kept, in order; the
primary key stays unique and deleting a scan still deletes its pages."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from app.store import document_log, migrate
from app.store import scans as store
from app.store.connection import IntegrityError, connect, transaction

KEY = bytes(range(32))


def _document(conn, n: int) -> int:  # type: ignore[no-untyped-def]
    doc_id, _ = document_log.record(
        conn, sha256=f"{n:064x}", code=f"RZ-{n:04d}-0000-0000-0000", kind="submission", lang="kk",
        reg_no="", reg_date="", pages=2, ts="2026-02-10T10:00:00", user="a", sources=[],
    )  # fmt: skip
    return doc_id


def _scan(conn, doc_id: int, pages: list[bytes]) -> int:  # type: ignore[no-untyped-def]
    return store.add(conn, document_id=doc_id, nominee_id=None, sha256="0" * 64, pages=pages,
                     outdated=False, changed=[], attached="2026-02-10T10:00:00", user="a")  # fmt: skip


def _table_sql(conn) -> str:  # type: ignore[no-untyped-def]
    return str(conn.execute("SELECT sql FROM sqlite_master WHERE name = 'scan_pages'").fetchone()[0])


def test_step_12_keeps_every_page_in_a_rowid_table(tmp_path: Path) -> None:
    path = dict(migrate.steps())[12]
    assert path.name == "0012_scan_pages_rowid.sql"
    conn = connect(tmp_path / "old.db", KEY, create=True)
    try:
        migrate.migrate(conn, target=11)
        assert "WITHOUT ROWID" in _table_sql(conn)
        kept = {}
        with transaction(conn):
            for n in range(1, 4):
                pages = [os.urandom(40_000 + n) for _ in range(n)]
                kept[_scan(conn, _document(conn, n), pages)] = pages
        assert migrate.migrate(conn) == migrate.latest_version() - 11
        assert "WITHOUT ROWID" not in _table_sql(conn)
        assert {sid: store.pages(conn, sid) for sid in kept} == kept
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        sid = next(iter(kept))
        with pytest.raises(IntegrityError), transaction(conn):  # (scan_id, page_no) still unique
            store.add_pages(conn, [(sid, [b"again"])])
        with transaction(conn):  # a scan's pages go with it
            conn.execute("DELETE FROM scans WHERE id = ?", (sid,))
        assert store.pages(conn, sid) == []
        assert sum(len(store.pages(conn, s)) for s in kept) == sum(len(p) for p in kept.values()) - 1
    finally:
        conn.close()

"""``audit verify`` checks the database itself, not only the chain: a corrupted page, a broken
structure or an FTS index out of step is reported (with the first bad page), never "intact"."""

from __future__ import annotations

from pathlib import Path

from app.services import audit, nominees, workstation
from tests.cli import run_cli
from tests.conftest import PASSPHRASE


def _filled(session, make_dossier, n: int = 30) -> None:
    for i in range(1, n + 1):
        nominees.add(session, make_dossier(i, with_photo=i < 4))
    session.db.connection().execute("PRAGMA wal_checkpoint(TRUNCATE)")


def test_intact_database_verifies(session, make_dossier):
    _filled(session, make_dossier, 3)
    report = audit.verify(session)
    assert report.ok and report.rows >= 3


def test_one_corrupted_page_is_refused_with_its_number(session, db_path: Path, make_dossier):
    _filled(session, make_dossier)
    session.close()
    data = bytearray(db_path.read_bytes())
    pages = len(data) // 4096
    assert pages > 6
    bad = pages - 2  # a page of data, not the schema on page 1
    for i in range((bad - 1) * 4096 + 200, (bad - 1) * 4096 + 260):
        data[i] ^= 0x5A
    db_path.write_bytes(bytes(data))
    s = workstation.unlock(db_path, user="admin", passphrase=PASSPHRASE)
    try:
        report = audit.verify(s)
    finally:
        s.close()
    assert not report.ok
    assert report.problem == "cipher" and report.bad_page == bad


def test_search_index_out_of_step_is_refused(session, make_dossier):
    _filled(session, make_dossier, 5)
    conn = session.db.connection()
    conn.execute("DELETE FROM nominee_fts_data WHERE id > 10")
    report = audit.verify(session)
    # SQLite's integrity_check runs FTS5's own check too; the explicit FTS pass is the backstop
    assert not report.ok and report.problem in ("database", "fts")


def test_cli_audit_verify_exits_non_zero_naming_the_page(tmp_path: Path):
    db = tmp_path / "ws" / "rezerv.db"
    assert run_cli("init", "--role", "knb", "--user", "admin", db=db, user=None).code == 0
    assert run_cli("demo", "--count", "20", "--seed", "2", db=db).code == 0
    data = bytearray(db.read_bytes())
    bad = len(data) // 4096 - 1
    data[(bad - 1) * 4096 + 300] ^= 0xFF
    db.write_bytes(bytes(data))
    r = run_cli("audit", "verify", db=db)
    # the page is named when unlocking did not need it; otherwise the damage is met first
    assert r.code == 1 and (f"страница: {bad})" in r.err or "повреждена" in r.err), r
    assert len(r.err.strip().splitlines()) == 1 and "Внутренняя" not in r.err

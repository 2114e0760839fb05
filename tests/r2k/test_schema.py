"""Migration 0010 (Reg-2000): a released database upgrades to it, and the step alone moves schema 9
to 10 with the Reg-2000 tables (tests/store/test_upgrade.py checks that every step refuses any
other version)."""

from __future__ import annotations

import shutil
from pathlib import Path

from app.services import workstation
from app.store import migrate
from tests.data.make_schema_fixture import PASSPHRASE

DATA = Path(__file__).resolve().parents[1] / "data"
TABLES = {"r2k_reservists", "r2k_requests", "r2k_exclusions", "r2k_sent"}


def _tables(conn) -> set[str]:  # type: ignore[no-untyped-def]
    return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def test_step_10_adds_the_reg2000_tables(session) -> None:  # type: ignore[no-untyped-def]
    conn = session.db.connection()
    path = dict(migrate.steps())[10]
    assert path.name == "0010_reg2000.sql" and migrate.latest_version() >= 10
    for t in sorted(TABLES):
        conn.execute(f"DROP TABLE {t}")
    conn.execute("PRAGMA user_version = 9")
    migrate.apply_step(conn, 10, path)
    assert _tables(conn) >= TABLES and migrate.schema_version(conn) == 10


def test_schema_1_upgrades_with_an_empty_reg2000_reserve(tmp_path: Path, clock) -> None:  # type: ignore[no-untyped-def]
    for f in (DATA / "schema-1").iterdir():
        shutil.copy(f, tmp_path / f.name)
    s = workstation.unlock(tmp_path / "rezerv.db", user="admin", passphrase=PASSPHRASE, clock=clock)
    try:
        conn = s.db.connection()
        assert _tables(conn) >= TABLES
        assert conn.execute("SELECT count(*) FROM r2k_reservists").fetchone()[0] == 0
    finally:
        s.close()

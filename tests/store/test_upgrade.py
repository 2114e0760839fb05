"""Every released schema upgrades to the current one (Electrum's test_storage_upgrade)."""

import shutil
from pathlib import Path

import pytest

from app.errors import StoreError
from app.services import audit as audit_service
from app.services import nominees, workstation
from app.store import migrate
from tests.data.make_schema_fixture import PASSPHRASE

DATA = Path(__file__).resolve().parents[1] / "data"
RELEASED = sorted(p for p in DATA.glob("schema-*") if p.is_dir())


def test_there_is_a_fixture_for_schema_1():
    assert [p.name for p in RELEASED][:1] == ["schema-1"]


@pytest.mark.parametrize("fixture", RELEASED, ids=lambda p: p.name)
def test_upgrade_from_released_schema(fixture, tmp_path, clock):
    for f in fixture.iterdir():
        shutil.copy(f, tmp_path / f.name)
    db = tmp_path / "rezerv.db"
    s = workstation.unlock(db, user="admin", passphrase=PASSPHRASE, clock=clock)
    try:
        conn = s.db.connection()
        assert migrate.schema_version(conn) == migrate.latest_version()
        assert nominees.count(s) == 2
        rec = nominees.get(s, 1)
        assert rec.dossier.person.surname == "Сейітқалиұлы" and rec.dossier.photo
        assert audit_service.verify(s).ok
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        s.close()


@pytest.mark.parametrize("number", range(1, migrate.latest_version() + 1))
def test_each_step_refuses_a_database_at_another_version(session, number):
    conn = session.db.connection()
    latest = migrate.latest_version()
    path = dict(migrate.steps())[number]
    tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
    for wrong in {0, number - 2, number, latest} - {number - 1}:
        if wrong < 0:
            continue
        conn.execute(f"PRAGMA user_version = {wrong:d}")
        with pytest.raises(StoreError) as e:
            migrate.apply_step(conn, number, path)
        assert e.value.key == "store.schema_unexpected"
        assert e.value.params == {"expected": number - 1, "found": wrong}
        assert f"{wrong}" in e.value.message("ru") and f"{number - 1}" in e.value.message("kk")
        assert migrate.schema_version(conn) == wrong and not conn.in_transaction
        assert conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] == tables
    conn.execute(f"PRAGMA user_version = {latest:d}")


def test_a_newer_database_is_refused(session):
    conn = session.db.connection()
    conn.execute(f"PRAGMA user_version = {migrate.latest_version() + 5}")
    with pytest.raises(Exception) as e2:
        migrate.migrate(conn)
    assert getattr(e2.value, "key", "") == "store.schema_newer"

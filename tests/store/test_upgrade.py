"""Every released schema upgrades to the current one (Electrum's test_storage_upgrade)."""

import shutil
from pathlib import Path

import pytest

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


def test_each_step_checks_the_version_it_expects(session):
    conn = session.db.connection()
    conn.execute("PRAGMA user_version = 0")
    with pytest.raises(Exception) as e:
        migrate.migrate(conn)
    # step 1 expects version 0 and finds tables already there: the step fails and rolls back
    assert e.value is not None
    conn.execute(f"PRAGMA user_version = {migrate.latest_version() + 5}")
    with pytest.raises(Exception) as e2:
        migrate.migrate(conn)
    assert getattr(e2.value, "key", "") == "store.schema_newer"

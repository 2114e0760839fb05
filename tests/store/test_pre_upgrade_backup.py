"""A newer version backs up an older workstation before migrating it, and the backup restores."""

import shutil
from pathlib import Path

from app.services import audit as audit_service
from app.services import backup, nominees, upgrade, workstation
from app.store import migrate
from tests.data.make_schema_fixture import PASSPHRASE

SCHEMA_1 = Path(__file__).resolve().parents[1] / "data" / "schema-1"


def _copy_fixture(tmp_path: Path) -> Path:
    for f in SCHEMA_1.iterdir():
        shutil.copy(f, tmp_path / f.name)
    return tmp_path / "rezerv.db"


def test_first_unlock_of_an_older_schema_keeps_a_backup_of_it(tmp_path, clock):
    db = _copy_fixture(tmp_path)
    s = workstation.unlock(db, user="admin", passphrase=PASSPHRASE, clock=clock)
    try:
        assert audit_service.verify(s).ok
        conn = s.db.connection()
        actions = [a for (a,) in conn.execute("SELECT action FROM audit ORDER BY seq")]
    finally:
        s.close()
    kept = sorted((tmp_path / upgrade.BACKUP_DIR).iterdir())
    assert len(kept) == 1
    assert upgrade.parse_name(kept[0].name) == (1, migrate.latest_version())
    assert actions[-1] == "workstation.upgrade"
    # a second start finds the schema current and keeps no second backup
    workstation.unlock(db, user="admin", passphrase=PASSPHRASE, clock=clock).close()
    assert len(list((tmp_path / upgrade.BACKUP_DIR).iterdir())) == 1

    # the backup is the old schema: restoring it gives back the data as it was before the upgrade
    other = tmp_path / "restored" / "rezerv.db"
    backup.restore(other, kept[0], user="admin", passphrase=PASSPHRASE, force=False)
    s2 = workstation.unlock(other, user="admin", passphrase=PASSPHRASE, clock=clock)
    try:
        assert nominees.count(s2) == 2
    finally:
        s2.close()
    # restoring it and opening it with this version upgraded it again, keeping a backup beside it
    assert len(list((other.parent / upgrade.BACKUP_DIR).iterdir())) == 1


def test_a_current_workstation_keeps_no_backup(session):
    folder = session.db.path.parent / upgrade.BACKUP_DIR
    assert not folder.exists()


def test_backup_names_round_trip():
    import datetime as dt

    almaty = dt.timezone(dt.timedelta(hours=5))
    name = upgrade.backup_name(3, 5, dt.datetime(2026, 3, 1, 14, 0, tzinfo=almaty))
    assert name == "pre-upgrade-schema3-to-5-20260301T090000Z.rzbk"
    assert upgrade.parse_name(name) == (3, 5)
    assert upgrade.parse_name("pre-upgrade-schema3-to-5.rzbk") is None

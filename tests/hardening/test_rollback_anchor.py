"""Rollback and fork detection on the workstation: an older copy of the database put back (with
its key file) is seen at unlock through the anchor kept beside it; the anchor is held until a
supervisor accepts (audited); audit verify names the rollback; imports are refused meanwhile."""

from __future__ import annotations

import shutil
from pathlib import Path

import msgspec
import pytest

from app.errors import InvalidInput, PermissionDenied
from app.security.keyslots import keys_path
from app.services import audit, nominees, transfer_bundles, workstation
from app.store import anchor
from tests.cli import run_cli
from tests.conftest import PASSPHRASE
from tests.factories import make_dossier


def _copy(db: Path, to: Path) -> None:
    to.mkdir()
    for f in (db, keys_path(db)):
        shutil.copy2(f, to / f.name)


def _put_back(saved: Path, db: Path) -> None:
    for f in (db, keys_path(db)):
        shutil.copy2(saved / f.name, f)
    for side in ("-wal", "-shm"):
        db.with_name(db.name + side).unlink(missing_ok=True)


def _settled(s) -> None:
    s.db.connection().execute("PRAGMA wal_checkpoint(TRUNCATE)")
    s.close()


@pytest.fixture
def rolled_back(session, db_path: Path, tmp_path: Path, make_dossier, fast_kdf):
    workstation.add_user(session, "clerk1", "clerk", PASSPHRASE, kdf=fast_kdf)
    nominees.add(session, make_dossier(1))
    _settled(session)
    _copy(db_path, tmp_path / "old")
    s = workstation.unlock(db_path, user="admin", passphrase=PASSPHRASE)
    nominees.add(s, make_dossier(2))
    nominees.add(s, make_dossier(3))
    _settled(s)
    _put_back(tmp_path / "old", db_path)
    return db_path


def test_older_database_put_back_is_refused_at_unlock_with_a_warning(rolled_back):
    s = workstation.unlock(rolled_back, user="clerk1", passphrase=PASSPHRASE)
    try:
        assert [k for k, _ in s.notices] == ["anchor.rollback_warning"]
        assert s.db.anchor_held
        report = audit.verify(s)
        assert not report.ok and report.problem == "rollback"
        held = anchor.read(rolled_back)  # ordinary work goes on; the anchor keeps the evidence
        nominees.add(s, make_dossier(9))
        assert anchor.read(rolled_back) == held
        with pytest.raises(InvalidInput) as e:
            transfer_bundles.import_bundle(s, rolled_back.with_name("none.age"))
        assert e.value.key == "anchor.imports_held"
        with pytest.raises(PermissionDenied):
            audit.accept_rollback(s)
    finally:
        s.close()
    again = workstation.unlock(rolled_back, user="clerk1", passphrase=PASSPHRASE)
    assert [k for k, _ in again.notices] == ["anchor.rollback_warning"]  # every time until decided
    again.close()


def test_supervisor_accepts_the_rollback_and_it_is_audited(rolled_back):
    s = workstation.unlock(rolled_back, user="admin", passphrase=PASSPHRASE)
    try:
        audit.accept_rollback(s)
        assert audit.rows(s, limit=1)[0].action == "workstation.rollback_accepted"
        assert audit.verify(s).ok
    finally:
        s.close()
    s = workstation.unlock(rolled_back, user="clerk1", passphrase=PASSPHRASE)
    assert s.notices == [] and not s.db.anchor_held
    s.close()


def test_forked_history_of_the_same_length_is_refused(session, db_path, tmp_path, make_dossier):
    nominees.add(session, make_dossier(1))
    _settled(session)
    _copy(db_path, tmp_path / "old")
    s = workstation.unlock(db_path, user="admin", passphrase=PASSPHRASE)
    nominees.add(s, make_dossier(2))
    _settled(s)
    _put_back(tmp_path / "old", db_path)
    ahead = anchor.read(db_path)
    s = workstation.unlock(db_path, user="admin", passphrase=PASSPHRASE)
    s.db.anchor_held = False  # simulate a fork: the old copy gains a different row at that seq
    nominees.add(s, make_dossier(3))
    s.close()
    assert ahead is not None  # the fork's head replaced the anchor: put the real one back
    anchor.path_for(db_path).write_bytes(msgspec.json.encode(ahead))
    s = workstation.unlock(db_path, user="admin", passphrase=PASSPHRASE)
    try:
        assert [k for k, _ in s.notices] == ["anchor.fork_warning"]
        assert audit.verify(s).problem == "fork"
    finally:
        s.close()


def test_forged_anchor_is_reported_as_tampered(session, db_path, make_dossier):
    nominees.add(session, make_dossier(1))
    session.close()
    a = anchor.read(db_path)
    assert a is not None
    forged = a.__class__(seq=a.seq + 100, hash=a.hash, mac=a.mac)
    anchor.path_for(db_path).write_bytes(msgspec.json.encode(forged))
    s = workstation.unlock(db_path, user="admin", passphrase=PASSPHRASE)
    try:
        assert [k for k, _ in s.notices] == ["anchor.tampered_warning"]
    finally:
        s.close()


def test_cli_audit_verify_names_the_rollback(tmp_path: Path):
    db = tmp_path / "ws" / "rezerv.db"
    assert run_cli("init", "--role", "knb", "--user", "admin", db=db, user=None).code == 0
    assert run_cli("demo", "--count", "2", "--seed", "1", db=db).code == 0
    _copy(db, tmp_path / "old")
    assert run_cli("demo", "--count", "2", "--seed", "2", db=db).code == 0
    _put_back(tmp_path / "old", db)
    r = run_cli("audit", "verify", db=db)
    assert r.code != 0 and "Откат" in r.err, r
    r = run_cli("audit", "accept-rollback", db=db)
    assert r.code == 0, r
    assert run_cli("audit", "verify", db=db).code == 0

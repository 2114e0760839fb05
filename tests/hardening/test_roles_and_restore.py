"""Every command has a permission decision (a new command without one fails here), each mutating
command is refused for the roles without its permission, and backup and restore are supervisor
actions: a restore leaves an audit row naming the backup, its date and what it dropped, and
every user is shown it once at the next unlock."""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

import pytest

from app.cli.main import build_parser
from app.cli.main import main as cli_main
from app.cli.permissions import COMMANDS
from app.errors import PermissionDenied
from app.security.kdf import KdfParams
from app.security.roles import GRANTS, Permission, Role
from app.services import audit, backup, nominees, workstation
from tests.conftest import PASSPHRASE
from tests.hardening.cli_fuzz import _fill, _slots, leaves, required_flags

ROLES = {"boss": Role.SUPERVISOR, "clerk1": Role.CLERK, "auditor1": Role.AUDITOR}


def test_every_cli_command_has_a_permission_decision():
    commands = {" ".join(path) for path, _ in leaves(build_parser("ru"))}
    assert commands - set(COMMANDS) == set(), "commands without a permission decision"
    assert set(COMMANDS) - commands == set(), "permission entries for commands that do not exist"


@pytest.fixture(scope="module")
def ws(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("roles") / "ws" / "rezerv.db"
    s = workstation.create(db, role="department", user="admin", passphrase=PASSPHRASE,
                           kdf=KdfParams.fast_for_tests())  # fmt: skip
    for name, role in ROLES.items():
        workstation.add_user(s, name, role.value, PASSPHRASE, kdf=KdfParams.fast_for_tests())
    s.close()
    return db


MUTATING = sorted((c, p) for c, p in COMMANDS.items() if p not in (None, Permission.READ))


@pytest.mark.parametrize(("command", "permission"), MUTATING)
def test_mutating_command_is_refused_for_roles_without_its_permission(
    ws: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str, permission: Permission
):
    for k in [k for k in os.environ if k.startswith("REZERV_")]:
        monkeypatch.delenv(k)
    monkeypatch.setenv("REZERV_PASSPHRASE", PASSPHRASE)
    monkeypatch.chdir(tmp_path)
    parser = dict((" ".join(p), sub) for p, sub in leaves(build_parser("ru")))[command]
    argv = [*command.split(), *required_flags(parser)]
    for a in _slots(parser):
        v = _fill(a, "1", tmp_path)
        argv += [a.option_strings[-1], v] if a.option_strings else [v]
    denied = [u for u, r in ROLES.items() if permission not in GRANTS[r]]
    assert denied, "every mutating permission is denied to someone"
    s = workstation.unlock(ws, user="admin", passphrase=PASSPHRASE)
    before = audit.count(s)
    s.close()
    for user in denied:
        err = io.StringIO()
        monkeypatch.setattr(sys, "stderr", err)
        monkeypatch.setattr(sys, "stdout", io.StringIO())
        code = cli_main(["--lang", "ru", "--db", str(ws), "--user", user, *argv])
        assert code == 3, (command, user, err.getvalue())
        assert "не разрешает" in err.getvalue()
    s = workstation.unlock(ws, user="admin", passphrase=PASSPHRASE)
    assert audit.count(s) == before
    s.close()


@pytest.fixture
def team(session):
    for name, role in ROLES.items():
        workstation.add_user(session, name, role.value, PASSPHRASE, kdf=KdfParams.fast_for_tests())
    return session


@pytest.mark.parametrize("user", ["clerk1", "auditor1"])
def test_backup_by_clerk_or_auditor_is_refused(team, db_path: Path, tmp_path: Path, user: str):
    s = workstation.unlock(db_path, user=user, passphrase=PASSPHRASE)
    try:
        with pytest.raises(PermissionDenied):
            backup.backup(s, tmp_path / "b.bk")
    finally:
        s.close()
    assert not (tmp_path / "b.bk").exists()


@pytest.mark.parametrize("user", ["clerk1", "auditor1"])
def test_restore_by_clerk_or_auditor_is_refused_and_changes_nothing(
    team, db_path: Path, tmp_path: Path, make_dossier, user: str
):
    bk = tmp_path / "old.bk"
    backup.backup(team, bk)
    nominees.add(team, make_dossier(1))
    team.close()
    before = db_path.read_bytes()
    with pytest.raises(PermissionDenied):
        backup.restore(db_path, bk, user=user, passphrase=PASSPHRASE, force=True)
    assert db_path.read_bytes() == before


def test_restore_is_audited_with_what_it_dropped_and_shown_once_to_each_user(
    team, db_path: Path, tmp_path: Path, make_dossier, clock
):
    bk = tmp_path / "old.bk"
    backup.backup(team, bk)
    nominees.add(team, make_dossier(1))
    nominees.add(team, make_dossier(2))
    workstation.add_user(team, "late", "clerk", PASSPHRASE, kdf=KdfParams.fast_for_tests())
    team.close()
    payload = backup.restore(db_path, bk, user="boss", passphrase=PASSPHRASE, force=True,
                             clock=clock)  # fmt: skip
    assert payload["backup"] == "old.bk"
    assert payload["dropped"] == {"audit_rows": 4, "nominees": 2, "users": ["late"]}
    s = workstation.unlock(db_path, user="clerk1", passphrase=PASSPHRASE, clock=clock)
    try:
        assert [k for k, _ in s.notices] == ["backup.restored_notice"]
        params = s.notices[0][1]
        assert params["backup"] == "old.bk" and params["nominees"] == "2" and params["users"] == "late"
        rows = audit.rows(s, limit=5)
        assert [r.action for r in rows][:2] == ["workstation.restore_seen", "workstation.restore"]
        assert audit.verify(s).ok
        assert nominees.count(s) == 0
    finally:
        s.close()
    again = workstation.unlock(db_path, user="clerk1", passphrase=PASSPHRASE, clock=clock)
    assert again.notices == []
    again.close()
    other = workstation.unlock(db_path, user="auditor1", passphrase=PASSPHRASE, clock=clock)
    assert [k for k, _ in other.notices] == ["backup.restored_notice"]
    other.close()

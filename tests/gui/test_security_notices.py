"""What the hardening shows in the window: the restore and rollback notices at unlock (a supervisor
accepts a rolled-back database from there, others are told a supervisor decides), the number of
failed unlocks that locks a user (Settings), and a supervisor unlocking a locked-out user."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from app import i18n
from app.errors import AuthError
from app.security.kdf import KdfParams
from app.security.keyslots import KeyStore, keys_path
from app.services import audit, backup, nominees, workstation
from tests.conftest import PASSPHRASE
from tests.factories import make_dossier
from tests.gui.conftest import unlock

CLERK_PASS = "a clerk's own passphrase, long enough"


@pytest.fixture
def team(workstation_path: Path, clock) -> Path:
    s = workstation.unlock(workstation_path, user="admin", passphrase=PASSPHRASE, clock=clock)
    workstation.add_user(s, "clerk1", "clerk", CLERK_PASS, kdf=KdfParams.fast_for_tests())
    s.close()
    return workstation_path


def _rolled_back(db: Path, tmp_path: Path, clock) -> None:
    """An older copy of the database and its key file put back after later work."""
    saved = tmp_path / "old"
    saved.mkdir()
    for f in (db, keys_path(db)):
        shutil.copy2(f, saved / f.name)
    s = workstation.unlock(db, user="admin", passphrase=PASSPHRASE, clock=clock)
    nominees.add(s, make_dossier(1))
    s.db.connection().execute("PRAGMA wal_checkpoint(TRUNCATE)")
    s.close()
    for f in (db, keys_path(db)):
        shutil.copy2(saved / f.name, f)
    for side in ("-wal", "-shm"):
        db.with_name(db.name + side).unlink(missing_ok=True)


def _actions(db: Path, clock) -> list[str]:
    s = workstation.unlock(db, user="admin", passphrase=PASSPHRASE, clock=clock)
    try:
        return [r.action for r in audit.rows(s, limit=50)]
    finally:
        s.close()


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_restore_is_told_once_at_unlock_in_the_users_language(make_window, team, tmp_path, clock,
                                                               lang):  # fmt: skip
    s = workstation.unlock(team, user="admin", passphrase=PASSPHRASE, clock=clock)
    backup.backup(s, tmp_path / "old.bk")
    nominees.add(s, make_dossier(1))
    s.close()
    backup.restore(team, tmp_path / "old.bk", user="admin", passphrase=PASSPHRASE, force=True,
                   clock=clock)  # fmt: skip
    w = make_window(team, lang=lang)
    unlock(w, "clerk1", CLERK_PASS)
    assert w.state == "main" and w.notices is not None and w.notices.isVisible()
    [(key, params)] = w.notices.notices
    assert key == "backup.restored_notice" and params["backup"] == "old.bk"
    assert w.notices.texts[0].text() == i18n.tr(key, lang, **params)
    assert not w.notices.accept_button.isVisible() and not w.notices.decision.isVisible()
    w.notices.grab().save(str(tmp_path / f"restore-{lang}.png"))
    w.notices.reject()
    w.lock()
    unlock(w, "clerk1", CLERK_PASS)
    assert w.notices is None or not w.notices.isVisible()  # once per user


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_rollback_is_told_to_a_clerk_who_cannot_accept_it(make_window, team, tmp_path, clock, lang):
    _rolled_back(team, tmp_path, clock)
    w = make_window(team, lang=lang)
    unlock(w, "clerk1", CLERK_PASS)
    d = w.notices
    assert d is not None and d.isVisible()
    assert d.texts[0].text() == i18n.tr("anchor.rollback_warning", lang, **w.env.s().notices[0][1])
    assert not d.accept_button.isVisible()
    assert d.decision.text() == i18n.tr("ui.notices.supervisor_decides", lang)
    d.grab().save(str(tmp_path / f"rollback-{lang}.png"))
    d.accept_database()  # reached anyway (a shortcut, a stale button): refused, nothing written
    assert w.env.dialogs.errors == [i18n.tr("ui.access.denied", lang)]
    assert w.env.s().db.anchor_held
    w.close()
    assert "workstation.rollback_accepted" not in _actions(team, clock)


def test_supervisor_accepts_the_rolled_back_database_from_the_notice(make_window, team, tmp_path,
                                                                     clock, dialogs):  # fmt: skip
    _rolled_back(team, tmp_path, clock)
    w = make_window(team, lang="ru")
    unlock(w)
    d = w.notices
    assert d is not None and d.accept_button.isVisible()
    assert w.env.s().db.anchor_held
    dialogs.confirm_answer = False
    d.accept_database()
    assert w.env.s().db.anchor_held  # declined: nothing done
    dialogs.confirm_answer = True
    d.accept_database()
    assert not w.env.s().db.anchor_held
    assert dialogs.infos == [i18n.tr("ui.notices.rollback_accepted", "ru")]
    assert not d.accept_button.isVisible()
    w.close()
    assert "workstation.rollback_accepted" in _actions(team, clock)
    s = workstation.unlock(team, user="clerk1", passphrase=CLERK_PASS, clock=clock)
    assert s.notices == []  # accepted: no warning any more
    s.close()


def test_supervisor_sets_how_many_failed_unlocks_lock_a_user(make_window, team, clock):
    w = make_window(team, lang="kk")
    unlock(w)
    page = w.main.show_screen("settings").show_page("lock")
    assert page.attempts.isEnabled() and page.attempts.value() == 10
    page.attempts.setValue(4)
    w.main.show_screen("settings").save()
    assert KeyStore(team).load().lock_after == 4
    w.close()
    assert "workstation.lock_after" in _actions(team, clock)


def test_clerk_cannot_change_the_lock_after_setting(make_window, team, clock):
    w = make_window(team, lang="ru")
    unlock(w, "clerk1", CLERK_PASS)
    page = w.main.show_screen("settings").show_page("lock")
    assert not page.attempts.isEnabled()
    page.attempts.setValue(5)  # even if the value were changed, saving does not write it
    w.main.show_screen("settings").save()
    assert KeyStore(team).load().lock_after == 10
    w.close()
    assert "workstation.lock_after" not in _actions(team, clock)


def _lock_out(db: Path, name: str, clock) -> None:
    s = workstation.unlock(db, user="admin", passphrase=PASSPHRASE, clock=clock)
    workstation.set_lock_after(s, 3)
    s.close()
    t = [1_000_000.0]

    def now() -> float:  # the workstation's delay between attempts passes at once
        t[0] += 3600
        return t[0]

    for _ in range(3):
        with pytest.raises(AuthError):
            workstation.unlock(db, user=name, passphrase="wrong " * 4, now=now)
    assert KeyStore(db).is_locked(name)


def test_supervisor_unlocks_a_locked_out_user(make_window, team, clock, dialogs):
    _lock_out(team, "clerk1", clock)
    w = make_window(team, lang="ru")
    unlock(w)
    page = w.main.show_screen("settings").show_page("users")
    row = [u for u, _ in page.users].index("clerk1")
    assert page.table.item(row, 2).text() == i18n.tr("ui.users.locked", "ru")
    assert page.table.item([u for u, _ in page.users].index("admin"), 2).text() == ""
    page.table.setCurrentCell(row, 0)
    page.unlock_user()
    assert dialogs.asked == [i18n.tr("ui.users.confirm_unlock", "ru", name="clerk1")]
    assert dialogs.infos == [i18n.tr("ui.users.unlocked", "ru", name="clerk1")]
    assert not KeyStore(team).is_locked("clerk1")
    assert page.table.item(row, 2).text() == ""
    w.close()
    assert "user.unlock" in _actions(team, clock)
    workstation.unlock(team, user="clerk1", passphrase=CLERK_PASS, clock=clock).close()


def test_unlocking_a_user_who_is_not_locked_says_so_and_writes_nothing(make_window, team, clock,
                                                                      dialogs):  # fmt: skip
    w = make_window(team, lang="kk")
    unlock(w)
    page = w.main.show_screen("settings").show_page("users")
    page.table.setCurrentCell([u for u, _ in page.users].index("clerk1"), 0)
    page.unlock_user()
    assert dialogs.infos == [i18n.tr("user.not_locked", "kk", name="clerk1")]
    w.close()
    assert "user.unlock" not in _actions(team, clock)


def test_clerk_cannot_unlock_a_user(make_window, team, clock, dialogs):
    s = workstation.unlock(team, user="admin", passphrase=PASSPHRASE, clock=clock)
    workstation.add_user(s, "clerk2", "clerk", CLERK_PASS, kdf=KdfParams.fast_for_tests())
    s.close()
    _lock_out(team, "clerk2", clock)
    w = make_window(team, lang="ru")
    unlock(w, "clerk1", CLERK_PASS)
    page = w.main.show_screen("settings").show_page("users")
    assert not page.unlock.isEnabled()
    page.table.setCurrentCell([u for u, _ in page.users].index("clerk2"), 0)
    page.unlock_user()
    assert dialogs.errors == [i18n.tr("ui.access.denied", "ru")]
    assert KeyStore(team).is_locked("clerk2")
    w.close()
    assert "user.unlock" not in _actions(team, clock)

"""Audit browsing and verification; settings pages (idle time, users, roles)."""

from __future__ import annotations

import pytest

from app.services import settings, workstation
from tests.conftest import PASSPHRASE
from tests.gui.conftest import unlock

pytestmark = pytest.mark.gui
OTHER = "another long passphrase for the clerk"


@pytest.fixture
def window(make_window, workstation_path):
    w = make_window(workstation_path)
    unlock(w)
    return w


def test_audit_lists_filters_and_verifies(window, make_dossier, qtbot):
    from app.services import nominees

    nominees.add(window.env.session, make_dossier(1))
    screen = window.main.show_screen("audit")
    assert screen.model.rowCount() == 2  # workstation.init + nominee.add, newest first
    assert screen.model.rows[0].action == "nominee.add"
    screen.action.setCurrentIndex(screen.action.findData("workstation."))
    assert [r.action for r in screen.model.rows] == ["workstation.init"]
    with qtbot.waitSignal(screen.verified, timeout=20000) as sig:
        screen.verify()
    assert sig.args[0].ok and sig.args[0].rows == 2
    assert "2" in screen.result.text()


def test_audit_reports_a_broken_chain(window, qtbot):
    conn = window.env.session.db.connection()
    conn.execute("UPDATE audit SET user = 'mallory' WHERE seq = 1")
    screen = window.main.show_screen("audit")
    with qtbot.waitSignal(screen.verified, timeout=20000) as sig:
        screen.verify()
    assert not sig.args[0].ok
    assert screen.result.text() == window.env.tr.t(
        "ui.audit.broken", seq=1, problem=window.env.tr.t("ui.audit.problem.edited")
    )


def test_idle_time_is_saved_and_applied(window):
    screen = window.main.show_screen("settings")
    page = screen.show_page("lock")
    assert page.minutes.value() == settings.IDLE_DEFAULT
    page.minutes.setValue(25)
    screen.save()
    assert settings.get_idle_minutes(window.env.session) == 25
    assert window.idle._timer.interval() == 25 * 60_000


def test_supervisor_adds_and_removes_a_user_who_can_then_unlock(window, db_path, clock, dialogs):
    from ui.screens.settings.user_dialogs import AddUserDialog

    screen = window.main.show_screen("settings")
    page = screen.show_page("users")
    assert [u for u, _ in page.users] == ["admin"]
    dialog = AddUserDialog(window.env, page)
    dialog.name.setText("clerk1")
    dialog.role.setCurrentIndex(dialog.role.findData("clerk"))
    dialog.secret.first.setText(OTHER)
    dialog.secret.second.setText(OTHER)
    dialog.accepted.connect(page.load)
    dialog.submit()
    assert ("clerk1", "clerk") in page.users
    s = workstation.unlock(db_path, user="clerk1", passphrase=OTHER, clock=clock)
    assert s.role == "clerk"
    s.close()
    page.table.setCurrentCell([u for u, _ in page.users].index("clerk1"), 0)
    page.remove_user()
    assert [u for u, _ in page.users] == ["admin"]


def test_an_auditor_reads_but_cannot_edit_or_manage(window, make_window, workstation_path):
    workstation.add_user(window.env.session, "aud", "auditor", OTHER, kdf=window.env.kdf)
    window.lock()
    unlock(window, user="aud", passphrase=OTHER)
    assert window.env.session.role == "auditor"
    nominees_screen = window.main.screen("nominees")
    assert not nominees_screen.new.isEnabled()
    users = window.main.show_screen("settings").show_page("users")
    assert not users.add.isEnabled() and not users.remove.isEnabled()
    assert users.passwd.isEnabled()


def test_change_own_passphrase(window, db_path, clock):
    from ui.screens.settings.user_dialogs import ChangePassphraseDialog

    dialog = ChangePassphraseDialog(window.env, window)
    dialog.old.setText(PASSPHRASE)
    dialog.secret.first.setText(OTHER)
    dialog.secret.second.setText(OTHER)
    dialog.submit()
    assert dialog.old.text() == "" and dialog.secret.value() == ""
    s = workstation.unlock(db_path, user="admin", passphrase=OTHER, clock=clock)
    s.close()

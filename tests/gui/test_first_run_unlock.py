"""First run, unlock, wrong passphrase, lock on demand and after idle."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.services import nominees, settings, workstation
from tests.conftest import PASSPHRASE
from tests.gui.conftest import unlock

pytestmark = pytest.mark.gui


def test_first_run_creates_the_workstation_and_opens_the_nominee_list(make_window, db_path, qtbot):
    w = make_window(db_path)
    assert w.state == "first_run"
    fr = w.first_run
    fr.role_page.radios["syrbar"].setChecked(True)
    fr.next()
    page = fr.user_page
    page.name.setText("aigerim")
    page.secret.first.setText("short")
    assert not page.isComplete()  # the policy's verdict is shown, Finish disabled
    assert page.secret.verdict.text() != ""
    page.secret.first.setText(PASSPHRASE)
    page.secret.second.setText(PASSPHRASE + "x")
    assert not page.isComplete()
    page.secret.second.setText(PASSPHRASE)
    assert page.isComplete()
    fr.accept()
    assert w.state == "main"
    assert page.secret.first.text() == "" or not page.isVisible()
    s = w.env.session
    assert s.user == "aigerim" and s.role == "supervisor" and s.workstation_role == "syrbar"
    assert w.main.current == "nominees"
    assert db_path.exists()


def test_unlock_clears_the_field_and_opens_main(make_window, workstation_path):
    w = make_window(workstation_path, user="admin")
    assert w.state == "unlock"
    screen = w.unlock
    assert screen.user.text() == "admin"
    screen.passphrase.setText(PASSPHRASE)
    screen.submit()
    assert screen.passphrase.text() == ""
    assert w.state == "main"
    assert w.env.session.user == "admin"


def test_wrong_passphrase_shows_a_clear_message_and_stays_locked(make_window, workstation_path):
    w = make_window(workstation_path)
    unlock(w, passphrase="not the right passphrase at all")
    assert w.state == "unlock"
    assert w.env.session is None
    msg = w.unlock.error.text()
    assert msg and msg == w.env.tr.t("auth.wrong_passphrase")
    assert "auth." not in msg  # translated, not a raw key
    assert w.unlock.passphrase.text() == ""
    unlock(w)
    assert w.state == "main"


def test_ctrl_l_locks_drops_the_key_and_hides_personal_data(make_window, workstation_path, qtbot,
                                                           make_dossier):  # fmt: skip
    w = make_window(workstation_path)
    unlock(w)
    s = w.env.session
    nominees.add(s, make_dossier())
    screen = w.main.screen("nominees")
    screen.apply_filters()
    assert screen.model.rowCount() == 1
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w, timeout=20000)
    qtbot.keyClick(screen.table, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert w.state == "unlock"
    assert w.env.session is None
    assert not s.db.is_open  # the key is zeroed and dropped
    assert w.main is None
    assert w.unlock.user.text() == "admin"


def test_auto_lock_after_idle(make_window, workstation_path, qtbot):
    w = make_window(workstation_path)
    unlock(w)
    assert w.idle.active
    w.idle.set_interval_ms(150)
    qtbot.waitUntil(lambda: w.state == "unlock", timeout=20000)
    assert w.env.session is None


def test_idle_time_comes_from_the_encrypted_settings(
    make_window, workstation_path, clock, fast_kdf
):
    s = workstation.unlock(workstation_path, user="admin", passphrase=PASSPHRASE, clock=clock)
    settings.set_idle_minutes(s, 3)
    s.close()
    w = make_window(workstation_path)
    unlock(w)
    assert w.idle._timer.interval() == 3 * 60_000


def test_input_to_a_window_restarts_the_idle_countdown(make_window, workstation_path, qtbot):
    from PySide6.QtCore import QEvent, QPointF, Qt
    from PySide6.QtGui import QGuiApplication, QKeyEvent, QMouseEvent

    w = make_window(workstation_path)
    unlock(w)
    w.idle.set_interval_ms(400)
    w.idle.start()
    qtbot.waitUntil(lambda: w.windowHandle() is not None)
    locked_after = 0
    for _ in range(6):  # 6 x 150 ms of typing: longer than the idle time, never idle
        qtbot.wait(150)
        key = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_A, Qt.KeyboardModifier.NoModifier, "a")
        QGuiApplication.sendEvent(w.windowHandle(), key)
        locked_after += w.state != "main"
    assert locked_after == 0
    move = QMouseEvent(QEvent.Type.MouseMove, QPointF(5, 5), QPointF(5, 5),
                       Qt.MouseButton.NoButton, Qt.MouseButton.NoButton,
                       Qt.KeyboardModifier.NoModifier)  # fmt: skip
    QGuiApplication.sendEvent(w.windowHandle(), move)
    assert w.state == "main"
    qtbot.waitUntil(lambda: w.state == "unlock", timeout=20000)  # and idle, it locks

"""Guidance instead of dead ends: the recipient is checked before a file is asked for (and the
Department's card offered), one bundle extension, empty screens say what to do first, Delete
follows the result, quarters are picked, overdue counts are words, the language applies at once,
and the unlock screen remembers the last login name."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QComboBox

from app.services.quarter_deadlines import days_left_text
from tests.gui.conftest import unlock
from ui.screens.quarter.common import BUNDLE_EXT, next_quarter, quarter_choices
from ui.screens.transfers.files import BUNDLE_PATTERN

pytestmark = pytest.mark.gui
UI = Path(__file__).resolve().parents[2] / "ui"


@pytest.fixture
def window(make_window, workstation_path):
    w = make_window(workstation_path)
    unlock(w)
    return w


def test_sending_without_the_departments_card_offers_to_add_it_before_any_file(window, dialogs,
                                                                                 qtbot):  # fmt: skip
    board = window.main.show_screen("quarter")
    asked_files: list[str] = []
    board.ask_path = lambda f: asked_files.append(f) or ""
    dialogs.confirm_answer = False
    board.send()
    assert asked_files == []  # no file name before the recipient is known
    assert dialogs.asked and window.env.tr.t("body.department") in dialogs.asked[-1]
    dialogs.confirm_answer = True
    board.send()
    assert asked_files == []
    assert window.main.current == "transfers"
    transfers = window.main.screen("transfers")
    assert transfers.trust.dialog is not None and transfers.trust.dialog.isVisible()
    transfers.trust.dialog.reject()


def test_one_bundle_extension_everywhere() -> None:
    assert BUNDLE_EXT == ".rzv" and BUNDLE_PATTERN == "*.rzv"
    readme = (UI.parent / "README.md").read_text(encoding="utf-8")
    assert ".rzv" in readme
    for path in UI.rglob("*.py"):
        assert not re.search(r"\.age\b[\"')]", path.read_text(encoding="utf-8")), path


def test_the_empty_nominee_list_says_what_to_do_first(window, make_dossier, qtbot):
    from app.services import nominees

    screen = window.main.show_screen("nominees")
    t = window.env.tr.t
    assert screen.empty.isVisibleTo(screen)
    assert screen.empty.text() == t("ui.nominees.empty_first", new=t("ui.nominees.new"))
    nominees.add(window.env.session, make_dossier(1))
    screen.apply_filters()
    assert not screen.empty.isVisibleTo(screen)
    screen.table.selectRow(0)
    qtbot.waitUntil(screen.delete.isEnabled, timeout=20000)  # a worker thread; slow under load
    screen.search.setText("жоқадамжоқ")
    screen.apply_filters()
    assert screen.model.rowCount() == 0
    assert not screen.delete.isEnabled()  # Delete follows the (empty) result
    assert screen.empty.text() == t("ui.nominees.empty_filtered")


def test_quarters_are_picked_current_and_next() -> None:
    assert next_quarter("2026Q4") == "2027Q1" and next_quarter("2026Q1") == "2026Q2"
    assert quarter_choices("2026Q1", {"2025Q3"}) == ["2025Q3", "2026Q1", "2026Q2"]


def test_the_quarter_screen_and_the_export_dialog_pick_a_quarter(window):
    board = window.main.show_screen("quarter")
    assert isinstance(board.quarter, QComboBox) and not board.quarter.isEditable()
    items = [board.quarter.itemText(i) for i in range(board.quarter.count())]
    assert {"2026Q1", "2026Q2"} <= set(items)  # the clock says 10.02.2026


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_overdue_is_said_in_words(lang) -> None:
    text = days_left_text(-188, lang)
    assert "188" in text and "-188" not in text
    assert text != days_left_text(188, lang)


def test_the_language_applies_at_once(window):
    settings = window.main.show_screen("settings")
    page = settings.show_page("language")
    page.combo.setCurrentIndex(page.combo.findData("ru"))
    page.combo.activated.emit(page.combo.currentIndex())
    assert window.env.tr.lang == "ru"  # without Save


def test_the_unlock_screen_remembers_the_last_login_name(qapp, make_window, workstation_path,
                                                          tmp_path, monkeypatch):  # fmt: skip
    from ui import app as ui_app

    conf = tmp_path / "settings"
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(conf))
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(conf))
    w = make_window(workstation_path)
    w.unlocked_as.connect(lambda name: ui_app.settings().setValue("ui/last_user", name))
    unlock(w)
    assert ui_app.last_user() == "admin"
    ui_app.settings().sync()
    stored = b"".join(p.read_bytes() for p in conf.rglob("*") if p.is_file())
    assert b"admin" in stored and b"passphrase" not in stored
    w2 = make_window(workstation_path, user=ui_app.last_user())
    assert w2.unlock.user.text() == "admin"
    QApplication.processEvents()

"""Settings -> calendar overrides (supervisor only) and quarter reminder offsets."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate

from app.services import calendar, quarter, workstation
from tests.gui.conftest import unlock

pytestmark = pytest.mark.gui
OTHER = "another long passphrase for the clerk"
WEDNESDAY = dt.date(2026, 2, 11)
SATURDAY = dt.date(2026, 2, 14)


@pytest.fixture
def window(make_window, workstation_path):
    w = make_window(workstation_path)
    unlock(w)
    return w


def _qdate(d: dt.date) -> QDate:
    return QDate(d.year, d.month, d.day)


def _add(page, day: dt.date, kind: str, reason: str = "", reference: str = "") -> None:
    page.day.setDate(_qdate(day))
    page.kind.setCurrentIndex(page.kind.findData(kind))
    page.reason.setText(reason)
    page.reference.setText(reference)
    page.add.click()


def test_supervisor_adds_and_removes_overrides(window, dialogs):
    s = window.env.session
    page = window.main.show_screen("settings").show_page("calendar")
    assert page.add.isEnabled() and page.remove.isEnabled()
    assert page.items == [] and page.table.rowCount() == 0
    assert calendar.day_info(s, WEDNESDAY).workday
    assert not calendar.day_info(s, SATURDAY).workday

    _add(page, WEDNESDAY, "day_off", "перенос", "Постановление № 1")
    _add(page, SATURDAY, "workday")
    assert not dialogs.errors
    assert [o.day for o in page.items] == [WEDNESDAY, SATURDAY]
    assert page.table.item(0, 0).text() == "11.02.2026"
    assert page.table.item(0, 1).text() == window.env.tr.t("ui.calendar.kind.day_off")
    assert page.table.item(0, 3).text() == "Постановление № 1"
    assert page.reason.text() == "" and page.reference.text() == ""
    info = calendar.day_info(s, WEDNESDAY)
    assert not info.workday and info.source == "override"
    assert info.override is not None and info.override.reference == "Постановление № 1"
    assert calendar.day_info(s, SATURDAY).workday

    # the check line agrees with the service
    page.check_day.setDate(_qdate(WEDNESDAY))
    assert page.info == calendar.day_info(s, WEDNESDAY)
    assert page.answer.text().startswith(
        window.env.tr.t("ui.calendar.day_off", date="11.02.2026")
    )

    page.table.setCurrentCell(0, 0)
    page.remove.click()
    assert dialogs.asked[-1] == window.env.tr.t("ui.calendar.confirm_remove", date="11.02.2026")
    assert [o.day for o in page.items] == [SATURDAY]
    assert calendar.day_info(s, WEDNESDAY).workday
    assert page.info is not None and page.info.day == WEDNESDAY and page.info.workday


def test_a_duplicate_day_is_reported_not_added(window, dialogs):
    page = window.main.show_screen("settings").show_page("calendar")
    _add(page, WEDNESDAY, "day_off")
    _add(page, WEDNESDAY, "workday")
    assert len(page.items) == 1 and len(dialogs.errors) == 1
    assert "11.02.2026" in dialogs.errors[0]


def test_the_year_selector_shows_that_years_overrides(window):
    calendar.add_override(window.env.session, dt.date(2027, 1, 4), "day_off")
    page = window.main.show_screen("settings").show_page("calendar")
    assert page.items == []
    page.year.setValue(2027)
    assert [o.day for o in page.items] == [dt.date(2027, 1, 4)]


@pytest.mark.parametrize("role", ["clerk", "auditor"])
def test_clerk_and_auditor_read_but_cannot_change(window, dialogs, role):
    calendar.add_override(window.env.session, WEDNESDAY, "day_off", reference="decree")
    workstation.add_user(window.env.session, "other", role, OTHER, kdf=window.env.kdf)
    window.lock()
    unlock(window, user="other", passphrase=OTHER)
    assert window.env.session.role == role
    page = window.main.show_screen("settings").show_page("calendar")
    assert [o.reference for o in page.items] == ["decree"]
    for w in (page.add, page.remove, page.day, page.kind, page.reason, page.reference):
        assert not w.isEnabled()
    assert page.add.toolTip() == window.env.tr.t("ui.users.supervisor_only")
    # even if the buttons were reachable, the service refuses and the list stays
    page.day.setDate(_qdate(SATURDAY))
    page.add_override()
    page.table.setCurrentCell(0, 0)
    page.remove_selected()
    assert len(dialogs.errors) == 2
    assert [o.day for o in calendar.overrides(window.env.session)] == [WEDNESDAY]
    assert page.check_day.isEnabled()  # the working-day check is for everyone


def test_reminder_offsets_saved_in_settings_are_what_the_quarter_service_reads(window):
    s = window.env.session
    screen = window.main.show_screen("settings")
    page = screen.show_page("reminders")
    assert page.offsets.text() == "10, 5, 2"
    page.offsets.setText("3, 12,7")
    screen.save()
    assert quarter.reminder_offsets(s) == (12, 7, 3)
    assert page.offsets.text() == "12, 7, 3"
    assert quarter.reminder_for(6, quarter.reminder_offsets(s)) == 7


@pytest.mark.parametrize("text", ["", "ten", "5, 61", "-1"])
def test_bad_reminder_offsets_are_refused_before_anything_is_saved(window, text):
    screen = window.main.show_screen("settings")
    screen.show_page("lock").minutes.setValue(30)
    page = screen.show_page("reminders")
    page.offsets.setText(text)
    screen.show_page("language")
    screen.save()
    assert screen.stack.currentWidget() is page
    assert screen.error.text() == window.env.tr.t("quarter.bad_reminders")
    assert quarter.reminder_offsets(window.env.session) == quarter.REMINDERS_DEFAULT
    from app.services import settings

    assert settings.get_idle_minutes(window.env.session) == settings.IDLE_DEFAULT


def test_an_auditor_cannot_change_reminder_offsets(window):
    workstation.add_user(window.env.session, "aud", "auditor", OTHER, kdf=window.env.kdf)
    window.lock()
    unlock(window, user="aud", passphrase=OTHER)
    page = window.main.show_screen("settings").show_page("reminders")
    assert not page.offsets.isEnabled() and page.offsets.text() == "10, 5, 2"


def test_deadlines_screen_shows_the_offsets_set_in_settings(window):
    from ui.screens.deadlines.screen import DeadlinesScreen

    quarter.set_reminder_offsets(window.env.session, [8, 4])
    screen = DeadlinesScreen(window.env)
    assert screen.reminders.text() == "8, 4"


def test_keyboard_enter_adds_and_delete_removes(window, qtbot):
    from PySide6.QtCore import Qt

    page = window.main.show_screen("settings").show_page("calendar")
    page.day.setDate(_qdate(WEDNESDAY))
    page.reference.setFocus()
    qtbot.keyClick(page.reference, Qt.Key.Key_Return)
    assert [o.day for o in page.items] == [WEDNESDAY]
    page.table.setFocus()
    page.table.setCurrentCell(0, 0)
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    assert page.items == []
    assert calendar.day_info(window.env.session, WEDNESDAY).workday

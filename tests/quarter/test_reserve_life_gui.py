"""A member's life from the GUI (Rules-2025 p.14, p.16, p.17): the Reserve and Members screens open
the appointment, override, training and acting-duty dialogs and the timeline of the selected member;
each action is driven with real widgets over a real encrypted database and checked in it, refusals
are shown in the dialog with the clause, the role is checked by the service, and the work runs
through the executor (a worker thread with the real pool)."""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path

import msgspec
import pytest
import shiboken6
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDialogButtonBox

from app.clock import FixedClock
from app.domain.dossier import Secondment, SecondmentKind
from app.errors import PermissionDenied
from app.security.kdf import KdfParams
from app.services import decisions, nominees, quarter, reserve, reserve_life, workstation
from app.store import reserve_life as life_repo
from tests.conftest import PASSPHRASE
from tests.gui.conftest import BACKGROUND_MS, unlock
from tests.quarter.conftest import at, dossier
from tests.transfer.conftest import new_workstation
from ui.ops import PoolExecutor
from ui.screens.reserve.life import LifeActions, LifeDialog, TimelineDialog

pytestmark = pytest.mark.gui
D = dt.date.fromisoformat
AUDITOR = "auditor1"


def _sgs_world(tmp_path: Path, clock: FixedClock, kdf: KdfParams, *, seconded: bool = False,
               auditor: bool = False) -> tuple[Path, int]:  # fmt: skip
    """A State Guard Service workstation with one member enrolled on 02.02.2026 (p.5: its own
    list, decided there)."""
    at(clock, "2026-02-02")
    s = new_workstation(tmp_path, "sgs", "sgs", clock, kdf)
    d = dossier(1, "sgs")
    if seconded:
        sec = Secondment(kind=SecondmentKind.STATE_BODY, host="Министрлік", since=D("2025-01-10"))
        d = msgspec.structs.replace(d, secondment=sec)
    nid = nominees.add(s, d)
    quarter.build_list(s, "2026Q1", [nid])
    quarter.submit_to_head_pa(s, "2026Q1", day=D("2026-02-02"), reference="МКҚ-1")
    decisions.record(s, nid, "enrol", number="№ 1", day=D("2026-02-02"))
    if auditor:
        workstation.add_user(s, AUDITOR, "auditor", PASSPHRASE, kdf=kdf)
    path = s.db.path
    s.close()
    return path, nid


def _ok(dialog: LifeDialog) -> None:
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()


def _shown(dialog) -> bool:  # noqa: ANN001
    """Still open (a closed dialog is deleted once the event loop runs)."""
    return shiboken6.isValid(dialog) and dialog.isVisible()


def _set(edit, day: str) -> None:  # noqa: ANN001 - a QDateEdit
    d = D(day)
    edit.setDate(QDate(d.year, d.month, d.day))


def _open(actions: LifeActions, key: str):  # noqa: ANN202
    actions.buttons[key].click()
    assert actions.dialog is not None and actions.dialog.isVisible()
    return actions.dialog


def test_reserve_screen_records_training_acting_and_appointment_after_an_override(
    make_window, tmp_path: Path, clock: FixedClock, fast_kdf: KdfParams, dialogs
) -> None:  # fmt: skip
    path, nid = _sgs_world(tmp_path, clock, fast_kdf)
    at(clock, "2026-03-02")
    w = make_window(path, lang="ru")
    unlock(w)
    screen = w.main.show_screen("reserve")
    assert screen.table.rowCount() == 1
    # p.16: a member in the reserve without a course is flagged on the register
    assert screen.table.item(0, 8).text() == w.env.tr.t("life.ui.no_training")
    screen.table.selectRow(0)
    s = w.env.s()
    jobs = w.env.executor.jobs

    # p.16 training
    dlg = _open(screen.life, "training")
    assert "пункт 16 Правил" in dlg.clause.text()
    dlg.course.setText("Академия правоохранительных органов: курс руководителей")
    _set(dlg.day_from, "2026-02-16")
    _set(dlg.day_to, "2026-02-27")
    dlg.hours.setValue(72)
    dlg.certificate.setText("№ 0042")
    _ok(dlg)
    assert not _shown(dlg)
    (t,) = life_repo.training(s.db.connection(), nid)
    assert (t.course, t.day_from, t.day_to, t.hours, t.certificate) == (
        "Академия правоохранительных органов: курс руководителей", D("2026-02-16"), D("2026-02-27"),
        72, "№ 0042")  # fmt: skip
    assert dialogs.infos[-1] == w.env.tr.t("life.cli.training", id=nid)
    assert w.env.executor.jobs > jobs  # the service ran through the executor, not inline
    assert screen.table.item(0, 8).text() == "✓"  # the register reloaded: trained now

    # p.17 acting duties, with an end date
    dlg = _open(screen.life, "acting")
    dlg.order.setText("№ 30 л/с")
    _set(dlg.day_from, "2026-02-20")
    dlg.has_end.setChecked(True)
    _set(dlg.day_to, "2026-03-01")
    _ok(dlg)
    (a,) = life_repo.acting(s.db.connection(), nid)
    assert (a.order_ref, a.day_from, a.day_to) == ("№ 30 л/с", D("2026-02-20"), D("2026-03-01"))

    # p.14 part 2: an appointment before three months is refused in the dialog, nothing changes
    dlg = _open(screen.life, "appoint")
    dlg.position.setText("Бастық")
    dlg.order.setText("№ 13 л/с")
    _ok(dlg)
    assert dlg.isVisible() and not dlg.error.isHidden()
    assert "часть вторая пункта 14 Правил" in dlg.error.text() and "02.05.2026" in dlg.error.text()
    assert nominees.get(s, nid).status == "enrolled" and life_repo.appointment(s.db.connection(), nid) is None
    dlg.reject()

    # the Head of PA's override, then the appointment goes through
    dlg = _open(screen.life, "override")
    assert "часть вторая пункта 14 Правил" in dlg.clause.text()
    dlg.by.setCurrentIndex(dlg.by.findData("head_pa"))
    dlg.number.setText("№ 5-р")
    _set(dlg.day, "2026-03-01")
    _ok(dlg)
    o = life_repo.override(s.db.connection(), nid)
    assert o is not None and (o.authority, o.number, o.day) == ("head_pa", "№ 5-р", D("2026-03-01"))
    dlg = _open(screen.life, "appoint")
    dlg.position.setText("Бастық")
    dlg.order.setText("№ 13 л/с")
    _ok(dlg)
    assert not _shown(dlg)
    assert nominees.get(s, nid).status == "appointed"
    ap = life_repo.appointment(s.db.connection(), nid)
    assert ap is not None and (ap.position, ap.order_ref, ap.day) == ("Бастық", "№ 13 л/с", D("2026-03-02"))
    # the register shows the membership ended by the appointment
    assert screen.table.item(0, 7).text() == w.env.tr.t("reserve.state.appointed")

    # the timeline lists every step with its date and clause, in words
    screen.table.selectRow(0)
    tl = _open(screen.life, "timeline")
    assert isinstance(tl, TimelineDialog)
    rows = [[tl.table.item(i, j).text() for j in range(4)] for i in range(tl.table.rowCount())]
    what = [r[1] for r in rows]
    t = w.env.tr.t
    for kind in ("nomination", "decision_enrol", "enrolled", "training", "acting", "override", "appointed"):
        assert t("life.event." + kind) in what, kind
    training = rows[what.index(t("life.event.training"))]
    assert training[0] == "16.02.2026" and "72" in training[2] and training[3] == "пункт 16 Правил"
    assert rows[what.index(t("life.event.appointed"))][0] == "02.03.2026"
    assert [r[0][6:] + r[0][3:5] + r[0][:2] for r in rows] == sorted(r[0][6:] + r[0][3:5] + r[0][:2]
                                                                     for r in rows)  # oldest first
    tl.reject()


def test_members_screen_acting_duty_is_refused_for_a_seconded_member_in_kazakh(
    make_window, tmp_path: Path, clock: FixedClock, fast_kdf: KdfParams, dialogs
) -> None:  # fmt: skip
    path, nid = _sgs_world(tmp_path, clock, fast_kdf, seconded=True)
    at(clock, "2026-04-01")
    w = make_window(path, lang="kk")
    unlock(w)
    screen = w.main.show_screen("members")
    screen.member.setCurrentIndex(screen.member.findData(nid))
    dlg = _open(screen.life, "acting")
    assert "Қағидалардың 17-тармағы" in dlg.clause.text()
    dlg.order.setText("№ 30")
    _ok(dlg)
    assert dlg.isVisible() and "Қағидалардың 17-тармағы" in dlg.error.text()
    assert life_repo.acting(w.env.s().db.connection(), nid) == []
    dlg.reject()
    # the same screen records training for the member chosen there
    dlg = _open(screen.life, "training")
    dlg.course.setText("Құқық қорғау органдары академиясы")
    _set(dlg.day_from, "2026-03-02")
    _set(dlg.day_to, "2026-03-06")
    _ok(dlg)
    assert [t.course for t in life_repo.training(w.env.s().db.connection(), nid)] == [
        "Құқық қорғау органдары академиясы"]  # fmt: skip
    assert dialogs.infos[-1] == w.env.tr.t("life.cli.training", id=nid)


def test_every_text_field_keeps_hostile_values_or_refuses_them_with_a_message(
    make_window, tmp_path: Path, clock: FixedClock, fast_kdf: KdfParams, dialogs, hostile_strings
) -> None:  # fmt: skip
    path, nid = _sgs_world(tmp_path, clock, fast_kdf)
    at(clock, "2026-03-02")
    w = make_window(path, lang="ru")
    unlock(w)
    screen = w.main.show_screen("reserve")
    screen.table.selectRow(0)
    conn = w.env.s().db.connection()
    stored = 0
    for value in hostile_strings:
        dlg = _open(screen.life, "training")
        dlg.course.setText(value)
        dlg.certificate.setText(value[:100])
        _ok(dlg)
        got = life_repo.training(conn, nid)
        if _shown(dlg):  # refused: one clear line, nothing written
            assert dlg.error.text() and "Traceback" not in dlg.error.text() and len(got) == stored
            dlg.reject()
        else:
            stored += 1
            assert len(got) == stored and got[-1].course == value.strip()
            assert got[-1].certificate == value[:100].strip()
    assert stored >= len(hostile_strings) - 4  # only control characters and overlong are refused
    # and they are shown back as stored
    tl = _open(screen.life, "timeline")
    shown = "\n".join(tl.table.item(i, 2).text() for i in range(tl.table.rowCount()))
    assert "Robert'); DROP TABLE nominees;--" in shown and "<b>bold</b>" in shown


def test_an_auditor_sees_the_timeline_but_the_service_refuses_recording(
    make_window, tmp_path: Path, clock: FixedClock, fast_kdf: KdfParams, dialogs
) -> None:  # fmt: skip
    path, nid = _sgs_world(tmp_path, clock, fast_kdf, auditor=True)
    at(clock, "2026-03-02")
    w = make_window(path, lang="ru")
    unlock(w, user=AUDITOR)
    screen = w.main.show_screen("reserve")
    screen.table.selectRow(0)
    life = screen.life
    assert all(not life.buttons[k].isEnabled() for k in ("appoint", "override", "training", "acting"))
    assert life.buttons["timeline"].isEnabled()
    # the button is only a convenience: the handler refuses with one message (ui/actions.py), and
    # the service itself checks the role
    assert life.open("training") is None
    assert dialogs.errors == [w.env.tr.t("ui.access.denied")]
    with pytest.raises(PermissionDenied):
        reserve_life.record_training(w.env.s(), nid, course="Курс", day_from=D("2026-03-02"),
                                     day_to=D("2026-03-02"))  # fmt: skip
    assert life_repo.training(w.env.s().db.connection(), nid) == []
    tl = life.open("timeline")
    assert tl.table.rowCount() >= 3


def test_the_department_sees_the_timeline_and_records_nothing(
    make_window, tmp_path: Path, clock: FixedClock, fast_kdf: KdfParams, dialogs
) -> None:  # fmt: skip
    from tests.quarter.conftest import Cycle, recommend_and_agree, send_and_review

    at(clock, "2026-02-02")
    made = {r: new_workstation(tmp_path, r, r, clock, fast_kdf) for r in ("knb", "department")}
    from tests.transfer.conftest import pin

    pin(made["knb"], made["department"], tmp_path)
    pin(made["department"], made["knb"], tmp_path)
    stick = tmp_path / "stick"
    stick.mkdir()
    c = Cycle(knb=made["knb"], syrbar=made["knb"], sgs=made["knb"], dept=made["department"], clock=clock,
              stick=stick)  # fmt: skip
    _, (dept_id,) = send_and_review(c, 1)
    recommend_and_agree(c)
    at(clock, "2026-03-12")
    decisions.record(c.dept, dept_id, "enrol", number="№ 7", day=D("2026-03-12"))
    path = c.dept.db.path
    for s in made.values():
        s.close()
    w = make_window(path, lang="kk")
    unlock(w)
    for key in ("reserve", "members"):
        screen = w.main.show_screen(key)
        life = screen.life
        assert all(life.buttons[k].isHidden() for k in ("appoint", "override", "training", "acting"))
        assert not life.buttons["timeline"].isHidden()
    screen = w.main.show_screen("reserve")
    screen.table.selectRow(0)
    tl = _open(screen.life, "timeline")
    what = [tl.table.item(i, 1).text() for i in range(tl.table.rowCount())]
    assert w.env.tr.t("life.event.enrolled") in what
    assert "12.03.2026" in [tl.table.item(i, 0).text() for i in range(tl.table.rowCount())]
    assert reserve.members(w.env.s())[0].nominee_id == dept_id


def test_the_service_runs_on_a_worker_thread_not_the_gui_thread(
    make_window, tmp_path: Path, clock: FixedClock, fast_kdf: KdfParams, dialogs, qtbot, monkeypatch
) -> None:  # fmt: skip
    path, nid = _sgs_world(tmp_path, clock, fast_kdf)
    at(clock, "2026-03-02")
    w = make_window(path, lang="ru")
    unlock(w)
    threads: list[str] = []
    real = reserve_life.record_training

    def spy(*a, **k):  # noqa: ANN002, ANN003, ANN202
        threads.append(threading.current_thread().name)
        return real(*a, **k)

    monkeypatch.setattr(reserve_life, "record_training", spy)
    pool = PoolExecutor(threads=1)
    w.env.executor = pool
    try:
        screen = w.main.show_screen("reserve")
        qtbot.waitUntil(lambda: screen.table.rowCount() == 1, timeout=BACKGROUND_MS)
        screen.table.selectRow(0)
        dlg = screen.life.open("training")
        dlg.course.setText("Курс")
        _ok(dlg)
        qtbot.waitUntil(lambda: not _shown(dlg), timeout=BACKGROUND_MS)
    finally:
        pool.wait()
    assert threads and threads[0].startswith("rezerv-op") and threads[0] != threading.main_thread().name
    assert [t.course for t in life_repo.training(w.env.s().db.connection(), nid)] == ["Курс"]


def test_deadlines_screen_lists_terms_expiring_ahead(
    make_window, tmp_path: Path, clock: FixedClock, fast_kdf: KdfParams, dialogs
) -> None:  # fmt: skip
    path, nid = _sgs_world(tmp_path, clock, fast_kdf)
    at(clock, "2028-10-01")  # the term of 02.02.2026 ends about four months later
    w = make_window(path, lang="ru")
    unlock(w)
    box = w.main.show_screen("deadlines").expiring
    assert "пункт 14 Правил" in box.title()
    assert box.days.value() == 90 and box.table.rowCount() == 0
    box.days.setValue(200)
    box.days.editingFinished.emit()
    assert box.table.rowCount() == 1
    ((m, end),) = reserve_life.expiring(w.env.s(), 200)
    assert m.nominee_id == nid and box.table.item(0, 3).text() == end.strftime("%d.%m.%Y")
    assert box.table.item(0, 4).text() == str((end - D("2028-10-01")).days)
    w.env.tr.set_lang("kk")
    assert "Қағидалардың 14-тармағы" in box.title() and box.table.rowCount() == 1

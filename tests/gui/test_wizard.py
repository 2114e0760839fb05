"""The dossier wizard: typed in page by page, saved, read back by the store and the CLI;
findings live with clauses and jumps; unsaved changes never lost silently."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from app.domain.iin import make_iin
from app.rules.base import Finding, Severity
from app.services import nominees
from app.services.dossier_flow import DossierFlow, issue_of
from tests.conftest import PASSPHRASE
from tests.factories import portrait_png
from tests.gui.conftest import unlock
from ui.widgets.findings import FindingsPanel

pytestmark = pytest.mark.gui


@pytest.fixture
def screen(make_window, workstation_path):
    w = make_window(workstation_path)
    unlock(w)
    return w.main.screen("nominees")


def _opened(qtbot, screen):
    """The wizard ``open_wizard`` or ``_edit_record`` began to open, once it is open (it opens
    in turns of the event loop)."""
    wiz = screen.wizard
    assert wiz is not None
    qtbot.waitUntil(lambda: wiz.opened and wiz.isVisible(), timeout=20000)
    return wiz


def _type(qtbot, widget, text: str) -> None:
    """Real key events, one per character (QTest.keyClicks refuses non-ASCII letters)."""
    widget.setFocus()
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))


def test_wizard_builds_a_dossier_the_store_and_cli_return(screen, qtbot, workstation_path, dialogs):
    screen.open_wizard(None)
    wiz = _opened(qtbot, screen)
    ident = wiz.pages["identity"]
    iin = make_iin(dt.date(1984, 7, 9), "M", 42)
    _type(qtbot, ident.iin, iin)
    assert ident.binder.widgets["person.birth_date"].text() == "09.07.1984"  # filled from the IIN
    assert wiz.flow.get("person.sex") == "M"
    _type(qtbot, ident.binder.widgets["person.surname"], "Жұмабаев")
    _type(qtbot, ident.binder.widgets["person.given_name"], "Дәурен")
    _type(qtbot, ident.binder.widgets["person.surname_ru"], "Жумабаев")
    wiz.next()
    service = wiz.pages["service"]
    _type(qtbot, service.binder.widgets["current_position"], "Начальник отдела")
    _type(qtbot, service.binder.widgets["service_start"], "01.09.2006")
    records = service.lists[0]
    records.add()
    records.table.item(0, 0).setText("01.09.2006")
    records.table.item(0, 2).setText("Оперуполномоченный")
    records.add()
    records.table.item(1, 0).setText("01.03.2015")
    records.table.item(1, 2).setText("Начальник отдела")
    records.table.setCurrentCell(1, 0)
    records.up()  # reorder
    assert wiz.flow.get("service_record[0].position") == "Начальник отдела"
    wiz.next()
    photo = wiz.pages["photo"]
    photo.open_bytes(portrait_png(1, (800, 600)))
    photo.rotate_left()
    photo.crop.scale_by(0.8)
    photo.apply()
    assert wiz.flow.get("photo")[:2] == b"\xff\xd8"
    wiz.next()
    att = wiz.pages["attestation"]
    _type(qtbot, att.binder.widgets["attestation.date"], "10.06.2025")
    wiz.next()
    wiz.next()
    vet = wiz.pages["vetting"]
    vet.binder.widgets["vetting.passed"].setCurrentIndex(1)
    vet.binder.widgets["vetting.passed"].activated.emit(1)
    wiz.next()
    wiz.next()
    assert wiz.currentPage() is wiz.pages["review"]
    wiz.refresh()
    assert wiz.flow.can_save(), wiz.flow.problems()
    assert "Жұмабаев" in wiz.pages["review"].text.toPlainText()
    with qtbot.waitSignal(screen.model.reset_done, timeout=20000):
        wiz.accept()
    assert screen.wizard is None or not screen.wizard.isVisible()
    assert not dialogs.errors
    s = screen.env.session
    assert nominees.count(s) == 1
    nid = screen.model.row_at(0).id
    rec = nominees.get(s, nid)
    d = rec.dossier
    assert (
        d.person.iin == iin
        and d.person.surname == "Жұмабаев"
        and d.person.birth_date == dt.date(1984, 7, 9)
    )
    assert [e.position for e in d.service_record] == ["Начальник отдела", "Оперуполномоченный"]
    assert d.vetting.passed is True and d.attestation.date == dt.date(2025, 6, 10)
    assert d.photo is not None
    env = {**os.environ, "REZERV_PASSPHRASE": PASSPHRASE, "REZERV_INSECURE_TEST_KDF": "1"}
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "app",
            "--db",
            str(workstation_path),
            "--user",
            "admin",
            "--lang",
            "ru",
            "nominee",
            "show",
            str(nid),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    if out.returncode == 0:
        assert iin in out.stdout and "Жұмабаев" in out.stdout
    else:  # the database is open in this process: the CLI must still read it
        pytest.fail(out.stderr)


def test_a_blocked_dossier_shows_its_clause_and_jumps_to_the_field(screen, make_dossier, qtbot):
    d = make_dossier(5)
    nid = nominees.add(screen.env.session, d)
    screen.apply_filters()
    screen._edit_record(nominees.get(screen.env.session, nid))
    wiz = _opened(qtbot, screen)
    assert wiz.flow.editing and not wiz.flow.dirty
    records = wiz.pages["records"]
    wiz.go_to("records")
    sanctions = records.lists[0]
    sanctions.add()
    sanctions.table.item(0, 1).setText("01.12.2025")
    wiz.refresh()
    texts = wiz.panel.texts()
    blocker = [t for t in texts if "8-тармағының 3) тармақшасы" in t]
    assert blocker, texts
    assert wiz.panel.counts()["blocker"] >= 1
    wiz.go_to("identity")
    row = next(i for i, iss in enumerate(wiz.panel.issues) if "p.8(3)" in iss.clause)
    wiz.panel.list.itemClicked.emit(wiz.panel.list.item(row))
    assert wiz.currentPage() is records
    assert sanctions.table.currentRow() == 0
    assert sanctions.columns[sanctions.table.currentColumn()].name == "lifted"


def test_findings_panel_with_a_constructed_finding(qtbot):
    from ui.i18n import Translator

    tr = Translator("ru")
    panel = FindingsPanel(tr)
    qtbot.addWidget(panel)
    f = Finding(
        severity=Severity.BLOCKER,
        clause="Rules-2025 p.8(3)",
        field="disciplinary[0].lifted",
        key="r2025.p8_3.active_sanction",
        params={"imposed": "01.12.2025"},
        refs={"kind": "rules.sanction.reprimand"},
    )
    panel.set_issues([issue_of(f)])
    assert "подпункт 3) пункта 8 Правил" in panel.texts()[0]
    assert "r2025." not in panel.texts()[0] and "Rules-2025" not in panel.texts()[0]
    with qtbot.waitSignal(panel.jump) as sig:
        panel.list.itemActivated.emit(panel.list.item(0))
    assert sig.args == ["disciplinary[0].lifted"]
    tr.set_lang("kk")
    assert "Қағидалардың 8-тармағының 3) тармақшасы" in panel.texts()[0]


def test_closing_with_unsaved_changes_asks(screen, dialogs, qtbot):
    screen.open_wizard(None)
    wiz = _opened(qtbot, screen)
    _type(qtbot, wiz.pages["identity"].binder.widgets["person.surname"], "Ким")
    assert wiz.flow.dirty
    dialogs.save_answer = "cancel"
    wiz.reject()
    assert wiz.isVisible() and screen.wizard is wiz
    assert dialogs.asked
    dialogs.save_answer = "discard"
    wiz.reject()
    assert screen.wizard is None


def test_invalid_date_is_a_problem_not_a_silent_blank(screen, qtbot):
    screen.open_wizard(None)
    wiz = _opened(qtbot, screen)
    field = wiz.pages["identity"].binder.widgets["person.birth_date"]
    _type(qtbot, field, "31.02.1980")
    assert field.property("invalid") is True
    assert "person.birth_date" in wiz.flow.input_errors
    wiz.discard_silently()


def test_the_wizard_opens_in_turns_with_its_findings_at_the_first_paint(screen, qtbot):
    screen.open_wizard(None)
    wiz = screen.wizard
    assert not wiz.opened and not wiz.isVisible()  # only the window's shell in the click's turn
    _opened(qtbot, screen)
    assert wiz.refreshes >= 1 and wiz.panel.loaded  # the findings were there before the show
    assert wiz.currentPage() is wiz.pages["identity"] and wiz.pages["identity"].built
    assert wiz.steps.currentRow() == 0
    wiz.discard_silently()


def test_a_wizard_closed_before_it_shows_never_shows(screen, qtbot):
    from ui.dossier.wizard import DossierWizard

    wiz = DossierWizard(screen.env, DossierFlow(), screen)
    wiz.open_in_turns()
    wiz.discard_silently()  # a lock right after the click
    qtbot.wait(100)  # the turns it would have taken
    assert not wiz.isVisible() and not wiz.pages["identity"].built
    wiz.deleteLater()


def test_a_jump_before_the_wizard_is_open_completes_the_opening(screen, qtbot):
    screen.open_wizard(None)
    wiz = screen.wizard
    wiz.go_to("service")
    assert wiz.opened and wiz.isVisible() and wiz.currentPage() is wiz.pages["service"]
    assert wiz.pages["identity"].built and wiz.refreshes >= 1
    wiz.discard_silently()


def test_lock_keeps_an_unsaved_draft_for_the_same_user(make_window, workstation_path, qtbot):
    w = make_window(workstation_path)
    unlock(w)
    screen = w.main.screen("nominees")
    screen.open_wizard(None)
    _opened(qtbot, screen)
    _type(qtbot, screen.wizard.pages["identity"].binder.widgets["person.surname"], "Серікбаев")
    w.lock()
    assert w.state == "unlock" and w.stashed_draft is not None
    unlock(w)
    screen = w.main.screen("nominees")
    assert screen.wizard is not None
    assert screen.wizard.pages["identity"].binder.widgets["person.surname"].text() == "Серікбаев"
    screen.wizard.discard_silently()


def test_flow_edit_uses_the_same_pages(screen, make_dossier, qtbot):
    nid = nominees.add(screen.env.session, make_dossier(6))
    rec = nominees.get(screen.env.session, nid)
    flow = DossierFlow(rec.dossier, nominee_id=nid, version=rec.version)
    screen.open_wizard(flow)
    ident = _opened(qtbot, screen).pages["identity"]
    assert ident.iin.text() == rec.dossier.person.iin
    assert ident.binder.widgets["person.surname"].text() == rec.dossier.person.surname
    assert screen.wizard.windowTitle() == screen.env.tr.t("ui.wizard.title_edit")
    screen.wizard.discard_silently()


def _ratio_ok(crop) -> bool:
    left, top, right, bottom = crop.box
    w_px = (right - left) * crop.image.width()
    h_px = (bottom - top) * crop.image.height()
    return abs(w_px / h_px - 3 / 4) < 1e-6


@pytest.mark.parametrize("size", [(800, 600), (600, 1000)])
def test_crop_frame_resizes_by_dragging_a_corner(qtbot, size):
    from PySide6.QtCore import QPoint, QPointF
    from PySide6.QtGui import QImage

    from ui.dossier.photo_crop import CropFrame

    crop = CropFrame()
    qtbot.addWidget(crop)
    crop.resize(500, 500)
    crop.show()
    crop.set_image(QImage.fromData(portrait_png(1, size)))
    crop.scale_by(0.6)
    left, top, right, _bottom = crop.box
    frame = crop._frame()

    def drag(start: QPointF, end: QPointF) -> None:
        qtbot.mousePress(crop, Qt.MouseButton.LeftButton, pos=start.toPoint())
        qtbot.mouseMove(crop, end.toPoint())
        qtbot.mouseRelease(crop, Qt.MouseButton.LeftButton, pos=end.toPoint())

    # the bottom-right corner outwards: larger, the top-left corner stays
    assert crop.corner_at(frame.bottomRight()) == "br"
    drag(frame.bottomRight(), frame.bottomRight() + QPointF(30, 30))
    l2, t2, r2, b2 = crop.box
    assert r2 - l2 > right - left
    assert (l2, t2) == pytest.approx((left, top))
    assert _ratio_ok(crop)

    # the top-left corner inwards: smaller, the bottom-right corner stays
    frame = crop._frame()
    drag(frame.topLeft(), frame.topLeft() + QPointF(40, 10))
    l3, _t3, r3, b3 = crop.box
    assert r3 - l3 < r2 - l2
    assert (r3, b3) == pytest.approx((r2, b2))
    assert _ratio_ok(crop)

    # dragged far outside the photo: the frame stops at its edge and keeps 3:4
    frame = crop._frame()
    drag(frame.topRight(), QPointF(frame.topRight().x() + 2000, -2000))
    l4, t4, r4, b4 = crop.box
    assert min(l4, t4) >= 0 and max(r4, b4) <= 1 + 1e-9
    assert l4 == pytest.approx(l3) and b4 == pytest.approx(b3)
    assert _ratio_ok(crop)

    # a press inside the frame (not at a corner) still moves it without resizing
    frame = crop._frame()
    width = crop.box[2] - crop.box[0]
    centre = frame.center()
    drag(centre, centre - QPointF(15, 15))
    assert crop.box[2] - crop.box[0] == pytest.approx(width)
    assert crop.corner_at(QPointF(QPoint(0, 0))) is None

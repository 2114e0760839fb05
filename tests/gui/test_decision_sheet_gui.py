"""The signed decision sheet in the GUI: on the Department's Decisions screen a scan dropped on
the screen (or chosen with the file dialog) is attached and the line says it matches the
records, another paper's scan is refused in one line with nothing stored; at the body the
quarter board says the signed sheet was received with the extract and opens it in the viewer."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent

from app.clock import FixedClock
from app.security.kdf import KdfParams
from app.services import decisions, nominees, printing, quarter, review, scans
from app.services import transfer_bundles as tb
from app.store.nominees import Nominees
from tests.gui.conftest import unlock
from tests.quarter.conftest import at, dossier
from tests.scans.test_attach import _scan
from tests.transfer.conftest import new_workstation, pin
from ui.signed.attach import AttachScanDialog
from ui.signed.checklist import ScanViewer

pytestmark = pytest.mark.gui


def _drop(widget, path: Path) -> tuple[QDragEnterEvent, QDropEvent]:
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(path))])
    action, buttons = Qt.DropAction.CopyAction, Qt.MouseButton.LeftButton
    mods = Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(QPoint(10, 10), action, data, buttons, mods)
    widget.dragEnterEvent(enter)
    drop = QDropEvent(QPointF(10, 10), action, data, buttons, mods)
    widget.dropEvent(drop)
    return enter, drop


def _count(s) -> int:
    return s.db.connection().execute("SELECT count(*) FROM scans").fetchone()[0]


def test_sheet_attached_at_the_department_and_shown_at_the_body(make_window, qtbot, tmp_path: Path,
                                                                 clock: FixedClock, fast_kdf: KdfParams,
                                                                 dialogs) -> None:  # fmt: skip
    at(clock, "2026-02-10")
    body = new_workstation(tmp_path, "knb", "knb", clock, fast_kdf)
    dept = new_workstation(tmp_path, "dept", "department", clock, fast_kdf)
    pin(body, dept, tmp_path)
    pin(dept, body, tmp_path)
    ids = [nominees.add(body, dossier(n, "knb")) for n in (1, 2)]
    quarter.build_list(body, "2026Q1")
    sent = tmp_path / "n.age"
    quarter.send(body, "2026Q1", peer_id="department", out=sent)
    tb.import_bundle(dept, sent)
    dn = [Nominees(dept.db.connection()).id_by_iin(nominees.get(body, i).dossier.person.iin) for i in ids]
    for nid in dn:
        assert nid is not None
        review.set_marks(dept, nid, accuracy="ok", completeness="ok", compliance="ok")
    review.form_list(dept, "2026Q1", day=dt.date(2026, 3, 10))
    review.record_agreement(dept, "2026Q1", day=dt.date(2026, 3, 10), reference="СБ-1")
    at(clock, "2026-03-20")
    sheet = decisions.print_sheet(dept, "2026Q1", lang="ru", body="knb")
    code = sheet.docs[0].code
    decisions.record_many(dept, "2026Q1", number="№ 45", day=dt.date(2026, 3, 20))
    signed = tmp_path / "sheet.png"
    signed.write_bytes(_scan(sheet.pdf))
    other = tmp_path / "vetting.pdf"
    other.write_bytes(printing.print_documents(dept, printing.Request(
        kind="vetting", lang="ru", nominee=dn[0])).pdf)  # fmt: skip
    paths = body.db.path, dept.db.path
    body.close()
    dept.close()

    # the Department: the Decisions screen takes the signed sheet
    wd = make_window(paths[1], lang="ru")
    unlock(wd)
    sd, t = wd.env.s(), wd.env.tr.t
    ds = wd.main.show_screen("decisions")
    ds.quarter.setCurrentText("2026Q1")
    ds.refresh()
    assert ds.sheet.isVisible() and ds.sheet.label.text() == t("decision.ui.sheet_none")
    assert not ds.sheet.view.isEnabled() and ds.acceptDrops()

    ds.attach_sheet(str(other))  # another paper: refused in one line, nothing kept
    [dlg] = [d for d in ds.findChildren(AttachScanDialog) if d.isVisible()]
    assert dlg.result_ is None and t("ui.signed.attach_sheet_explain") == dlg.explain.text()
    assert dlg.status.text().startswith("Документ") and "не лист решений" in dlg.status.text()
    assert "\n" not in dlg.status.text().strip() and _count(sd) == 0
    dlg.reject()

    enter, drop = _drop(ds, signed)  # dropped on the screen: attached
    assert enter.isAccepted() and drop.isAccepted()
    [dlg] = [d for d in ds.findChildren(AttachScanDialog) if d.isVisible()]
    assert dlg.result_ is not None and dlg.result_.code == code and dlg.result_.kind == "decision-sheet"
    assert code in dlg.status.text() and not dlg.result_.outdated
    dlg.accept()
    assert _count(sd) == 1 and dialogs.errors == []
    line = ds.sheet.label.text()
    assert line.startswith(t("decision.ui.sheet_attached", code=code, pages=1, persons=2))
    assert t("decision.ui.sheet_matched") in line and ds.sheet.view.isEnabled()

    # the file dialog path: the button opens the same dialog, the file chosen is attached
    dlg = ds.attach_sheet()
    assert dlg is not None
    dlg.choose = lambda _parent: str(signed)
    dlg.pick_file()
    assert dlg.result_ is not None and dlg.result_.code == code and _count(sd) == 2
    dlg.accept()

    out = tmp_path / "extract.age"
    ds.ask_path = lambda _filter: str(out)
    ds.extract_body.setCurrentIndex(ds.extract_body.findData("knb"))
    ds.export_extract()
    assert out.exists(), dialogs.errors
    assert any(t("decision.cli.sheet_carried", code=code, pages=1) in i for i in dialogs.infos)

    # the body: the quarter board says the signed sheet came with the extract and shows it
    wb = make_window(paths[0], lang="kk")
    unlock(wb)
    sb, tk = wb.env.s(), wb.env.tr.t
    tb.import_bundle(sb, out)
    board = wb.main.show_screen("quarter")
    board.quarter.setCurrentText("2026Q1")
    board.refresh()
    assert board.sheet.isVisible() and board.sheet.view.isEnabled()
    line = board.sheet.label.text()
    assert line.startswith(tk("decision.ui.sheet_received", code=code, pages=1, persons=2))
    assert tk("decision.ui.sheet_matched") in line
    viewer = board.sheet.open_viewer()
    assert isinstance(viewer, ScanViewer)
    qtbot.addWidget(viewer)
    [kept] = scans.sheets(sb, "2026Q1")
    assert viewer.rows == [kept.scan] and len(viewer.pages) == kept.scan.pages == 1
    assert viewer.pages == scans.pages(sb, kept.scan.id) and not viewer.image.pixmap().isNull()
    assert code in viewer.which.currentText()


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_the_sheets_attach_dialog_fits(make_window, workstation_path, qtbot, lang: str) -> None:
    from tests.gui.test_fit import problems

    w = make_window(workstation_path, lang=lang)
    unlock(w)
    dlg = AttachScanDialog(w.env, w, kind="decision-sheet")
    qtbot.addWidget(dlg)
    dlg.show()
    assert dlg.explain.text() == w.env.tr.t("ui.signed.attach_sheet_explain")
    assert problems(dlg, "attach the decision sheet") == []

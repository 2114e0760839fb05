"""Every screen and dialog fits 1366x768 in Kazakh and Russian with the demo data: no minimum
size above the screen (less a title bar and a panel), no button outside its window; and a
language switch after every dialog was opened and closed prints no error."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QRect
from PySide6.QtWidgets import QAbstractButton, QAbstractScrollArea, QApplication, QDialog, QWidget

from app.clock import FixedClock
from app.security.kdf import KdfParams
from app.services import conflicts, nominees, workstation
from app.store.nominees import Filters
from tests.conftest import PASSPHRASE
from tests.gui.test_transfers import sites  # noqa: F401 - the fixture
from tests.transfer.conftest import pair  # noqa: F401 - the fixture (two workstations)
from ui import demo_data

pytestmark = pytest.mark.gui

SCREEN_W, SCREEN_H = 1366, 768
TITLE_AND_PANEL = 64  # a window manager's title bar and a desktop panel take about this much
CLOCK = FixedClock(dt.datetime(2026, 2, 10, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=5))))


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("fit") / "rezerv.db"
    demo_data.create(path, 40, kdf=KdfParams.fast_for_tests(), clock=CLOCK).close()
    return path


def _inside_a_scroll_area(w: QWidget, top: QWidget) -> bool:
    p = w.parentWidget()
    while p is not None and p is not top:
        if isinstance(p, QAbstractScrollArea):
            return True
        p = p.parentWidget()
    return False


def problems(window: QWidget, what: str) -> list[str]:
    """What does not fit: the window's minimum size, and visible buttons outside the window once
    it is as large as the screen allows."""
    app = QApplication.instance()
    out: list[str] = []
    minimum = window.minimumSizeHint().expandedTo(window.minimumSize())
    if minimum.width() > SCREEN_W or minimum.height() > SCREEN_H - TITLE_AND_PANEL:
        out.append(f"{what}: minimum {minimum.width()}x{minimum.height()}")
    window.resize(min(window.width(), SCREEN_W), min(window.height(), SCREEN_H - TITLE_AND_PANEL))
    app.processEvents()
    if window.width() > SCREEN_W or window.height() > SCREEN_H - TITLE_AND_PANEL:
        out.append(f"{what}: window {window.width()}x{window.height()}")
    frame = window.frameGeometry()
    if not window.screen().availableGeometry().contains(frame):
        out.append(f"{what}: window at {frame.getRect()} leaves the screen")
    area = QRect(0, 0, window.width(), window.height())
    for b in window.findChildren(QAbstractButton):
        if not b.isVisibleTo(window) or _inside_a_scroll_area(b, window):
            continue
        rect = QRect(b.mapTo(window, b.rect().topLeft()), b.size())
        if not area.contains(rect):
            out.append(f"{what}: button {b.text()!r} at {rect.getRect()} outside {area.size()}")
    return out


def _dialogs() -> list[QDialog]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible()]


def _walk_knb(w, qtbot, lang: str) -> list[str]:
    found: list[str] = []
    found += problems(w, f"{lang} unlock")
    w.unlock.user.setText(demo_data.USER)
    w.unlock.passphrase.setText(demo_data.PASSPHRASE)
    w.unlock.submit()
    assert w.state == "main"
    for spec in w.main.specs:
        w.main.show_screen(spec.key)
        found += problems(w, f"{lang} {spec.key}")
    s = w.env.session
    # the dossier wizard, every page, on the longest record of the demo
    screen = w.main.show_screen("nominees")
    rec = nominees.get(s, nominees.rows(s, Filters(), limit=1)[0].id)
    screen._edit_record(rec)
    wiz = screen.wizard
    for step in wiz.pages:
        wiz.go_to(step)
        found += problems(wiz, f"{lang} wizard {step}")
    wiz.discard_silently()
    # the print dialog
    from ui.print.dialog import open_print_dialog

    dialog = open_print_dialog(w.env, w, [rec.id])
    found += problems(dialog, f"{lang} print dialog")
    dialog.reject()
    found += _walk_signed(w, screen, rec.id, lang)
    # transfers: add a peer, new bundle
    transfers = w.main.show_screen("transfers")
    transfers.show_tab("trust")
    transfers.trust.add_peer()
    for d in _dialogs():
        found += problems(d, f"{lang} {type(d).__name__}")
        d.reject()
    # settings: add a user, change the passphrase
    settings = w.main.show_screen("settings")
    users = settings.show_page("users")
    for open_dialog in (users.add_user, users.change_passphrase):
        open_dialog()
        for d in _dialogs():
            found += problems(d, f"{lang} {type(d).__name__}")
            d.reject()
    for page in settings.pages:  # every settings page (lock: idle time and failed unlocks)
        settings.show_page(page.NAME)
        found += problems(w, f"{lang} settings {page.NAME}")
    # the notices told at unlock: a restore and a rollback together, the longest they get
    from ui.notices import NoticesDialog

    restored = {"backup": "rezerv-2026-02-10-" + "x" * 40 + ".bk", "date": "10.02.2026",
                "by": "supervisor-with-a-long-name", "at": "10.02.2026", "audit_rows": "123456",
                "nominees": "12345", "users": "clerk1, clerk2, clerk3, auditor1, auditor2"}  # fmt: skip
    notices = NoticesDialog(w.env, [("backup.restored_notice", restored),
                                    ("anchor.rollback_warning", {"db_seq": "100", "anchor_seq": "12345"})],
                            w)  # fmt: skip
    notices.open()
    found += problems(notices, f"{lang} notices")
    notices.reject()
    # a member's life (Reserve and Members screens): appoint, override, training, acting, timeline
    from ui.screens.reserve.life import DIALOGS, TimelineDialog

    name = f"{rec.dossier.person.surname} {rec.dossier.person.given_name} {rec.dossier.person.patronymic}"
    for key, cls in (*DIALOGS.items(), ("timeline", TimelineDialog)):
        dialog = cls(w.env, rec.id, name, w)
        dialog.open()
        found += problems(dialog, f"{lang} life {key}")
        dialog.reject()
    return found


def _walk_signed(w, screen, nid: int, lang: str) -> list[str]:
    """The signed papers: the checklist, the attach dialog with its outcome, the scan viewer."""
    from app.services import printing, scans

    s = w.env.session
    r = printing.print_documents(s, printing.Request(kind="service-reference", lang=lang, nominee=nid))
    scans.attach(s, r.pdf, nominee=nid)
    printing.print_documents(s, printing.Request(kind="submission", lang=lang, nominee=nid))
    screen.detail.load(nid)
    checklist = screen.detail.open_signed()
    assert checklist is not None and checklist.rows
    found = problems(checklist, f"{lang} signed papers")
    attach = checklist.open_attach()
    found += problems(attach, f"{lang} attach scan")
    attach.reject()
    viewer = checklist.open_viewer()
    assert viewer is not None
    found += problems(viewer, f"{lang} scan viewer")
    viewer.reject()
    checklist.reject()
    return found


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_conflict_resolution_dialog_fits(make_window, qtbot, pair, lang):  # noqa: F811
    from tests.gui.conftest import unlock
    from tests.transfer.test_conflict_fields import _conflicted
    from ui.screens.transfers.resolve import ResolveDialog

    a, _ = _conflicted(pair)
    transfers_tab_ids = [c.id for c in conflicts.pending(pair.dept) if c.nominee_id == a]
    path = pair.dept.db.path
    pair.dept.close()
    w = make_window(path, lang=lang, user="admin")
    unlock(w)
    tab = w.main.show_screen("transfers")
    tab.show_tab("conflicts")
    conflicts_tab = tab.conflicts
    conflicts_tab.load()
    row = [r.id for r in conflicts_tab.rows].index(transfers_tab_ids[0])
    conflicts_tab.list.selectRow(row)
    dialog = conflicts_tab.open_resolve()
    assert isinstance(dialog, ResolveDialog) and len(dialog.diffs) == 3
    found = problems(dialog, f"{lang} resolve conflict")
    dialog.reject()
    assert found == [], "\n".join(found)


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_every_screen_and_dialog_fits_1366x768(make_window, demo_db, qtbot, lang, capfd):
    w = make_window(demo_db, lang=lang, user=demo_data.USER)
    found = _walk_knb(w, qtbot, lang)
    # the other language after every dialog was opened and closed (and deleted): no closed widget
    # is still subscribed to the translator
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QApplication.processEvents()
    w.env.tr.set_lang("ru" if lang == "kk" else "kk")
    QApplication.processEvents()
    for spec in w.main.specs:
        w.main.show_screen(spec.key)
        found += problems(w, f"{lang}->switched {spec.key}")
    assert found == [], "\n".join(found)
    err = capfd.readouterr().err
    assert "Error" not in err and "Traceback" not in err, err


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_first_run_and_department_screens_fit(make_window, tmp_path, qtbot, lang, capfd):
    fresh = make_window(tmp_path / "fresh" / "rezerv.db", lang=lang)
    found = problems(fresh, f"{lang} first run")
    fresh.first_run.next()
    found += problems(fresh, f"{lang} first run user")
    path = tmp_path / "dept" / "rezerv.db"
    workstation.create(path, role="department", user="admin", passphrase=PASSPHRASE,
                       kdf=KdfParams.fast_for_tests(), clock=CLOCK).close()  # fmt: skip
    w = make_window(path, lang=lang, user="admin")
    w.unlock.passphrase.setText(PASSPHRASE)
    w.unlock.submit()
    assert w.state == "main"
    for spec in w.main.specs:
        w.main.show_screen(spec.key)
        found += problems(w, f"{lang} department {spec.key}")
    assert found == [], "\n".join(found)
    assert "Error" not in capfd.readouterr().err


def test_the_check_can_fail(qtbot):
    """A window wider than the screen and a button outside its window are both reported."""
    from PySide6.QtWidgets import QPushButton

    wide = QWidget()
    qtbot.addWidget(wide)
    wide.setMinimumWidth(SCREEN_W + 100)
    wide.show()
    assert any("minimum" in f for f in problems(wide, "wide"))
    small = QWidget()
    qtbot.addWidget(small)
    small.resize(300, 200)
    QPushButton("x", small).move(500, 10)
    small.show()
    assert any("button" in f for f in problems(small, "small"))


def _landscape_jpeg(w: int = 4000, h: int = 2250) -> bytes:
    """A wide camera photo (the crop frame must shrink it, not grow the wizard)."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QColor, QImage

    img = QImage(w, h, QImage.Format.Format_RGB32)
    img.fill(QColor("#8aa4c0"))
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    assert img.save(buf, "JPEG", 80)
    return bytes(data.data())


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_exchange_dialogs_and_photo_crop_fit(make_window, sites, tmp_path, make_dossier, qtbot,  # noqa: F811
                                             lang):  # fmt: skip
    """The export dialog, the import preview (with a conflict), the conflicts side by side, and
    the photo crop with a wide camera photo, at 1366x768 in both languages."""
    from app.services import transfer_bundles as tb
    from tests.gui.test_transfers import _id, _with_position, export_q1, open_screen

    found: list[str] = []
    body_w, body, body_files = open_screen(make_window, sites[0].path, lang=lang)
    # the export dialog, in both modes (picking shows the list of dossiers)
    body.show_tab("outbox")
    body.outbox.start_export()
    dialog = body.outbox.dialog
    found += problems(dialog, f"{lang} export dialog")
    dialog.by_pick.setChecked(True)
    found += problems(dialog, f"{lang} export dialog, picking")
    dialog.reject()
    out = tmp_path / "stick" / "q1.rzv"
    export_q1(body, body_files, out)
    # the import preview at the Department, then a correction that conflicts with a local edit
    dept_w, dept, dept_files = open_screen(make_window, sites[1].path, lang=lang)
    dept_files.bundles.append(str(out))
    dept.inbox.choose()
    found += problems(dept.inbox.preview, f"{lang} import preview")
    dept.inbox.preview.confirm()
    found += problems(dept.inbox.preview, f"{lang} import preview, applied")
    dept.inbox.preview.reject()
    iin = make_dossier(1).person.iin
    ds, bs = dept_w.env.session, body_w.env.session
    nid, bid = _id(ds, iin), _id(bs, iin)
    nominees.update(ds, nid, _with_position(nominees.get(ds, nid).dossier, "Бөлім бастығы " * 12))
    nominees.update(bs, bid, _with_position(nominees.get(bs, bid).dossier, "Басқарма бастығы " * 12))
    corr = tmp_path / "stick" / "c1.rzv"
    sent = tb.export_bundle(bs, kind="corrections", peer_id=sites[1].id, out=corr, quarter="2026Q1")
    assert sent.count == 1
    dept_files.bundles.append(str(corr))
    dept.inbox.choose()
    found += problems(dept.inbox.preview, f"{lang} import preview with a conflict")
    dept.inbox.preview.confirm()
    dept.inbox.preview.reject()
    tab = dept.show_tab("conflicts")
    tab.list.selectRow(0)
    tab.show_selected()
    assert tab.fields.rowCount() > 0
    found += problems(dept_w, f"{lang} conflicts side by side")
    # the photo crop with a wide photo, on the Department's own copy of the dossier
    screen = dept_w.main.show_screen("nominees")
    screen._edit_record(nominees.get(ds, nid))
    wiz = screen.wizard
    wiz.go_to("photo")
    wiz.pages["photo"].open_bytes(_landscape_jpeg())
    assert not wiz.pages["photo"].source.isNull()
    found += problems(wiz, f"{lang} photo crop")
    wiz.discard_silently()
    assert found == [], "\n".join(found)


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_reg2000_workstations_fit(make_window, tmp_path, qtbot, lang, capfd):
    """The authorised body's and a state body's screens (Reg-2000, issue 17); their forms are
    walked in tests/gui/test_r2k_screens.py with the same check."""
    from ui.screens.r2k import demo as r2k_demo

    found: list[str] = []
    for side, path in r2k_demo.create(tmp_path, KdfParams.fast_for_tests()).items():
        w = make_window(path, lang=lang, user=r2k_demo.USER)
        w.unlock.passphrase.setText(r2k_demo.PASSPHRASE)
        w.unlock.submit()
        assert w.state == "main" and "r2k_reservists" in w.main.buttons
        for spec in w.main.specs:
            w.main.show_screen(spec.key)
            found += problems(w, f"{lang} {side} {spec.key}")
    assert found == [], "\n".join(found)
    assert "Error" not in capfd.readouterr().err

"""Signed papers in the GUI: the attach dialog reads a scan off the GUI thread with a percentage
and attaches it (the checklist follows), Cancel stops it with nothing stored, a refused scan says
why in one line; the viewer flips pages and zooms; the conflict dialog resolves field by field."""

from __future__ import annotations

import io
from pathlib import Path

import msgspec
import pytest
from PIL import Image

from app.services import conflicts, nominees, printing, scans
from tests.gui.conftest import unlock
from tests.scans.test_attach import _scan
from tests.transfer.conftest import pair  # noqa: F401 - the fixture
from ui.ops import PoolExecutor
from ui.signed.attach import AttachScanDialog
from ui.signed.checklist import ChecklistDialog, ScanViewer

pytestmark = pytest.mark.gui


@pytest.fixture
def window(make_window, workstation_path, make_dossier):
    def make(lang: str = "ru"):
        w = make_window(workstation_path, lang=lang)
        unlock(w)
        nid = nominees.add(w.env.session, make_dossier(1))
        return w, nid

    return make


def _print(s, nid: int, kind: str) -> printing.Rendered:
    return printing.print_documents(s, printing.Request(kind=kind, lang="ru", nominee=nid))


def _count(s) -> int:
    return s.db.connection().execute("SELECT count(*) FROM scans").fetchone()[0]


def test_attach_dialog_attaches_and_the_checklist_follows(window, qtbot, tmp_path: Path) -> None:
    w, nid = window()
    s = w.env.session
    r = _print(s, nid, "service-reference")
    path = tmp_path / "signed.png"
    path.write_bytes(_scan(r.pdf))
    checklist = ChecklistDialog(w.env, nid, w, title="Test")
    qtbot.addWidget(checklist)
    states = {i.kind: i.state.value for i in checklist.items}
    assert states["service-reference"] == "printed" and not checklist.view.isEnabled()
    seen: list[tuple[int, int]] = []
    dlg = checklist.open_attach()
    dlg.choose = lambda _parent: str(path)
    dlg.progress.valueChanged.connect(lambda v: seen.append((v, dlg.progress.maximum())))
    dlg.pick_file()  # the test executor runs the work at once
    assert dlg.result_ is not None and dlg.result_.code == r.docs[0].code
    assert seen and seen[-1][0] == seen[-1][1] >= 1 and dlg.progress.text() == "100%"
    assert r.docs[0].code in dlg.status.text() and "ПОСЛУЖНОЙ СПИСОК" in dlg.status.text()
    dlg.accept()
    states = {i.kind: i.state.value for i in checklist.items}
    assert states["service-reference"] == "signed" and checklist.view.isEnabled()
    row = next(i for i, it in enumerate(checklist.items) if it.kind == "service-reference")
    assert checklist.table.item(row, 1).text() == "скан подписанного приложен"


def test_outdated_and_refused_scans_say_so(window, qtbot, tmp_path: Path) -> None:
    w, nid = window("kk")
    s = w.env.session
    r = _print(s, nid, "submission")
    rec = nominees.get(s, nid)
    nominees.update(s, nid, msgspec.structs.replace(rec.dossier, rank="генерал-майор"))
    dlg = AttachScanDialog(w.env, None, nominee=nid)
    qtbot.addWidget(dlg)
    pdf = tmp_path / "sub.pdf"
    pdf.write_bytes(r.pdf)
    dlg.start(str(pdf))
    assert dlg.result_ is not None and dlg.result_.outdated and "rank" in dlg.status.text()
    blank = tmp_path / "blank.png"
    Image.new("RGB", (600, 800), "white").save(blank)
    before = _count(s)
    dlg.start(str(blank))
    assert "QR" in dlg.status.text() and "\n" not in dlg.status.text().strip()
    assert _count(s) == before and w.env.dialogs.errors == []


def test_cancel_stops_the_reading_and_stores_nothing(window, qtbot, tmp_path: Path) -> None:
    w, nid = window()
    s = w.env.session
    r = _print(s, nid, "service-reference")
    scan = Image.open(io.BytesIO(_scan(r.pdf)))
    pages = [scan.convert("RGB")] * 12  # a long scan, so there is time to press Cancel
    path = tmp_path / "long.pdf"
    pages[0].save(path, format="PDF", save_all=True, append_images=pages[1:], resolution=150)
    w.env.executor = pool = PoolExecutor(1)
    dlg = AttachScanDialog(w.env, None, nominee=nid)
    qtbot.addWidget(dlg)
    before = _count(s)
    dlg.start(str(path))
    assert dlg.cancel.text() == "Отменить"
    qtbot.waitUntil(lambda: dlg.progress.value() >= 1, timeout=60000)
    dlg.cancel.click()  # the worker stops after the page it is reading
    qtbot.waitUntil(lambda: not dlg._busy, timeout=60000)
    pool.wait()
    assert dlg.result_ is None and "отменено" in dlg.status.text()
    assert dlg.progress.value() < 12 and _count(s) == before


def test_viewer_flips_pages_and_zooms(window, qtbot) -> None:
    w, nid = window()
    s = w.env.session
    r = _print(s, nid, "service-reference")
    scans.attach(s, r.pdf, nominee=nid)
    rows = scans.for_nominee(s, nid)
    viewer = ScanViewer(w.env, rows)
    qtbot.addWidget(viewer)
    n = rows[0].pages
    assert len(viewer.pages) == n and viewer.where.text() == f"Страница 1 из {n}"
    width = viewer.image.pixmap().width()
    viewer.larger.click()
    assert viewer.image.pixmap().width() > width
    viewer.smaller.click()
    viewer.smaller.click()
    assert viewer.image.pixmap().width() < width
    if n > 1:
        viewer.next.click()
        assert viewer.where.text() == f"Страница 2 из {n}"
    assert not viewer.prev.isEnabled() or n > 1


def test_conflict_dialog_resolves_field_by_field(make_window, qtbot, pair) -> None:  # noqa: F811
    from tests.transfer.test_conflict_fields import _conflicted
    from ui.screens.transfers.resolve import ResolveDialog

    a, b = _conflicted(pair)
    cid = next(c.id for c in conflicts.pending(pair.dept) if c.nominee_id == a)
    path = pair.dept.db.path
    pair.dept.close()
    w = make_window(path, lang="ru", user="admin")
    unlock(w)
    dlg = ResolveDialog(w.env, cid, "Test")
    qtbot.addWidget(dlg)
    paths = [d.path for d in dlg.diffs]
    assert set(paths) == {"rank", "unit", "nomination.qualities"}
    dlg.choices[paths.index("rank")].setCurrentIndex(1)  # the body's rank
    assert dlg.take() == {"rank": "incoming"} and "1 из 3" in dlg.summary.text()
    got: list[conflicts.Resolved] = []
    dlg.resolved.connect(got.append)
    dlg.ok.click()
    assert got and got[0].fields == {"rank": "incoming"}
    d = nominees.get(w.env.session, a).dossier
    assert (d.rank, d.unit) == ("генерал-майор", "правка Отдела")
    assert [c.nominee_id for c in conflicts.pending(w.env.session)] == [b]


def test_the_departments_review_shows_the_scans_received(make_window, qtbot, tmp_path, clock,
                                                         fast_kdf) -> None:  # fmt: skip
    """A nominations bundle carries a signed submission; the Department's review workspace says
    one paper of three has a scan matching the record, and its checklist shows it signed."""
    from app.services import quarter
    from app.services import transfer_bundles as tb
    from tests.quarter.conftest import at, dossier
    from tests.transfer.conftest import new_workstation, pin

    at(clock, "2026-02-10")
    body = new_workstation(tmp_path, "knb", "knb", clock, fast_kdf)
    dept = new_workstation(tmp_path, "dept", "department", clock, fast_kdf)
    pin(body, dept, tmp_path)
    pin(dept, body, tmp_path)
    nid = nominees.add(body, dossier(1, "knb"))
    r = _print(body, nid, "submission")
    scans.attach(body, r.pdf, nominee=nid)
    quarter.build_list(body, "2026Q1")
    out = tmp_path / "n.age"
    quarter.send(body, "2026Q1", peer_id="department", out=out)
    tb.import_bundle(dept, out)
    path = dept.db.path
    body.close()
    dept.close()
    w = make_window(path, lang="ru")
    unlock(w)
    ws = w.main.show_screen("review")
    ws.table.selectRow(0)
    assert ws.signed.text() == w.env.tr.t("ui.signed.summary", ok=1, total=3, outdated=0)
    dlg = ws.open_signed()
    qtbot.addWidget(dlg)
    states = {i.kind: i.state.value for i in dlg.items}
    assert states == {"submission": "signed", "service-reference": "not_printed",
                      "vetting": "not_printed"}  # fmt: skip
    assert dlg.rows[0].code == r.docs[0].code and dlg.view.isEnabled()

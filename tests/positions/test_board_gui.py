"""The quarter board shows, next to each nominee, the need of the position it is nominated for
(Rules-2025 p.8 part 1), and sorts the body's list by it; at the Department it shows each body's
need as the body's positions bundle carried it (p.11(2)). Real widgets, offscreen, kk and ru."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt

from app.clock import FixedClock
from app.security.kdf import KdfParams
from app.services import nominees, positions, positions_transfer
from app.services import transfer_bundles as tb
from tests.gui.conftest import unlock
from tests.quarter.conftest import at, dossier
from tests.transfer.conftest import new_workstation, pin
from ui.screens.quarter.board import NEED
from ui.screens.quarter.common import selected_data

pytestmark = pytest.mark.gui

A, B, C = "Начальник управления", "Начальник департамента", "Начальник отдела"
CATALOGUE = f"title;body;decree_290\n{A};knb;да\n{B};knb;да\n{C};knb;нет\n"


def _knb(root: Path, clock: FixedClock, kdf: KdfParams):  # noqa: ANN202
    s = new_workstation(root, "knb", "knb", clock, kdf)
    f = root / "catalogue.csv"
    f.write_text(CATALOGUE, encoding="utf-8")
    positions.import_file(s, f)
    for title, day, reason in ((A, "2026-01-15", "vacancy"), (A, "2026-05-01", "age_limit"),
                               (B, "2026-04-01", "rotation")):  # fmt: skip
        positions.add_need(s, title, dt.date.fromisoformat(day), reason)
    return s


def _iins(board) -> list[str]:  # noqa: ANN001
    return [board.table.item(i, 1).text() for i in range(board.table.rowCount())]


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_board_shows_the_need_each_nominee_covers_and_sorts_by_it(
    make_window, qtbot, tmp_path: Path, clock: FixedClock, fast_kdf: KdfParams, lang: str
) -> None:  # fmt: skip
    at(clock, "2026-02-20")
    s = _knb(tmp_path, clock, fast_kdf)
    # added in an order the need does not follow: C (no need), A (gap 2), free text, B (gap 1)
    iin = {}
    for serial, title in ((1, C), (2, A), (3, "Произвольная должность"), (4, B)):
        nid = nominees.add(s, dossier(serial, "knb", intended_position=title))
        iin[title] = nominees.get(s, nid).dossier.person.iin
    path = s.db.path
    s.close()

    w = make_window(path, lang=lang)
    unlock(w)
    t = w.env.tr.t
    board = w.main.show_screen("quarter")
    assert board.table.rowCount() == 4
    cells = {board.table.item(i, 1).text(): board.table.item(i, NEED).text() for i in range(4)}
    assert cells[iin[A]] == t("quarter.ui.need_gap", position=A, need=2, gap=2)
    assert cells[iin[B]] == t("quarter.ui.need_gap", position=B, need=1, gap=1)
    assert cells[iin[C]] == t("quarter.ui.need_gap", position=C, need=0, gap=0)
    assert cells[iin["Произвольная должность"]] == "—"
    assert board.need.isHidden()  # the per-body need is the Department's
    expected = [iin[A], iin[B], iin[C], iin["Произвольная должность"]]
    assert _iins(board) != expected
    board.sort_need_button.click()
    assert _iins(board) == expected
    # the selection still finds its nominee after sorting
    board.table.selectRow(0)
    assert nominees.get(w.env.s(), selected_data(board.table)).dossier.person.iin == expected[0]
    # clicking the column's header sorts by the need as well (twice: the other way round)
    header = board.table.horizontalHeader()
    board.table.sortItems(1, Qt.SortOrder.AscendingOrder)  # by IIN: the order of adding
    assert _iins(board) != expected
    pos = QPoint(header.sectionViewportPosition(NEED) + 5, header.height() // 2)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    first = _iins(board)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    assert {tuple(first), tuple(_iins(board))} == {tuple(expected), tuple(reversed(expected))}
    # a refresh keeps the order asked for
    board.sort_need_button.click()
    board.refresh()
    assert _iins(board) == expected
    w.resize(1366, 768)
    w.grab().save(str(tmp_path / f"board-need-{lang}.png"))


def test_department_board_shows_each_bodys_need_from_its_bundle(
    make_window, tmp_path: Path, clock: FixedClock, fast_kdf: KdfParams
) -> None:  # fmt: skip
    at(clock, "2026-02-20")
    knb = _knb(tmp_path, clock, fast_kdf)
    dept = new_workstation(tmp_path, "department", "department", clock, fast_kdf)
    pin(knb, dept, tmp_path)
    pin(dept, knb, tmp_path)
    path = dept.db.path
    dept.close()

    w = make_window(path, lang="ru")
    unlock(w)
    t = w.env.tr.t
    board = w.main.show_screen("quarter")
    assert not board.need.isHidden()
    assert t("quarter.ui.need_none") in board.need.text()  # nothing received yet
    out = tmp_path / "positions.age"
    positions_transfer.send(knb, peer_id="department", out=out)
    knb.close()
    tb.import_bundle(w.env.s(), out)
    board.refresh()
    line = t("quarter.ui.need_body", body=t("body.knb"), positions=3, need=3, ready=0, gap=3,
             as_of="20.02.2026")  # fmt: skip
    assert line in board.need.text()
    assert t("quarter.ui.need_none") not in board.need.text()
    assert "подпункт 2) пункта 11" in board.need.text() or "пункта 11" in board.need.text()
    w.resize(1366, 768)
    w.grab().save(str(tmp_path / "board-department-need.png"))


def test_positions_screen_sends_the_catalogue_to_the_department(
    make_window, tmp_path: Path, clock: FixedClock, fast_kdf: KdfParams, dialogs
) -> None:  # fmt: skip
    at(clock, "2026-02-20")
    knb = _knb(tmp_path, clock, fast_kdf)
    dept = new_workstation(tmp_path, "department", "department", clock, fast_kdf)
    pin(knb, dept, tmp_path)
    pin(dept, knb, tmp_path)
    path = knb.db.path
    knb.close()
    try:
        w = make_window(path, lang="kk")
        unlock(w)
        screen = w.main.show_screen("bench")
        assert not screen.send_button.isHidden()
        out = tmp_path / "stick" / "positions.rzv"
        out.parent.mkdir()
        screen.ask_path = lambda _filter: ""  # cancelled: nothing written
        screen.send_button.click()
        assert not out.exists() and dialogs.infos == []
        screen.ask_path = lambda _filter: str(out)
        screen.send_button.click()
        assert dialogs.errors == [] and len(dialogs.infos) == 1 and str(out) in dialogs.infos[0]
        res = tb.import_bundle(dept, out)
        assert res.kind == "positions" and res.counts["add"] == 3 and res.counts["need"] == 3
    finally:
        dept.close()


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_department_previews_and_applies_the_positions_bundle(
    make_window, tmp_path: Path, clock: FixedClock, fast_kdf: KdfParams, dialogs, lang: str
) -> None:  # fmt: skip
    from tests.gui.test_transfers import FakeFiles

    at(clock, "2026-02-20")
    knb = _knb(tmp_path, clock, fast_kdf)
    dept = new_workstation(tmp_path, "department", "department", clock, fast_kdf)
    pin(knb, dept, tmp_path)
    pin(dept, knb, tmp_path)
    out = tmp_path / "positions.rzv"
    positions_transfer.send(knb, peer_id="department", out=out)
    knb.close()
    path = dept.db.path
    dept.close()

    w = make_window(path, lang=lang)
    unlock(w)
    t = w.env.tr.t
    screen = w.main.show_screen("transfers")
    files = FakeFiles()
    screen.set_files(files)
    files.bundles.append(str(out))
    screen.show_tab("inbox")
    screen.inbox.choose()
    preview = screen.inbox.preview
    assert preview is not None and preview.ins.refusal is None
    assert preview.fields["kind"].text() == t("uitransfer.kind.positions")
    counts = preview.fields["counts"].text()
    assert t("uitransfer.count.add", n=3) in counts and t("uitransfer.count.need", n=3) in counts
    table = preview.changes
    assert {table.item(i, 1).text() for i in range(table.rowCount())} == {A, B, C}
    assert {table.item(i, 0).text() for i in range(3)} == {t("uitransfer.action.add")}
    assert positions.catalogue(w.env.s()) == []  # nothing applied while previewing
    preview.confirm()
    assert preview.outcome is not None and dialogs.errors == []
    assert sorted(p.title for p in positions.catalogue(w.env.s(), body="knb")) == sorted([A, B, C])

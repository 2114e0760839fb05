"""The quarter board sends the list as a percentage with a Cancel button: cancelled half-way, no
bundle is left on the stick, nobody becomes sent and nothing is audited; sent again, it goes."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.clock import FixedClock
from app.security.kdf import KdfParams
from app.services import nominees
from app.services import transfer_bundles as tb
from tests.gui.conftest import BACKGROUND_MS, unlock
from tests.gui.test_progress import Hold, _percent_shown
from tests.quarter.conftest import at, dossier
from tests.transfer.conftest import db_digest, new_workstation, pin
from ui.ops import PoolExecutor

pytestmark = pytest.mark.gui


def test_the_board_sends_with_a_percentage_and_cancel_sends_nothing(
    make_window, tmp_path: Path, clock: FixedClock, fast_kdf: KdfParams, dialogs, qtbot,
    monkeypatch,
) -> None:  # fmt: skip
    at(clock, "2026-02-10")
    body = new_workstation(tmp_path, "knb", "knb", clock, fast_kdf)
    dept = new_workstation(tmp_path, "dept", "department", clock, fast_kdf)
    pin(body, dept, tmp_path)
    pin(dept, body, tmp_path)
    ids = [nominees.add(body, dossier(n, "knb")) for n in (1, 2)]
    path = body.db.path
    body.close()
    dept.close()
    w = make_window(path, lang="ru")
    unlock(w)
    board = w.main.show_screen("quarter")
    board.build_button.click()
    dialogs.infos.clear()  # "included in the list"
    stick = tmp_path / "stick"
    stick.mkdir()
    board.ask_path = lambda _f: str(stick / "n.rzv")
    before = db_digest(w.env.s())
    hold = Hold(tb.export_bundle, at=20)
    monkeypatch.setattr(tb, "export_bundle", hold)
    pool = PoolExecutor(1)
    w.env.executor = pool
    try:
        board.send_button.click()
        assert hold.reached.wait(20)
        _percent_shown(qtbot, board.panel)
        board.panel.cancel_button.click()
        hold.release.set()
        qtbot.waitUntil(lambda: not board.panel.running, timeout=BACKGROUND_MS)
        assert dialogs.infos == [w.env.tr.t("ui.progress.cancelled")] and dialogs.errors == []
        assert list(stick.iterdir()) == [] and db_digest(w.env.s()) == before
        assert {nominees.get(w.env.s(), i).status for i in ids} != {"sent"}
        monkeypatch.setattr(tb, "export_bundle", hold.real)
        board.send_button.click()
        qtbot.waitUntil(lambda: len(dialogs.infos) == 2, timeout=BACKGROUND_MS)
    finally:
        pool.wait()
    assert (stick / "n.rzv").exists() and dialogs.errors == []
    assert {nominees.get(w.env.s(), i).status for i in ids} == {"sent"}

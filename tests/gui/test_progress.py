"""Long work as a percentage with a Cancel button: the bundle export (outbox and the screens
that send), the check before the preview, the import (preview dialog) and the Print… dialog's
packs. The work runs on a real worker thread and is
held half-way until the test has looked at the bar (a percentage, fitting 1366x768 in both
languages) and pressed Cancel; then nothing is written, marked, stored or registered, and the
same work goes through afterwards."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import Qt

from app import i18n
from app.services import nominees, printing
from app.services import transfer_bundles as tb
from tests.gui.conftest import BACKGROUND_MS, unlock
from tests.gui.test_fit import problems
from tests.gui.test_transfers import export_q1, open_screen, sites  # noqa: F401 - the fixture
from tests.transfer.conftest import db_digest
from ui.ops import PoolExecutor
from ui.print.dialog import open_print_dialog
from ui.widgets.progress import ProgressPanel

pytestmark = pytest.mark.gui


class Hold:
    """Wraps a service function so that its progress callback stops, on the worker thread, at
    the first report past ``at`` % until the test releases it; then the real answer is given."""

    def __init__(self, real: Callable[..., Any], at: int = 1, positional: int | None = None) -> None:
        self.real, self.at, self.positional = real, at, positional
        self.reached, self.release = threading.Event(), threading.Event()
        self.answers: list[bool] = []

    def _wrap(self, progress: Callable[[int, int], Any]) -> Callable[[int, int], Any]:
        def held(done: int, total: int) -> Any:
            answer = progress(done, total)
            if done * 100 // total >= self.at and not self.reached.is_set():
                self.reached.set()
                assert self.release.wait(20)
                answer = progress(done, total)  # asked again once the clerk has acted
            self.answers.append(bool(answer) if answer is not None else True)
            return answer

        return held

    def __call__(self, *a: Any, **kw: Any) -> Any:
        if self.positional is not None:
            a = (*a[: self.positional], self._wrap(a[self.positional]), *a[self.positional + 1:])
        else:
            kw["progress"] = self._wrap(kw["progress"])
        return self.real(*a, **kw)


def _percent_shown(qtbot, panel: ProgressPanel) -> str:
    qtbot.waitUntil(lambda: panel.bar.maximum() > 0 and panel.bar.value() > 0, timeout=BACKGROUND_MS)
    text = panel.bar.text()
    assert text.endswith("%") and 0 < int(text[:-1]) < 100, text
    return text


def _submit_q1(screen, files, out, w, pool) -> None:
    """The outbox's dialog opened (synchronously), the export itself on the worker thread."""
    from ui.ops import SyncExecutor

    w.env.executor = SyncExecutor()
    files.saves.append(str(out))
    screen.show_tab("outbox")
    screen.outbox.start_export()
    dialog = screen.outbox.dialog
    dialog.quarter.setCurrentIndex(dialog.quarter.findText("2026Q1"))
    w.env.executor = pool
    dialog.submit()


@pytest.fixture
def pool():
    executor = PoolExecutor(1)
    yield executor
    executor.wait()


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_export_shows_a_percentage_and_cancel_leaves_nothing(make_window, sites, tmp_path, qtbot,  # noqa: F811
                                                             monkeypatch, pool, lang):  # fmt: skip
    w, body, files = open_screen(make_window, sites[0].path, lang=lang)
    hold = Hold(tb.export_bundle, at=20)
    monkeypatch.setattr(tb, "export_bundle", hold)
    before = db_digest(w.env.session)
    out = tmp_path / "stick" / "q1.rzv"
    _submit_q1(body, files, out, w, pool)
    assert hold.reached.wait(20)
    panel = body.outbox.panel
    assert panel.isVisible() and panel.cancel_button.isVisible()
    _percent_shown(qtbot, panel)
    assert panel.cancel_button.text() == i18n.tr("ui.progress.cancel", lang)
    assert problems(w, f"{lang} outbox exporting") == []
    qtbot.mouseClick(panel.cancel_button, Qt.MouseButton.LeftButton)
    assert body.outbox.status.text() == i18n.tr("ui.progress.cancelling", lang)
    hold.release.set()
    qtbot.waitUntil(lambda: not body.outbox.busy, timeout=BACKGROUND_MS)
    assert hold.answers[-1] is False
    assert body.outbox.status.text() == i18n.tr("ui.progress.cancelled", lang)
    assert not panel.isVisible() and body.outbox.result is None
    assert sorted(p.name for p in out.parent.iterdir()) == []  # no bundle, no temporary file
    assert db_digest(w.env.session) == before  # nothing marked sent, nothing audited
    # and the export goes through afterwards, to 100 %
    monkeypatch.setattr(tb, "export_bundle", hold.real)
    _submit_q1(body, files, out, w, pool)
    qtbot.waitUntil(lambda: body.outbox.result is not None, timeout=BACKGROUND_MS)
    assert out.exists() and body.outbox.result.count == 2


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_import_shows_a_percentage_and_cancel_stores_nothing(make_window, sites, tmp_path, qtbot,  # noqa: F811
                                                             monkeypatch, pool, lang):  # fmt: skip
    _bw, body, body_files = open_screen(make_window, sites[0].path)
    out = tmp_path / "stick" / "q1.rzv"
    export_q1(body, body_files, out)
    w, dept, files = open_screen(make_window, sites[1].path, lang=lang)
    before = db_digest(w.env.session)
    files.bundles.append(str(out))
    dept.inbox.choose()
    preview = dept.inbox.preview
    w.env.executor = pool
    hold = Hold(tb.import_bundle, at=40)
    monkeypatch.setattr(tb, "import_bundle", hold)
    preview.confirm()
    assert hold.reached.wait(20)
    _percent_shown(qtbot, preview.panel)
    assert preview.cancel.isEnabled()
    assert preview.cancel.text() == i18n.tr("ui.common.cancel", lang)
    assert problems(preview, f"{lang} import preview, importing") == []
    preview.cancel.click()  # stops the import; the dialog stays to say so
    assert preview.isVisible() and not preview.cancel.isEnabled()
    hold.release.set()
    qtbot.waitUntil(lambda: not preview.busy, timeout=BACKGROUND_MS)
    assert hold.answers[-1] is False
    assert preview.status.text() == i18n.tr("ui.progress.cancelled", lang)
    assert preview.outcome is None and not preview.panel.isVisible()
    assert db_digest(w.env.session) == before  # nothing stored, the bundle not recorded as seen
    assert not (tmp_path / "stick" / "q1.receipt.rzv").exists()
    # the same file applies afterwards, from the same dialog
    monkeypatch.setattr(tb, "import_bundle", hold.real)
    assert preview.apply_button.isEnabled()
    preview.confirm()
    qtbot.waitUntil(lambda: preview.outcome is not None, timeout=BACKGROUND_MS)
    assert nominees.count(w.env.session) == 2
    assert preview.panel.bar.text() == "100%"


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_preview_check_shows_a_percentage_and_cancel_opens_nothing(
    make_window, sites, tmp_path, qtbot, monkeypatch, pool, lang  # noqa: F811
) -> None:  # fmt: skip
    _bw, body, body_files = open_screen(make_window, sites[0].path)
    out = tmp_path / "stick" / "q1.rzv"
    export_q1(body, body_files, out)
    w, dept, files = open_screen(make_window, sites[1].path, lang=lang)
    before = db_digest(w.env.session)
    w.env.executor = pool
    hold = Hold(tb.inspect_bundle, at=40)
    monkeypatch.setattr(tb, "inspect_bundle", hold)
    dept.show_tab("inbox")
    files.bundles.append(str(out))
    dept.inbox.choose()
    assert hold.reached.wait(20)
    panel = dept.inbox.panel
    assert panel.isVisible() and panel.cancel_button.isVisible()
    _percent_shown(qtbot, panel)
    assert panel.cancel_button.text() == i18n.tr("ui.progress.cancel", lang)
    assert problems(w, f"{lang} inbox, checking a bundle") == []
    qtbot.mouseClick(panel.cancel_button, Qt.MouseButton.LeftButton)
    assert dept.inbox.status.text() == i18n.tr("ui.progress.cancelling", lang)
    hold.release.set()
    qtbot.waitUntil(lambda: not dept.inbox.busy, timeout=BACKGROUND_MS)
    assert hold.answers[-1] is False
    assert dept.inbox.status.text() == i18n.tr("ui.progress.cancelled", lang)
    assert dept.inbox.preview is None and dept.inbox.last_error is None and not panel.isVisible()
    assert db_digest(w.env.session) == before
    # choosing the file again checks it in full and opens the preview
    monkeypatch.setattr(tb, "inspect_bundle", hold.real)
    files.bundles.append(str(out))
    dept.inbox.choose()
    qtbot.waitUntil(lambda: dept.inbox.preview is not None, timeout=BACKGROUND_MS)
    assert dept.inbox.preview.ins.refusal is None and dept.inbox.preview.can_apply
    dept.inbox.preview.reject()


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_pack_printing_shows_a_percentage_and_cancel_prints_nothing(make_window, workstation_path,
                                                                    make_dossier, qtbot, monkeypatch,
                                                                    pool, lang):  # fmt: skip
    w = make_window(workstation_path, lang=lang)
    unlock(w)
    ids = [nominees.add(w.env.session, make_dossier(i + 1)) for i in range(3)]
    w.env.executor = pool
    hold = Hold(printing.build, at=10, positional=2)  # while the records are read
    monkeypatch.setattr(printing, "build", hold)
    dialog = open_print_dialog(w.env, None, ids, printing.PACK)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(hold.reached.is_set, timeout=BACKGROUND_MS)  # the build starts from the loop
    panel = dialog.panel
    _percent_shown(qtbot, panel)
    assert panel.cancel_button.isVisible() and not dialog.save_button.isEnabled()
    assert problems(dialog, f"{lang} print dialog, building") == []
    panel.cancel_button.click()
    hold.release.set()
    qtbot.waitUntil(lambda: dialog.status.text() == i18n.tr("ui.progress.cancelled", lang),
                    timeout=BACKGROUND_MS)  # fmt: skip
    assert dialog.page_count() == 0 and dialog.output is None
    assert not dialog.save_button.isEnabled() and not dialog.print_button.isEnabled()
    assert not panel.isVisible()
    with w.env.session.db.reading() as conn:
        assert conn.execute("SELECT count(*) FROM documents").fetchone()[0] == 0
    # choosing again builds the pack in full
    monkeypatch.setattr(printing, "build", hold.real)
    dialog.generate()
    qtbot.waitUntil(lambda: dialog.page_count() > 0, timeout=BACKGROUND_MS)
    assert len(dialog.output.docs) == 6


def test_a_new_run_drops_the_old_runs_reports(qtbot, make_window, workstation_path) -> None:
    w = make_window(workstation_path)
    panel = ProgressPanel(w.env.tr)
    qtbot.addWidget(panel)
    old = panel.start()
    new = panel.start()
    assert old.cancelled() and not new.cancelled()
    old(9, 10)
    new(1, 10)
    qtbot.waitUntil(lambda: panel.bar.value() == 1, timeout=BACKGROUND_MS)
    assert panel.bar.maximum() == 10 and panel.bar.text() == "10%"
    assert new(2, 10) is True
    panel.cancel()
    assert new(3, 10) is False and panel.cancelled()


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_sending_the_catalogue_shows_a_percentage_and_cancel_sends_nothing(
    make_window, tmp_path, clock, fast_kdf, dialogs, qtbot, monkeypatch, pool, lang
) -> None:  # fmt: skip
    """The Positions screen's send (like the exclusions' and the extract's) as a percentage with
    Cancel: cancelled, no file, nothing recorded; then it goes through."""
    from tests.positions.test_board_gui import _knb
    from tests.quarter.conftest import at
    from tests.transfer.conftest import new_workstation, pin

    at(clock, "2026-02-20")
    knb = _knb(tmp_path, clock, fast_kdf)
    dept = new_workstation(tmp_path, "department", "department", clock, fast_kdf)
    pin(knb, dept, tmp_path)
    path = knb.db.path
    knb.close()
    dept.close()
    w = make_window(path, lang=lang)
    unlock(w)
    screen = w.main.show_screen("bench")
    before = db_digest(w.env.session)
    out = tmp_path / "stick" / "positions.rzv"
    out.parent.mkdir()
    screen.ask_path = lambda _filter: str(out)
    hold = Hold(tb.export_bundle, at=20)
    monkeypatch.setattr(tb, "export_bundle", hold)
    w.env.executor = pool
    assert not screen.panel.isVisible()
    screen.send_button.click()
    assert hold.reached.wait(20)
    panel = screen.panel
    assert panel.isVisible() and panel.cancel_button.isVisible()
    _percent_shown(qtbot, panel)
    assert panel.cancel_button.text() == i18n.tr("ui.progress.cancel", lang)
    assert problems(w, f"{lang} positions screen, sending") == []
    qtbot.mouseClick(panel.cancel_button, Qt.MouseButton.LeftButton)
    assert not panel.cancel_button.isEnabled()
    hold.release.set()
    qtbot.waitUntil(lambda: not panel.running, timeout=BACKGROUND_MS)
    assert hold.answers[-1] is False
    assert dialogs.infos == [i18n.tr("ui.progress.cancelled", lang)] and dialogs.errors == []
    assert not panel.isVisible()
    assert sorted(p.name for p in out.parent.iterdir()) == []  # no bundle, no temporary file
    assert db_digest(w.env.session) == before  # no chain step, nothing audited
    monkeypatch.setattr(tb, "export_bundle", hold.real)
    screen.send_button.click()
    qtbot.waitUntil(lambda: len(dialogs.infos) == 2, timeout=BACKGROUND_MS)
    assert dialogs.errors == [] and str(out) in dialogs.infos[1] and out.exists()

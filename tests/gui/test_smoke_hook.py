"""REZERV_SMOKE_GUI: the packaged app's smoke test sees the first screen, saved and named."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QImage

from ui import smoke

pytestmark = pytest.mark.gui


def test_the_hook_saves_the_unlock_screen_names_it_and_quits(
    make_window, workstation_path, qapp, qtbot, tmp_path, monkeypatch, capsys
):
    out = tmp_path / "first.png"
    monkeypatch.setenv("REZERV_SMOKE_GUI", str(out))
    w = make_window(workstation_path)
    quits: list[bool] = []
    monkeypatch.setattr(qapp, "quit", lambda: quits.append(True))
    smoke.arm(w, qapp)
    qtbot.waitUntil(lambda: bool(quits), timeout=20000)
    assert capsys.readouterr().out == f"gui: unlock {w.width()}x{w.height()}\n"
    img = QImage(str(out))
    assert (img.width(), img.height()) == (w.width(), w.height())


def test_without_the_variable_nothing_happens(make_window, db_path, qapp, qtbot, monkeypatch, capsys):
    monkeypatch.delenv("REZERV_SMOKE_GUI", raising=False)
    w = make_window(db_path)
    quits: list[bool] = []
    monkeypatch.setattr(qapp, "quit", lambda: quits.append(True))
    smoke.arm(w, qapp)
    qtbot.wait(50)
    assert quits == [] and capsys.readouterr().out == ""

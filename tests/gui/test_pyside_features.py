"""ui.pyside_features: PySide6's per-import check for ``__feature__`` use, asked of the file's
bytes instead of ``inspect.getsource``, gives PySide6's own answers."""

from __future__ import annotations

import importlib
import inspect
import sys

import pytest

import ui  # noqa: F401 - installs the check
from ui import pyside_features


def _feature():
    return sys.modules[pyside_features.FEATURE_MODULE]


def _pyside_answer(module) -> bool:  # PySide6's own check, as it is written (PYSIDE-2029)
    try:
        return "PySide6" in inspect.getsource(module)
    except (TypeError, OSError, SyntaxError):
        return False


def test_installed_once() -> None:
    assert getattr(_feature()._mod_uses_pyside, "_rezerv", False)
    assert pyside_features.install() is False  # already in place: not wrapped twice


@pytest.mark.parametrize("name", ["ui.fit", "ui.i18n", "app.clock", "app.store.nominees", "json",
                                  "sys", "msgspec._core", "PySide6.QtCore"])  # fmt: skip
def test_same_answer_as_pyside(name: str) -> None:
    module = importlib.import_module(name)
    assert _feature()._mod_uses_pyside(module) is _pyside_answer(module)


def test_modules_imported_later_are_classified(tmp_path, monkeypatch) -> None:
    (tmp_path / "rz_feat_qt.py").write_text("import PySide6.QtCore\nX = 1\n", encoding="utf-8")
    (tmp_path / "rz_feat_plain.py").write_text("# Тест: Қазақ тілі\nY = 2\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    for name in ("rz_feat_qt", "rz_feat_plain"):
        monkeypatch.delitem(sys.modules, name, raising=False)
        _feature().pyside_feature_dict.pop(name, None)
    __import__("rz_feat_qt")  # the import statement's way, through PySide6's hook
    __import__("rz_feat_plain")
    # 0: a module that uses PySide6 (no feature switched); -1: one PySide6 ignores
    assert _feature().pyside_feature_dict["rz_feat_qt"] == 0
    assert _feature().pyside_feature_dict["rz_feat_plain"] == -1


def test_unreadable_file_falls_back(tmp_path) -> None:
    import types

    module = types.ModuleType("rz_feat_gone")
    module.__file__ = str(tmp_path / "gone.py")  # no such file: PySide6's own check decides
    assert _feature()._mod_uses_pyside(module) is False

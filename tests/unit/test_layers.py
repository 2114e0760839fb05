"""app/ is plain Python: it never imports Qt (the import-linter contract in make lint checks the
same; this test keeps it true for anyone running pytest alone)."""

import ast
from pathlib import Path

APP = Path(__file__).resolve().parents[2] / "app"
FORBIDDEN = ("PySide6", "shiboken6", "PyQt5", "PyQt6", "ui")


def _imports(tree: ast.AST):
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for a in node.names:
                yield a.name
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module


def test_app_never_imports_qt_or_ui():
    offenders = []
    for f in APP.rglob("*.py"):
        for name in _imports(ast.parse(f.read_text(encoding="utf-8"))):
            if name.split(".")[0] in FORBIDDEN:
                offenders.append(f"{f.relative_to(APP.parent)}: {name}")
    assert offenders == []


def test_the_checker_itself_catches_a_qt_import():
    tree = ast.parse("from PySide6.QtWidgets import QWidget\nimport ui.app\n")
    assert [n.split(".")[0] for n in _imports(tree)] == ["PySide6", "ui"]

"""SQL lives in ``app/store/`` only: no other module of ``app`` or ``ui`` runs a statement on a
connection (``execute``, ``executemany``, ``executescript``) or holds an SQL statement."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
STORE = ROOT / "app" / "store"
RUNS = {"execute", "executemany", "executescript"}
STATEMENT = re.compile(r"^\s*(SELECT|INSERT|UPDATE|DELETE|PRAGMA|BEGIN|COMMIT|ROLLBACK|ATTACH|"
                       r"CREATE|DROP|ALTER|WITH)\s", re.IGNORECASE)  # fmt: skip


def _sources() -> list[Path]:
    files = [*(ROOT / "app").rglob("*.py"), *(ROOT / "ui").rglob("*.py")]
    return sorted(p for p in files if STORE not in p.parents)


def offences(path: Path, root: Path = ROOT) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in RUNS:
            found.append(f"{path.relative_to(root)}:{node.lineno}: .{node.func.attr}(")
        elif (isinstance(node, ast.Constant) and isinstance(node.value, str)
              and STATEMENT.match(node.value)
              and node.value.strip().split()[0].isupper()):  # prose starting "with" is not SQL
            found.append(f"{path.relative_to(root)}:{node.lineno}: {node.value[:40]!r}")
    return found


def test_no_sql_outside_the_store() -> None:
    bad = [o for p in _sources() for o in offences(p)]
    assert bad == []


def test_the_check_finds_sql(tmp_path: Path) -> None:
    sample = tmp_path / "m.py"
    sample.write_text('def f(conn):\n    conn.execute("SELECT 1")\n    q = "UPDATE t SET a = 1"\n')
    assert len(offences(sample, tmp_path)) == 3

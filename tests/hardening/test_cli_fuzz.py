"""The error contract over every CLI command: hostile arguments (20-digit numbers, empty strings,
option-like values, impossible quarters, the shared hostile strings) give exit 0, 2, 3 or 4 with
no traceback and no library log line, never exit 1 ("internal error")."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from app.cli.main import main as cli_main
from tests.cli import PASSPHRASE, run_cli
from tests.conftest import load_hostile_strings
from tests.hardening.cli_fuzz import BASE_VALUES, vectors

pytestmark = pytest.mark.timeout(600)


@pytest.fixture(scope="module")
def ws(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("fuzz") / "ws" / "rezerv.db"
    r = run_cli("init", "--role", "department", "--user", "admin", db=db, user=None)
    assert r.code == 0, r
    r = run_cli("demo", "--count", "3", "--seed", "1", db=db)
    assert r.code == 0, r
    return db


def _run(argv: list[str], monkeypatch: pytest.MonkeyPatch) -> tuple[int, str]:
    err, out = io.StringIO(), io.StringIO()
    monkeypatch.setattr(sys, "stderr", err)
    monkeypatch.setattr(sys, "stdout", out)
    monkeypatch.setattr(sys, "stdin", io.StringIO())
    code = cli_main(argv)
    return code, err.getvalue()


def test_no_hostile_argument_to_any_command_is_an_internal_error(
    ws: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    for k in [k for k in __import__("os").environ if k.startswith("REZERV_")]:
        monkeypatch.delenv(k)
    monkeypatch.setenv("REZERV_INSECURE_TEST_KDF", "1")
    monkeypatch.setenv("REZERV_PASSPHRASE", PASSPHRASE)
    monkeypatch.setenv("REZERV_USER", "admin")
    monkeypatch.chdir(tmp_path)
    failures: list[str] = []
    runs = 0
    for name, argv in vectors(BASE_VALUES, load_hostile_strings(), tmp_path):
        code, err = _run(["--lang", "ru", "--db", str(ws), *argv], monkeypatch)
        runs += 1
        if code not in (0, 2, 3, 4) or "Traceback" in err or "ERROR CORE" in err:
            failures.append(f"{name}: exit {code}: {argv!r}: {err.strip()[:200]}")
    assert runs > 100
    assert not failures, "\n".join(failures[:40]) + f"\n({len(failures)} failures)"

"""A command runs only on a workstation of the act it serves: the special bodies' reserve
(Rules-2025) not on a Reg-2000 workstation — which is no special state body (its
``session.body`` is None, as at the Department) — and ``rezerv r2k`` not on a body's or the
Department's. Refused before the handler runs with one translated line, exit 4, nothing
changed; the commands both acts share still run."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.cli.commands import MODULES
from app.cli.permissions import COMMANDS, REG2000_GROUPS, RULES2025_GROUPS
from tests.cli import run_cli

pytestmark = pytest.mark.slow
NOW = {"REZERV_NOW": "2002-03-15T10:00:00+05:00"}


def test_every_group_of_the_tables_exists() -> None:
    groups = {c.split(" ", 1)[0] for c in COMMANDS}
    assert groups >= RULES2025_GROUPS and groups >= REG2000_GROUPS
    assert set(MODULES) >= RULES2025_GROUPS and not RULES2025_GROUPS & REG2000_GROUPS


@pytest.fixture(scope="module")
def dbs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("sides")
    out = {}
    for role in ("reg2000-authority", "knb"):
        out[role] = root / role / "rezerv.db"
        assert run_cli("init", "--role", role, db=out[role], env=NOW).code == 0
    return out


@pytest.mark.parametrize(("role", "argv", "words"), [
    ("reg2000-authority", ["nominee", "list"], ("«nominee list»", "reg2000-authority", "rezerv r2k")),
    ("reg2000-authority", ["quarter", "board", "2002Q1"], ("«quarter board»",)),
    ("reg2000-authority", ["reserve", "list"], ("«reserve list»",)),
    ("knb", ["r2k", "list"], ("reg2000-authority", "reg2000-body")),
])  # fmt: skip
def test_a_command_of_the_other_act_is_refused(dbs: dict[str, Path], role: str, argv: list[str],
                                               words: tuple[str, ...]) -> None:  # fmt: skip
    before = run_cli("audit", "list", "--limit", "1000", db=dbs[role], env=NOW).out
    for lang in ("ru", "kk"):
        r = run_cli(*argv, db=dbs[role], env=NOW, lang=lang)
        assert r.code == 4 and r.out == "", (r.out, r.err)
        lines = r.err.strip().splitlines()
        assert len(lines) == 1 and "Traceback" not in r.err, r.err
        assert all(w in lines[0] for w in words), lines[0]
    assert run_cli("audit", "list", "--limit", "1000", db=dbs[role], env=NOW).out == before


@pytest.mark.parametrize(("role", "argv"), [
    ("reg2000-authority", ["r2k", "list"]),
    ("reg2000-authority", ["calendar", "is-workday", "2002-03-15"]),
    ("reg2000-authority", ["deadlines"]),
    ("knb", ["nominee", "list"]),
    ("knb", ["calendar", "is-workday", "2002-03-15"]),
])  # fmt: skip
def test_the_own_and_shared_commands_run(dbs: dict[str, Path], role: str, argv: list[str]) -> None:
    r = run_cli(*argv, db=dbs[role], env=NOW)
    assert r.code == 0, r.err


@pytest.mark.parametrize(("role", "body"), [("knb", "knb"), ("syrbar", "syrbar"), ("sgs", "sgs"),
                                            ("department", None), ("reg2000-authority", None),
                                            ("reg2000-body", None)])  # fmt: skip
def test_session_body_is_a_special_state_body_or_none(tmp_path: Path, fast_kdf: object, role: str,
                                                      body: str | None) -> None:  # fmt: skip
    from app.services import workstation
    from tests.conftest import PASSPHRASE

    s = workstation.create(tmp_path / "w.db", role=role, user="admin", passphrase=PASSPHRASE,
                           kdf=fast_kdf)  # type: ignore[arg-type]  # fmt: skip
    try:
        assert s.body == body
    finally:
        s.close()

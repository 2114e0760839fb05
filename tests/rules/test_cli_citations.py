"""``rezerv --lang ru|kk check N`` prints clauses only the way the act is cited; JSON keeps the
code in ``clause`` and adds ``clause_text``."""

from __future__ import annotations

import json
import re

import pytest

from tests.rules.test_cli import SAMPLE, cli  # noqa: F401 - the fixture
from tests.rules.test_no_clause_abbreviations import ABBREVIATION

CODE = re.compile(r"Rules-2025|Reg-2000|\bp\.\d|\bpara\b")
ACT = {"ru": ("Правил", "Положения"), "kk": ("Қағидалар", "Ереже")}


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_check_prints_clauses_in_words(cli, lang) -> None:  # noqa: F811 - the fixture
    nid = cli("nominee", "add", "--json", str(SAMPLE)).stdout.strip()
    for args in (("check", nid, "--at", "2020-01-01"), ("check", nid), ("check", "--all"),
                 ("check", nid, "--ruleset", "reg-2000"), ("deadlines", "--quarter", "2026Q1")):
        r = cli("--lang", lang, *args)
        assert r.returncode == 0, r.stderr
        assert not CODE.search(r.stdout), (args, r.stdout)
        assert not ABBREVIATION.search(r.stdout), (args, r.stdout)
    r = cli("--lang", lang, "check", nid, "--at", "2020-01-01")
    assert any(a in r.stdout for a in ACT[lang]), r.stdout
    found = json.loads(cli("--lang", lang, "check", nid, "--at", "2020-01-01", "--format", "json").stdout)
    assert found and all(f["clause"].startswith("Rules-2025 p.") for f in found)
    assert all(not CODE.search(f["clause_text"]) for f in found)
    assert all(any(a in f["clause_text"] for a in ACT[lang]) for f in found)

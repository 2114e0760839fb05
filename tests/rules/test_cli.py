"""The rules, deadline and calendar commands through the real ``rezerv`` executable."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXE = Path(sys.executable).parent / "rezerv"
SAMPLE = ROOT / "resources" / "samples" / "dossier-example.json"


@pytest.fixture
def cli(tmp_path: Path):
    env = {
        **os.environ, "REZERV_INSECURE_TEST_KDF": "1", "REZERV_USER": "admin",
        "REZERV_PASSPHRASE": "a long enough test passphrase «Қазақ»",
        "REZERV_NOW": "2026-02-10T10:00:00+05:00", "REZERV_LANG": "ru",
    }  # fmt: skip
    db = tmp_path / "ws" / "rezerv.db"

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([str(EXE), "--db", str(db), *args], env=env, capture_output=True,
                              text=True, timeout=120)  # fmt: skip

    r = run("init", "--role", "knb", "--user", "admin")
    assert r.returncode == 0, r.stderr
    return run


def test_cli_check_one_and_all(cli) -> None:
    r = cli("nominee", "add", "--json", str(SAMPLE))
    assert r.returncode == 0, r.stderr
    nid = r.stdout.strip()
    r = cli("check", nid, "--format", "json")
    assert r.returncode == 0, r.stderr
    found = json.loads(r.stdout)
    assert isinstance(found, list)
    for f in found:
        assert set(f) == {"severity", "clause", "clause_text", "field", "message"}
        assert f["clause"].startswith("Rules-2025 p.")
    # a date before the sample's submission: its date lies in the future then
    r = cli("check", nid, "--at", "2020-01-01", "--format", "json")
    assert r.returncode == 0
    assert any(f["severity"] == "blocker" for f in json.loads(r.stdout))
    # before the act was signed (23.04.2025) the check says so; the text cites clauses in words
    r = cli("check", nid, "--at", "2020-01-01")
    assert "23.04.2025" in r.stdout and "пункт 1 Правил" in r.stdout
    assert "Rules-2025" not in r.stdout
    r = cli("check", "--all", "--format", "json")
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert out["summary"]["checked"] == 1 and out["ruleset"] == "rules-2025"
    r = cli("check", "--all")
    assert r.returncode == 0 and "проверено 1" in r.stdout.splitlines()[-1]
    r = cli("check", nid, "--ruleset", "reg-2000", "--format", "json")
    assert [f["clause"] for f in json.loads(r.stdout)] == ["Reg-2000 p.1"]


def test_cli_check_errors(cli) -> None:
    assert cli("check").returncode == 2
    assert cli("check", "1", "--all").returncode == 2
    r = cli("check", "42")
    assert r.returncode == 4 and r.stderr.strip()
    r = cli("check", "--all", "--at", "10-02-2026")
    assert r.returncode == 4 and "10-02-2026" in r.stderr
    assert "Traceback" not in r.stderr


def test_cli_deadlines(cli) -> None:
    r = cli("deadlines", "--quarter", "2026Q1", "--format", "json")
    assert r.returncode == 0, r.stderr
    steps = json.loads(r.stdout)
    assert [s["due"] for s in steps] == ["27.02.2026", "13.03.2026", "27.03.2026", None, None]
    assert steps[0]["legal_date"] == "28.02.2026" and "1-го числа" in steps[0]["wording"]
    r = cli("--lang", "kk", "deadlines", "--event", "approval", "--date", "2025-12-26")
    assert r.returncode == 0 and r.stdout.startswith("14.01.2026")
    assert "он жұмыс күні" in r.stdout
    assert cli("deadlines", "--quarter", "2026Q5").returncode == 4
    assert cli("deadlines", "--event", "approval").returncode == 2
    assert cli("deadlines").returncode == 2
    assert cli("deadlines", "--event", "nonsense", "--date", "2026-01-01").returncode == 4
    r = cli("deadlines", "--ruleset", "reg-2000", "--event", "list_request", "--date",
            "2001-04-02", "--format", "json")  # fmt: skip
    assert json.loads(r.stdout)[0]["due"] == "16.04.2001"
    # p.10 with p.4: enrolled 08.03.2002, the term runs past Saturday 08.03.2003 and the
    # observed holiday 10.03 to Tuesday 11.03.2003; the text cites the clause in words
    r = cli("deadlines", "--ruleset", "reg-2000", "--event", "enrolment", "--date", "2002-03-08")
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("11.03.2003") and "08.03.2003" in r.stdout
    assert "пункт 10 Положения" in r.stdout and "Reg-2000" not in r.stdout
    # a Reg-2000 event on the day of its repeal: one clear line, exit 4
    r = cli("deadlines", "--ruleset", "reg-2000", "--event", "enrolment", "--date", "2003-12-04")
    assert r.returncode == 4 and "04.12.2003" in r.stderr and "Traceback" not in r.stderr


def test_cli_calendar(cli) -> None:
    r = cli("calendar", "is-workday", "2025-01-05", "--format", "json")
    assert json.loads(r.stdout)["workday"] is True
    r = cli("calendar", "is-workday", "03.01.2025", "--format", "json")
    assert json.loads(r.stdout)["workday"] is False
    assert cli("calendar", "add-workdays", "2024-12-31", "1").stdout.strip() == "05.01.2025"
    r = cli("calendar", "override", "add", "2026-01-05", "--kind", "day_off",
            "--reference", "ПП РК № 1")  # fmt: skip
    assert r.returncode == 0, r.stderr
    assert cli("calendar", "add-workdays", "2026-01-02", "1").stdout.strip() == "06.01.2026"
    r = cli("calendar", "override", "list", "--format", "json")
    assert json.loads(r.stdout) == [
        {"date": "2026-01-05", "kind": "day_off", "reason": "", "reference": "ПП РК № 1"}
    ]
    assert cli("calendar", "override", "add", "2026-01-05", "--kind", "workday").returncode == 4
    assert cli("calendar", "override", "remove", "2026-01-05").returncode == 0
    assert cli("calendar", "override", "remove", "2026-01-05").returncode == 4
    assert cli("calendar", "is-workday", "2026-02-30").returncode == 4
    assert cli("calendar", "add-workdays", "2026-01-01", "x").returncode == 2
    r = cli("audit", "list")
    assert r.returncode == 0, r.stderr
    assert "calendar.override.add" in r.stdout and "calendar.override.remove" in r.stdout

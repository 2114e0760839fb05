"""The quarter command groups through the real CLI: every help text translated in both languages,
errors as translated messages with the CLI's exit codes, JSON output parseable."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.cli import run_cli

GROUPS = {
    "quarter": ("board", "list-add", "list-remove", "print-list", "send", "submit", "findings", "correct",
                "send-corrections", "notices", "print-notices", "notice-delivered", "deadlines", "states",
                "reminders"),
    "review": ("inbox", "checklist", "mark", "raise", "send-findings", "form-list", "agree", "print-list"),
    "decision": ("record", "bulk", "sheet", "print-extract", "extract"),
    "exclusion": ("raise", "scan", "list", "print", "send", "decide", "send-decisions"),
    "reserve": ("list", "export", "appoint", "override", "training", "acting"),
    "nominee": ("renominate", "history", "edit"),
}  # fmt: skip
RAW_KEY = re.compile(r"\b(quarter|review|decision|exclusion|reserve|life)\.(cli|ui)\.[a-z_]+")


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_every_help_text_is_translated(lang: str) -> None:
    for group, actions in GROUPS.items():
        r = run_cli(group, "--help", lang=lang, user=None, passphrase=None)
        assert r.code == 0 and not RAW_KEY.search(r.out), (group, r.out)
        for a in actions:
            assert a in r.out
        r = run_cli(group, actions[0], "--help", lang=lang, user=None, passphrase=None)
        assert r.code == 0 and not RAW_KEY.search(r.out), (group, r.out)


def test_errors_are_translated_with_exit_codes(tmp_path: Path) -> None:
    env = {"REZERV_NOW": "2026-03-20T10:00:00+05:00"}
    dept, knb = tmp_path / "d" / "r.db", tmp_path / "k" / "r.db"
    assert run_cli("init", "--role", "department", db=dept, env=env).code == 0
    assert run_cli("init", "--role", "knb", db=knb, env=env).code == 0
    r = run_cli("decision", "bulk", "2026Q1", "--number", "1", "--date", "2026-03-20", db=dept, env=env,
                lang="kk")  # fmt: skip
    assert r.code == 4 and "Қауіпсіздік Кеңесінің Хатшысымен" in r.err and "Traceback" not in r.err
    r = run_cli("review", "agree", "2026Q1", "--date", "2026-03-20", "--reference", "x", db=dept, env=env)
    assert r.code == 4 and "ещё не сформирован" in r.err
    r = run_cli("review", "inbox", db=knb, env=env)
    assert r.code == 2 and "только на рабочем месте Отдела" in r.err
    r = run_cli("quarter", "board", "2026Q5", db=knb, env=env)
    assert r.code == 4 and "Traceback" not in r.err
    r = run_cli("quarter", "notice-delivered", "1", "--date", "nonsense", db=knb, env=env)
    assert r.code == 4 and "Traceback" not in r.err
    r = run_cli("exclusion", "raise", "1", "--ground", "9", "--date", "2026-03-01", "--evidence", "x",
                db=knb, env=env)  # fmt: skip
    assert r.code == 4 and "пункта 18 Правил" in r.err
    board = json.loads(run_cli("quarter", "board", "2026Q1", "--format", "json", db=knb, env=env).out)
    assert board["rows"] == [] and board["deadline"]["clause"] == "Rules-2025 p.10"
    assert board["workdays_left"] < 0  # 20 March is after the p.10 date
    dl = json.loads(run_cli("quarter", "deadlines", "--quarter", "2026Q1", "--format", "json", db=knb,
                            env=env).out)  # fmt: skip
    send = next(i for i in dl if i["step"] == "send_list")
    assert send["overdue"] and send["own"] and send["wording"] and send["clause"] == "Rules-2025 p.10"
    assert run_cli("reserve", "export", "--out", str(tmp_path / "x.txt"), db=knb, env=env).code == 4

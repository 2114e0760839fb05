"""``rezerv positions import|list|need`` through the real CLI: translated help and errors with the
CLI's exit codes, nothing changed on a refused file, JSON output."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.cli import run_cli

RAW_KEY = re.compile(r"\bpositions\.(cli|import|need)\.[a-z_]+")
ENV = {"REZERV_NOW": "2026-02-10T10:00:00+05:00"}


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_help_is_translated(lang: str) -> None:
    r = run_cli("positions", "--help", lang=lang, user=None, passphrase=None)
    assert r.code == 0 and not RAW_KEY.search(r.out)
    assert all(a in r.out for a in ("import", "list", "need"))


def test_import_list_need(tmp_path: Path) -> None:
    db = tmp_path / "k" / "r.db"
    assert run_cli("init", "--role", "knb", db=db, env=ENV).code == 0
    bad = tmp_path / "bad.csv"
    bad.write_text("title;body;decree_290\nНачальник управления;knb;да\nX;mvd;да\n", encoding="utf-8")
    r = run_cli("positions", "import", str(bad), db=db, env=ENV, lang="kk")
    assert r.code == 4 and "3 (body)" in r.err and "Traceback" not in r.err
    assert json.loads(run_cli("positions", "list", "--format", "json", db=db, env=ENV).out) == []
    good = tmp_path / "good.csv"
    good.write_text("title;body;decree_290;service_years\nНачальник управления;knb;да;10\n",
                    encoding="utf-8")  # fmt: skip
    r = run_cli("positions", "import", str(good), db=db, env=ENV)
    assert r.code == 0 and "добавлено 1" in r.out
    (p,) = json.loads(run_cli("positions", "list", "--format", "json", db=db, env=ENV).out)
    assert p["title"] == "Начальник управления" and p["decree_290"] is True and p["service_years"] == 10
    r = run_cli("positions", "need", "начальник управления", "--vacant-from", "2026-05-01",
                "--reason", "rotation", db=db, env=ENV)  # fmt: skip
    assert r.code == 0, r.err
    r = run_cli("positions", "need", "Нет такой", "--vacant-from", "2026-05-01", "--reason",
                "rotation", db=db, env=ENV)  # fmt: skip
    assert r.code == 4 and "Нет такой" in r.err and "Traceback" not in r.err
    r = run_cli("positions", "import", str(tmp_path), db=db, env=ENV)
    assert r.code == 4 and "Traceback" not in r.err


def test_bench_text_json_csv_xlsx(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    db = tmp_path / "k" / "r.db"
    assert run_cli("init", "--role", "knb", db=db, env=ENV).code == 0
    cat = tmp_path / "c.csv"
    cat.write_text("title;body;decree_290\n=HYPERLINK(\"x\");knb;да\nНачальник отдела;knb;нет\n",
                   encoding="utf-8")  # fmt: skip
    assert run_cli("positions", "import", str(cat), db=db, env=ENV).code == 0
    assert run_cli("positions", "need", "Начальник отдела", "--vacant-from", "2026-01-05",
                   "--reason", "vacancy", db=db, env=ENV).code == 0  # fmt: skip
    b = json.loads(run_cli("bench", "--format", "json", db=db, env=ENV).out)
    assert b["horizon"] == "2026-06-30"
    row = next(r for r in b["rows"] if r["title"] == "Начальник отдела")
    assert (row["need"], row["ready"], row["gap"], row["flagged"]) == (1, 0, 1, True)
    r = run_cli("bench", db=db, env=ENV, lang="kk")
    assert r.code == 0 and "Начальник отдела" in r.out and "Алшақтық" in r.out
    r = run_cli("bench", "--format", "csv", db=db, env=ENV)
    assert r.code == 2 and "--out" in r.err
    out = tmp_path / "b.csv"
    assert run_cli("bench", "--out", str(out), db=db, env=ENV).code == 0
    text = out.read_text(encoding="utf-8-sig")
    assert "'=HYPERLINK" in text and "Разрыв" in text
    assert out.stat().st_mode & 0o077 == 0
    x = tmp_path / "b.xlsx"
    assert run_cli("bench", "--format", "xlsx", "--out", str(x), db=db, env=ENV, lang="kk").code == 0
    ws = load_workbook(x).worksheets[0]
    assert ws["A1"].value == "Лауазым" and {ws["A2"].value, ws["A3"].value} == {
        "'=HYPERLINK(\"x\")", "Начальник отдела"}
    assert run_cli("bench", "--out", str(x), db=db, env=ENV).code == 2  # never overwrites

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


def test_send_the_catalogue_to_the_department_and_read_it_there(tmp_path: Path) -> None:
    """``positions send`` at the body, ``bundle import`` and ``positions received`` at the
    Department; a replayed file is refused with exit 4 and one line."""
    body, dept, stick = tmp_path / "b" / "r.db", tmp_path / "d" / "r.db", tmp_path / "stick"
    stick.mkdir()
    fp = {}
    for name, db, role in (("body", body, "knb"), ("dept", dept, "department")):
        assert run_cli("init", "--role", role, db=db, env=ENV).code == 0
        fp[name] = json.loads(run_cli("identity", "show", "--format", "json", db=db, env=ENV).out)
        assert run_cli("identity", "export", "--out", str(stick / f"{name}.card"), db=db,
                       env=ENV).code == 0  # fmt: skip
    assert run_cli("peer", "add", str(stick / "dept.card"), "--fingerprint", fp["dept"]["fingerprint"],
                   db=body, env=ENV).code == 0  # fmt: skip
    assert run_cli("peer", "add", str(stick / "body.card"), "--fingerprint", fp["body"]["fingerprint"],
                   db=dept, env=ENV).code == 0  # fmt: skip
    r = run_cli("positions", "received", db=dept, env=ENV)
    assert r.code == 0 and "ещё не получены" in r.out
    cat = tmp_path / "c.csv"
    cat.write_text("title;body;decree_290\nНачальник управления;knb;да\nНачальник отдела;knb;нет\n",
                   encoding="utf-8")  # fmt: skip
    assert run_cli("positions", "import", str(cat), db=body, env=ENV).code == 0
    assert run_cli("positions", "need", "Начальник отдела", "--vacant-from", "2026-01-05",
                   "--reason", "vacancy", db=body, env=ENV).code == 0  # fmt: skip
    out = stick / "positions.rzv"
    r = run_cli("positions", "send", "--to", "department", "--out", str(out), db=body, env=ENV)
    assert r.code == 0 and "должностей: 2" in r.out, r.err
    r = run_cli("bundle", "import", str(out), db=dept, env=ENV)
    assert r.code == 0 and "новых 2" in r.out and "потребностей 1" in r.out, (r.out, r.err)
    (knb,) = json.loads(run_cli("positions", "received", "--format", "json", db=dept, env=ENV).out)
    assert knb == {"body": "knb", "positions": 2, "need": 1, "ready": 0, "gap": 1, "flagged": 1,
                   "quarter": "2026Q1", "as_of": "2026-02-10"}  # fmt: skip
    r = run_cli("positions", "received", db=dept, env=ENV, lang="kk")
    assert r.code == 0 and "10.02.2026" in r.out and "ҰҚК" in r.out
    r = run_cli("bundle", "import", str(out), "--receipt", str(stick / "again.rzv"), db=dept, env=ENV)
    assert r.code == 4 and "уже был принят" in r.err and "Traceback" not in r.err, r.err
    r = run_cli("positions", "send", "--to", "department", "--out", str(out), db=dept, env=ENV)
    assert r.code in (2, 4) and "Traceback" not in r.err


def test_quarter_board_sorted_by_need(session, make_dossier, tmp_path: Path) -> None:
    """``quarter board --sort need``: the positions short of candidates first, positions outside
    the catalogue last; the need shown next to each nominee."""
    import datetime as dt

    import msgspec

    from app.services import nominees, positions

    cat = tmp_path / "c.csv"
    cat.write_text("title;body;decree_290\nНачальник управления;knb;да\nНачальник отдела;knb;да\n"
                   "Главный эксперт;knb;нет\n", encoding="utf-8")  # fmt: skip
    positions.import_file(session, cat)
    for day in ("2026-01-05", "2026-04-01"):
        positions.add_need(session, "Начальник отдела", dt.date.fromisoformat(day), "vacancy")
    positions.add_need(session, "Начальник управления", dt.date(2026, 3, 1), "rotation")
    order = {}
    for serial, title in ((1, "Главный эксперт"), (2, "Своя должность"), (3, "Начальник управления"),
                          (4, "Начальник отдела")):  # fmt: skip
        d = make_dossier(serial)
        nom = msgspec.structs.replace(d.nomination, intended_position=title, quarter="2026Q1")
        order[title] = nominees.add(session, msgspec.structs.replace(d, nomination=nom))
    from tests.conftest import PASSPHRASE

    db = session.db.path
    env = ENV | {"REZERV_NOW": "2026-02-10T10:00:00+05:00", "REZERV_PASSPHRASE": PASSPHRASE}
    r = run_cli("quarter", "board", "2026Q1", "--format", "json", db=db, env=env)
    assert r.code == 0, r.err
    by_name = json.loads(r.out)
    r = run_cli("quarter", "board", "2026Q1", "--sort", "need", "--format", "json", db=db, env=env)
    rows = json.loads(r.out)["rows"]
    expected = [order[t] for t in ("Начальник отдела", "Начальник управления", "Главный эксперт",
                                   "Своя должность")]  # fmt: skip
    assert [x["id"] for x in rows] == expected != [x["id"] for x in by_name["rows"]]
    assert [(x["need"], x["need_gap"]) for x in rows] == [(2, 2), (1, 1), (0, 0), (None, None)]
    text = run_cli("quarter", "board", "2026Q1", "--sort", "need", db=db, env=env).out
    assert "Начальник отдела: потребность 2, не хватает 2" in text

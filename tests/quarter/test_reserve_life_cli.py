"""The reserve-life commands through the real CLI at a State Guard Service workstation, with the
clock injected by REZERV_NOW: refusals exit 4 with one translated line naming the clause."""

from __future__ import annotations

import json
from pathlib import Path

import msgspec

from app.domain.dossier import Body
from app.services import interchange
from tests.cli import run_cli
from tests.factories import make_dossier


def test_reserve_life_commands_refuse_and_record_with_translated_lines(tmp_path: Path) -> None:
    db = tmp_path / "sgs" / "rezerv.db"
    day = ["2026-02-02"]

    def cli(*args: str, code: int = 0, lang: str = "ru") -> str:
        r = run_cli(*args, db=db, lang=lang, env={"REZERV_NOW": f"{day[0]}T10:00:00+05:00"})
        assert r.code == code and "Traceback" not in r.err, (args, r.out, r.err)
        return r.out if code == 0 else r.err

    cli("init", "--role", "sgs")
    d = make_dossier(1, body=Body.SGS)
    d = msgspec.structs.replace(d, nomination=msgspec.structs.replace(d.nomination, quarter="2026Q1"))
    src = tmp_path / "d.json"
    src.write_text(json.dumps(interchange.to_obj(d), ensure_ascii=False), encoding="utf-8")
    nid = cli("nominee", "add", "--json", str(src)).split()[-1]
    cli("quarter", "list-add", "2026Q1")
    cli("quarter", "submit", "2026Q1", "--date", "2026-02-02", "--reference", "МКҚ № 7")
    cli("decision", "bulk", "2026Q1", "--number", "№ 12", "--date", "2026-02-02")
    day[0] = "2026-03-02"
    cli("reserve", "training", nid, "--course", "Академия", "--from", "2026-02-16", "--to", "2026-02-27",
        "--hours", "72")  # fmt: skip
    cli("reserve", "acting", nid, "--order", "№ 30", "--from", "2026-03-02")
    err = cli("reserve", "appoint", nid, "--position", "Бастық", "--order", "№ 40", "--date", "2026-03-02",
              code=4, lang="kk")  # fmt: skip
    assert len(err.strip().splitlines()) == 1 and "14-тармағының екінші бөлігі" in err
    err = cli("reserve", "override", nid, "--by", "head_pa", "--number", " ", "--date", "2026-03-01", code=4)
    assert "номер" in err
    cli("reserve", "override", nid, "--by", "head_pa", "--number", "№ 5-р", "--date", "2026-03-01")
    cli("reserve", "appoint", nid, "--position", "Бастық", "--order", "№ 40", "--date", "2026-03-02")
    assert json.loads(cli("reserve", "list", "--format", "json"))[0]["state"] == "appointed"
    err = cli("nominee", "renominate", nid, "--quarter", "2026Q3", code=4)
    assert "«назначен из резерва»" in err and "пункт 14 Правил" in err
    kinds = [e["kind"] for e in json.loads(cli("nominee", "history", nid, "--format", "json"))]
    assert kinds == ["nomination", "decision_enrol", "enrolled", "training", "override", "acting",
                     "appointed"]  # fmt: skip
    text = cli("nominee", "history", nid, lang="kk")
    assert "резервтен тағайындалды" in text and "02.03.2026" in text and "life." not in text
    assert cli("reserve", "list", "--expiring-within", "90") == ""


def test_department_refuses_the_members_life_commands_with_exit_4(tmp_path: Path) -> None:
    db = tmp_path / "dept" / "rezerv.db"
    env = {"REZERV_NOW": "2026-07-01T10:00:00+05:00"}
    assert run_cli("init", "--role", "department", db=db, env=env).code == 0
    commands = (
        ("reserve", "appoint", "1", "--position", "Бастық", "--order", "№ 40", "--date", "2026-07-01"),
        ("reserve", "override", "1", "--by", "head_pa", "--number", "№ 5", "--date", "2026-07-01"),
        ("reserve", "training", "1", "--course", "Академия", "--from", "2026-06-01", "--to", "2026-06-05"),
        ("reserve", "acting", "1", "--order", "№ 30", "--from", "2026-06-01"),
    )
    for args in commands:
        for lang, word in (("ru", "кадровое подразделение органа"), ("kk", "кадр бөлімшесі")):
            r = run_cli(*args, db=db, lang=lang, env=env)
            assert r.code == 4 and "Traceback" not in r.err, (args, r.out, r.err)
            assert len(r.err.strip().splitlines()) == 1 and word in r.err


def test_training_plan_commands_plan_list_and_remove(tmp_path: Path) -> None:
    db = tmp_path / "sgs" / "rezerv.db"
    day = ["2026-02-02"]

    def cli(*args: str, code: int = 0, lang: str = "ru") -> str:
        r = run_cli(*args, db=db, lang=lang, env={"REZERV_NOW": f"{day[0]}T10:00:00+05:00"})
        assert r.code == code and "Traceback" not in r.err, (args, r.out, r.err)
        return r.out if code == 0 else r.err

    cli("init", "--role", "sgs")
    d = make_dossier(2, body=Body.SGS)
    d = msgspec.structs.replace(d, nomination=msgspec.structs.replace(d.nomination, quarter="2026Q1"))
    src = tmp_path / "d.json"
    src.write_text(json.dumps(interchange.to_obj(d), ensure_ascii=False), encoding="utf-8")
    nid = cli("nominee", "add", "--json", str(src)).split()[-1]
    cli("quarter", "list-add", "2026Q1")
    cli("quarter", "submit", "2026Q1", "--date", "2026-02-02", "--reference", "МКҚ № 8")
    cli("decision", "bulk", "2026Q1", "--number", "№ 13", "--date", "2026-02-02")
    day[0] = "2026-03-02"
    out = cli("reserve", "plan", nid, "--quarter", "2026Q2", "--course", "Академия")
    assert "2026Q2" in out
    err = cli("reserve", "plan", nid, "--quarter", "2026Q2", "--course", "Академия", code=4, lang="kk")
    assert len(err.strip().splitlines()) == 1 and "2026Q2" in err
    err = cli("reserve", "plan", nid, "--quarter", "2025Q4", "--course", "Академия", code=4)
    assert len(err.strip().splitlines()) == 1 and "пункт 16 Правил" in err
    (row,) = json.loads(cli("reserve", "training-plan", "2026Q2", "--format", "json"))
    assert (row["nominee"], row["course"], row["state"]) == (int(nid), "Академия", "planned")
    day[0] = "2026-06-01"
    cli("reserve", "training", nid, "--course", "Академия", "--from", "2026-05-11", "--to", "2026-05-22")
    text = cli("reserve", "training-plan", "2026Q2", lang="kk")
    assert "өтті" in text and "11.05.2026" in text and "life." not in text
    assert "пройдено" in cli("reserve", "training-plan", "2026Q2")
    cli("reserve", "plan-remove", str(row["plan"]))
    assert cli("reserve", "training-plan", "2026Q2") == ""
    err = cli("reserve", "plan-remove", str(row["plan"]), code=4)
    assert len(err.strip().splitlines()) == 1

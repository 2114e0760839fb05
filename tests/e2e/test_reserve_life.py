"""Four simulated years of the reserve through the real CLI on a body (KNB) and the Department,
with the clock injected by REZERV_NOW: four members enrolled in 2026Q1; the first trained, given
acting duties, refused an appointment before three months and appointed with a recorded override;
the second's term expiring and re-nominated; the third excluded under p.18(3) and re-nominable
exactly one year after the lift; the fourth seconded after enrolment and excluded under p.18(7).
After every step the two workstations agree on every shared person's state."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.test_quarter_cycle import World, _pin

pytestmark = [pytest.mark.slow, pytest.mark.timeout(1200)]  # ~80 CLI runs on a shared machine
PAIRS = {"sent": "received", "renominated": "renominated"}  # body state -> the Department's


def _agree(w: World) -> dict[str, str]:
    """Every person known at both ends is in the same state (sent at the body = received there)."""
    body = {r["iin"]: r["status"] for r in w.json("knb", "nominee", "list")}
    dept = {r["iin"]: r["status"] for r in w.json("department", "nominee", "list")}
    for iin, st in body.items():
        if iin in dept:
            assert dept[iin] == PAIRS.get(st, st), (iin, st, dept[iin])
    return body


def _edit(w: World, nid: int, tmp: Path, change: Any) -> None:
    d = json.loads(w.cli("knb", "nominee", "show", str(nid), "--format", "json").out)
    change(d)
    f = tmp / f"edit-{nid}-{w.day}.json"
    f.write_text(json.dumps(d, ensure_ascii=False), encoding="utf-8")
    w.cli("knb", "nominee", "edit", str(nid), "--json", str(f))


def _exclusion_to_department(w: World, ground: str, day: str, number: str) -> None:
    w.cli("knb", "exclusion", "scan")
    w.cli("knb", "exclusion", "send", "--to", "department", "--out", str(w.stick / f"x-{day}.age"))
    w.carry("department", w.stick / f"x-{day}.age")
    received = w.json("department", "exclusion", "list", "--state", "received")
    (x,) = [x for x in received if x["ground"] == ground]
    w.day = day
    w.cli("department", "exclusion", "decide", str(x["id"]), "--exclude", "--number", number, "--date", day)
    w.cli("department", "exclusion", "send-decisions", "--to", "knb", "--out", str(w.stick / f"xd-{day}.age"))
    w.carry("knb", w.stick / f"xd-{day}.age")


def _send(w: World, quarter: str, nid: int) -> None:
    w.cli("knb", "quarter", "list-add", quarter, "--id", str(nid))
    out = w.stick / f"nom-{quarter}-{nid}.age"
    w.cli("knb", "quarter", "send", quarter, "--to", "department", "--out", str(out))
    w.carry("department", out)


def test_four_years_of_the_reserve_on_a_body_and_the_department(tmp_path: Path) -> None:
    w = World(tmp_path)
    for r in ("knb", "syrbar", "department"):
        w.cli(r, "init", "--role", r)
    _pin(w)
    a, b, c, d = (w.add("knb", n) for n in (1, 2, 3, 4))
    iin = {r["id"]: r["iin"] for r in w.json("knb", "nominee", "list")}

    # -- 2026Q1: nominated, reviewed, agreed, enrolled (p.10-p.13) -------------------------------
    w.day = "2026-02-10"
    w.cli("knb", "quarter", "list-add", "2026Q1")
    w.cli("knb", "quarter", "send", "2026Q1", "--to", "department", "--out", str(w.stick / "q1.age"))
    w.day = "2026-02-12"
    w.carry("department", w.stick / "q1.age")
    _agree(w)
    w.day = "2026-03-05"
    for nid in w.ids("department").values():
        w.cli("department", "review", "mark", str(nid), "--accuracy", "ok", "--completeness", "ok",
              "--compliance", "ok")  # fmt: skip
    w.cli("department", "review", "form-list", "2026Q1", "--date", "2026-03-05")
    w.day = "2026-03-12"
    w.cli("department", "review", "agree", "2026Q1", "--date", "2026-03-12", "--reference", "СБ № 3")
    w.day = "2026-03-20"
    early = w.cli("department", "decision", "bulk", "2026Q1", "--number", "№ 45", "--date", "2026-03-11",
                  ok=False)  # fmt: skip
    assert early.code == 4 and "пункт 12 Правил" in early.err  # before the agreement (p.12 part 1)
    w.cli("department", "decision", "bulk", "2026Q1", "--number", "№ 45", "--date", "2026-03-20")
    w.cli("department", "decision", "extract", "2026Q1", "--to", "knb", "--out", str(w.stick / "ex.age"))
    w.day = "2026-03-26"
    w.carry("knb", w.stick / "ex.age")
    assert set(_agree(w).values()) == {"enrolled"}

    # -- A: training (p.16), acting duties (p.17), appointment (p.14) ----------------------------
    w.day = "2026-06-01"
    w.cli("knb", "reserve", "training", str(a), "--course", "Академия правоохранительных органов",
          "--from", "2026-05-11", "--to", "2026-05-29", "--hours", "72", "--certificate", "№ 42")  # fmt: skip
    w.cli("knb", "reserve", "acting", str(a), "--order", "№ 30 л/с", "--from", "2026-06-01")
    w.day = "2026-06-10"
    refused = w.cli("knb", "reserve", "appoint", str(a), "--position", "Начальник", "--order", "№ 40",
                    "--date", "2026-06-10", ok=False)  # fmt: skip
    assert refused.code == 4 and "20.06.2026" in refused.err and "пункта 14 Правил" in refused.err
    w.cli("knb", "reserve", "override", str(a), "--by", "head_pa", "--number", "№ 5-р", "--date",
          "2026-06-10")  # fmt: skip
    w.cli("knb", "reserve", "appoint", str(a), "--position", "Начальник", "--order", "№ 40", "--date",
          "2026-06-10")  # fmt: skip
    w.cli("knb", "reserve", "send-appointments", "--to", "department", "--out", str(w.stick / "ap.age"))
    w.carry("department", w.stick / "ap.age")
    states = _agree(w)
    assert [states[iin[n]] for n in (a, b, c, d)] == ["appointed", "enrolled", "enrolled", "enrolled"]

    # -- C: a listed sanction (p.18(3)), excluded --------------------------------------------------
    w.day = "2026-07-01"
    sanction = {"kind": "incomplete_compliance_warning", "imposed": "2026-06-15"}
    _edit(w, c, tmp_path, lambda x: x.__setitem__("disciplinary", [sanction]))
    _exclusion_to_department(w, "p18_3", "2026-07-10", "№ 61")
    assert _agree(w)[iin[c]] == "excluded"

    # -- D: seconded after enrolment (p.18(7)), excluded -------------------------------------------
    w.day = "2026-08-03"
    secondment = {"kind": "state_body", "host": "Министерство внутренних дел", "since": "2026-07-20"}
    _edit(w, d, tmp_path, lambda x: x.__setitem__("secondment", secondment))
    _exclusion_to_department(w, "p18_7", "2026-08-10", "№ 62")
    assert _agree(w)[iin[d]] == "excluded"

    # -- C: the sanction lifted; p.20 one year after ---------------------------------------------
    w.day = "2026-12-16"
    _edit(w, c, tmp_path, lambda x: x["disciplinary"][0].__setitem__("lifted", "2026-12-15"))
    w.day = "2027-12-14"
    blocked = w.cli("knb", "nominee", "renominate", str(c), "--quarter", "2028Q1", ok=False)
    assert blocked.code == 4 and "15.12.2027" in blocked.err and "пункт 20 Правил" in blocked.err
    w.day = "2027-12-15"
    w.cli("knb", "nominee", "renominate", str(c), "--quarter", "2028Q1")
    _edit(w, c, tmp_path, lambda x: x.__setitem__(
        "indicators", [{"year": y, "text": f"Показатели {y} года"} for y in (2025, 2026, 2027)]))
    _send(w, "2028Q1", c)
    assert _agree(w)[iin[c]] == "sent"

    # -- B: the term ending (p.14), listed ahead, re-nominated -----------------------------------
    w.day = "2029-01-01"
    ahead = w.json("knb", "reserve", "list", "--expiring-within", "90")
    assert [(m["nominee"], m["last_day"]) for m in ahead] == [(b, "2029-03-19")]
    w.day = "2029-03-19"
    still = w.cli("knb", "nominee", "renominate", str(b), "--quarter", "2029Q2", ok=False)
    assert still.code == 4 and "19.03.2029" in still.err
    w.day = "2029-03-20"
    w.cli("knb", "nominee", "renominate", str(b), "--quarter", "2029Q2")
    _edit(w, b, tmp_path, lambda x: x.__setitem__(
        "indicators", [{"year": y, "text": f"Показатели {y} года"} for y in (2026, 2027, 2028)]))
    _send(w, "2029Q2", b)
    states = _agree(w)
    assert [states[iin[n]] for n in (a, b, c, d)] == ["appointed", "sent", "sent", "excluded"]

    # -- the timelines --------------------------------------------------------------------------
    history = w.json("knb", "nominee", "history", str(b))
    assert [e["kind"] for e in history] == ["nomination", "decision_enrol", "enrolled", "term_expired",
                                            "nomination"]  # fmt: skip
    dept_b = w.ids("department")[iin[b]]
    assert [e["kind"] for e in w.json("department", "nominee", "history", str(dept_b))] == [
        e["kind"] for e in history]  # fmt: skip
    kinds = [e["kind"] for e in w.json("knb", "nominee", "history", str(a))]
    assert kinds == ["nomination", "decision_enrol", "enrolled", "training", "acting", "override",
                     "appointed"]  # fmt: skip
    for r in ("knb", "department"):
        w.cli(r, "audit", "verify")


"""Quarter 2026Q1 end to end over four workstations (KNB, Syrbar, SGS, Department), scripted
through the real CLI in subprocesses with the clock injected by REZERV_NOW: dossiers created, one
blocked by a sanction, lists sent, a deficiency raised and corrected, the list formed and agreed,
decisions recorded (some refused), extracts returned, notices printed and delivered, an enrolled
member excluded under p.18(4) with the decision returned — and the four databases agree."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import msgspec
import pytest

from app.domain.dossier import Body, Sanction, SanctionKind
from app.services import interchange
from tests.cli import Result, run_cli
from tests.factories import make_dossier

pytestmark = pytest.mark.slow
ROLES = ("knb", "syrbar", "sgs", "department")


class World:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.db = {r: root / r / "rezerv.db" for r in ROLES}
        self.stick = root / "stick"
        self.stick.mkdir()
        self.day = "2026-02-02"

    def cli(self, role: str, *args: str, ok: bool = True) -> Result:
        r = run_cli(*args, db=self.db[role], env={"REZERV_NOW": f"{self.day}T10:00:00+05:00"})
        assert "Traceback" not in r.err, r.err
        if ok:
            assert r.code == 0, (args, r.err)
        return r

    def json(self, role: str, *args: str) -> Any:
        return json.loads(self.cli(role, *args, "--format", "json").out)

    def add(self, role: str, serial: int, **overrides: Any) -> int:
        d = make_dossier(serial, body=Body(role), **overrides)
        d = msgspec.structs.replace(d, nomination=msgspec.structs.replace(d.nomination, quarter="2026Q1"))
        src = self.root / f"d{serial}.json"
        src.write_text(json.dumps(interchange.to_obj(d), ensure_ascii=False), encoding="utf-8")
        return int(self.cli(role, "nominee", "add", "--json", str(src)).out.split()[-1])

    def carry(self, role: str, path: Path) -> str:
        return self.cli(role, "bundle", "import", str(path)).out

    def states(self, role: str) -> dict[str, str]:
        return dict(self.json(role, "quarter", "states", "--quarter", "2026Q1"))

    def ids(self, role: str) -> dict[str, int]:
        return {r["iin"]: r["id"] for r in self.json(role, "nominee", "list")}


def _pin(w: World) -> None:
    cards = {}
    for r in ("knb", "syrbar", "department"):
        cards[r] = (w.stick / f"{r}.card", w.json(r, "identity", "show")["fingerprint"])
        w.cli(r, "identity", "export", "--out", str(cards[r][0]))
    for body in ("knb", "syrbar"):
        w.cli(body, "peer", "add", str(cards["department"][0]), "--fingerprint", cards["department"][1])
        w.cli("department", "peer", "add", str(cards[body][0]), "--fingerprint", cards[body][1])


def test_quarter_2026q1_over_four_workstations(tmp_path: Path) -> None:
    w = World(tmp_path)
    for r in ROLES:
        w.cli(r, "init", "--role", r)
    _pin(w)

    # -- bodies: dossiers, one blocked by a sanction (p.8(3)), lists sent (p.10) ----------------
    sanction = [Sanction(kind=SanctionKind.REPRIMAND, imposed=dt.date(2026, 1, 20), order_ref="№ 5")]
    k1, k2, k3 = (w.add("knb", n) for n in (1, 2, 3))
    k_blocked = w.add("knb", 4, disciplinary=sanction)
    y1, y2 = (w.add("syrbar", n) for n in (21, 22))
    g1, g2 = (w.add("sgs", n) for n in (41, 42))
    w.day = "2026-02-10"
    out = w.cli("knb", "quarter", "list-add", "2026Q1").out
    assert "Включено в список: 3" in out and f"{k_blocked}\t" in out
    board = w.json("knb", "quarter", "board", "2026Q1")
    assert board["counts"]["in_list"] == 3 and board["counts"]["draft"] == 1
    assert board["deadline"]["clause"] == "Rules-2025 p.10" and board["workdays_left"] > 0
    blocked = next(r for r in board["rows"] if r["id"] == k_blocked)
    assert blocked["state"] == "draft" and blocked["blockers"] > 0
    refused = w.cli("knb", "quarter", "list-add", "2026Q1", "--id", str(k_blocked), ok=False)
    assert refused.code == 4 and "блокирующие" in refused.err
    w.cli("knb", "quarter", "print-list", "2026Q1", "--out", str(tmp_path / "knb-list.pdf"))
    assert (tmp_path / "knb-list.pdf").read_bytes().startswith(b"%PDF")
    w.cli("knb", "quarter", "send", "2026Q1", "--to", "department", "--out", str(w.stick / "knb.age"))
    w.cli("syrbar", "quarter", "list-add", "2026Q1")
    w.cli("syrbar", "quarter", "send", "2026Q1", "--to", "department", "--out", str(w.stick / "syr.age"))
    assert w.states("knb")[_iin(w, "knb", k1)] == "sent"

    # -- the State Guard Service's own path (p.5, p.6): no Department review ----------------------
    w.cli("sgs", "quarter", "list-add", "2026Q1")
    refused = w.cli("sgs", "quarter", "send", "2026Q1", "--to", "department", "--out", "x", ok=False)
    assert refused.code == 2
    w.cli("sgs", "quarter", "submit", "2026Q1", "--date", "2026-02-10", "--reference", "МКҚ № 7")
    w.day = "2026-02-20"
    w.cli("sgs", "decision", "bulk", "2026Q1", "--number", "№ 12", "--date", "2026-02-20",
          "--refuse", str(g2))  # fmt: skip

    # -- Department: inbox, review, a deficiency back to KNB -------------------------------------
    w.day = "2026-02-12"
    w.carry("department", w.stick / "knb.age")
    w.carry("department", w.stick / "syr.age")
    inbox = w.json("department", "review", "inbox", "--quarter", "2026Q1")
    assert {(x["body"], len(x["packages"])) for x in inbox} == {("knb", 1), ("syrbar", 1)}
    dept = w.ids("department")
    assert len(dept) == 5  # the blocked dossier and SGS's never reached the Department
    w.day = "2026-03-05"
    for nid in dept.values():
        w.cli("department", "review", "mark", str(nid), "--accuracy", "ok", "--completeness", "ok",
              "--compliance", "ok")  # fmt: skip
    d2 = dept[_iin(w, "knb", k2)]
    w.cli("department", "review", "raise", str(d2), "--text", "Не приложены сведения о спецпроверке",
          "--clause", "Rules-2025 p.10(3)", "--field", "vetting.reference")  # fmt: skip
    w.cli("department", "review", "send-findings", "2026Q1", "--to", "knb", "--out",
          str(w.stick / "findings.age"))  # fmt: skip

    w.day = "2026-03-06"
    w.carry("knb", w.stick / "findings.age")
    (finding,) = w.json("knb", "quarter", "findings", "--quarter", "2026Q1")
    assert finding["nominee"] == k2 and finding["resolved"] is None
    shown = json.loads(w.cli("knb", "nominee", "show", str(k2), "--format", "json").out)
    shown["vetting"]["reference"] = "№ 77-сп от 01.12.2025"
    fixed = tmp_path / "fixed.json"
    fixed.write_text(json.dumps(shown, ensure_ascii=False), encoding="utf-8")
    w.cli("knb", "quarter", "correct", str(k2), "--json", str(fixed))
    w.cli("knb", "quarter", "send-corrections", "2026Q1", "--to", "department", "--out",
          str(w.stick / "corr.age"))  # fmt: skip

    w.day = "2026-03-10"
    w.carry("department", w.stick / "corr.age")
    check = w.json("department", "review", "checklist", str(d2))
    assert check["status"] == "corrected" and check["changes"][0]["fields"] == ["vetting.reference"]

    # -- the list (p.11(2)), the agreement, decisions (p.12) -------------------------------------
    w.cli("department", "review", "form-list", "2026Q1", "--date", "2026-03-10")
    w.day = "2026-03-12"
    w.cli("department", "review", "agree", "2026Q1", "--date", "2026-03-12", "--reference", "СБ № 3")
    w.cli("department", "review", "print-list", "2026Q1", "--out", str(tmp_path / "list.pdf"))
    w.day = "2026-03-20"
    d3, dy2 = dept[_iin(w, "knb", k3)], dept[_iin(w, "syrbar", y2)]
    w.cli("department", "decision", "bulk", "2026Q1", "--number", "№ 45", "--date", "2026-03-20",
          "--refuse", str(d3), "--refuse", str(dy2))  # fmt: skip
    w.cli("department", "decision", "sheet", "2026Q1", "--out", str(tmp_path / "sheet.pdf"))
    for body in ("knb", "syrbar"):
        w.cli("department", "decision", "extract", "2026Q1", "--to", body, "--out",
              str(w.stick / f"extract-{body}.age"))  # fmt: skip

    # -- extracts back, notices (p.13) -----------------------------------------------------------
    w.day = "2026-03-26"
    for body in ("knb", "syrbar"):
        w.carry(body, w.stick / f"extract-{body}.age")
    notices = w.json("knb", "quarter", "notices", "--quarter", "2026Q1")
    assert sorted(n["nominee"] for n in notices) == [k1, k2]
    w.cli("knb", "quarter", "print-notices", "--quarter", "2026Q1", "--out", str(tmp_path / "n.pdf"))
    assert all(n["document"] for n in w.json("knb", "quarter", "notices"))
    w.day = "2026-04-01"
    for n in (k1, k2):
        w.cli("knb", "quarter", "notice-delivered", str(n), "--date", "2026-03-31")
    dl = w.json("knb", "quarter", "deadlines", "--quarter", "2026Q1")
    assert all(i["done"] for i in dl if i["step"] in ("send_list", "notify_employees", "notice"))
    assert not any(i["overdue"] for i in dl if i["own"])

    # -- an exclusion under p.18(4) and its decision (p.19) --------------------------------------
    w.day = "2026-06-01"
    x = w.cli("knb", "exclusion", "raise", str(k1), "--ground", "4", "--date", "2026-05-28",
              "--evidence", "Рапорт об исключении из резерва от 28.05.2026")  # fmt: skip
    xid = x.out.split("№")[1].split()[0]
    w.cli("knb", "exclusion", "print", xid, "--out", str(tmp_path / "excl.pdf"))
    w.cli("knb", "exclusion", "send", "--to", "department", "--out", str(w.stick / "excl.age"))
    w.carry("department", w.stick / "excl.age")
    (dx,) = w.json("department", "exclusion", "list", "--state", "received")
    assert dx["ground"] == "p18_4" and dx["nominee"] == dept[_iin(w, "knb", k1)]
    w.day = "2026-06-10"
    w.cli("department", "exclusion", "decide", str(dx["id"]), "--exclude", "--number", "№ 61",
          "--date", "2026-06-10")  # fmt: skip
    w.cli("department", "exclusion", "send-decisions", "--to", "knb", "--out", str(w.stick / "xd.age"))
    w.carry("knb", w.stick / "xd.age")

    # -- the four databases agree -----------------------------------------------------------------
    states = {r: w.states(r) for r in ROLES}
    for body in ("knb", "syrbar"):
        shared = {iin: st for iin, st in states[body].items() if iin in states["department"]}
        assert shared == {iin: st for iin, st in states["department"].items() if iin in shared}
    assert sorted(states["department"].values()) == sorted(
        ["excluded", "enrolled", "refused", "enrolled", "refused"])  # fmt: skip
    assert states["knb"][_iin(w, "knb", k_blocked)] == "draft"
    assert states["sgs"] == {_iin(w, "sgs", g1): "enrolled", _iin(w, "sgs", g2): "refused"}
    assert states["department"][_iin(w, "syrbar", y1)] == "enrolled"
    registers = {r: w.json(r, "reserve", "list") for r in ("knb", "department")}
    knb_in_dept = [m for m in registers["department"] if m["body"] == "knb"]
    assert [(m["iin"], m["enrolled_on"], m["excluded_on"]) for m in registers["knb"]] == [
        (m["iin"], m["enrolled_on"], m["excluded_on"]) for m in knb_in_dept]  # fmt: skip
    assert {m["state"] for m in knb_in_dept} == {"active", "excluded"}
    for pdf in ("list.pdf", "sheet.pdf", "n.pdf", "excl.pdf"):
        assert (tmp_path / pdf).read_bytes().startswith(b"%PDF")
    w.cli("department", "reserve", "export", "--state", "active", "--out", str(tmp_path / "r.xlsx"))
    from openpyxl import load_workbook

    ws = load_workbook(tmp_path / "r.xlsx").active
    assert ws is not None and ws.max_row == 1 + 2  # header + the two active members
    for r in ROLES:  # every change audited, every chain intact
        w.cli(r, "audit", "verify")


def _iin(w: World, role: str, nid: int) -> str:
    return str(json.loads(w.cli(role, "nominee", "show", str(nid), "--format", "json").out)["person"]["iin"])

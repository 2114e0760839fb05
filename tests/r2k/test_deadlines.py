"""The Reg-2000 steps from the records, counted as p.4 says: the answer to a list request due
two weeks from its receipt (p.34), a reservist's last day in the reserve (p.10, exclusion from the
next day under p.39(4)), a placement reported within ten days (p.36 part 3) — pending, overdue
and done, on each side; in ``rezerv deadlines`` on a Reg-2000 workstation."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.errors import UsageError
from app.services import r2k
from tests.cli import run_cli
from tests.r2k.conftest import Pair, day, reservist
from tests.r2k.test_placement import OTHER, OWN, _answered, _carry, _peer


def _by(items: list, step: str) -> list:
    return [i for i in items if i.step == step]


def test_authority_list_answer_due_two_weeks_from_receipt_and_term_ends(pair: Pair) -> None:
    w = _answered(pair, answer_on="2002-04-16")
    pair.at(pair.auth, "2002-04-10")  # before the answer was given... as the records stand now
    items = r2k.deadlines(pair.auth)
    (ans,) = _by(items, "list_answer")
    # received Tuesday 02.04.2002: two weeks end on Tuesday 16.04.2002 (p.4)
    assert (ans.due, ans.done, ans.clause, ans.own) == (day("2002-04-16"), True, "Reg-2000 p.34", True)
    terms = _by(items, "term_end")
    assert sorted(i.due for i in terms) == [day("2003-03-11")] * 2  # enrolled 11.03.2002 (p.10)
    assert all(not i.done and not i.overdue and i.clause == "Reg-2000 p.10" for i in terms)
    assert w["auth_own"] and {i.subject for i in terms} == {"Әбілқайыров Нұрлан"}


@pytest.mark.parametrize(("today", "overdue"), [("2002-04-16", False), ("2002-04-17", True)])
def test_p34_unanswered_request_overdue_only_after_its_last_day(pair: Pair, today: str,
                                                               overdue: bool) -> None:  # fmt: skip
    pair.at(pair.body, "2002-04-01")
    qid = r2k.request_list(pair.body, body_name="Министерство финансов", category="C-4", group="C", rank=4,
                           vacancy="", competition=None)  # fmt: skip
    sent = r2k.send_request(pair.body, qid, peer_id=_peer(pair.body, "reg2000-authority"),
                            out=pair.root / "q.rzv")  # fmt: skip
    _carry(pair, pair.auth, sent, "2002-04-02")
    pair.at(pair.auth, today)
    (ans,) = _by(r2k.deadlines(pair.auth), "list_answer")
    assert (ans.due, ans.done, ans.overdue) == (day("2002-04-16"), False, overdue)


@pytest.mark.parametrize(("today", "overdue"), [("2003-03-17", False), ("2003-03-18", True)])
def test_p10_last_day_carried_past_a_day_off_then_exclusion_due(pair: Pair, today: str,
                                                                overdue: bool) -> None:  # fmt: skip
    pair.at(pair.auth, "2002-03-15")
    rid = r2k.submit(pair.auth, reservist(2, documents_received="2002-03-15"))
    r2k.enrol(pair.auth, rid, day("2002-03-15"))
    pair.at(pair.auth, today)
    (t,) = _by(r2k.deadlines(pair.auth), "term_end")
    assert (t.due, t.overdue) == (day("2003-03-17"), overdue)  # Saturday 15.03.2003 -> Monday
    if overdue:
        r2k.exclude(pair.auth, rid, ground=4, day=day(today))
        assert _by(r2k.deadlines(pair.auth), "term_end") == []  # excluded: nothing left due


def test_body_reports_its_placement_within_ten_days(pair: Pair) -> None:
    w = _answered(pair)
    items = r2k.deadlines(pair.body)
    assert _by(items, "list_answer") == []  # the authority's step
    assert {i.own for i in _by(items, "term_end")} == {False}
    r2k.place(pair.body, w[OWN], qid=w["request"], post="Эксперт", decided=day("2002-04-20"),
              consent=True, qualification_met=True, own_considered=False)  # fmt: skip
    pair.at(pair.body, "2002-04-30")
    (n,) = _by(r2k.deadlines(pair.body), "notify_authority")
    assert (n.due, n.done, n.overdue, n.clause) == (day("2002-04-30"), False, False, "Reg-2000 p.36")
    pair.at(pair.body, "2002-05-02")
    assert _by(r2k.deadlines(pair.body), "notify_authority")[0].overdue
    r2k.send_placements(pair.body, peer_id=_peer(pair.body, "reg2000-authority"), out=pair.root / "p.rzv")
    assert _by(r2k.deadlines(pair.body), "notify_authority")[0].done
    assert OTHER in {r.reservist.iin for r in r2k.repo.rows(pair.body.db.connection())}


def test_not_on_a_rules_2025_workstation(session) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(UsageError) as e:
        r2k.deadlines(session)
    assert e.value.key == "r2k.reg2000_only"


@pytest.mark.slow
def test_cli_deadlines_on_a_reg2000_workstation(tmp_path: Path) -> None:
    import msgspec

    db = tmp_path / "a" / "rezerv.db"
    env = {"REZERV_NOW": "2002-03-15T10:00:00+05:00"}
    assert run_cli("init", "--role", "reg2000-authority", db=db, env=env).code == 0
    f = tmp_path / "r.json"
    f.write_bytes(msgspec.json.encode(reservist(2, documents_received="2002-03-15")))
    rid = run_cli("r2k", "submit", "--json", str(f), db=db, env=env).out.split()[-1]
    assert run_cli("r2k", "enrol", rid, "--date", "2002-03-15", db=db, env=env).code == 0
    later = {"REZERV_NOW": "2003-03-18T10:00:00+05:00"}
    found = json.loads(run_cli("deadlines", "--format", "json", db=db, env=later).out)
    assert [(d["due"], d["clause"], d["overdue"]) for d in found] == [("17.03.2003", "Reg-2000 p.10", True)]
    text = run_cli("deadlines", db=db, env=later, lang="kk")
    assert text.code == 0 and "17.03.2003" in text.out and "10-тармағы" in text.out, text.out
    both = run_cli("deadlines", "--quarter", "2026Q1", "--event", "x", db=db, env=later)
    assert both.code == 2

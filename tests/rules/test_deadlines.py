"""Quarter and event deadlines: golden dates for every quarter of 2024-2026, readings as data."""

from __future__ import annotations

import datetime as dt

import pytest

from app.calendar import Override, OverrideKind, WorkCalendar
from app.errors import InvalidInput
from app.i18n import tr
from app.rules.deadlines import Deadline, parse_quarter, quarter_of
from app.rules.reg_2000 import RULESET as REG
from app.rules.reg_2000 import Reg2000
from app.rules.rules_2025 import RULESET as R25
from app.rules.rules_2025 import Rules2025
from app.rules.terms import DayOff, Reading, Unit, add_months

D = dt.date
CAL = WorkCalendar()

# (quarter, send list p.10, check p.11(1), form list p.11(2)) as due dates under the default
# reading (exclusive "before day N", a day off moves the date back to the last working day)
GOLDEN = [
    ("2024Q1", D(2024, 2, 29), D(2024, 3, 14), D(2024, 3, 29)),
    ("2024Q2", D(2024, 5, 31), D(2024, 6, 14), D(2024, 6, 28)),
    ("2024Q3", D(2024, 8, 29), D(2024, 9, 13), D(2024, 9, 27)),  # 30.08 Constitution Day
    ("2024Q4", D(2024, 11, 29), D(2024, 12, 13), D(2024, 12, 27)),
    ("2025Q1", D(2025, 2, 28), D(2025, 3, 14), D(2025, 3, 28)),
    ("2025Q2", D(2025, 5, 30), D(2025, 6, 13), D(2025, 6, 27)),
    ("2025Q3", D(2025, 8, 29), D(2025, 9, 12), D(2025, 9, 29)),
    ("2025Q4", D(2025, 11, 28), D(2025, 12, 12), D(2025, 12, 29)),
    ("2026Q1", D(2026, 2, 27), D(2026, 3, 13), D(2026, 3, 27)),
    ("2026Q2", D(2026, 5, 29), D(2026, 6, 12), D(2026, 6, 29)),
    ("2026Q3", D(2026, 8, 31), D(2026, 9, 14), D(2026, 9, 29)),
    ("2026Q4", D(2026, 11, 30), D(2026, 12, 14), D(2026, 12, 29)),
]


@pytest.mark.parametrize(("quarter", "send", "check", "form"), GOLDEN)
def test_rules2025_p10_p11_quarter_golden(quarter: str, send: D, check: D, form: D) -> None:
    steps = R25.quarter_deadlines(quarter, CAL)
    assert [s.step for s in steps] == [
        "send_list", "check", "form_list", "inform_heads", "notify_employees"
    ]
    assert [s.due for s in steps[:3]] == [send, check, form]
    assert [s.clause for s in steps] == [
        "Rules-2025 p.10", "Rules-2025 p.11(1)", "Rules-2025 p.11(2)", "Rules-2025 p.11(3)",
        "Rules-2025 p.13",
    ]
    for s in steps[:3]:
        assert CAL.is_workday(s.due)
        assert s.legal_date is not None and s.due <= s.legal_date
    assert steps[3].due is None and steps[4].due is None  # they wait for their events


def test_rules2025_p10_legal_date_and_reading_are_parameters() -> None:
    steps = R25.quarter_deadlines("2026Q1", CAL)
    assert steps[0].legal_date == D(2026, 2, 28)  # Saturday: the day before 1 March
    assert steps[0].due == D(2026, 2, 27)
    inclusive = R25.with_params(before_reading=Reading.INCLUSIVE, before_day_off=DayOff.KEEP)
    s = inclusive.quarter_deadlines("2026Q1", CAL)
    assert (s[0].legal_date, s[0].due) == (D(2026, 3, 1), D(2026, 3, 1))
    assert s[0].due_is_workday is False
    assert (s[1].due, s[2].due) == (D(2026, 3, 15), D(2026, 3, 30))


def test_rules2025_wording_shown_beside_each_date() -> None:
    for d in R25.quarter_deadlines("2026Q1", CAL):
        for lang in ("kk", "ru"):
            j = d.as_json(lang)
            assert j["wording"] != d.wording_key and j["actor"] != d.actor_key
    assert "1-күніне дейін" in tr("r2025.wording.send_list", "kk")


def test_rules2025_p11_3_and_p13_after_events() -> None:
    steps = R25.quarter_deadlines(
        "2026Q1", CAL, approved=D(2026, 3, 2), extract_received=D(2025, 3, 19)
    )
    # 2..17 March 2026: 9 March (8 March on Sunday) is off
    assert steps[3].due == D(2026, 3, 17)
    # from 19 March 2025: 21-25 March are Nowruz days off
    assert steps[4].due == D(2025, 4, 7)


@pytest.mark.parametrize(
    ("event", "day", "expected"),
    [
        ("approval", D(2025, 12, 26), [D(2026, 1, 14)]),  # 1, 2 and 7 January are off
        ("extract", D(2024, 12, 31), [D(2025, 1, 17)]),  # Sunday 5 January 2025 counts
        ("enrolment", D(2025, 11, 30), [D(2026, 2, 28), D(2028, 11, 30)]),  # p.14 min, max
        ("grounds_removed", D(2024, 2, 29), [D(2025, 2, 28)]),  # p.20, leap day
    ],
)
def test_rules2025_event_deadlines(event: str, day: D, expected: list[D]) -> None:
    assert [d.due for d in R25.event_deadlines(event, day, CAL)] == expected


def test_rules2025_p11_3_transfer_override_changes_the_date() -> None:
    # a supervisor enters a 2026 transfer: Monday 5 January off (one working day fewer)
    cal = WorkCalendar([Override(day=D(2026, 1, 5), kind=OverrideKind.DAY_OFF)])
    assert R25.event_deadlines("approval", D(2025, 12, 26), cal)[0].due == D(2026, 1, 15)
    # and a working Saturday 10 January gives it back
    cal = WorkCalendar([
        Override(day=D(2026, 1, 5), kind=OverrideKind.DAY_OFF),
        Override(day=D(2026, 1, 10), kind=OverrideKind.WORKDAY),
    ])
    assert R25.event_deadlines("approval", D(2025, 12, 26), cal)[0].due == D(2026, 1, 14)


def test_unknown_event_and_bad_quarter_are_invalid_input() -> None:
    with pytest.raises(InvalidInput):
        R25.event_deadlines("nonsense", D(2026, 1, 1), CAL)
    for bad in ("2026Q5", "2026-1", "", "Q1 2026"):
        with pytest.raises(InvalidInput):
            parse_quarter(bad)
    assert parse_quarter("2026q4") == (2026, 4)
    assert quarter_of(D(2026, 12, 31)) == "2026Q4"
    with pytest.raises(InvalidInput):
        REG.quarter_deadlines("2026Q1", CAL)


@pytest.mark.parametrize(
    ("event", "day", "due", "clause"),
    [
        ("protocol", D(2001, 6, 1), D(2001, 6, 11), "Reg-2000 p.19"),  # 10 days
        # 7 days: 8 March (holiday), 9-10 March weekend -> Monday 11 March (civil law, p.4)
        ("competition_documents", D(2002, 3, 1), D(2002, 3, 11), "Reg-2000 p.20"),
        ("training_documents", D(2001, 3, 5), D(2001, 3, 15), "Reg-2000 p.24"),
        ("abroad_documents", D(2003, 6, 1), D(2003, 6, 11), "Reg-2000 p.31"),
        ("attestation_approved", D(2003, 5, 5), D(2003, 5, 20), "Reg-2000 p.32-2"),
        ("attestation_documents", D(2003, 5, 5), D(2003, 5, 20), "Reg-2000 p.32-3"),
        ("programme_completed", D(2001, 11, 30), D(2002, 2, 28), "Reg-2000 p.21-1"),
        ("returned", D(2002, 5, 31), D(2002, 9, 2), "Reg-2000 p.28"),  # 31.08 Sat -> Mon
        ("enrolment", D(2000, 2, 29), D(2001, 2, 28), "Reg-2000 p.10"),
        ("list_request", D(2001, 4, 2), D(2001, 4, 16), "Reg-2000 p.34"),
        ("placement", D(2003, 1, 1), D(2003, 1, 13), "Reg-2000 p.36"),  # 11 Jan is Saturday
    ],
)
def test_reg2000_event_deadlines(event: str, day: D, due: D, clause: str) -> None:
    (d,) = REG.event_deadlines(event, day, CAL)
    assert (d.due, d.clause) == (due, clause)
    assert CAL.is_workday(d.due) or event == "enrolment"


def test_reg2000_deadlines_only_while_the_act_is_in_force() -> None:
    # repealed 04.12.2003 (Decree No. 1243): the day before still counts, the day itself does not
    (d,) = REG.event_deadlines("list_request", D(2003, 12, 3), CAL)
    assert d.due == D(2003, 12, 18)  # two weeks: 17.12 (Independence Day) -> 18.12
    with pytest.raises(InvalidInput) as e:
        REG.event_deadlines("list_request", D(2003, 12, 4), CAL)
    assert e.value.key == "deadlines.outside_act" and e.value.params["repealed"] == "04.12.2003"
    with pytest.raises(InvalidInput):
        REG.event_deadlines("list_request", D(1999, 12, 31), CAL)
    assert REG.event_deadlines("list_request", D(2000, 1, 1), CAL)


@pytest.mark.parametrize(
    ("event", "since"),
    [("attestation_approved", D(2003, 4, 21)), ("attestation_documents", D(2003, 4, 21)),
     ("programme_completed", D(2001, 5, 11))],
)  # fmt: skip
def test_reg2000_amended_steps_run_from_the_amendments_date(event: str, since: D) -> None:
    assert REG.event_deadlines(event, since, CAL)
    with pytest.raises(InvalidInput) as e:
        REG.event_deadlines(event, since - dt.timedelta(days=1), CAL)
    assert e.value.key == "deadlines.before_amendment"


def test_add_months_clamps_to_month_end() -> None:
    assert add_months(D(2025, 11, 30), 3) == D(2026, 2, 28)
    assert add_months(D(2024, 1, 31), 1) == D(2024, 2, 29)
    assert add_months(D(2024, 12, 15), -12) == D(2023, 12, 15)


# ---- every dated step, field by field, from a rule set built in the test ----
# (RULESET objects are built at import; a freshly built one runs the current step table, so a
# change to a step's event, clause, actor, wording or term shows here)

W = Unit.WORKING_DAYS

R25_STEPS = [
    ("approval", "inform_heads", "Rules-2025 p.11(3)", "rules.actor.department", W, D(2026, 2, 24)),
    ("extract", "notify_employees", "Rules-2025 p.13", "rules.actor.body_hr", W, D(2026, 2, 24)),
    ("enrolment", "min_term", "Rules-2025 p.14", "rules.actor.body_hr", Unit.MONTHS, D(2026, 5, 10)),
    ("enrolment", "term_end", "Rules-2025 p.14", "rules.actor.body_hr", Unit.YEARS, D(2029, 2, 10)),
    ("grounds_removed", "reenrolment", "Rules-2025 p.20", "rules.actor.body_hr", Unit.YEARS,
     D(2027, 2, 10)),
]  # fmt: skip


def _fields(ds: list[Deadline]) -> list[tuple[object, ...]]:
    return [(d.step, d.clause, d.actor_key, d.wording_key, d.counting, d.legal_date, d.due)
            for d in ds]  # fmt: skip


def test_rules2025_p11_3_p13_p14_p20_every_event_step_in_full() -> None:
    rules = Rules2025()
    assert rules.events() == ("approval", "extract", "enrolment", "grounds_removed")
    got = [(e, *f) for e in rules.events()
           for f in _fields(rules.event_deadlines(e, D(2026, 2, 10), CAL))]  # fmt: skip
    assert got == [(e, s, c, a, f"r2025.wording.{s}", u, due, due) for e, s, c, a, u, due in R25_STEPS]


AUTH, BODY, CITIZEN = "rules.actor.authorised_body", "rules.actor.state_body", "rules.actor.citizen"
# events dated Monday 02.06.2003 (the act and both amendments in force, no holiday near)
REG_STEPS = [
    ("protocol", "send_protocol", "p.19", BODY, Unit.DAYS, D(2003, 6, 12)),
    ("competition_documents", "decide_competition", "p.20", AUTH, Unit.DAYS, D(2003, 6, 9)),
    ("programme_completed", "training_window", "p.21-1", CITIZEN, Unit.MONTHS, D(2003, 9, 2)),
    ("training_documents", "decide_training", "p.24", AUTH, Unit.DAYS, D(2003, 6, 12)),
    ("returned", "abroad_window", "p.28", CITIZEN, Unit.MONTHS, D(2003, 9, 2)),
    ("abroad_documents", "decide_abroad", "p.31", AUTH, Unit.DAYS, D(2003, 6, 12)),
    ("attestation_approved", "send_attestation", "p.32-2", BODY, W, D(2003, 6, 16)),
    ("attestation_documents", "decide_attestation", "p.32-3", AUTH, W, D(2003, 6, 16)),
    ("enrolment", "term_end", "p.10", AUTH, Unit.YEARS, D(2004, 6, 2)),
    ("list_request", "answer_list", "p.34", AUTH, Unit.WEEKS, D(2003, 6, 16)),
    ("placement", "notify_authority", "p.36", BODY, Unit.DAYS, D(2003, 6, 12)),
]


def test_reg2000_p10_to_p36_every_event_step_in_full() -> None:
    rules = Reg2000()
    assert rules.events() == tuple(e for e, *_ in REG_STEPS)
    got = [(e, *f) for e in rules.events()
           for f in _fields(rules.event_deadlines(e, D(2003, 6, 2), CAL))]  # fmt: skip
    assert got == [(e, s, f"Reg-2000 {p}", a, f"r2000.wording.{s}", u, due, due)
                   for e, s, p, a, u, due in REG_STEPS]  # fmt: skip


def test_reg2000_unknown_event_names_the_known_ones() -> None:
    with pytest.raises(InvalidInput) as e:
        Reg2000().event_deadlines("nonsense", D(2003, 6, 2), CAL)
    assert (e.value.key, e.value.params) == ("deadlines.unknown_event", {
        "event": "nonsense", "known": ", ".join(s for s, *_ in REG_STEPS)})


def test_reg2000_has_no_quarter_deadlines() -> None:
    with pytest.raises(InvalidInput) as e:
        REG.quarter_deadlines("2003Q1", CAL)
    assert (e.value.key, e.value.params) == ("deadlines.no_quarters", {"ruleset": "reg-2000"})


@pytest.mark.parametrize("day", [D(1999, 12, 31), D(2003, 12, 4)])
def test_reg2000_deadline_outside_the_act_names_the_date_and_the_acts_days(day: dt.date) -> None:
    with pytest.raises(InvalidInput) as e:
        REG.event_deadlines("protocol", day, CAL)
    assert (e.value.key, e.value.params) == ("deadlines.outside_act", {
        "date": day.strftime("%d.%m.%Y"), "first": "01.01.2000", "repealed": "04.12.2003"})


def test_reg2000_deadline_before_an_amendment_names_it() -> None:
    with pytest.raises(InvalidInput) as e:
        REG.event_deadlines("attestation_approved", D(2003, 4, 18), CAL)
    assert (e.value.key, e.value.params) == ("deadlines.before_amendment", {
        "event": "attestation_approved", "date": "18.04.2003", "since": "21.04.2003",
        "number": "1071"})


@pytest.mark.parametrize(("text", "ok"), [("2000Q1", True), ("2100Q4", True), ("1999Q4", False),
                                          ("2101Q1", False)])  # fmt: skip
def test_deadlines_quarter_years_2000_to_2100_inclusive(text: str, ok: bool) -> None:
    if ok:
        assert parse_quarter(text) == (int(text[:4]), int(text[-1]))
    else:
        with pytest.raises(InvalidInput):
            parse_quarter(text)


def test_deadlines_bad_quarter_quotes_at_most_20_characters() -> None:
    text = "2026Q1" + "x" * 30
    with pytest.raises(InvalidInput) as e:
        parse_quarter(text)
    assert e.value.params == {"value": text[:20]}

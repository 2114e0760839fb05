"""Quarter and event deadlines: golden dates for every quarter of 2024-2026, readings as data."""

from __future__ import annotations

import datetime as dt

import pytest

from app.calendar import Override, OverrideKind, WorkCalendar
from app.errors import InvalidInput
from app.i18n import tr
from app.rules.deadlines import parse_quarter, quarter_of
from app.rules.reg_2000 import RULESET as REG
from app.rules.rules_2025 import RULESET as R25
from app.rules.terms import DayOff, Reading, add_months

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

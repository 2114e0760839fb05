"""Terms, dated steps and the working-day calendar at their boundaries: every unit and day-off
rule, the legal date beside the date to act, the quarter of every month, the supported years."""

from __future__ import annotations

import datetime as dt

import pytest

from app.calendar import WorkCalendar
from app.calendar.workdays import MAX_YEAR, MIN_YEAR
from app.errors import InvalidInput
from app.i18n import tr
from app.rules.deadlines import Deadline, EventStep, after_event, parse_quarter, quarter_of
from app.rules.reg_2000 import RULESET as REG
from app.rules.rules_2025 import RULESET as R25
from app.rules.terms import (
    DayOff,
    Reading,
    Term,
    Unit,
    add_months,
    adjust,
    before_day,
    plain_end,
    term_end,
)

D = dt.date
CAL = WorkCalendar()
SAT = D(2026, 2, 14)  # an ordinary Saturday; Friday 13th and Monday 16th are working days


# ---- terms ----

@pytest.mark.parametrize(
    ("term", "start", "end"),
    [
        (Term(amount=10, unit=Unit.DAYS), D(2026, 2, 4), SAT),
        (Term(amount=1, unit=Unit.WEEKS), D(2026, 2, 7), SAT),
        (Term(amount=2, unit=Unit.WEEKS), D(2026, 1, 31), SAT),
        (Term(amount=1, unit=Unit.MONTHS), D(2026, 1, 14), SAT),
        (Term(amount=3, unit=Unit.MONTHS), D(2025, 11, 30), D(2026, 2, 28)),
        (Term(amount=1, unit=Unit.YEARS), D(2025, 2, 14), SAT),
        (Term(amount=2, unit=Unit.YEARS), D(2024, 2, 29), D(2026, 2, 28)),
    ],
)
def test_terms_calendar_units_end_on_the_corresponding_day(
    term: Term, start: dt.date, end: dt.date
) -> None:
    assert plain_end(start, term) == end
    assert term_end(start, term, CAL) == end  # DayOff.KEEP: a Saturday stays


@pytest.mark.parametrize(
    ("rule", "expected"),
    [(DayOff.KEEP, SAT), (DayOff.NEXT_WORKDAY, D(2026, 2, 16)),
     (DayOff.PREVIOUS_WORKDAY, D(2026, 2, 13))],
)  # fmt: skip
def test_terms_last_day_on_a_day_off(rule: DayOff, expected: dt.date) -> None:
    assert adjust(SAT, rule, CAL) == expected
    assert term_end(D(2026, 2, 4), Term(amount=10, unit=Unit.DAYS, day_off=rule), CAL) == expected
    # a working day stays whatever the rule
    assert adjust(D(2026, 2, 13), rule, CAL) == D(2026, 2, 13)


def test_terms_working_days_need_a_calendar() -> None:
    t = Term(amount=2, unit=Unit.WORKING_DAYS, day_off=DayOff.PREVIOUS_WORKDAY)
    assert term_end(D(2026, 2, 12), t, CAL) == D(2026, 2, 16)  # never adjusted: lands on a workday
    with pytest.raises(ValueError, match=r"^a working-day term needs a calendar$"):
        plain_end(D(2026, 2, 12), t)


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (D(2025, 12, 31), 1, D(2026, 1, 31)),
        (D(2026, 1, 31), -1, D(2025, 12, 31)),
        (D(2026, 3, 31), -1, D(2026, 2, 28)),
        (D(2025, 11, 15), 2, D(2026, 1, 15)),
        (D(2026, 1, 15), -13, D(2024, 12, 15)),
        (D(2026, 12, 31), 0, D(2026, 12, 31)),
    ],
)
def test_terms_add_months_across_year_ends(day: dt.date, months: int, expected: dt.date) -> None:
    assert add_months(day, months) == expected


@pytest.mark.parametrize(
    ("reading", "expected"),
    [(Reading.EXCLUSIVE, D(2026, 2, 28)), (Reading.INCLUSIVE, D(2026, 3, 1))],
)
def test_terms_before_day_reading(reading: Reading, expected: dt.date) -> None:
    assert before_day(D(2026, 3, 1), reading) == expected


# ---- dated steps ----

def test_deadlines_before_day_fields() -> None:
    (send, *_) = R25.quarter_deadlines("2026Q1", CAL)
    assert send == Deadline(
        step="send_list", clause="Rules-2025 p.10", actor_key="rules.actor.body_hr",
        wording_key="r2025.wording.send_list", basis=None, legal_date=D(2026, 2, 28),
        due=D(2026, 2, 27), counting=Unit.DAYS, reading=Reading.EXCLUSIVE, due_is_workday=True,
    )  # fmt: skip
    nxt = R25.with_params(before_day_off=DayOff.NEXT_WORKDAY).quarter_deadlines("2026Q1", CAL)
    assert (nxt[0].legal_date, nxt[0].due, nxt[0].due_is_workday) == (
        D(2026, 2, 28), D(2026, 3, 2), True)


def test_deadlines_quarter_days_are_parameters() -> None:
    steps = R25.with_params(send_list_day=2, check_day=16, form_list_day=31).quarter_deadlines(
        "2026Q1", CAL)
    assert [s.legal_date for s in steps[:3]] == [D(2026, 3, 1), D(2026, 3, 15), D(2026, 3, 30)]


@pytest.mark.parametrize(
    ("quarter", "month"), [("2026Q1", 3), ("2026Q2", 6), ("2026Q3", 9), ("2026Q4", 12)]
)
def test_deadlines_quarter_uses_its_last_month(quarter: str, month: int) -> None:
    steps = R25.with_params(before_reading=Reading.INCLUSIVE, before_day_off=DayOff.KEEP)
    (send, check, *_) = steps.quarter_deadlines(quarter, CAL)
    assert (send.legal_date, check.legal_date) == (D(2026, month, 1), D(2026, month, 15))


def test_deadlines_event_step_without_its_event() -> None:
    steps = R25.quarter_deadlines("2026Q1", CAL)
    assert steps[3] == Deadline(
        step="inform_heads", clause="Rules-2025 p.11(3)", actor_key="rules.actor.department",
        wording_key="r2025.wording.inform_heads", counting=Unit.WORKING_DAYS,
    )  # fmt: skip
    assert steps[4] == Deadline(
        step="notify_employees", clause="Rules-2025 p.13", actor_key="rules.actor.body_hr",
        wording_key="r2025.wording.notify_employees", counting=Unit.WORKING_DAYS,
    )  # fmt: skip
    assert steps[3].as_json("ru") | {"actor": "", "wording": ""} == {
        "step": "inform_heads", "clause": "Rules-2025 p.11(3)",
        "clause_text": "подпункт 3) пункта 11 Правил", "actor": "", "wording": "",
        "basis": None, "legal_date": None, "due": None, "counting": "working_days",
        "reading": None,
    }  # fmt: skip


def test_deadlines_as_json_translates_actor_and_wording() -> None:
    (send, *_) = R25.quarter_deadlines("2026Q1", CAL)
    for lang in ("kk", "ru"):
        j = send.as_json(lang)
        assert (j["actor"], j["wording"]) == (
            tr("rules.actor.body_hr", lang), tr("r2025.wording.send_list", lang))
    assert send.as_json("kk")["wording"] != send.as_json("ru")["wording"]
    assert send.as_json("kk")["actor"] != send.as_json("ru")["actor"]


def test_deadlines_as_json_without_counting() -> None:
    d = Deadline(step="s", clause="c", actor_key="rules.actor.body_hr", wording_key="x.y")
    assert (d.as_json("ru")["counting"], d.as_json("ru")["reading"]) == (None, None)


def test_deadlines_as_json_dates_and_reading() -> None:
    (send, *_) = R25.quarter_deadlines("2026Q1", CAL)
    j = send.as_json("kk")
    assert (j["legal_date"], j["due"], j["basis"], j["counting"], j["reading"]) == (
        "28.02.2026", "27.02.2026", None, "days", "exclusive")
    (d,) = REG.event_deadlines("protocol", D(2001, 6, 1), CAL)
    assert d.as_json("ru")["basis"] == "01.06.2001"


@pytest.mark.parametrize(
    ("ruleset", "event", "day", "legal", "due", "workday"),
    [
        # Rules-2025 p.11(3), p.13: working days, the legal date is the date to act
        (R25, "approval", D(2025, 12, 26), D(2026, 1, 14), D(2026, 1, 14), True),
        (R25, "extract", D(2025, 3, 19), D(2025, 4, 7), D(2025, 4, 7), True),
        # p.14 and p.20: status dates, kept on a day off
        (R25, "grounds_removed", D(2025, 2, 14), SAT, SAT, False),
        # Reg-2000 p.19: 10 days from Friday 22.02.2002 = Monday 04.03.2002
        (REG, "protocol", D(2002, 2, 22), D(2002, 3, 4), D(2002, 3, 4), True),
        # p.20: 7 days from 01.03.2002 = 08.03 (International Women's Day) -> Monday 11.03
        (REG, "competition_documents", D(2002, 3, 1), D(2002, 3, 8), D(2002, 3, 11), True),
        # p.24, p.31: 10 days ending on Saturday 16.03.2002 -> Monday 18.03
        (REG, "training_documents", D(2002, 3, 6), D(2002, 3, 16), D(2002, 3, 18), True),
        (REG, "abroad_documents", D(2002, 3, 6), D(2002, 3, 16), D(2002, 3, 18), True),
        # p.32-2, p.32-3: working days
        # (chapter 5-1 exists from 21.04.2003, Decree No. 1071)
        (REG, "attestation_approved", D(2003, 9, 22), D(2003, 10, 6), D(2003, 10, 6), True),
        (REG, "attestation_documents", D(2003, 10, 6), D(2003, 10, 20), D(2003, 10, 20), True),
        # p.21-1, p.28: three months ending Saturday 02.03.2002 -> Monday 04.03
        (REG, "programme_completed", D(2001, 12, 2), D(2002, 3, 2), D(2002, 3, 4), True),
        (REG, "returned", D(2001, 12, 2), D(2002, 3, 2), D(2002, 3, 4), True),
        # p.10 with p.4: the one-year term ending on Sunday 03.03.2002 runs to Monday 04.03
        (REG, "enrolment", D(2001, 3, 3), D(2002, 3, 3), D(2002, 3, 4), True),
        # p.34: two weeks ending Saturday 16.03.2002 -> Monday 18.03
        (REG, "list_request", D(2002, 3, 2), D(2002, 3, 16), D(2002, 3, 18), True),
        # p.36: 10 days ending Sunday 17.03.2002 -> Monday 18.03
        (REG, "placement", D(2002, 3, 7), D(2002, 3, 17), D(2002, 3, 18), True),
    ],
)
def test_deadlines_event_legal_date_and_due_is_workday(
    ruleset: object, event: str, day: dt.date, legal: dt.date, due: dt.date, workday: bool
) -> None:
    ds = ruleset.event_deadlines(event, day, CAL)  # type: ignore[attr-defined]
    (d,) = ds[-1:]
    assert (d.basis, d.legal_date, d.due, d.due_is_workday) == (day, legal, due, workday)


def test_deadlines_after_event_keeps_its_step() -> None:
    s = EventStep(event="e", step="s", point="p.1", actor_key="a", wording_key="w",
                  term=Term(amount=1, unit=Unit.DAYS, day_off=DayOff.NEXT_WORKDAY))  # fmt: skip
    d = after_event("X", s, D(2026, 2, 13), CAL)
    assert d == Deadline(step="s", clause="X p.1", actor_key="a", wording_key="w",
                         basis=D(2026, 2, 13), legal_date=SAT, due=D(2026, 2, 16),
                         counting=Unit.DAYS, due_is_workday=True)  # fmt: skip


@pytest.mark.parametrize("month", range(1, 13))
def test_deadlines_quarter_of_every_month(month: int) -> None:
    assert quarter_of(D(2026, month, 1)) == f"2026Q{(month + 2) // 3}"
    assert quarter_of(D(2026, month, 28)) == f"2026Q{(month + 2) // 3}"


def test_deadlines_quarter_of_january_is_q1_and_december_q4() -> None:
    assert quarter_of(D(2027, 1, 1)) == "2027Q1"
    assert quarter_of(D(2026, 12, 31)) == "2026Q4"
    assert quarter_of(D(2026, 4, 1)) == "2026Q2"


def test_deadlines_parse_quarter_trims_and_names_the_bad_value() -> None:
    assert parse_quarter(" 2027Q3\n") == (2027, 3)
    with pytest.raises(InvalidInput) as e:
        parse_quarter("2026Q0")
    assert (e.value.key, e.value.params) == ("deadlines.bad_quarter", {"value": "2026Q0"})


def test_deadlines_unknown_event_names_the_known_ones() -> None:
    with pytest.raises(InvalidInput) as e:
        R25.event_deadlines("nonsense", D(2026, 1, 1), CAL)
    assert (e.value.key, e.value.params) == ("deadlines.unknown_event", {
        "event": "nonsense", "known": "approval, extract, enrolment, grounds_removed"})


# ---- the calendar ----

def test_calendar_workdays_between_end_before_start_is_negative() -> None:
    assert CAL.workdays_between(D(2026, 2, 16), D(2026, 2, 13)) == -1
    assert CAL.workdays_between(D(2026, 2, 13), D(2026, 2, 16)) == 1
    assert CAL.workdays_between(D(2026, 2, 20), D(2026, 2, 9)) == -9
    assert CAL.workdays_between(D(2026, 2, 13), D(2026, 2, 13)) == 0


@pytest.mark.parametrize("day", [D(MIN_YEAR, 1, 3), D(MAX_YEAR, 12, 31)])
def test_calendar_first_and_last_supported_years(day: dt.date) -> None:
    cal = WorkCalendar()
    assert cal.is_workday(day) is (day.weekday() < 5)


@pytest.mark.parametrize("day", [D(MIN_YEAR - 1, 12, 31), D(MAX_YEAR + 1, 1, 2)])
def test_calendar_years_outside_the_range_are_refused(day: dt.date) -> None:
    with pytest.raises(ValueError, match=f"year {day.year} outside 1991..2100"):
        WorkCalendar().is_workday(day)


def test_calendar_supported_range() -> None:
    assert (MIN_YEAR, MAX_YEAR) == (1991, 2100)


def test_calendar_holiday_names_and_plain_days() -> None:
    cal = WorkCalendar()  # a fresh one: CAL's years may already be loaded by other tests
    assert cal.holiday_name(D(2026, 2, 10)) is None
    assert cal.holiday_name(D(2025, 12, 16)) == "Independence Day"
    assert CAL.next_workday(D(2026, 2, 13)) == D(2026, 2, 13)
    assert CAL.previous_workday(D(2026, 2, 16)) == D(2026, 2, 16)
    assert CAL.next_workday(SAT) == D(2026, 2, 16)
    assert CAL.previous_workday(SAT) == D(2026, 2, 13)


def test_calendar_package_weekend_workday() -> None:
    # Sunday 5 January 2025 was a working day by transfer; an ordinary Sunday is not
    cal = WorkCalendar()
    assert cal.package_is_workday(D(2025, 1, 5)) is True
    assert cal.package_is_workday(D(2025, 1, 12)) is False
    assert cal.package_is_workday(D(2025, 1, 3)) is False  # Friday, the transferred day off
    # the year's data is the year's own: 2024's transfer days are not 2025's
    assert cal.package_is_workday(D(2024, 5, 4)) is True
    assert cal.package_is_workday(D(2025, 5, 3)) is False

"""Kazakhstan working days: what the holidays package (0.108) knows, overrides, arithmetic."""

from __future__ import annotations

import datetime as dt

import holidays
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.calendar import Override, OverrideKind, WorkCalendar

D = dt.date
CAL = WorkCalendar()


def test_package_version_is_the_pinned_one() -> None:
    # the golden dates below were verified against this release; a new one must re-verify them
    assert holidays.__version__ == "0.108"


@pytest.mark.parametrize(
    ("day", "workday"),
    [
        (D(2025, 1, 5), True),  # Sunday made a working day (transfer to Friday 3 January)
        (D(2025, 1, 3), False),  # Friday: day off moved from Sunday 5 January
        (D(2024, 5, 4), True),  # Saturday made a working day (transfer to 8 May)
        (D(2024, 5, 8), False),
        (D(2025, 1, 1), False),
        (D(2025, 1, 2), False),
        (D(2025, 1, 7), False),  # Orthodox Christmas
        (D(2025, 3, 10), False),  # 8 March on Saturday, observed Monday
        (D(2025, 3, 24), False),  # Nowruz observed
        (D(2025, 3, 25), False),
        (D(2025, 3, 26), True),
        (D(2025, 9, 1), False),  # Constitution Day (Saturday 30 August) observed
        (D(2024, 8, 30), False),  # Constitution Day on a Friday
        # the package has no Constitution Day in 2026 (it moves to 15 March from 2027)
        (D(2026, 8, 31), True),
        (D(2026, 3, 9), False),  # 8 March 2026 is a Sunday
        (D(2026, 1, 2), False),
        (D(2026, 1, 5), True),  # no 2026 transfer known to the package
        (D(2026, 2, 10), True),
        (D(2026, 2, 14), False),  # an ordinary Saturday
    ],
)
def test_golden_days(day: dt.date, workday: bool) -> None:
    assert CAL.is_workday(day) is workday


def test_transfer_of_january_2025() -> None:
    # 1 and 2 January are holidays, 3 January is off, 4 January is Saturday, 5 January works
    assert CAL.add_workdays(D(2024, 12, 31), 1) == D(2025, 1, 5)
    assert CAL.add_workdays(D(2025, 1, 5), 1) == D(2025, 1, 6)
    assert CAL.workdays_between(D(2024, 12, 31), D(2025, 1, 6)) == 2


def test_eid_2026_is_only_an_estimate_and_can_be_corrected() -> None:
    assert "estimated" in (CAL.holiday_name(D(2026, 5, 27)) or "")
    fixed = WorkCalendar([
        Override(day=D(2026, 5, 27), kind=OverrideKind.WORKDAY, reference="decree"),
        Override(day=D(2026, 5, 26), kind=OverrideKind.DAY_OFF, reference="decree"),
    ])
    assert fixed.is_workday(D(2026, 5, 27)) and not fixed.is_workday(D(2026, 5, 26))
    assert fixed.package_is_workday(D(2026, 5, 26))


def test_override_working_saturday_and_extra_day_off() -> None:
    # a hypothetical 2026 transfer entered by a supervisor: Saturday 3 Jan works, Monday 5 Jan off
    cal = WorkCalendar([
        Override(day=D(2026, 1, 3), kind=OverrideKind.WORKDAY),
        Override(day=D(2026, 1, 5), kind=OverrideKind.DAY_OFF),
    ])
    assert cal.is_workday(D(2026, 1, 3)) and not cal.is_workday(D(2026, 1, 5))
    assert cal.add_workdays(D(2026, 1, 2), 1) == D(2026, 1, 3)
    assert cal.add_workdays(D(2026, 1, 3), 1) == D(2026, 1, 6)
    assert CAL.add_workdays(D(2026, 1, 2), 1) == D(2026, 1, 5)


def test_next_previous_and_negative() -> None:
    assert CAL.next_workday(D(2025, 3, 21)) == D(2025, 3, 26)
    assert CAL.previous_workday(D(2025, 3, 25)) == D(2025, 3, 20)
    assert CAL.add_workdays(D(2025, 3, 26), -1) == D(2025, 3, 20)
    assert CAL.add_workdays(D(2025, 3, 22), 0) == D(2025, 3, 22)


def test_year_out_of_range_is_refused() -> None:
    with pytest.raises(ValueError):
        CAL.is_workday(D(1985, 1, 1))


days = st.dates(min_value=D(2000, 1, 1), max_value=D(2030, 12, 31))


@settings(max_examples=200, deadline=None)
@given(days, st.integers(min_value=1, max_value=60))
def test_property_adding_lands_on_a_workday(day: dt.date, n: int) -> None:
    assert CAL.is_workday(CAL.add_workdays(day, n))
    assert CAL.is_workday(CAL.add_workdays(day, -n))


@settings(max_examples=200, deadline=None)
@given(days, st.integers(min_value=0, max_value=60), st.integers(min_value=0, max_value=60))
def test_property_monotonic(day: dt.date, a: int, b: int) -> None:
    lo, hi = sorted((a, b))
    assert CAL.add_workdays(day, lo) <= CAL.add_workdays(day, hi)
    if lo < hi:
        assert CAL.add_workdays(day, lo) < CAL.add_workdays(day, hi)


@settings(max_examples=200, deadline=None)
@given(days, st.integers(min_value=0, max_value=60))
def test_property_agrees_with_day_by_day_count(day: dt.date, n: int) -> None:
    end = CAL.add_workdays(day, n)
    counted = sum(
        1 for i in range(1, (end - day).days + 1) if CAL.is_workday(day + dt.timedelta(days=i))
    )
    assert counted == n == CAL.workdays_between(day, end)


@settings(max_examples=100, deadline=None)
@given(days, st.integers(min_value=1, max_value=30))
def test_property_forward_then_back(day: dt.date, n: int) -> None:
    # from a working day, n forward then n back returns to it
    start = CAL.next_workday(day)
    assert CAL.add_workdays(CAL.add_workdays(start, n), -n) == start

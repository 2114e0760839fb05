"""Terms as data: an amount, a unit, how days are counted and what a day off at the end does.

Civil-law reading (Reg-2000 p.4 refers to it; Civil Code of Kazakhstan, art. 178-182): a term in
days starts the day after the event; a term in weeks, months or years ends on the corresponding
day of the last week, month or year (the last day of that month when it has no such day); a
term whose last day is a day off ends on the next working day. Working-day terms never end on a
day off. Rules-2025 does not state a civil-law reading; its choices are parameters of the rule set.
"""

from __future__ import annotations

import calendar as _cal
import datetime as dt
import enum
import functools

import msgspec

from app.calendar import WorkCalendar


class Unit(enum.StrEnum):
    DAYS = "days"  # calendar days
    WORKING_DAYS = "working_days"
    WEEKS = "weeks"
    MONTHS = "months"
    YEARS = "years"


class DayOff(enum.StrEnum):
    """What happens when a term's last day is a day off."""

    KEEP = "keep"  # the date stays (a status date, e.g. the end of a term in the reserve)
    NEXT_WORKDAY = "next_workday"  # civil-law reading: the term ends on the next working day
    PREVIOUS_WORKDAY = "previous_workday"  # act on the last working day before it


class Reading(enum.StrEnum):
    """How "before day N of the month" (айдың N-күніне дейін) is read."""

    EXCLUSIVE = "exclusive"  # the last allowed day is day N-1
    INCLUSIVE = "inclusive"  # day N itself is still allowed


class Term(msgspec.Struct, frozen=True, kw_only=True):
    amount: int
    unit: Unit
    day_off: DayOff = DayOff.KEEP


@functools.lru_cache(maxsize=8192)  # members share decision dates: check --all asks again and again
def add_months(day: dt.date, months: int) -> dt.date:
    """The corresponding day ``months`` later; the month's last day when it has no such day."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = _cal.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def adjust(day: dt.date, rule: DayOff, cal: WorkCalendar) -> dt.date:
    if rule is DayOff.KEEP:
        return day
    if rule is DayOff.NEXT_WORKDAY:
        return cal.next_workday(day)
    return cal.previous_workday(day)


def term_end(start: dt.date, term: Term, cal: WorkCalendar) -> dt.date:
    """The last day of ``term`` counted from the event on ``start``."""
    if term.unit is Unit.WORKING_DAYS:
        return cal.add_workdays(start, term.amount)
    if term.unit is Unit.DAYS:
        end = start + dt.timedelta(days=term.amount)
    elif term.unit is Unit.WEEKS:
        end = start + dt.timedelta(weeks=term.amount)
    elif term.unit is Unit.MONTHS:
        end = add_months(start, term.amount)
    else:
        end = add_months(start, 12 * term.amount)
    return adjust(end, term.day_off, cal)


def plain_end(start: dt.date, term: Term) -> dt.date:
    """A calendar-unit term's end without any calendar (statuses such as a term in the reserve)."""
    if term.unit is Unit.WORKING_DAYS:
        raise ValueError("a working-day term needs a calendar")
    if term.unit is Unit.DAYS:
        return start + dt.timedelta(days=term.amount)
    if term.unit is Unit.WEEKS:
        return start + dt.timedelta(weeks=term.amount)
    months = term.amount if term.unit is Unit.MONTHS else 12 * term.amount
    return add_months(start, months)


def before_day(target: dt.date, reading: Reading) -> dt.date:
    """The last allowed day for "before ``target``" (e.g. before day 1 of the month)."""
    return target if reading is Reading.INCLUSIVE else target - dt.timedelta(days=1)

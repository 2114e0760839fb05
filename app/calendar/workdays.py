"""Working-day arithmetic over the Kazakhstan calendar.

A day is a working day when it is Monday-Friday and not a public holiday (or its observed day
off, or a day off moved by a government transfer decree), or when it is a weekend day made a
working day by such a decree. The ``holidays`` package (KZ) knows the holidays and the transfers
up to its release; an air-gapped workstation cannot update it, so overrides from the database
(``day_off`` or ``workday``, entered by a supervisor) take precedence over it.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable

import msgspec

_ONE = dt.timedelta(days=1)
MIN_YEAR = 1991  # the package's first year for KZ
MAX_YEAR = 2100


class OverrideKind(enum.StrEnum):
    DAY_OFF = "day_off"  # an extra day off (a transfer decree, a confirmed movable holiday)
    WORKDAY = "workday"  # a working Saturday/Sunday, or a package day off that is not one


class Override(msgspec.Struct, frozen=True, kw_only=True):
    day: dt.date
    kind: OverrideKind
    reason: str = ""  # free text, e.g. the decree's title
    reference: str = ""  # e.g. "Government decree No. 123 of 01.12.2025"


class _Year(msgspec.Struct, frozen=True):
    off: frozenset[dt.date]  # weekday days off: holidays, observed days, transfers
    weekend_work: frozenset[dt.date]  # weekend days that are working days by a transfer
    names: dict[dt.date, str]


def load_package() -> None:
    """Import the ``holidays`` package (about a third of a second): on first use, not at start;
    the desktop application calls this from a worker after its first paint."""
    import holidays  # noqa: F401


def _package_year(year: int) -> _Year:
    import holidays

    h = holidays.country_holidays("KZ", years=year, language="en_US")
    names = {d: str(n) for d, n in h.items() if d.year == year}
    ww = frozenset(d for d in h.weekend_workdays if d.year == year)
    return _Year(frozenset(names), ww, names)


class WorkCalendar:
    """``is_workday`` and arithmetic in working days; overrides win over the package."""

    def __init__(self, overrides: Iterable[Override] = ()) -> None:
        self.overrides: dict[dt.date, Override] = {o.day: o for o in overrides}
        self._years: dict[int, _Year] = {}

    def _year(self, year: int) -> _Year:
        y = self._years.get(year)
        if y is None:
            if not MIN_YEAR <= year <= MAX_YEAR:
                raise ValueError(f"year {year} outside {MIN_YEAR}..{MAX_YEAR}")
            y = self._years[year] = _package_year(year)
        return y

    def package_is_workday(self, day: dt.date) -> bool:
        """What the ``holidays`` package alone says."""
        y = self._year(day.year)
        if day.weekday() >= 5:
            return day in y.weekend_work
        return day not in y.off

    def is_workday(self, day: dt.date) -> bool:
        o = self.overrides.get(day)
        if o is not None:
            return o.kind is OverrideKind.WORKDAY
        return self.package_is_workday(day)

    def holiday_name(self, day: dt.date) -> str | None:
        """The package's English name of the holiday on ``day`` (for diagnostics), or None."""
        return self._year(day.year).names.get(day)

    def next_workday(self, day: dt.date) -> dt.date:
        """``day`` itself if it is a working day, else the first working day after it."""
        while not self.is_workday(day):
            day += _ONE
        return day

    def previous_workday(self, day: dt.date) -> dt.date:
        """``day`` itself if it is a working day, else the last working day before it."""
        while not self.is_workday(day):
            day -= _ONE
        return day

    def add_workdays(self, day: dt.date, n: int) -> dt.date:
        """The n-th working day after ``day`` (n > 0), before it (n < 0), or ``day`` (n == 0).

        "Within ten working days after X" ends on ``add_workdays(X, 10)``: X itself is not
        counted, whether or not it is a working day.
        """
        step = _ONE if n >= 0 else -_ONE
        left = abs(n)
        while left:
            day += step
            if self.is_workday(day):
                left -= 1
        return day

    def workdays_between(self, start: dt.date, end: dt.date) -> int:
        """Working days in (start, end]; negative when ``end`` is before ``start``."""
        if end < start:
            return -self.workdays_between(end, start)
        count = 0
        day = start
        while day < end:
            day += _ONE
            if self.is_workday(day):
                count += 1
        return count

"""Dated steps: a deadline names its clause, the act's wording, the legal date and the date to act.

``legal_date`` is the date the act's wording gives under the rule set's reading; ``due`` is the
date to act by after the rule set's day-off rule (they differ only when the legal date is a day
off). Steps that wait for an event without a recorded date carry ``legal_date = due = None``.
"""

from __future__ import annotations

import datetime as dt
import re

import msgspec

from app.calendar import WorkCalendar
from app.errors import InvalidInput
from app.i18n import fmt_date, tr
from app.rules.citation import cite
from app.rules.terms import DayOff, Reading, Term, Unit, adjust, before_day, term_end


class Deadline(msgspec.Struct, frozen=True, kw_only=True):
    step: str  # e.g. "send_list"
    clause: str  # "Rules-2025 p.10"
    actor_key: str  # translation key of who acts
    wording_key: str  # translation key of the act's wording
    basis: dt.date | None = None  # the event the term counts from, if any
    legal_date: dt.date | None = None
    due: dt.date | None = None
    counting: Unit | None = None
    reading: Reading | None = None
    due_is_workday: bool | None = None

    def as_json(self, lang: str) -> dict[str, object]:
        return {
            "step": self.step,
            "clause": self.clause,
            "clause_text": cite(self.clause, lang),
            "actor": tr(self.actor_key, lang),
            "wording": tr(self.wording_key, lang),
            "basis": fmt_date(self.basis) or None,
            "legal_date": fmt_date(self.legal_date) or None,
            "due": fmt_date(self.due) or None,
            "counting": self.counting.value if self.counting else None,
            "reading": self.reading.value if self.reading else None,
        }


class EventStep(msgspec.Struct, frozen=True, kw_only=True):
    """A term running from an event (e.g. 10 working days after approval)."""

    event: str
    step: str
    point: str
    actor_key: str
    wording_key: str
    term: Term


def after_event(code: str, s: EventStep, basis: dt.date | None, cal: WorkCalendar) -> Deadline:
    if basis is None:
        return Deadline(
            step=s.step, clause=f"{code} {s.point}", actor_key=s.actor_key,
            wording_key=s.wording_key, counting=s.term.unit,
        )  # fmt: skip
    legal = term_end(basis, msgspec.structs.replace(s.term, day_off=DayOff.KEEP), cal)
    due = term_end(basis, s.term, cal)
    return Deadline(
        step=s.step, clause=f"{code} {s.point}", actor_key=s.actor_key,
        wording_key=s.wording_key, basis=basis, legal_date=legal, due=due,
        counting=s.term.unit, due_is_workday=cal.is_workday(due),
    )  # fmt: skip


def before_day_deadline(
    code: str, step: str, point: str, actor_key: str, wording_key: str,
    target: dt.date, reading: Reading, rule: DayOff, cal: WorkCalendar,
) -> Deadline:  # fmt: skip
    legal = before_day(target, reading)
    due = adjust(legal, rule, cal)
    return Deadline(
        step=step, clause=f"{code} {point}", actor_key=actor_key, wording_key=wording_key,
        legal_date=legal, due=due, counting=Unit.DAYS, reading=reading,
        due_is_workday=cal.is_workday(due),
    )  # fmt: skip


_QUARTER = re.compile(r"^(\d{4})[Qq]([1-4])$")
QUARTER_YEARS = (2000, 2100)  # a plausible window for a reserve quarter


def parse_quarter(text: str) -> tuple[int, int]:
    """"2026Q1" -> (2026, 1)."""
    m = _QUARTER.match(text.strip())
    if not m or not QUARTER_YEARS[0] <= int(m.group(1)) <= QUARTER_YEARS[1]:
        raise InvalidInput("deadlines.bad_quarter", value=text[:20])
    return int(m.group(1)), int(m.group(2))


def quarter_of(day: dt.date) -> str:
    return f"{day.year}Q{(day.month - 1) // 3 + 1}"

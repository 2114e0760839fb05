"""Which act was in force on a date: a check dated outside an act's validity says so.

An act applies from its effective date until its repeal; an amendment applies from its own date
(Reg-2000: Decree No. 605 of 11.05.2001 and No. 1071 of 21.04.2003, repealed 04.12.2003 by
Decree No. 1243). Rules-2025 enters into force ten calendar days after its first official
publication (p.2 of Decree No. 853): the publication date is a rule-set parameter, and until it
is recorded the act is taken to apply no earlier than the day it was signed.
"""

from __future__ import annotations

import datetime as dt

from app.i18n import fmt_date
from app.rules.base import Act, Amendment, Finding, Severity


def in_force_after(published: dt.date | None, days: int) -> dt.date | None:
    """The first day in force of an act that enters into force when ``days`` calendar days have
    passed after the day of its publication (the days counted from the day after it)."""
    return None if published is None else published + dt.timedelta(days=days + 1)


def act_validity(act: Act, at: dt.date, effective: dt.date | None, point: str) -> list[Finding]:
    """One warning when ``at`` is before the act's first day in force or on/after its repeal."""
    first = effective or act.effective
    if first is not None and at < first:
        return [Finding(severity=Severity.WARNING, clause=act.clause(point), field="",
                        key="rules.act_not_yet_in_force",
                        params={"at": fmt_date(at), "date": fmt_date(first)})]  # fmt: skip
    if first is None and at < act.date:
        return [Finding(severity=Severity.WARNING, clause=act.clause(point), field="",
                        key="rules.act_not_yet_signed",
                        params={"at": fmt_date(at), "date": fmt_date(act.date)})]  # fmt: skip
    if act.repealed is not None and at >= act.repealed:
        return [Finding(severity=Severity.WARNING, clause=act.clause(point), field="",
                        key="rules.act_repealed",
                        params={"at": fmt_date(at), "date": fmt_date(act.repealed),
                                "by": act.repealed_by})]  # fmt: skip
    return []


def amendment(act: Act, number: str) -> Amendment:
    return next(a for a in act.amendments if a.number == number)


def before_amendment(act: Act, number: str, day: dt.date | None) -> bool:
    """Whether a fact dated ``day`` predates the amendment ``number`` (which then does not
    apply to it)."""
    return day is not None and day < amendment(act, number).date

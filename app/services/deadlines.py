"""Deadlines of a quarter or an event under the workstation's rule set and working calendar."""

from __future__ import annotations

import datetime as dt

from app.rules import rulesets
from app.rules.deadlines import Deadline
from app.security.roles import Permission
from app.services import calendar as calendar_service
from app.services.checks import ruleset_name
from app.services.workstation import Session


def quarter(
    s: Session,
    quarter: str,
    *,
    ruleset: str | None = None,
    approved: dt.date | None = None,
    extract_received: dt.date | None = None,
) -> list[Deadline]:
    s.require(Permission.READ)
    rs = rulesets.get(ruleset_name(s, ruleset))
    cal = calendar_service.calendar(s)
    for day in (approved, extract_received):
        if day is not None:
            calendar_service.check_day(day)
    result: list[Deadline] = rs.quarter_deadlines(
        quarter, cal, approved=approved, extract_received=extract_received
    )
    return result


def event(s: Session, event: str, day: dt.date, *, ruleset: str | None = None) -> list[Deadline]:
    s.require(Permission.READ)
    calendar_service.check_day(day)
    rs = rulesets.get(ruleset_name(s, ruleset))
    result: list[Deadline] = rs.event_deadlines(event, day, calendar_service.calendar(s))
    return result


def events(s: Session, *, ruleset: str | None = None) -> tuple[str, ...]:
    return tuple(rulesets.get(ruleset_name(s, ruleset)).events())

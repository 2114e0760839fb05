"""The workstation's working calendar: the holidays package plus overrides kept in the database.

Overrides are added and removed by a supervisor (``Permission.MANAGE_CALENDAR``), each change in
one unit of work with its audit row.
"""

from __future__ import annotations

import datetime as dt

import msgspec

from app.calendar import Override, OverrideKind, WorkCalendar
from app.calendar.workdays import MAX_YEAR, MIN_YEAR
from app.errors import InvalidInput, NotFound
from app.security.roles import Permission
from app.services.workstation import Session
from app.store import meta

MAX_TEXT = 500
MAX_DAYS = 3660  # add-workdays: about ten years either way


class DayInfo(msgspec.Struct, frozen=True, kw_only=True):
    day: dt.date
    workday: bool
    source: str  # "override" or "package"
    holiday: str | None = None  # the package's holiday name
    override: Override | None = None


def check_day(day: dt.date) -> dt.date:
    if not MIN_YEAR <= day.year <= MAX_YEAR:
        raise InvalidInput("calendar.year_out_of_range", minimum=MIN_YEAR, maximum=MAX_YEAR)
    return day


def overrides(s: Session, year: int | None = None) -> list[Override]:
    s.require(Permission.READ)
    return meta.calendar_overrides(s.db.connection(), year)


def calendar(s: Session) -> WorkCalendar:
    return WorkCalendar(overrides(s))


def add_override(
    s: Session, day: dt.date, kind: str, *, reason: str = "", reference: str = ""
) -> Override:
    s.require(Permission.MANAGE_CALENDAR)
    check_day(day)
    try:
        k = OverrideKind(kind)
    except ValueError:
        raise InvalidInput("calendar.bad_kind", kind=kind) from None
    for text in (reason, reference):
        if len(text) > MAX_TEXT or "\x00" in text:
            raise InvalidInput("calendar.bad_text", maximum=MAX_TEXT)
    o = Override(day=day, kind=k, reason=reason.strip(), reference=reference.strip())
    with s.db.unit_of_work(s.user) as uow:
        if meta.has_override(uow.conn, day):
            raise InvalidInput("calendar.override_exists", date=day.strftime("%d.%m.%Y"))
        meta.add_override(uow.conn, o, created=uow.now.isoformat(timespec="seconds"), user=s.user)
        uow.audit("calendar.override.add", f"calendar:{day.isoformat()}",
                  {"kind": k.value, "reason": o.reason, "reference": o.reference})  # fmt: skip
        uow.commit()
    return o


def remove_override(s: Session, day: dt.date) -> None:
    s.require(Permission.MANAGE_CALENDAR)
    with s.db.unit_of_work(s.user) as uow:
        if not meta.remove_override(uow.conn, day):
            raise NotFound("calendar.override_not_found", date=day.strftime("%d.%m.%Y"))
        uow.audit("calendar.override.remove", f"calendar:{day.isoformat()}", {})
        uow.commit()


def day_info(s: Session, day: dt.date) -> DayInfo:
    cal = calendar(s)
    check_day(day)
    o = cal.overrides.get(day)
    return DayInfo(
        day=day, workday=cal.is_workday(day), source="override" if o else "package",
        holiday=cal.holiday_name(day), override=o,
    )  # fmt: skip


def add_workdays(s: Session, day: dt.date, n: int) -> dt.date:
    check_day(day)
    if abs(n) > MAX_DAYS:
        raise InvalidInput("calendar.too_many_days", maximum=MAX_DAYS)
    try:
        return calendar(s).add_workdays(day, n)
    except ValueError:
        pass
    raise InvalidInput("calendar.year_out_of_range", minimum=MIN_YEAR, maximum=MAX_YEAR)

"""Kazakhstan working days: the ``holidays`` package plus overrides kept in the database."""

from app.calendar.workdays import Override, OverrideKind, WorkCalendar

__all__ = ["Override", "OverrideKind", "WorkCalendar"]

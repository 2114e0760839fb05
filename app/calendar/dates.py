"""Dates typed by a user: YYYY-MM-DD (CLI, JSON) or DD.MM.YYYY (as shown)."""

from __future__ import annotations

import datetime as dt

from app.errors import InvalidInput
from app.i18n import parse_date


def parse_day(text: str | None) -> dt.date | None:
    """None for None or blank; InvalidInput (exit 4) for anything that is not a date."""
    if text is None or not text.strip():
        return None
    try:
        return parse_date(text)
    except ValueError:
        raise InvalidInput("calendar.bad_date", value=text[:40]) from None

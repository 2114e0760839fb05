"""An injectable clock, so tests (and the CLI via ``REZERV_NOW``) can run a quarter in seconds."""

from __future__ import annotations

import datetime as dt
import os
from typing import Protocol


class Clock(Protocol):
    def now(self) -> dt.datetime: ...

    def today(self) -> dt.date: ...


class SystemClock:
    def now(self) -> dt.datetime:
        return dt.datetime.now().astimezone()

    def today(self) -> dt.date:
        return self.now().date()


class FixedClock:
    """A clock that stands still until moved (tests and ``REZERV_NOW``)."""

    def __init__(self, at: dt.datetime) -> None:
        self.at = at if at.tzinfo else at.astimezone()

    def now(self) -> dt.datetime:
        return self.at

    def today(self) -> dt.date:
        return self.at.date()

    def advance(self, **delta: float) -> None:
        self.at += dt.timedelta(**delta)


def from_environment() -> Clock:
    value = os.environ.get("REZERV_NOW")
    if value:
        return FixedClock(dt.datetime.fromisoformat(value))
    return SystemClock()

"""The positions catalogue (Rules-2025 p.4: the positions of the list approved by Decree No. 290
of 31.07.2023) and the need for candidates to them (p.8 part 1: the forecast of current and future
need). Pure types; the store keeps them, the services change them."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable

import msgspec

BODIES = ("knb", "syrbar", "sgs")


def default_horizon(at: dt.date) -> dt.date:
    """The last day of the quarter after ``at``'s: the list formed this quarter is the reserve
    the next one draws on."""
    first_month = ((at.month - 1) // 3) * 3 + 1
    y, m = at.year, first_month + 6
    if m > 12:
        y, m = y + 1, m - 12
    return dt.date(y, m, 1) - dt.timedelta(days=1)


class NeedReason(enum.StrEnum):
    VACANCY = "vacancy"  # vacant now
    AGE_LIMIT = "age_limit"  # the holder reaches the age limit of service
    TERM_OF_OFFICE = "term_of_office"  # the holder's term of office ends
    ROTATION = "rotation"  # a planned rotation


class Position(msgspec.Struct, frozen=True, kw_only=True):
    id: int = 0
    title: str
    body: str  # knb | syrbar | sgs
    subdivision: str = ""
    level: str = ""
    decree_290: bool  # in the list approved by Decree No. 290 (p.4)
    service_years: int | None = None  # length of service the position requires (p.8(1))
    training: str = ""  # training the position requires (p.8(1)); "" none recorded


class Need(msgspec.Struct, frozen=True, kw_only=True):
    id: int = 0
    position_id: int
    vacant_from: dt.date
    reason: NeedReason


class Catalogue:
    """Positions by (body, folded title); the key function is the store's ``fold``."""

    __slots__ = ("_by_key", "_key")

    def __init__(self, positions: list[Position], key: Callable[[str], str]) -> None:
        self._key = key
        self._by_key: dict[tuple[str, str], Position] = {
            (p.body, self._key(p.title)): p for p in positions
        }

    def __len__(self) -> int:
        return len(self._by_key)

    def find(self, body: str, title: str) -> Position | None:
        k = self._key(title)
        if not k:
            return None
        hit = self._by_key.get((body, k))
        if hit is not None:
            return hit
        for b in BODIES:  # a position of another body (the SGS, the Department's whole list)
            hit = self._by_key.get((b, k))
            if hit is not None:
                return hit
        return None


class BenchRow(msgspec.Struct, frozen=True, kw_only=True):
    """Bench strength of one position (p.8 part 1): the need within the horizon against the
    reserve members ready for it and the nominees of the current quarter."""

    position_id: int
    title: str
    body: str
    decree_290: bool
    vacant_now: int  # vacancies dated on or before the day
    vacant_expected: int  # vacancies expected after the day and up to the horizon
    ready: int  # members in the reserve whose term does not end within the horizon
    expiring: int  # members whose term ends (or who leave) within the horizon
    nominees: int  # nominees of the current quarter for this position
    gap: int  # need not covered by ready members
    flagged: bool  # a need and no member ready

    @property
    def need(self) -> int:
        return self.vacant_now + self.vacant_expected

    @property
    def coverage(self) -> float:
        """Ready members per needed candidate, capped at 1 (1.0 when nothing is needed)."""
        return 1.0 if self.need == 0 else min(1.0, self.ready / self.need)


class Bench(msgspec.Struct, frozen=True, kw_only=True):
    at: dt.date
    horizon: dt.date
    quarter: str
    rows: list[BenchRow]

    def by_body(self) -> dict[str, dict[str, int]]:
        out: dict[str, dict[str, int]] = {}
        for r in self.rows:
            t = out.setdefault(r.body, dict.fromkeys(
                ("positions", "need", "ready", "expiring", "nominees", "gap", "flagged"), 0))  # fmt: skip
            t["positions"] += 1
            t["need"] += r.need
            t["ready"] += r.ready
            t["expiring"] += r.expiring
            t["nominees"] += r.nominees
            t["gap"] += r.gap
            t["flagged"] += r.flagged
        return out

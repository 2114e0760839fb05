"""The reserve register (Rules-2025 p.12-p.14, p.18-p.19): who is in it, from when, until when,
for which position, from which body; filters; notices of enrolment (p.13) and their deadline."""

from __future__ import annotations

import datetime as dt

import msgspec

from app.domain import quarter as q
from app.errors import InvalidInput, NotFound
from app.rules.rules_2025 import RULESET
from app.rules.rules_2025_membership import last_day
from app.security.roles import Permission
from app.services.workstation import Session
from app.store import quarter_repo as repo
from app.store.folding import fold

APPOINTED = "appointed"  # reserve_members.ground of a membership ended by appointment (p.14)
TERM_EXPIRED = "term_expired"  # ... of one whose term ran out, kept when re-nominated (p.14)


class RegisterFilter(msgspec.Struct, frozen=True, kw_only=True):
    body: str = ""
    state: str = ""  # "", "active", "excluded", "expired", "appointed"
    at: dt.date | None = None  # members as of this date (default: today)
    search: str = ""  # name, IIN or position
    enrolled_from: dt.date | None = None
    enrolled_to: dt.date | None = None


STATES = ("", "active", "excluded", "expired", "appointed")


def state_of(m: q.Member, at: dt.date) -> str:
    """active, future, expired (past the last day of the term, by the boundary rule
    ``anniversary_in_reserve`` of the rule set), excluded, or appointed from the reserve (p.14)."""
    if m.excluded_on is not None and m.excluded_on <= at:
        if m.ground == TERM_EXPIRED:
            return "expired"
        return "appointed" if m.ground == APPOINTED else "excluded"
    if last_day(m.term_ends, RULESET.params) < at:
        return "expired"
    return "active" if m.enrolled_on <= at else "future"


def members(s: Session, f: RegisterFilter = RegisterFilter()) -> list[q.Member]:
    s.require(Permission.READ)
    if f.state not in STATES:
        raise InvalidInput("reserve.bad_state", state=f.state)
    at = f.at or s.clock.today()
    needle = fold(f.search) if f.search.strip() else ""
    out = []
    for m in repo.members(s.db.connection(), body=f.body or (s.body or "")):
        if f.state and state_of(m, at) != f.state:
            continue
        if f.enrolled_from and m.enrolled_on < f.enrolled_from:
            continue
        if f.enrolled_to and m.enrolled_on > f.enrolled_to:
            continue
        if needle and needle not in fold(f"{m.name} {m.iin} {m.position}"):
            continue
        out.append(m)
    return out


def notices(s: Session, quarter: str = "") -> list[q.NoticeRow]:
    s.require(Permission.READ)
    return repo.notices(s.db.connection(), quarter)


def mark_notice_printed(s: Session, ids: list[int], code: str) -> None:
    s.require(Permission.EDIT)
    with s.db.unit_of_work(s.user) as uow:
        for nid in ids:
            if not repo.notice_printed(uow.conn, nid, uow.now.isoformat(timespec="seconds"), code):
                raise NotFound("reserve.no_notice", id=nid)
            uow.audit("notice.printed", f"nominee:{nid}", {"document": code})
        uow.commit()


def mark_notice_delivered(s: Session, nid: int, day: dt.date) -> None:
    """The employee was notified (p.13): the notice deadline is met on ``day``."""
    s.require(Permission.EDIT)
    if day > s.clock.today():
        raise InvalidInput("decision.future_date", date=day.isoformat())
    with s.db.unit_of_work(s.user) as uow:
        if not repo.notice_delivered(uow.conn, nid, day):
            raise NotFound("reserve.no_notice", id=nid)
        uow.audit("notice.delivered", f"nominee:{nid}", {"day": day.isoformat()})
        uow.commit()

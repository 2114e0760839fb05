"""Deadlines across quarters: every dated step of p.10-p.13 for every quarter this workstation
knows, with what has been done, what is overdue, and each notice's own p.13 deadline."""

from __future__ import annotations

import datetime as dt

import msgspec

from app.domain import quarter as q
from app.i18n import fmt_date, tr
from app.rules.citation import cite
from app.security.roles import Permission
from app.services import calendar as calendar_service
from app.services import deadlines
from app.services.workstation import Session
from app.store import quarter_repo as repo

BODY_STEPS = ("send_list", "notify_employees")
DEPARTMENT_STEPS = ("check", "form_list", "inform_heads")


class Item(msgspec.Struct, frozen=True, kw_only=True):
    quarter: str
    step: str
    clause: str
    actor_key: str
    wording_key: str
    due: dt.date | None
    legal_date: dt.date | None
    done: bool
    overdue: bool
    own: bool  # this workstation's step
    workdays_left: int | None
    subject: str = ""  # a notice's nominee

    def as_json(self, lang: str) -> dict[str, object]:
        return {"quarter": self.quarter, "step": self.step, "clause": self.clause,
                "clause_text": cite(self.clause, lang), "actor": tr(self.actor_key, lang),
                "wording": tr(self.wording_key, lang),
                "due": fmt_date(self.due) or None, "legal_date": fmt_date(self.legal_date) or None,
                "done": self.done, "overdue": self.overdue, "own": self.own,
                "workdays_left": self.workdays_left, "subject": self.subject}  # fmt: skip


def quarters(s: Session) -> list[str]:
    return sorted(repo.quarters(s.db.connection()))


def _done(s: Session, quarter: str, step: str) -> bool:
    conn = s.db.connection()
    ev = {(e.event, e.body) for e in repo.events(conn, quarter)}
    body = s.body or ""
    if step == "send_list":
        return (q.Event.SENT, body) in ev or (q.Event.SUBMITTED_TO_HEAD_PA, body) in ev
    if step in ("check", "form_list"):
        return (q.Event.LIST_FORMED, "") in ev
    if step == "inform_heads":
        bodies = repo.decided_bodies(conn, quarter)
        return bool(bodies) and all((q.Event.EXTRACT_SENT, b) in ev for b in bodies)
    if step == "notify_employees":
        rows = repo.notices(conn, quarter)
        return bool(rows) and all(n.delivered for n in rows)
    return False


def overview(s: Session, only: list[str] | None = None) -> list[Item]:
    s.require(Permission.READ)
    conn = s.db.connection()
    today = s.clock.today()
    cal = calendar_service.calendar(s)
    own = BODY_STEPS if s.body else DEPARTMENT_STEPS
    out: list[Item] = []
    for qt in only or quarters(s):
        approved = repo.event(conn, qt, q.Event.APPROVED, s.body if s.body == "sgs" else "")
        received = repo.event(conn, qt, q.Event.EXTRACT_RECEIVED, s.body or "")
        for d in deadlines.quarter(s, qt, approved=approved.day if approved else None,
                                   extract_received=received.day if received else None):  # fmt: skip
            done = _done(s, qt, d.step)
            left = cal.workdays_between(today, d.due) if d.due else None
            out.append(Item(quarter=qt, step=d.step, clause=d.clause, actor_key=d.actor_key,
                            wording_key=d.wording_key, due=d.due, legal_date=d.legal_date,
                            done=done, overdue=bool(d.due and not done and d.due < today),
                            own=d.step in own, workdays_left=left))  # fmt: skip
        for n in repo.notices(conn, qt):
            done = n.delivered is not None
            out.append(Item(quarter=qt, step="notice", clause="Rules-2025 p.13",
                            actor_key="rules.actor.body_hr", wording_key="r2025.wording.notify_employees",
                            due=n.due, legal_date=n.due, done=done, overdue=not done and n.due < today,
                            own=True, workdays_left=cal.workdays_between(today, n.due),
                            subject=n.name))  # fmt: skip
    return out


def days_left_text(left: int, lang: str) -> str:
    """"N working days left", or "N working days overdue" once the date has passed (never a
    negative count)."""
    if left < 0:
        return tr("quarter.ui.overdue_by", lang, n=-left)
    return tr("quarter.ui.left", lang, n=left)

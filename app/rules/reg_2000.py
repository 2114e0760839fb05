"""Reg-2000: Regulation on the personnel reserve for administrative civil-service posts
(Presidential Decree No. 330 of 4 February 2000; repealed by Decree No. 1243 of 4 December 2003).
Kept as a second rule set so archived records of that reserve remain readable and checkable."""

from __future__ import annotations

import datetime as dt

import msgspec

from app.calendar import WorkCalendar
from app.domain.dossier import Dossier
from app.domain.reg2000 import Reservist
from app.errors import InvalidInput
from app.i18n import fmt_date
from app.rules.base import Finding, Severity
from app.rules.deadlines import Deadline, EventStep, after_event
from app.rules.reg_2000_checks import CHECKS
from app.rules.reg_2000_params import ACT, PARAMS, Ctx, Params
from app.rules.validity import act_validity, amendment, before_amendment

AUTHORITY = "rules.actor.authorised_body"
STATE_BODY = "rules.actor.state_body"
CITIZEN = "rules.actor.citizen"

_STEPS = (
    # event, step, point, actor, params attribute
    ("protocol", "send_protocol", "p.19", STATE_BODY, "protocol_send"),
    ("competition_documents", "decide_competition", "p.20", AUTHORITY, "decide_competition"),
    ("programme_completed", "training_window", "p.21-1", CITIZEN, "training_window"),
    ("training_documents", "decide_training", "p.24", AUTHORITY, "decide_training"),
    ("returned", "abroad_window", "p.28", CITIZEN, "abroad_window"),
    ("abroad_documents", "decide_abroad", "p.31", AUTHORITY, "decide_abroad"),
    ("attestation_approved", "send_attestation", "p.32-2", STATE_BODY, "attestation_send"),
    ("attestation_documents", "decide_attestation", "p.32-3", AUTHORITY, "decide_attestation"),
    ("enrolment", "term_end", "p.10", AUTHORITY, "term"),
    ("list_request", "answer_list", "p.34", AUTHORITY, "list_answer"),
    ("placement", "notify_authority", "p.36", STATE_BODY, "placement_notice"),
)

# Events whose steps an amendment added: no such step for an event dated before it.
_SINCE = {"attestation_approved": "1071", "attestation_documents": "1071",
          "programme_completed": "605"}  # fmt: skip


class Reg2000:
    name = "reg-2000"
    act = ACT

    def __init__(self, params: Params = PARAMS) -> None:
        self.params = params
        self.event_steps = tuple(
            EventStep(event=e, step=s, point=pt, actor_key=actor,
                      wording_key=f"r2000.wording.{s}", term=getattr(params, attr))
            for e, s, pt, actor, attr in _STEPS
        )  # fmt: skip

    def with_params(self, **changes: object) -> Reg2000:
        return Reg2000(msgspec.structs.replace(self.params, **changes))

    def evaluate(
        self, subject: Reservist | Dossier, *, at: dt.date, calendar: WorkCalendar | None = None,
        **_: object,
    ) -> list[Finding]:  # fmt: skip
        if isinstance(subject, Dossier):
            # p.1: the Regulation covers administrative civil-service posts, not the special
            # state bodies' reserve; say so instead of pretending to check the dossier.
            return [Finding(severity=Severity.WARNING, clause=ACT.clause("p.1"), field="",
                            key="r2000.not_applicable")]  # fmt: skip
        c = Ctx(subject, at, self.params, calendar or WorkCalendar())
        c.out.extend(act_validity(ACT, at, None, "p.1"))  # in force 01.01.2000 - 03.12.2003
        for check in CHECKS:
            check(c)
        return c.out

    def events(self) -> tuple[str, ...]:
        return tuple(s.event for s in self.event_steps)

    def event_deadlines(self, event: str, day: dt.date, cal: WorkCalendar) -> list[Deadline]:
        steps = [s for s in self.event_steps if s.event == event]
        if not steps:
            known = ", ".join(self.events())
            raise InvalidInput("deadlines.unknown_event", event=event, known=known)
        self._in_force(event, day)
        return [after_event(ACT.code, s, day, cal) for s in steps]

    @staticmethod
    def _in_force(event: str, day: dt.date) -> None:
        """A term runs only from an event the act in force on its date provides for."""
        first, repealed = ACT.effective, ACT.repealed
        if (first is not None and day < first) or (repealed is not None and day >= repealed):
            raise InvalidInput("deadlines.outside_act", date=fmt_date(day),
                               first=fmt_date(first), repealed=fmt_date(repealed))  # fmt: skip
        number = _SINCE.get(event)
        if number is not None and before_amendment(ACT, number, day):
            a = amendment(ACT, number)
            raise InvalidInput("deadlines.before_amendment", event=event, date=fmt_date(day),
                               since=fmt_date(a.date), number=a.number)  # fmt: skip

    def quarter_deadlines(self, quarter: str, cal: WorkCalendar, **_: object) -> list[Deadline]:
        raise InvalidInput("deadlines.no_quarters", ruleset=self.name)


RULESET = Reg2000()

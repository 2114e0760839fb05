"""Rules-2025: Rules for forming the Presidential personnel reserve of special state bodies
(Annex to Presidential Decree No. 853 of 23 April 2025). The Kazakh text in the shared seeds is
the authority; every finding and deadline cites its point."""

from __future__ import annotations

import datetime as dt

import msgspec

from app.calendar import WorkCalendar
from app.domain.dossier import Dossier
from app.domain.positions import Catalogue
from app.domain.reserve import ReserveMembership
from app.errors import InvalidInput
from app.rules import rules_2025_eligibility, rules_2025_membership
from app.rules.base import Finding
from app.rules.deadlines import Deadline, EventStep, after_event, before_day_deadline, parse_quarter
from app.rules.rules_2025_params import ACT, PARAMS, Ctx, Params
from app.rules.validity import act_validity, in_force_after

CHECKS = rules_2025_eligibility.CHECKS + rules_2025_membership.CHECKS

BODY_HR = "rules.actor.body_hr"
DEPARTMENT = "rules.actor.department"


def _events(p: Params) -> tuple[EventStep, ...]:
    return (
        EventStep(event="approval", step="inform_heads", point="p.11(3)", actor_key=DEPARTMENT,
                  wording_key="r2025.wording.inform_heads", term=p.inform_heads),
        EventStep(event="extract", step="notify_employees", point="p.13", actor_key=BODY_HR,
                  wording_key="r2025.wording.notify_employees", term=p.notify_employees),
        EventStep(event="enrolment", step="min_term", point="p.14", actor_key=BODY_HR,
                  wording_key="r2025.wording.min_term", term=p.min_term),
        EventStep(event="enrolment", step="term_end", point="p.14", actor_key=BODY_HR,
                  wording_key="r2025.wording.term_end", term=p.max_term),
        EventStep(event="grounds_removed", step="reenrolment", point="p.20", actor_key=BODY_HR,
                  wording_key="r2025.wording.reenrolment", term=p.reenrol_after),
    )  # fmt: skip


class Rules2025:
    name = "rules-2025"
    act = ACT

    def __init__(self, params: Params = PARAMS) -> None:
        self.params = params
        self.event_steps = _events(params)

    @property
    def effective(self) -> dt.date | None:
        """The first day in force (p.2 of Decree No. 853), once the publication date is set."""
        return in_force_after(self.params.published, self.params.in_force_days)

    def with_params(self, **changes: object) -> Rules2025:
        return Rules2025(msgspec.structs.replace(self.params, **changes))

    def evaluate(
        self,
        subject: Dossier,
        *,
        at: dt.date,
        membership: ReserveMembership | None = None,
        has_photo: bool | None = None,
        positions: Catalogue | None = None,
        sent_on: dt.date | None = None,
        **_: object,
    ) -> list[Finding]:
        c = Ctx(subject, at, self.params, membership, has_photo, positions, sent_on)
        c.out.extend(act_validity(ACT, at, self.effective, "p.1"))
        for check in CHECKS:
            check(c)
        return c.out

    def events(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(s.event for s in self.event_steps))

    def event_deadlines(self, event: str, day: dt.date, cal: WorkCalendar) -> list[Deadline]:
        steps = [s for s in self.event_steps if s.event == event]
        if not steps:
            known = ", ".join(self.events())
            raise InvalidInput("deadlines.unknown_event", event=event, known=known)
        return [after_event(ACT.code, s, day, cal) for s in steps]

    def quarter_deadlines(
        self,
        quarter: str,
        cal: WorkCalendar,
        *,
        approved: dt.date | None = None,
        extract_received: dt.date | None = None,
    ) -> list[Deadline]:
        """The five dated steps of p.10-p.13 for a quarter such as "2026Q1"."""
        year, q = parse_quarter(quarter)
        month = 3 * q
        p = self.params

        def before(step: str, point: str, actor: str, day: int) -> Deadline:
            return before_day_deadline(
                ACT.code, step, point, actor, f"r2025.wording.{step}", dt.date(year, month, day),
                p.before_reading, p.before_day_off, cal,
            )  # fmt: skip

        by_event = {s.step: s for s in self.event_steps}
        return [
            before("send_list", "p.10", BODY_HR, p.send_list_day),
            before("check", "p.11(1)", DEPARTMENT, p.check_day),
            before("form_list", "p.11(2)", DEPARTMENT, p.form_list_day),
            after_event(ACT.code, by_event["inform_heads"], approved, cal),
            after_event(ACT.code, by_event["notify_employees"], extract_received, cal),
        ]


RULESET = Rules2025()

"""Rules-2025 for reserve members: the term (p.14), exclusion grounds (p.18), re-enrolment (p.20).

The grounds that follow from recorded facts are raised automatically: a fact dated from the
enrolment up to the checked date is a ground the HR subdivision must report (p.19).
"""

from __future__ import annotations

import datetime as dt

from app.domain.dossier import (
    AttestationDecision,
    CareerEventKind,
    LiabilityKind,
    SanctionKind,
    SecondmentKind,
)
from app.domain.reserve import ExclusionGround, ReserveMembership
from app.i18n import fmt_date
from app.rules.base import Severity
from app.rules.rules_2025_params import Ctx, Params
from app.rules.terms import plain_end

_EVENT_GROUND = {
    CareerEventKind.EXCLUSION_REQUEST: "4",
    CareerEventKind.DISMISSAL: "6",
    CareerEventKind.TRANSFER: "7",
    CareerEventKind.DEMOTION_BY_ATTESTATION: "8",
    CareerEventKind.LOWER_POSITION: "8",
}


def term_end(m: ReserveMembership, p: Params) -> dt.date:
    """p.14: the recorded end of the term, else at most three years from the enrolment."""
    return m.term_ends or plain_end(m.enrolled_on, p.max_term)


def last_day(term_ends: dt.date, p: Params) -> dt.date:
    """p.14: the member's last day in the reserve for a term ending on ``term_ends`` (the
    anniversary), by the boundary rule ``Params.anniversary_in_reserve``."""
    return term_ends if p.anniversary_in_reserve else term_ends - dt.timedelta(days=1)


def min_term_end(m: ReserveMembership, p: Params) -> dt.date:
    """p.14: the first day an appointment respects the three-month minimum."""
    return plain_end(m.enrolled_on, p.min_term)


def _appointed_on(c: Ctx, m: ReserveMembership) -> tuple[dt.date, str] | None:
    """The appointment during this term and the field that records it, if any."""
    if m.appointed_on is not None:
        return m.appointed_on, "membership.appointed_on"
    for i, e in enumerate(c.d.career_events):
        if e.kind is CareerEventKind.APPOINTMENT and e.date >= m.enrolled_on:
            return e.date, f"career_events[{i}].date"
    return None


def p14_term(c: Ctx) -> None:
    m = c.membership
    if m is None or not m.active(c.at):
        return
    end = term_end(m, c.p)
    if c.at < end:
        c.warning("p.14", "membership.term_ends", "r2025.p14.member", until=fmt_date(end))
    earliest = min_term_end(m, c.p)
    appointment = _appointed_on(c, m)
    if appointment is None:
        if c.at < earliest:
            c.info("p.14", "membership.enrolled_on", "r2025.p14.appointable_from",
                   date=fmt_date(earliest))  # fmt: skip
        return
    appointed, field = appointment
    if appointed >= earliest:
        return
    o = m.min_term_override
    if o is None:
        c.blocker("p.14", field, "r2025.p14.min_term",
                  appointed=fmt_date(appointed), earliest=fmt_date(earliest))  # fmt: skip
    else:
        c.add(Severity.INFO, "p.14", "membership.min_term_override", "r2025.p14.override",
              {"authority": f"rules.authority.{o.authority.value}"},
              reference=o.reference, date=fmt_date(o.date))  # fmt: skip


def p18_grounds(c: Ctx) -> None:
    m = c.membership
    if m is None or not m.active(c.at) or (m.appointed_on is not None and m.appointed_on <= c.at):
        return
    lo, at = m.enrolled_on, c.at

    def ground(n: str, field: str, when: dt.date) -> None:
        c.blocker(f"p.18({n})", field, f"r2025.p18_{n}", date=fmt_date(when))

    for i, li in enumerate(c.d.liabilities):
        if not lo <= li.date <= at:
            continue
        if li.kind is LiabilityKind.ADMINISTRATIVE and li.by_court and li.intentional:
            ground("1", f"liabilities[{i}]", li.date)
        elif li.kind is LiabilityKind.CORRUPTION:
            ground("2", f"liabilities[{i}]", li.date)
    for i, s in enumerate(c.d.disciplinary):
        if not lo <= s.imposed <= at:
            continue
        if s.corruption:
            ground("2", f"disciplinary[{i}].corruption", s.imposed)
        if s.kind in c.p.p18_3_kinds:
            ground("3", f"disciplinary[{i}].kind", s.imposed)
        elif s.kind is SanctionKind.DISMISSAL:
            ground("6", f"disciplinary[{i}].kind", s.imposed)
    for i, e in enumerate(c.d.career_events):
        n = _EVENT_GROUND.get(e.kind)
        if n is not None and lo <= e.date <= at:
            ground(n, f"career_events[{i}].kind", e.date)
    # p.18(7): a secondment to another state body recorded after the enrolment (the HR subdivision
    # confirms the host is one of the bodies p.18(7) lists when it submits the ground, p.19)
    sec = c.d.secondment
    if sec.kind is SecondmentKind.STATE_BODY and sec.since is not None and lo <= sec.since <= at:
        ground("7", "secondment.since", sec.since)
    a = c.d.attestation
    if a.decision is AttestationDecision.DEMOTION and a.date is not None and lo <= a.date <= at:
        ground("8", "attestation.decision", a.date)
    end = term_end(m, c.p)
    if last_day(end, c.p) < at:
        ground("5", "membership.term_ends", end)


def reenrolment_date(c: Ctx) -> tuple[dt.date | None, str]:
    """p.20: one year after the last listed sanction was lifted; (None, field) while one is in
    force; (None, "") when the dossier records no listed sanction."""
    last: tuple[dt.date, str] | None = None  # the latest lift and its field
    for i, s in enumerate(c.d.disciplinary):
        if s.kind not in c.p.p18_3_kinds or s.imposed > c.at:
            continue
        if s.lifted is None or s.lifted > c.at:
            return None, f"disciplinary[{i}].lifted"
        if last is None or s.lifted > last[0]:
            last = s.lifted, f"disciplinary[{i}].lifted"
    return (None, "") if last is None else (plain_end(last[0], c.p.reenrol_after), last[1])


def p20_reenrolment(c: Ctx) -> None:
    m = c.membership
    excluded_p18_3 = (
        m is not None and m.ground is ExclusionGround.LISTED_SANCTION and not m.active(c.at)
    )
    earliest, field = reenrolment_date(c)
    if earliest is None:
        if excluded_p18_3:
            c.blocker("p.20", field or "membership.ground", "r2025.p20.not_removed")
        return
    if c.at >= earliest:
        return
    if excluded_p18_3:
        c.blocker("p.20", field, "r2025.p20.too_early", earliest=fmt_date(earliest))
    else:
        c.warning("p.20", field, "r2025.p20.if_excluded", earliest=fmt_date(earliest))


CHECKS = (p14_term, p18_grounds, p20_reenrolment)

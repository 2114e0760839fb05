"""Rules-2025 eligibility and materials: p.5-p.8 and p.10. Each check cites its clause."""

from __future__ import annotations

import datetime as dt

from app.domain.dossier import Body, SecondmentKind
from app.i18n import fmt_date
from app.rules.base import Severity
from app.rules.rules_2025_params import Ctx
from app.rules.terms import add_months


def p7_first_head(c: Ctx) -> None:
    if c.d.nomination.first_head_position:
        c.blocker("p.7", "nomination.first_head_position", "r2025.p7.first_head")


def p4_listed_position(c: Ctx) -> None:
    """p.4: the reserve is formed for the positions of the list approved by Decree No. 290 of
    31.07.2023. Checked against the workstation's positions catalogue when it keeps one."""
    title = c.d.nomination.intended_position.strip()
    if not title or not c.positions:
        return
    if c.position is None:
        c.warning("p.4", "nomination.intended_position", "r2025.p4.not_in_catalogue",
                  position=title[:200])  # fmt: skip
    elif not c.position.decree_290:
        c.blocker("p.4", "nomination.intended_position", "r2025.p4.outside_list",
                  position=c.position.title)  # fmt: skip


def full_years(start: dt.date, at: dt.date) -> int:
    """Completed years of service by calendar anniversaries (a 29 February start completes its
    year on 28 February, the last day of the month, as civil-law terms in years do)."""
    if at < start:
        return 0
    years = at.year - start.year
    if add_months(start, 12 * years) > at:
        years -= 1
    return years


def p8_1_qualification(c: Ctx) -> None:
    """p.8(1): the qualification requirements of the intended position. The catalogue's
    requirements, where it records them, take the place of those typed into the dossier."""
    n = c.d.nomination
    if not n.intended_position.strip():
        c.blocker("p.8(1)", "nomination.intended_position", "r2025.p8_1.no_position")
    pos = c.position
    required_years = n.required_service_years
    required_training = n.required_training
    if pos is not None and pos.service_years is not None:
        required_years = pos.service_years
    if pos is not None and pos.training.strip():
        required_training = pos.training
    if required_years is not None:
        if c.d.service_start is None:
            c.blocker("p.8(1)", "service_start", "r2025.p8_1.no_service_start")
        else:
            have = full_years(c.d.service_start, c.at)
            if have < required_years:
                c.blocker(
                    "p.8(1)", "service_start", "r2025.p8_1.service_short",
                    have=str(have), need=str(required_years),
                )  # fmt: skip
    if required_training.strip() and not any(t.completed for t in c.d.training):
        c.blocker(
            "p.8(1)", "training", "r2025.p8_1.training_missing", training=required_training
        )
    if n.qualification_met is None:
        c.blocker("p.8(1)", "nomination.qualification_met", "r2025.p8_1.qualification_unknown")
    elif not n.qualification_met:
        c.blocker("p.8(1)", "nomination.qualification_met", "r2025.p8_1.qualification_not_met")


def p8_2_attestation(c: Ctx) -> None:
    a = c.d.attestation
    if not a.subject:
        if not a.service_results.strip():  # p.10(1): concrete indicators for those not attested
            c.blocker("p.10(1)", "attestation.service_results", "r2025.p8_2.no_results")
        return
    if a.decision is None:
        c.blocker("p.8(2)", "attestation.decision", "r2025.p8_2.no_decision")
        return
    refs = {"decision": f"rules.attestation.{a.decision.value}"}
    if a.decision in c.p.conditional:
        c.add(Severity.WARNING, "p.8(2)", "attestation.decision", "r2025.p8_2.conditional", refs)
    elif a.decision not in c.p.fitting:
        c.add(Severity.BLOCKER, "p.8(2)", "attestation.decision", "r2025.p8_2.unfit", refs)
    if a.date is not None and a.date > c.at:
        c.blocker("p.8(2)", "attestation.date", "r2025.p8_2.future", date=fmt_date(a.date))


def p8_3_sanctions(c: Ctx) -> None:
    """No disciplinary sanction at the moment the materials are sent: judged at the sending date
    when they were sent (``sent_on``, a sanction imposed later is p.18's matter, one lifted later
    was still in force), else at ``at`` (the materials are about to be sent)."""
    day = c.at if c.sent_on is None else min(c.sent_on, c.at)
    for i, s in enumerate(c.d.disciplinary):
        if s.imposed <= day and (s.lifted is None or s.lifted > day):
            c.add(
                Severity.BLOCKER, "p.8(3)", f"disciplinary[{i}].lifted",
                "r2025.p8_3.active_sanction", {"kind": f"rules.sanction.{s.kind.value}"},
                imposed=fmt_date(s.imposed),
            )  # fmt: skip


def p8_secondment(c: Ctx) -> None:
    s = c.d.secondment
    if s.kind in (SecondmentKind.STATE_BODY, SecondmentKind.INTERNATIONAL):
        if not c.d.nomination.first_head_name.strip():
            c.blocker("p.8 part 3", "nomination.first_head_name", "r2025.p8_sec.first_head")
        if not s.characterising_materials:
            c.info("p.10 para 3", "secondment.characterising_materials", "r2025.p10.characterising")
    elif s.kind is SecondmentKind.PRESIDENTIAL_ADMINISTRATION:
        if not s.pa_submission:
            c.blocker("p.8 part 4", "secondment.pa_submission", "r2025.p8_sec.pa_submission")
        if not s.agreed_with_first_head:
            c.blocker(
                "p.8 part 4", "secondment.agreed_with_first_head", "r2025.p8_sec.pa_agreement"
            )
    if s.kind is not SecondmentKind.NONE and not s.host.strip():
        c.warning("p.8", "secondment.host", "r2025.p8_sec.no_host")


def sgs_path(c: Ctx) -> None:
    """p.5 para 2, p.6 para 2: the State Guard Service forms its list and prepares the
    materials itself; its reserve is approved on the submission of the head of the Service."""
    if c.d.body is not Body.SGS:
        return
    c.info("p.5 para 2, p.6 para 2", "body", "r2025.sgs.path")
    if not c.d.nomination.first_head_name.strip():
        c.blocker("p.5 para 2", "nomination.first_head_name", "r2025.sgs.no_head_submission")


def p10_1_submission(c: Ctx) -> None:
    n = c.d.nomination
    sgs = c.d.body is Body.SGS
    if not n.first_head_name.strip() and not sgs and c.d.secondment.kind in (
        SecondmentKind.NONE, SecondmentKind.PRESIDENTIAL_ADMINISTRATION
    ):
        c.blocker("p.10(1)", "nomination.first_head_name", "r2025.p10_1.first_head")
    if not n.qualities.strip():
        c.blocker("p.10(1)", "nomination.qualities", "r2025.p10_1.qualities")
    if not n.compliance.strip():
        c.blocker("p.10(1)", "nomination.compliance", "r2025.p10_1.compliance")
    years = {i.year for i in c.d.indicators if i.text.strip()}
    k = c.p.indicator_years
    previous = set(range(c.at.year - k, c.at.year))
    current = set(range(c.at.year - k + 1, c.at.year + 1))
    if not (previous <= years or current <= years):
        missing = ", ".join(str(y) for y in sorted(previous - years))
        c.blocker("p.10(1)", "indicators", "r2025.p10_1.indicators", years=missing)
    a = c.d.attestation
    if a.subject and a.decision is not None and not a.protocol_ref.strip():
        c.warning("p.10(1)", "attestation.protocol_ref", "r2025.p10_1.attestation_ref")
    if n.submission_date is None:
        c.warning("p.10(1)", "nomination.submission_date", "r2025.p10_1.no_date")
    elif n.submission_date > c.at:
        c.blocker(
            "p.10(1)", "nomination.submission_date", "r2025.p10_1.future_date",
            date=fmt_date(n.submission_date),
        )  # fmt: skip


def p10_2_reference(c: Ctx) -> None:
    if not c.has_photo:
        c.blocker("p.10(2)", "photo", "r2025.p10_2.photo")
    if not c.d.service_record:
        c.blocker("p.10(2)", "service_record", "r2025.p10_2.service_record")
    for i, e in enumerate(c.d.service_record):
        if e.end is not None and e.end < e.start:
            c.blocker(
                "p.10(2)", f"service_record[{i}].end", "r2025.p10_2.bad_dates",
                start=fmt_date(e.start), end=fmt_date(e.end),
            )  # fmt: skip


def p10_3_vetting(c: Ctx) -> None:
    v = c.d.vetting
    if v.passed is None:
        c.blocker("p.10(3)", "vetting.passed", "r2025.p10_3.unknown")
    elif not v.passed:
        c.blocker("p.10(3)", "vetting.passed", "r2025.p10_3.failed")
    elif v.date is not None and v.date > c.at:
        c.blocker("p.10(3)", "vetting.date", "r2025.p10_3.future", date=fmt_date(v.date))


def p10_simultaneous(c: Ctx) -> None:
    if c.d.nomination.appointment_submission_pending:
        c.blocker(
            "p.10 para 5", "nomination.appointment_submission_pending", "r2025.p10.simultaneous"
        )


CHECKS = (
    p4_listed_position,
    p7_first_head,
    p8_1_qualification,
    p8_2_attestation,
    p8_3_sanctions,
    p8_secondment,
    sgs_path,
    p10_1_submission,
    p10_2_reference,
    p10_3_vetting,
    p10_simultaneous,
)

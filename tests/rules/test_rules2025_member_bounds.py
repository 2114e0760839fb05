"""Rules-2025 p.14, p.18, p.20 at their boundaries: a fact on the enrolment day or on the check
date, the last day of a term, the order of sanctions. Each finding's clause, field and key."""

from __future__ import annotations

import datetime as dt
from typing import Any

import msgspec
import pytest

from app.domain.dossier import (
    Attestation,
    AttestationDecision,
    CareerEvent,
    CareerEventKind,
    Liability,
    LiabilityKind,
    Sanction,
    SanctionKind,
    Secondment,
    SecondmentKind,
)
from app.domain.reserve import (
    ExclusionGround,
    MinTermOverride,
    OverrideAuthority,
    ReserveMembership,
)
from app.rules.base import Finding, Severity
from app.rules.rules_2025 import RULESET
from tests.factories import make_dossier

D = dt.date
replace = msgspec.structs.replace
ENROLLED = D(2025, 12, 1)
AT = D(2026, 2, 10)


def member(**kw: Any) -> ReserveMembership:
    kw.setdefault("enrolled_on", ENROLLED)
    return ReserveMembership(**kw)


def found(d: Any, m: ReserveMembership | None, at: dt.date) -> list[Finding]:
    return RULESET.evaluate(d, at=at, membership=m)


def rows(fs: list[Finding], prefix: str) -> list[tuple[str, Severity, str, str, dict[str, str]]]:
    return [(f.clause, f.severity, f.field, f.key, f.params) for f in fs
            if f.clause.startswith(f"Rules-2025 {prefix}")]  # fmt: skip


# ---- p.18: every ground, with the fact dated on the enrolment day and on the check date ----

def _facts(day: dt.date) -> list[tuple[str, dict[str, Any], list[tuple[str, str, str]]]]:
    """(what, dossier changes, [(clause, field, key)]) for a fact dated ``day``."""
    return [
        ("p.18(1) court administrative liability, intentional",
         {"liabilities": [Liability(kind=LiabilityKind.ADMINISTRATIVE, date=day, by_court=True,
                                    intentional=True)]},
         [("p.18(1)", "liabilities[0]", "r2025.p18_1")]),
        ("p.18(2) corruption liability",
         {"liabilities": [Liability(kind=LiabilityKind.CORRUPTION, date=day)]},
         [("p.18(2)", "liabilities[0]", "r2025.p18_2")]),
        ("p.18(2) corruption sanction",
         {"disciplinary": [Sanction(kind=SanctionKind.REMARK, imposed=day, lifted=day,
                                    corruption=True)]},
         [("p.18(2)", "disciplinary[0].corruption", "r2025.p18_2")]),
        ("p.18(2) and p.18(3) from one listed corruption sanction",
         {"disciplinary": [Sanction(kind=SanctionKind.RANK_DEMOTION, imposed=day, lifted=day,
                                    corruption=True)]},
         [("p.18(2)", "disciplinary[0].corruption", "r2025.p18_2"),
          ("p.18(3)", "disciplinary[0].kind", "r2025.p18_3")]),
        ("p.18(3) listed sanction",
         {"disciplinary": [Sanction(kind=SanctionKind.INCOMPLETE_COMPLIANCE_WARNING, imposed=day,
                                    lifted=day)]},
         [("p.18(3)", "disciplinary[0].kind", "r2025.p18_3")]),
        ("p.18(4) own report",
         {"career_events": [CareerEvent(kind=CareerEventKind.EXCLUSION_REQUEST, date=day)]},
         [("p.18(4)", "career_events[0].kind", "r2025.p18_4")]),
        ("p.18(6) dismissal by sanction",
         {"disciplinary": [Sanction(kind=SanctionKind.DISMISSAL, imposed=day, lifted=day)]},
         [("p.18(6)", "disciplinary[0].kind", "r2025.p18_6")]),
        ("p.18(6) dismissal event",
         {"career_events": [CareerEvent(kind=CareerEventKind.DISMISSAL, date=day)]},
         [("p.18(6)", "career_events[0].kind", "r2025.p18_6")]),
        ("p.18(7) transfer",
         {"career_events": [CareerEvent(kind=CareerEventKind.TRANSFER, date=day)]},
         [("p.18(7)", "career_events[0].kind", "r2025.p18_7")]),
        ("p.18(8) demotion by attestation event",
         {"career_events": [CareerEvent(kind=CareerEventKind.DEMOTION_BY_ATTESTATION, date=day)]},
         [("p.18(8)", "career_events[0].kind", "r2025.p18_8")]),
        ("p.18(8) lower position",
         {"career_events": [CareerEvent(kind=CareerEventKind.LOWER_POSITION, date=day)]},
         [("p.18(8)", "career_events[0].kind", "r2025.p18_8")]),
        ("p.18(8) attestation decision demotion",
         {"attestation": Attestation(decision=AttestationDecision.DEMOTION, date=day,
                                     protocol_ref="1")},
         [("p.18(8)", "attestation.decision", "r2025.p18_8")]),
    ]  # fmt: skip


FACTS = [f[0] for f in _facts(AT)]


@pytest.mark.parametrize("what", FACTS)
@pytest.mark.parametrize(
    ("when", "counts"),
    [
        ("enrolment_day", True),
        ("check_date", True),
        ("day_before_enrolment", False),
        ("day_after_check_date", False),
    ],
)
def test_rules2025_p18_fact_on_the_window_edges(what: str, when: str, counts: bool) -> None:
    """p.18: a fact dated on the enrolment day or on the check date is a ground; a day outside
    the window [enrolment, check date] is not."""
    day = {"enrolment_day": ENROLLED, "check_date": AT,
           "day_before_enrolment": ENROLLED - dt.timedelta(days=1),
           "day_after_check_date": AT + dt.timedelta(days=1)}[when]  # fmt: skip
    (_, changes, expected) = next(f for f in _facts(day) if f[0] == what)
    got = rows(found(make_dossier(**changes), member(), AT), "p.18")
    want = [(f"Rules-2025 {c}", Severity.BLOCKER, field, key, {"date": day.strftime("%d.%m.%Y")})
            for c, field, key in expected]  # fmt: skip
    assert got == (want if counts else [])


def test_rules2025_p18_appointment_in_the_window_is_no_ground() -> None:
    d = make_dossier(career_events=[CareerEvent(kind=CareerEventKind.APPOINTMENT, date=AT)])
    assert rows(found(d, member(), AT), "p.18") == []


def test_rules2025_p18_each_fact_cites_its_own_index() -> None:
    d = make_dossier(
        liabilities=[Liability(kind=LiabilityKind.ADMINISTRATIVE, date=AT),
                     Liability(kind=LiabilityKind.CORRUPTION, date=AT)],
        career_events=[CareerEvent(kind=CareerEventKind.APPOINTMENT, date=AT),
                       CareerEvent(kind=CareerEventKind.TRANSFER, date=AT)],
        disciplinary=[Sanction(kind=SanctionKind.REMARK, imposed=AT, lifted=AT),
                      Sanction(kind=SanctionKind.DISMISSAL, imposed=AT, lifted=AT)],
    )  # fmt: skip
    got = [(c, field) for c, _, field, _, _ in rows(found(d, member(), AT), "p.18")]
    assert got == [("Rules-2025 p.18(2)", "liabilities[1]"),
                   ("Rules-2025 p.18(6)", "disciplinary[1].kind"),
                   ("Rules-2025 p.18(7)", "career_events[1].kind")]  # fmt: skip


def test_rules2025_p18_a_fact_before_the_enrolment_does_not_hide_a_later_one() -> None:
    before = ENROLLED - dt.timedelta(days=1)
    d = make_dossier(
        liabilities=[Liability(kind=LiabilityKind.CORRUPTION, date=before),
                     Liability(kind=LiabilityKind.CORRUPTION, date=AT)],
        disciplinary=[Sanction(kind=SanctionKind.DISMISSAL, imposed=before, lifted=before),
                      Sanction(kind=SanctionKind.DISMISSAL, imposed=AT, lifted=AT)],
    )  # fmt: skip
    got = [(c, field) for c, _, field, _, _ in rows(found(d, member(), AT), "p.18")]
    assert got == [("Rules-2025 p.18(2)", "liabilities[1]"),
                   ("Rules-2025 p.18(6)", "disciplinary[1].kind")]  # fmt: skip


def test_rules2025_p18_5_term_end_field_and_date() -> None:
    m = member(term_ends=AT)
    assert rows(found(make_dossier(), m, AT), "p.18") == [
        ("Rules-2025 p.18(5)", Severity.BLOCKER, "membership.term_ends", "r2025.p18_5",
         {"date": "10.02.2026"})
    ]  # fmt: skip
    assert rows(found(make_dossier(), m, AT - dt.timedelta(days=1)), "p.18") == []


def test_rules2025_p18_not_raised_for_a_member_excluded_by_the_check_date() -> None:
    d = make_dossier(career_events=[CareerEvent(kind=CareerEventKind.TRANSFER, date=AT)])
    assert rows(found(d, member(excluded_on=AT), AT), "p.18") == []
    assert rows(found(d, member(excluded_on=AT + dt.timedelta(days=1)), AT), "p.18")


# ---- p.14: the term, the minimum term before appointment, the override ----

def test_rules2025_p14_member_warning_until_the_day_before_the_term_end() -> None:
    m = member(term_ends=D(2026, 3, 1))
    (f,) = [f for f in found(make_dossier(), m, D(2026, 2, 28)) if f.key == "r2025.p14.member"]
    assert (f.clause, f.severity, f.field, f.params) == (
        "Rules-2025 p.14", Severity.WARNING, "membership.term_ends", {"until": "01.03.2026"})
    # on the term-end day the member is no longer "in term" (p.18(5) takes over)
    assert not [f for f in found(make_dossier(), m, D(2026, 3, 1)) if f.key == "r2025.p14.member"]


def test_rules2025_p14_appointable_from_until_the_earliest_appointment_day() -> None:
    d = make_dossier()
    (f,) = rows(found(d, member(), D(2026, 2, 28)), "p.14")[1:]
    assert f == ("Rules-2025 p.14", Severity.INFO, "membership.enrolled_on",
                 "r2025.p14.appointable_from", {"date": "01.03.2026"})  # fmt: skip
    # on 01.03.2026 (three months after 01.12.2025) the member may be appointed: no notice
    assert [k for _, _, _, k, _ in rows(found(d, member(), D(2026, 3, 1)), "p.14")] == [
        "r2025.p14.member"
    ]


def test_rules2025_p14_appointment_on_the_enrolment_day_counts() -> None:
    d = make_dossier(career_events=[CareerEvent(kind=CareerEventKind.APPOINTMENT, date=ENROLLED)])
    got = rows(found(d, member(), AT), "p.14")
    assert got[1:] == [("Rules-2025 p.14", Severity.BLOCKER, "career_events[0].date",
                        "r2025.p14.min_term", {"appointed": "01.12.2025", "earliest": "01.03.2026"})]


def test_rules2025_p14_appointment_before_the_enrolment_is_not_this_terms() -> None:
    d = make_dossier(career_events=[
        CareerEvent(kind=CareerEventKind.APPOINTMENT, date=ENROLLED - dt.timedelta(days=1)),
    ])  # fmt: skip
    keys = [k for _, _, _, k, _ in rows(found(d, member(), AT), "p.14")]
    assert keys == ["r2025.p14.member", "r2025.p14.appointable_from"]


def test_rules2025_p14_other_career_events_are_not_the_appointment() -> None:
    d = make_dossier(career_events=[
        CareerEvent(kind=CareerEventKind.TRANSFER, date=D(2026, 1, 15)),
        CareerEvent(kind=CareerEventKind.APPOINTMENT, date=D(2026, 1, 20)),
    ])  # fmt: skip
    (f,) = [f for f in found(d, member(), AT) if f.key == "r2025.p14.min_term"]
    assert (f.field, f.params["appointed"]) == ("career_events[1].date", "20.01.2026")
    only_transfer = replace(d, career_events=d.career_events[:1])
    keys = [k for _, _, _, k, _ in rows(found(only_transfer, member(), AT), "p.14")]
    assert keys == ["r2025.p14.member", "r2025.p14.appointable_from"]


def test_rules2025_p14_recorded_appointment_wins_over_career_events() -> None:
    d = make_dossier(career_events=[CareerEvent(kind=CareerEventKind.APPOINTMENT,
                                                date=D(2026, 1, 15))])  # fmt: skip
    m = member(appointed_on=D(2026, 1, 10))
    (f,) = [f for f in found(d, m, AT) if f.key == "r2025.p14.min_term"]
    assert (f.severity, f.field, f.params) == (
        Severity.BLOCKER, "membership.appointed_on",
        {"appointed": "10.01.2026", "earliest": "01.03.2026"})  # fmt: skip


def test_rules2025_p14_override_is_an_info_with_its_decision() -> None:
    o = MinTermOverride(authority=OverrideAuthority.PRESIDENT, reference="№ 9", date=D(2026, 1, 5))
    m = member(appointed_on=D(2026, 1, 10), min_term_override=o)
    (f,) = [f for f in found(make_dossier(), m, AT) if f.key == "r2025.p14.override"]
    assert (f.clause, f.severity, f.field) == (
        "Rules-2025 p.14", Severity.INFO, "membership.min_term_override")
    assert f.params == {"reference": "№ 9", "date": "05.01.2026"}
    assert f.refs == {"authority": "rules.authority.president"}
    for lang in ("kk", "ru"):
        assert "№ 9" in f.message(lang) and "05.01.2026" in f.message(lang)


def test_rules2025_p14_not_for_a_member_enrolled_after_the_check_date() -> None:
    assert found(make_dossier(), member(enrolled_on=AT + dt.timedelta(days=1)), AT) == []
    assert rows(found(make_dossier(), member(enrolled_on=AT), AT), "p.14")


# ---- p.20: re-enrolment one year after a p.18(3) sanction was lifted ----

EXCLUDED = ReserveMembership(enrolled_on=D(2023, 1, 10), excluded_on=D(2024, 6, 1),
                             ground=ExclusionGround.LISTED_SANCTION)  # fmt: skip
LISTED = Sanction(kind=SanctionKind.RANK_DEMOTION, imposed=D(2024, 5, 1), lifted=D(2025, 5, 1))


def p20(d: Any, at: dt.date, m: ReserveMembership | None = EXCLUDED) -> list[tuple[Any, ...]]:
    return rows(found(d, m, at), "p.20")


def test_rules2025_p20_unlifted_sanction_off_the_list_does_not_block() -> None:
    other = Sanction(kind=SanctionKind.REPRIMAND, imposed=D(2026, 1, 1))
    d = make_dossier(disciplinary=[other, LISTED])
    assert p20(d, D(2026, 5, 1)) == []
    assert p20(d, D(2026, 4, 30)) == [
        ("Rules-2025 p.20", Severity.BLOCKER, "disciplinary[1].lifted", "r2025.p20.too_early",
         {"earliest": "01.05.2026"})
    ]  # fmt: skip


def test_rules2025_p20_listed_sanction_imposed_on_the_check_date_is_in_force() -> None:
    at = D(2026, 6, 1)
    d = make_dossier(disciplinary=[replace(LISTED, imposed=at, lifted=None)])
    assert p20(d, at) == [
        ("Rules-2025 p.20", Severity.BLOCKER, "disciplinary[0].lifted", "r2025.p20.not_removed", {})
    ]
    # imposed after the check date: not yet in the dossier's past, nothing in force
    assert p20(d, at - dt.timedelta(days=1)) == [
        ("Rules-2025 p.20", Severity.BLOCKER, "membership.ground", "r2025.p20.not_removed", {})
    ]


def test_rules2025_p20_sanction_lifted_on_the_check_date_is_removed() -> None:
    at = D(2026, 6, 1)
    d = make_dossier(disciplinary=[replace(LISTED, lifted=at)])
    assert p20(d, at) == [
        ("Rules-2025 p.20", Severity.BLOCKER, "disciplinary[0].lifted", "r2025.p20.too_early",
         {"earliest": "01.06.2027"})
    ]  # fmt: skip


def test_rules2025_p20_a_listed_sanction_after_an_unlisted_one_still_counts() -> None:
    d = make_dossier(disciplinary=[
        Sanction(kind=SanctionKind.REMARK, imposed=D(2024, 1, 1), lifted=D(2024, 3, 1)),
        replace(LISTED, lifted=None),
    ])  # fmt: skip
    assert p20(d, D(2026, 6, 1)) == [
        ("Rules-2025 p.20", Severity.BLOCKER, "disciplinary[1].lifted", "r2025.p20.not_removed", {})
    ]


@pytest.mark.parametrize("order", ["later_first", "later_last"])
def test_rules2025_p20_counts_from_the_last_lifted_sanction(order: str) -> None:
    later = Sanction(kind=SanctionKind.POSITION_DEMOTION, imposed=D(2024, 7, 1),
                     lifted=D(2025, 8, 1))  # fmt: skip
    sanctions = [later, LISTED] if order == "later_first" else [LISTED, later]
    idx = sanctions.index(later)
    assert p20(make_dossier(disciplinary=sanctions), D(2026, 7, 31)) == [
        ("Rules-2025 p.20", Severity.BLOCKER, f"disciplinary[{idx}].lifted",
         "r2025.p20.too_early", {"earliest": "01.08.2026"})
    ]  # fmt: skip


def test_rules2025_p20_two_sanctions_lifted_the_same_day_cite_the_first() -> None:
    other = replace(LISTED, kind=SanctionKind.POSITION_DEMOTION)
    assert p20(make_dossier(disciplinary=[LISTED, other]), D(2026, 4, 30)) == [
        ("Rules-2025 p.20", Severity.BLOCKER, "disciplinary[0].lifted", "r2025.p20.too_early",
         {"earliest": "01.05.2026"})
    ]  # fmt: skip


def test_rules2025_p20_warning_when_not_excluded_under_p18_3() -> None:
    d = make_dossier(disciplinary=[LISTED])
    for m in (None, replace(EXCLUDED, ground=ExclusionGround.OWN_REPORT),
              replace(EXCLUDED, excluded_on=None)):  # fmt: skip
        assert p20(d, D(2026, 4, 30), m) == [
            ("Rules-2025 p.20", Severity.WARNING, "disciplinary[0].lifted",
             "r2025.p20.if_excluded", {"earliest": "01.05.2026"})
        ]  # fmt: skip
    # a listed sanction still in force for someone not excluded under p.18(3): nothing to say
    assert p20(make_dossier(disciplinary=[replace(LISTED, lifted=None)]), D(2026, 4, 30),
               None) == []  # fmt: skip


# ---- p.18(7) from a secondment, p.18 after an appointment, p.18(5) with the anniversary kept ----

@pytest.mark.parametrize(
    ("since", "counts"),
    [(ENROLLED, True), (AT, True), (ENROLLED - dt.timedelta(days=1), False),
     (AT + dt.timedelta(days=1), False)],
)  # fmt: skip
def test_rules2025_p18_7_secondment_to_a_state_body_from_the_enrolment_to_the_check_date(
    since: dt.date, counts: bool
) -> None:
    d = make_dossier(secondment=Secondment(kind=SecondmentKind.STATE_BODY, host="Body", since=since))
    want = [("Rules-2025 p.18(7)", Severity.BLOCKER, "secondment.since", "r2025.p18_7",
             {"date": since.strftime("%d.%m.%Y")})]  # fmt: skip
    assert rows(found(d, member(), AT), "p.18") == (want if counts else [])


@pytest.mark.parametrize("kind", [SecondmentKind.INTERNATIONAL, SecondmentKind.PRESIDENTIAL_ADMINISTRATION])
def test_rules2025_p18_7_only_a_secondment_to_a_state_body_is_a_ground(kind: SecondmentKind) -> None:
    d = make_dossier(secondment=Secondment(kind=kind, host="Host", since=AT))
    assert rows(found(d, member(), AT), "p.18") == []


def test_rules2025_p18_7_state_body_secondment_without_a_start_is_no_ground() -> None:
    d = make_dossier(secondment=Secondment(kind=SecondmentKind.STATE_BODY, host="Body"))
    assert rows(found(d, member(), AT), "p.18") == []


def test_rules2025_p18_member_appointed_on_the_check_date_raises_no_ground() -> None:
    d = make_dossier(career_events=[CareerEvent(kind=CareerEventKind.TRANSFER, date=AT)])
    assert rows(found(d, member(appointed_on=AT), AT), "p.18") == []
    assert [r[2] for r in rows(found(d, member(appointed_on=AT + dt.timedelta(days=1)), AT),
                               "p.18")] == ["career_events[0].kind"]  # fmt: skip


def test_rules2025_p18_5_anniversary_kept_in_the_reserve_by_the_parameter() -> None:
    kept = RULESET.with_params(anniversary_in_reserve=True)
    m = member(term_ends=AT)
    assert rows(kept.evaluate(make_dossier(), at=AT, membership=m), "p.18") == []
    assert rows(kept.evaluate(make_dossier(), at=AT + dt.timedelta(days=1), membership=m), "p.18") == [
        ("Rules-2025 p.18(5)", Severity.BLOCKER, "membership.term_ends", "r2025.p18_5",
         {"date": "10.02.2026"})
    ]  # fmt: skip

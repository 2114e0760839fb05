"""Rules-2025, clause by clause: each clause has a passing and a failing case."""

from __future__ import annotations

import datetime as dt
from typing import Any

import msgspec
import pytest

from app.domain.dossier import (
    Attestation,
    AttestationDecision,
    Body,
    CareerEvent,
    CareerEventKind,
    Indicator,
    Liability,
    LiabilityKind,
    Sanction,
    SanctionKind,
    Secondment,
    SecondmentKind,
    Vetting,
)
from app.domain.reserve import (
    ExclusionGround,
    MinTermOverride,
    OverrideAuthority,
    ReserveMembership,
)
from app.rules import rulesets
from app.rules.base import Finding, Severity, nominable
from app.rules.rules_2025 import RULESET
from tests.factories import make_dossier

D = dt.date
AT = D(2026, 2, 10)
replace = msgspec.structs.replace


def run(d: Any = None, *, at: dt.date = AT, **kw: Any) -> list[Finding]:
    return RULESET.evaluate(d if d is not None else make_dossier(), at=at, **kw)


def hits(found: list[Finding], clause: str, severity: Severity | None = None) -> list[Finding]:
    return [f for f in found if f.clause == clause and (severity is None or f.severity is severity)]


def nom(**changes: Any) -> Any:
    return replace(make_dossier().nomination, **changes)


def test_rules2025_factory_dossier_is_nominable() -> None:
    found = run()
    assert found == [] and nominable(found)
    assert rulesets.evaluate(make_dossier(), at=AT) == []


def test_rules2025_p7_first_head_position_blocks() -> None:
    assert not hits(run(), "Rules-2025 p.7")
    (f,) = hits(run(make_dossier(nomination=nom(first_head_position=True))), "Rules-2025 p.7")
    assert f.severity is Severity.BLOCKER and f.field == "nomination.first_head_position"


@pytest.mark.parametrize(
    ("changes", "key"),
    [
        ({}, None),
        ({"nomination": {"intended_position": " "}}, "r2025.p8_1.no_position"),
        ({"nomination": {"required_service_years": 25}}, "r2025.p8_1.service_short"),
        ({"nomination": {"required_service_years": 21}}, None),  # 21.5 years by 10.02.2026
        ({"service_start": None}, "r2025.p8_1.no_service_start"),
        ({"nomination": {"required_training": "Академия"}, "training": []},
         "r2025.p8_1.training_missing"),
        ({"nomination": {"required_training": "Академия"}}, None),
        ({"nomination": {"qualification_met": None}}, "r2025.p8_1.qualification_unknown"),
        ({"nomination": {"qualification_met": False}}, "r2025.p8_1.qualification_not_met"),
    ],
)
def test_rules2025_p8_1_qualification(changes: dict[str, Any], key: str | None) -> None:
    changes = dict(changes)  # a copy: popping from the parametrize dict passes only once
    n = changes.pop("nomination", None)
    d = make_dossier(**changes, **({"nomination": nom(**n)} if n else {}))
    found = hits(run(d), "Rules-2025 p.8(1)")
    assert [f.key for f in found] == ([key] if key else [])
    assert all(f.severity is Severity.BLOCKER for f in found)


@pytest.mark.parametrize(
    ("attestation", "key", "severity"),
    [
        (Attestation(decision=AttestationDecision.FITS, protocol_ref="1"), None, None),
        (Attestation(decision=AttestationDecision.FITS_RECOMMENDED_PROMOTION, protocol_ref="1"),
         None, None),
        (Attestation(decision=None), "r2025.p8_2.no_decision", Severity.BLOCKER),
        (Attestation(decision=AttestationDecision.NOT_FIT, protocol_ref="1"), "r2025.p8_2.unfit",
         Severity.BLOCKER),
        (Attestation(decision=AttestationDecision.DEMOTION, protocol_ref="1"), "r2025.p8_2.unfit",
         Severity.BLOCKER),
        (Attestation(decision=AttestationDecision.FITS_WITH_REATTESTATION, protocol_ref="1"),
         "r2025.p8_2.conditional", Severity.WARNING),
        (Attestation(subject=False, service_results="Раскрыто 12 дел"), None, None),
        (Attestation(subject=False), "r2025.p8_2.no_results", Severity.BLOCKER),
        (Attestation(decision=AttestationDecision.FITS, date=D(2026, 5, 1), protocol_ref="1"),
         "r2025.p8_2.future", Severity.BLOCKER),
    ],
)
def test_rules2025_p8_2_attestation(
    attestation: Attestation, key: str | None, severity: Severity | None
) -> None:
    # the not-attested case is cited under p.10(1), the rest under p.8(2)
    found = [f for f in run(make_dossier(attestation=attestation)) if f.key.startswith("r2025.p8_2")]
    assert [(f.key, f.severity) for f in found] == ([(key, severity)] if key else [])


def test_rules2025_p8_2_unfit_message_names_the_decision() -> None:
    unfit = Attestation(decision=AttestationDecision.NOT_FIT, protocol_ref="1")
    d = make_dossier(attestation=unfit)
    (f,) = hits(run(d), "Rules-2025 p.8(2)")
    assert "не соответствует занимаемой должности" in f.message("ru")
    assert "сәйкес келмейді" in f.message("kk")


def test_rules2025_p8_3_active_sanction_blocks() -> None:
    s = Sanction(kind=SanctionKind.REPRIMAND, imposed=D(2025, 12, 1))
    found = hits(run(make_dossier(disciplinary=[s])), "Rules-2025 p.8(3)")
    assert [(f.severity, f.field) for f in found] == [(Severity.BLOCKER, "disciplinary[0].lifted")]
    assert "01.12.2025" in found[0].message("ru") and "выговор" in found[0].message("ru")
    assert "сөгіс" in found[0].message("kk")


@pytest.mark.parametrize(
    "sanction",
    [
        Sanction(kind=SanctionKind.REPRIMAND, imposed=D(2025, 1, 1), lifted=D(2026, 2, 10)),
        Sanction(kind=SanctionKind.REMARK, imposed=D(2026, 3, 1)),  # after the checked moment
    ],
)
def test_rules2025_p8_3_lifted_or_later_sanction_passes(sanction: Sanction) -> None:
    assert not hits(run(make_dossier(disciplinary=[sanction])), "Rules-2025 p.8(3)")


def test_rules2025_p8_3_checked_at_the_given_moment() -> None:
    d = make_dossier(disciplinary=[
        Sanction(kind=SanctionKind.REMARK, imposed=D(2025, 6, 1), lifted=D(2026, 1, 1))
    ])  # fmt: skip
    assert hits(run(d, at=D(2025, 12, 31)), "Rules-2025 p.8(3)")
    assert not hits(run(d, at=D(2026, 1, 1)), "Rules-2025 p.8(3)")


@pytest.mark.parametrize(
    ("secondment", "first_head", "expected"),
    [
        (Secondment(kind=SecondmentKind.STATE_BODY, host="МВД", characterising_materials=True),
         "Председатель", []),
        (Secondment(kind=SecondmentKind.INTERNATIONAL, host="ОДКБ", characterising_materials=True),
         "", [("Rules-2025 p.8 part 3", Severity.BLOCKER)]),
        (Secondment(kind=SecondmentKind.STATE_BODY, host="МВД"), "Председатель",
         [("Rules-2025 p.10 para 3", Severity.INFO)]),
        (Secondment(kind=SecondmentKind.PRESIDENTIAL_ADMINISTRATION, host="Отдел",
                    pa_submission=True, agreed_with_first_head=True), "Председатель", []),
        (Secondment(kind=SecondmentKind.PRESIDENTIAL_ADMINISTRATION, host="Отдел",
                    pa_submission=True), "Председатель",
         [("Rules-2025 p.8 part 4", Severity.BLOCKER)]),
        (Secondment(kind=SecondmentKind.PRESIDENTIAL_ADMINISTRATION, host="Отдел"), "Председатель",
         [("Rules-2025 p.8 part 4", Severity.BLOCKER)] * 2),
        (Secondment(kind=SecondmentKind.STATE_BODY, characterising_materials=True), "Председатель",
         [("Rules-2025 p.8", Severity.WARNING)]),
    ],
)
def test_rules2025_p8_secondment_paths(
    secondment: Secondment, first_head: str, expected: list[tuple[str, Severity]]
) -> None:
    d = make_dossier(secondment=secondment, nomination=nom(first_head_name=first_head))
    found = [(f.clause, f.severity) for f in run(d)]
    assert found == expected


def test_rules2025_p5_p6_sgs_path() -> None:
    assert not hits(run(), "Rules-2025 p.5 para 2, p.6 para 2")
    sgs = make_dossier(body=Body.SGS)
    assert [f.severity for f in run(sgs)] == [Severity.INFO]
    assert nominable(run(sgs))
    found = run(make_dossier(body=Body.SGS, nomination=nom(first_head_name="")))
    (f,) = hits(found, "Rules-2025 p.5 para 2", Severity.BLOCKER)
    assert f.key == "r2025.sgs.no_head_submission"
    assert not hits(found, "Rules-2025 p.10(1)")  # the SGS path, not the first head's


@pytest.mark.parametrize(
    ("changes", "keys"),
    [
        ({}, []),
        ({"first_head_name": ""}, ["r2025.p10_1.first_head"]),
        ({"qualities": ""}, ["r2025.p10_1.qualities"]),
        ({"compliance": "  "}, ["r2025.p10_1.compliance"]),
        ({"submission_date": None}, ["r2025.p10_1.no_date"]),
        ({"submission_date": D(2026, 2, 11)}, ["r2025.p10_1.future_date"]),
    ],
)
def test_rules2025_p10_1_submission(changes: dict[str, Any], keys: list[str]) -> None:
    found = hits(run(make_dossier(nomination=nom(**changes))), "Rules-2025 p.10(1)")
    assert [f.key for f in found] == keys


@pytest.mark.parametrize(
    ("years", "at", "missing"),
    [
        ((2023, 2024, 2025), AT, None),
        ((2024, 2025, 2026), D(2026, 11, 1), None),
        ((2023, 2025), AT, "2024"),
        ((), AT, "2023, 2024, 2025"),
        ((2022, 2023, 2024), AT, "2025"),
    ],
)
def test_rules2025_p10_1_three_year_indicators(
    years: tuple[int, ...], at: dt.date, missing: str | None
) -> None:
    d = make_dossier(indicators=[Indicator(year=y, text="показатели") for y in years])
    found = [f for f in hits(run(d, at=at), "Rules-2025 p.10(1)") if f.field == "indicators"]
    assert [f.params["years"] for f in found] == ([missing] if missing else [])


def test_rules2025_p10_1_attestation_reference_is_a_warning() -> None:
    d = make_dossier(attestation=Attestation(decision=AttestationDecision.FITS))
    (f,) = hits(run(d), "Rules-2025 p.10(1)")
    assert (f.severity, f.field) == (Severity.WARNING, "attestation.protocol_ref")


@pytest.mark.parametrize(
    ("changes", "has_photo", "keys"),
    [
        ({}, None, []),
        ({"with_photo": False}, None, ["r2025.p10_2.photo"]),
        ({"with_photo": False}, True, []),  # decoded without the photo, which is stored
        ({"service_record": []}, None, ["r2025.p10_2.service_record"]),
    ],
)
def test_rules2025_p10_2_service_reference_with_photo(
    changes: dict[str, Any], has_photo: bool | None, keys: list[str]
) -> None:
    found = hits(run(make_dossier(**changes), has_photo=has_photo), "Rules-2025 p.10(2)")
    assert [f.key for f in found] == keys


def test_rules2025_p10_2_service_entry_dates() -> None:
    d = make_dossier()
    bad = replace(d.service_record[0], end=D(2000, 1, 1))
    (f,) = hits(run(replace(d, service_record=[bad])), "Rules-2025 p.10(2)")
    assert f.field == "service_record[0].end"


@pytest.mark.parametrize(
    ("vetting", "key"),
    [
        (Vetting(passed=True, date=D(2025, 9, 1)), None),
        (Vetting(passed=None), "r2025.p10_3.unknown"),
        (Vetting(passed=False), "r2025.p10_3.failed"),
        (Vetting(passed=True, date=D(2026, 3, 1)), "r2025.p10_3.future"),
    ],
)
def test_rules2025_p10_3_special_vetting(vetting: Vetting, key: str | None) -> None:
    found = hits(run(make_dossier(vetting=vetting)), "Rules-2025 p.10(3)")
    assert [f.key for f in found] == ([key] if key else [])


def test_rules2025_p10_simultaneous_appointment_submission_blocks() -> None:
    assert not hits(run(), "Rules-2025 p.10 para 5")
    d = make_dossier(nomination=nom(appointment_submission_pending=True))
    (f,) = hits(run(d), "Rules-2025 p.10 para 5")
    assert f.severity is Severity.BLOCKER
    assert f.field == "nomination.appointment_submission_pending"


# ---- p.14, p.18, p.20: reserve members ----

ENROLLED = D(2025, 12, 1)


def member(**kw: Any) -> ReserveMembership:
    kw.setdefault("enrolled_on", ENROLLED)
    return ReserveMembership(**kw)


def test_rules2025_p14_member_in_term_and_appointable_from() -> None:
    found = hits(run(membership=member()), "Rules-2025 p.14")
    assert [(f.key, f.severity) for f in found] == [
        ("r2025.p14.member", Severity.WARNING), ("r2025.p14.appointable_from", Severity.INFO)
    ]
    assert found[0].params["until"] == "01.12.2028"
    assert found[1].params["date"] == "01.03.2026"
    assert not hits(run(membership=member(excluded_on=D(2026, 1, 1))), "Rules-2025 p.14")


@pytest.mark.parametrize(
    ("appointed", "override", "key"),
    [
        (D(2026, 3, 1), None, None),  # exactly three months
        (D(2026, 2, 1), None, "r2025.p14.min_term"),
        (D(2026, 2, 1), MinTermOverride(authority=OverrideAuthority.HEAD_OF_PA, reference="№ 5",
                                        date=D(2026, 1, 20)), "r2025.p14.override"),
    ],
)
def test_rules2025_p14_minimum_term_before_appointment(
    appointed: dt.date, override: MinTermOverride | None, key: str | None
) -> None:
    m = member(appointed_on=appointed, min_term_override=override)
    found = [f for f in hits(run(membership=m, at=D(2026, 3, 2)), "Rules-2025 p.14")
             if f.key != "r2025.p14.member"]  # fmt: skip
    assert [f.key for f in found] == ([key] if key else [])
    if key == "r2025.p14.min_term":
        assert found[0].severity is Severity.BLOCKER
    if key == "r2025.p14.override":
        assert "Руководитель Администрации Президента" in found[0].message("ru")


def test_rules2025_p14_appointment_from_career_events() -> None:
    d = make_dossier(career_events=[CareerEvent(kind=CareerEventKind.APPOINTMENT,
                                                date=D(2026, 1, 15))])  # fmt: skip
    (f,) = [f for f in hits(run(d, membership=member()), "Rules-2025 p.14")
            if f.key == "r2025.p14.min_term"]  # fmt: skip
    assert f.field == "career_events[0].date"


def test_rules2025_p18_5_term_expired() -> None:
    m = ReserveMembership(enrolled_on=D(2023, 2, 10))
    assert not hits(run(membership=m, at=D(2026, 2, 9)), "Rules-2025 p.18(5)")
    (f,) = hits(run(membership=m, at=D(2026, 2, 10)), "Rules-2025 p.18(5)")
    assert f.severity is Severity.BLOCKER and f.params["date"] == "10.02.2026"
    # a recorded term end wins over the computed one
    assert hits(run(membership=replace(m, term_ends=D(2025, 6, 1)), at=D(2025, 6, 1)),
                "Rules-2025 p.18(5)")  # fmt: skip


SANCTION = D(2026, 1, 20)


@pytest.mark.parametrize(
    ("changes", "clause"),
    [
        ({"liabilities": [Liability(kind=LiabilityKind.ADMINISTRATIVE, date=SANCTION,
                                    by_court=True, intentional=True)]}, "p.18(1)"),
        ({"liabilities": [Liability(kind=LiabilityKind.CORRUPTION, date=SANCTION)]}, "p.18(2)"),
        ({"disciplinary": [Sanction(kind=SanctionKind.REPRIMAND, imposed=SANCTION,
                                    lifted=D(2026, 2, 1), corruption=True)]}, "p.18(2)"),
        ({"disciplinary": [Sanction(kind=SanctionKind.INCOMPLETE_COMPLIANCE_WARNING,
                                    imposed=SANCTION)]}, "p.18(3)"),
        ({"disciplinary": [Sanction(kind=SanctionKind.POSITION_DEMOTION, imposed=SANCTION)]},
         "p.18(3)"),
        ({"disciplinary": [Sanction(kind=SanctionKind.RANK_DEMOTION, imposed=SANCTION)]},
         "p.18(3)"),
        ({"career_events": [CareerEvent(kind=CareerEventKind.EXCLUSION_REQUEST, date=SANCTION)]},
         "p.18(4)"),
        ({"career_events": [CareerEvent(kind=CareerEventKind.DISMISSAL, date=SANCTION)]},
         "p.18(6)"),
        ({"disciplinary": [Sanction(kind=SanctionKind.DISMISSAL, imposed=SANCTION)]}, "p.18(6)"),
        ({"career_events": [CareerEvent(kind=CareerEventKind.TRANSFER, date=SANCTION)]},
         "p.18(7)"),
        ({"career_events": [CareerEvent(kind=CareerEventKind.DEMOTION_BY_ATTESTATION,
                                        date=SANCTION)]}, "p.18(8)"),
        ({"career_events": [CareerEvent(kind=CareerEventKind.LOWER_POSITION, date=SANCTION)]},
         "p.18(8)"),
        ({"attestation": Attestation(decision=AttestationDecision.DEMOTION, date=SANCTION,
                                     protocol_ref="1")}, "p.18(8)"),
    ],
)
def test_rules2025_p18_grounds_raised_from_facts(changes: dict[str, Any], clause: str) -> None:
    d = make_dossier(**changes)
    found = hits(run(d, membership=member()), f"Rules-2025 {clause}")
    assert found and all(f.severity is Severity.BLOCKER for f in found)
    assert "{" not in found[0].message("kk") and "{" not in found[0].message("ru")
    # the same fact before the enrolment, or for a non-member, is no exclusion ground
    assert not hits(run(d), f"Rules-2025 {clause}")
    early = member(enrolled_on=D(2026, 2, 1))
    assert not hits(run(d, membership=early), f"Rules-2025 {clause}")


@pytest.mark.parametrize(
    "changes",
    [
        {"liabilities": [Liability(kind=LiabilityKind.ADMINISTRATIVE, date=SANCTION,
                                   by_court=True, intentional=False)]},
        {"liabilities": [Liability(kind=LiabilityKind.ADMINISTRATIVE, date=SANCTION,
                                   by_court=False, intentional=True)]},
        {"disciplinary": [Sanction(kind=SanctionKind.SEVERE_REPRIMAND, imposed=SANCTION,
                                   lifted=D(2026, 2, 1))]},
        {"career_events": [CareerEvent(kind=CareerEventKind.APPOINTMENT, date=D(2026, 3, 5))]},
    ],
)
def test_rules2025_p18_facts_outside_the_grounds_pass(changes: dict[str, Any]) -> None:
    found = run(make_dossier(**changes), membership=member())
    assert not [f for f in found if f.clause.startswith("Rules-2025 p.18")]


LISTED = Sanction(kind=SanctionKind.RANK_DEMOTION, imposed=D(2024, 5, 1), lifted=D(2025, 5, 1))
EXCLUDED = ReserveMembership(enrolled_on=D(2023, 1, 10), excluded_on=D(2024, 6, 1),
                             ground=ExclusionGround.LISTED_SANCTION)  # fmt: skip


def test_rules2025_p20_reenrolment_one_year_after_grounds_removed() -> None:
    d = make_dossier(disciplinary=[LISTED])
    (f,) = hits(run(d, membership=EXCLUDED, at=D(2026, 4, 30)), "Rules-2025 p.20")
    assert (f.severity, f.params["earliest"]) == (Severity.BLOCKER, "01.05.2026")
    assert not hits(run(d, membership=EXCLUDED, at=D(2026, 5, 1)), "Rules-2025 p.20")


def test_rules2025_p20_grounds_not_removed() -> None:
    d = make_dossier(disciplinary=[replace(LISTED, lifted=None)])
    found = hits(run(d, membership=EXCLUDED, at=D(2026, 6, 1)), "Rules-2025 p.20")
    assert [f.key for f in found] == ["r2025.p20.not_removed"]


def test_rules2025_p20_other_grounds_do_not_wait() -> None:
    m = replace(EXCLUDED, ground=ExclusionGround.OWN_REPORT)
    found = hits(run(make_dossier(disciplinary=[LISTED]), membership=m, at=D(2026, 1, 1)),
                 "Rules-2025 p.20")  # fmt: skip
    # not excluded under p.18(3): only a warning in case the exclusion's ground was that
    assert [f.severity for f in found] == [Severity.WARNING]
    assert not hits(run(make_dossier(), membership=m, at=D(2026, 1, 1)), "Rules-2025 p.20")


def test_rules2025_every_finding_has_a_clause_and_translations() -> None:
    d = make_dossier(
        with_photo=False, service_record=[], indicators=[], vetting=Vetting(),
        attestation=Attestation(), body=Body.SGS,
        secondment=Secondment(kind=SecondmentKind.PRESIDENTIAL_ADMINISTRATION),
        nomination=nom(first_head_position=True, qualification_met=None, qualities="",
                       appointment_submission_pending=True, first_head_name=""),
        disciplinary=[Sanction(kind=SanctionKind.RANK_DEMOTION, imposed=D(2026, 1, 1))],
    )  # fmt: skip
    found = run(d, membership=member())
    assert len(found) > 12
    for f in found:
        assert f.clause.startswith("Rules-2025 p.")
        for lang in ("kk", "ru"):
            text = f.message(lang)
            assert text != f.key and "{" not in text


def test_rules2025_params_are_data() -> None:
    lenient = RULESET.with_params(indicator_years=2)
    d = make_dossier(indicators=[Indicator(year=y, text="x") for y in (2024, 2025)])
    assert hits(run(d), "Rules-2025 p.10(1)")
    assert not hits(lenient.evaluate(d, at=AT), "Rules-2025 p.10(1)")

"""Rules-2025 p.5-p.10 at their boundaries (a date on the check day, a service length exactly
equal to the requirement, the indicator window's first year), with every finding's clause,
severity, field path, message key and parameters."""

from __future__ import annotations

import datetime as dt
from typing import Any

import msgspec
import pytest

from app.domain.dossier import (
    Attestation,
    AttestationDecision,
    Body,
    Indicator,
    Sanction,
    SanctionKind,
    Secondment,
    SecondmentKind,
    ServiceEntry,
    Vetting,
)
from app.rules.base import Severity
from app.rules.rules_2025 import RULESET
from tests.factories import make_dossier

D = dt.date
AT = D(2026, 2, 10)
replace = msgspec.structs.replace
Row = tuple[str, Severity, str, str, dict[str, str]]


def rows(d: Any, at: dt.date = AT, **kw: Any) -> list[Row]:
    return [(f.clause.removeprefix("Rules-2025 "), f.severity, f.field, f.key, f.params)
            for f in RULESET.evaluate(d, at=at, **kw)]  # fmt: skip


def nom(**changes: Any) -> Any:
    return replace(make_dossier().nomination, **changes)


B, W, INFO = Severity.BLOCKER, Severity.WARNING, Severity.INFO


# ---- p.8(1): service length, training, qualification ----

@pytest.mark.parametrize(
    ("days", "expected"),
    [
        (1461, []),  # 10.02.2022: the check day is the fourth calendar anniversary
        (1460, [("p.8(1)", B, "service_start", "r2025.p8_1.service_short",
                 {"have": "3", "need": "4"})]),  # one day short: 3 full years (by anniversaries)
        (1000, [("p.8(1)", B, "service_start", "r2025.p8_1.service_short",
                 {"have": "2", "need": "4"})]),
    ],
)
def test_rules2025_p8_1_service_exactly_equal_to_the_requirement_passes(
    days: int, expected: list[Row]
) -> None:
    d = make_dossier(service_start=AT - dt.timedelta(days=days),
                     nomination=nom(required_service_years=4))  # fmt: skip
    assert rows(d) == expected


def test_rules2025_p8_1_findings_fields_and_keys() -> None:
    d = make_dossier(service_start=None, training=[],
                     nomination=nom(intended_position=" ", required_training="Академия",
                                    qualification_met=False))  # fmt: skip
    assert [r for r in rows(d) if r[0] == "p.8(1)"] == [
        ("p.8(1)", B, "nomination.intended_position", "r2025.p8_1.no_position", {}),
        ("p.8(1)", B, "service_start", "r2025.p8_1.no_service_start", {}),
        ("p.8(1)", B, "training", "r2025.p8_1.training_missing", {"training": "Академия"}),
        ("p.8(1)", B, "nomination.qualification_met", "r2025.p8_1.qualification_not_met", {}),
    ]
    unknown = make_dossier(nomination=nom(qualification_met=None, required_service_years=None),
                           service_start=None)  # fmt: skip
    assert rows(unknown) == [
        ("p.8(1)", B, "nomination.qualification_met", "r2025.p8_1.qualification_unknown", {})
    ]


def test_rules2025_p8_1_an_uncompleted_training_is_not_the_required_one() -> None:
    d = make_dossier(nomination=nom(required_training="Академия"))
    unfinished = replace(d, training=[replace(d.training[0], completed=None)])
    assert [r[3] for r in rows(unfinished)] == ["r2025.p8_1.training_missing"]
    assert rows(replace(unfinished, training=[*unfinished.training, d.training[0]])) == []


# ---- p.8(2): attestation ----

def test_rules2025_p8_2_attestation_dated_on_the_check_day_passes() -> None:
    a = replace(make_dossier().attestation, date=AT)
    assert rows(make_dossier(attestation=a)) == []
    assert rows(make_dossier(attestation=replace(a, date=AT + dt.timedelta(days=1)))) == [
        ("p.8(2)", B, "attestation.date", "r2025.p8_2.future", {"date": "11.02.2026"})
    ]


@pytest.mark.parametrize(
    ("attestation", "expected"),
    [
        (Attestation(decision=None), [("p.8(2)", B, "attestation.decision",
                                        "r2025.p8_2.no_decision", {})]),
        (Attestation(subject=False), [("p.10(1)", B, "attestation.service_results",
                                        "r2025.p8_2.no_results", {})]),
        (Attestation(decision=AttestationDecision.FITS_WITH_REATTESTATION, protocol_ref="1"),
         [("p.8(2)", W, "attestation.decision", "r2025.p8_2.conditional", {})]),
        (Attestation(decision=AttestationDecision.NOT_FIT, protocol_ref="1"),
         [("p.8(2)", B, "attestation.decision", "r2025.p8_2.unfit", {})]),
    ],
)
def test_rules2025_p8_2_findings_fields_and_keys(
    attestation: Attestation, expected: list[Row]
) -> None:
    assert rows(make_dossier(attestation=attestation)) == expected


def test_rules2025_p8_2_decision_is_named_by_reference() -> None:
    a = Attestation(decision=AttestationDecision.FITS_WITH_REATTESTATION, protocol_ref="1")
    (f,) = RULESET.evaluate(make_dossier(attestation=a), at=AT)
    assert f.refs == {"decision": "rules.attestation.fits_with_reattestation"}


# ---- p.8(3): a sanction imposed on the check day ----

def test_rules2025_p8_3_sanction_imposed_on_the_check_day_blocks() -> None:
    d = make_dossier(disciplinary=[Sanction(kind=SanctionKind.REMARK, imposed=AT)])
    (f,) = RULESET.evaluate(d, at=AT)
    assert (f.clause, f.severity, f.field, f.key, f.params, f.refs) == (
        "Rules-2025 p.8(3)", B, "disciplinary[0].lifted", "r2025.p8_3.active_sanction",
        {"imposed": "10.02.2026"}, {"kind": "rules.sanction.remark"},
    )  # fmt: skip
    assert RULESET.evaluate(d, at=AT - dt.timedelta(days=1)) == []


def test_rules2025_p8_3_each_sanction_cites_its_own_index() -> None:
    d = make_dossier(disciplinary=[
        Sanction(kind=SanctionKind.REMARK, imposed=D(2025, 1, 1), lifted=D(2025, 6, 1)),
        Sanction(kind=SanctionKind.REPRIMAND, imposed=D(2025, 12, 1)),
    ])  # fmt: skip
    assert [r[2] for r in rows(d)] == ["disciplinary[1].lifted"]


# ---- p.8 secondment, p.5/p.6 SGS ----

def test_rules2025_p8_secondment_findings_fields_and_keys() -> None:
    d = make_dossier(secondment=Secondment(kind=SecondmentKind.INTERNATIONAL),
                     nomination=nom(first_head_name=""))  # fmt: skip
    assert rows(d) == [
        ("p.8 part 3", B, "nomination.first_head_name", "r2025.p8_sec.first_head", {}),
        ("p.10 para 3", INFO, "secondment.characterising_materials", "r2025.p10.characterising", {}),
        ("p.8", W, "secondment.host", "r2025.p8_sec.no_host", {}),
    ]
    pa = make_dossier(secondment=Secondment(kind=SecondmentKind.PRESIDENTIAL_ADMINISTRATION,
                                            host="Отдел"))  # fmt: skip
    assert rows(pa) == [
        ("p.8 part 4", B, "secondment.pa_submission", "r2025.p8_sec.pa_submission", {}),
        ("p.8 part 4", B, "secondment.agreed_with_first_head", "r2025.p8_sec.pa_agreement", {}),
    ]


def test_rules2025_p5_p6_sgs_findings_fields_and_keys() -> None:
    d = make_dossier(body=Body.SGS, nomination=nom(first_head_name=""))
    assert rows(d) == [
        ("p.5 para 2, p.6 para 2", INFO, "body", "r2025.sgs.path", {}),
        ("p.5 para 2", B, "nomination.first_head_name", "r2025.sgs.no_head_submission", {}),
    ]


def test_rules2025_p7_finding_key() -> None:
    assert rows(make_dossier(nomination=nom(first_head_position=True))) == [
        ("p.7", B, "nomination.first_head_position", "r2025.p7.first_head", {})
    ]


# ---- p.10(1): submission, the indicator window ----

def test_rules2025_p10_1_findings_fields_and_keys() -> None:
    d = make_dossier(attestation=Attestation(decision=AttestationDecision.FITS),
                     nomination=nom(first_head_name="", qualities=" ", compliance="",
                                    submission_date=None))  # fmt: skip
    assert rows(d) == [
        ("p.10(1)", B, "nomination.first_head_name", "r2025.p10_1.first_head", {}),
        ("p.10(1)", B, "nomination.qualities", "r2025.p10_1.qualities", {}),
        ("p.10(1)", B, "nomination.compliance", "r2025.p10_1.compliance", {}),
        ("p.10(1)", W, "attestation.protocol_ref", "r2025.p10_1.attestation_ref", {}),
        ("p.10(1)", W, "nomination.submission_date", "r2025.p10_1.no_date", {}),
    ]


def test_rules2025_p10_1_submission_dated_on_the_check_day_passes() -> None:
    assert rows(make_dossier(nomination=nom(submission_date=AT))) == []
    assert rows(make_dossier(nomination=nom(submission_date=AT + dt.timedelta(days=1)))) == [
        ("p.10(1)", B, "nomination.submission_date", "r2025.p10_1.future_date",
         {"date": "11.02.2026"})
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("years", "missing"),
    [
        ((2025, 2026), "2023, 2024"),  # k-1 years of the current window: the window starts 2024
        ((2024, 2025), "2023"),
        ((2024, 2025, 2026), None),  # the current window, first year included
        ((2023, 2024, 2025), None),  # the previous three years
        ((2022, 2023, 2024, 2026), "2025"),
    ],
)
def test_rules2025_p10_1_indicator_window_start(years: tuple[int, ...], missing: str | None) -> None:
    d = make_dossier(indicators=[Indicator(year=y, text="показатели") for y in years])
    expected = [("p.10(1)", B, "indicators", "r2025.p10_1.indicators", {"years": missing})]
    assert rows(d) == (expected if missing else [])


def test_rules2025_p10_1_blank_indicator_text_does_not_count() -> None:
    d = make_dossier(indicators=[Indicator(year=y, text=" " if y == 2024 else "x")
                                 for y in (2023, 2024, 2025)])  # fmt: skip
    assert rows(d) == [("p.10(1)", B, "indicators", "r2025.p10_1.indicators", {"years": "2024"})]


def test_rules2025_p10_1_secondment_to_a_state_body_needs_no_first_head_submission() -> None:
    sec = Secondment(kind=SecondmentKind.STATE_BODY, host="МВД", characterising_materials=True)
    d = make_dossier(secondment=sec, nomination=nom(first_head_name=""))
    assert [r[0] for r in rows(d)] == ["p.8 part 3"]  # p.8 part 3, not p.10(1)


# ---- p.10(2), p.10(3) ----

def test_rules2025_p10_2_record_ending_on_its_start_day_is_valid() -> None:
    e = ServiceEntry(start=D(2012, 3, 1), end=D(2012, 3, 1), position="x", unit="y")
    assert rows(make_dossier(service_record=[e])) == []
    bad = replace(e, end=D(2012, 2, 29))
    assert rows(make_dossier(service_record=[e, bad])) == [
        ("p.10(2)", B, "service_record[1].end", "r2025.p10_2.bad_dates",
         {"start": "01.03.2012", "end": "29.02.2012"})
    ]  # fmt: skip


def test_rules2025_p10_2_findings_fields_and_keys() -> None:
    assert rows(make_dossier(with_photo=False, service_record=[])) == [
        ("p.10(2)", B, "photo", "r2025.p10_2.photo", {}),
        ("p.10(2)", B, "service_record", "r2025.p10_2.service_record", {}),
    ]
    assert rows(make_dossier(with_photo=False), has_photo=False) == [
        ("p.10(2)", B, "photo", "r2025.p10_2.photo", {})
    ]
    assert rows(make_dossier(), has_photo=False)[0][2] == "photo"


@pytest.mark.parametrize(
    ("vetting", "expected"),
    [
        (Vetting(passed=True, date=AT), []),  # dated on the check day
        (Vetting(passed=True), []),
        (Vetting(passed=True, date=AT + dt.timedelta(days=1)),
         [("p.10(3)", B, "vetting.date", "r2025.p10_3.future", {"date": "11.02.2026"})]),
        (Vetting(passed=None), [("p.10(3)", B, "vetting.passed", "r2025.p10_3.unknown", {})]),
        (Vetting(passed=False, date=AT + dt.timedelta(days=1)),
         [("p.10(3)", B, "vetting.passed", "r2025.p10_3.failed", {})]),
    ],
)
def test_rules2025_p10_3_vetting_dated_on_the_check_day_passes(
    vetting: Vetting, expected: list[Row]
) -> None:
    assert rows(make_dossier(vetting=vetting)) == expected


def test_rules2025_p10_para_5_finding_key() -> None:
    assert rows(make_dossier(nomination=nom(appointment_submission_pending=True))) == [
        ("p.10 para 5", B, "nomination.appointment_submission_pending", "r2025.p10.simultaneous",
         {})
    ]  # fmt: skip


# ---- blank text: whitespace alone is no text ----

def test_rules2025_p8_1_whitespace_required_training_requires_nothing() -> None:
    assert rows(make_dossier(training=[], nomination=nom(required_training="  "))) == []


def test_rules2025_p8_2_whitespace_service_results_are_missing() -> None:
    assert rows(make_dossier(attestation=Attestation(subject=False, service_results=" \n"))) == [
        ("p.10(1)", B, "attestation.service_results", "r2025.p8_2.no_results", {})
    ]


def test_rules2025_p8_whitespace_host_is_missing() -> None:
    sec = Secondment(kind=SecondmentKind.STATE_BODY, host="  ", characterising_materials=True)
    assert rows(make_dossier(secondment=sec)) == [
        ("p.8", W, "secondment.host", "r2025.p8_sec.no_host", {})
    ]


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"body": Body.SGS},
         [("p.5 para 2, p.6 para 2", INFO, "body", "r2025.sgs.path", {}),
          ("p.5 para 2", B, "nomination.first_head_name", "r2025.sgs.no_head_submission", {})]),
        ({"secondment": Secondment(kind=SecondmentKind.INTERNATIONAL, host="ОДКБ",
                                   characterising_materials=True)},
         [("p.8 part 3", B, "nomination.first_head_name", "r2025.p8_sec.first_head", {})]),
        ({}, [("p.10(1)", B, "nomination.first_head_name", "r2025.p10_1.first_head", {})]),
        # seconded to the Presidential Administration: the first head still submits (p.10(1))
        ({"secondment": Secondment(kind=SecondmentKind.PRESIDENTIAL_ADMINISTRATION, host="Отдел",
                                   pa_submission=True, agreed_with_first_head=True)},
         [("p.10(1)", B, "nomination.first_head_name", "r2025.p10_1.first_head", {})]),
    ],
)
def test_rules2025_whitespace_first_head_name_is_missing(
    changes: dict[str, Any], expected: list[Row]
) -> None:
    assert rows(make_dossier(**changes, nomination=nom(first_head_name=" "))) == expected


def test_rules2025_p10_1_whitespace_protocol_reference_is_missing() -> None:
    a = replace(make_dossier().attestation, protocol_ref="  ")
    assert rows(make_dossier(attestation=a)) == [
        ("p.10(1)", W, "attestation.protocol_ref", "r2025.p10_1.attestation_ref", {})
    ]

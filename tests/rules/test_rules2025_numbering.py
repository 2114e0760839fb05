"""Rules-2025 p.8 cited as the act numbers it, and p.8(1) length of service by calendar
anniversaries; the not-attested case cites p.10(1)."""

from __future__ import annotations

import datetime as dt

import msgspec

from app.domain.dossier import Attestation
from app.rules.rules_2025 import RULESET
from app.rules.rules_2025_eligibility import full_years
from tests.factories import make_dossier

D = dt.date.fromisoformat


def _service(start: str, need: int, at: str) -> list[str]:
    d = make_dossier(1)
    nomination = msgspec.structs.replace(d.nomination, required_service_years=need)
    d = msgspec.structs.replace(d, service_start=D(start), nomination=nomination)
    return [f.key for f in RULESET.evaluate(d, at=D(at)) if f.key.startswith("r2025.p8_1.service")]


def test_p8_1_service_completes_its_years_on_the_anniversary() -> None:
    assert _service("2021-03-20", 5, "2026-03-20") == []  # 1826 days: 4.999 years by days / 365.25


def test_p8_1_service_one_day_before_the_anniversary_is_short() -> None:
    assert _service("2021-03-20", 5, "2026-03-19") == ["r2025.p8_1.service_short"]


def test_p8_1_full_years_of_a_29_february_start() -> None:
    assert full_years(D("2020-02-29"), D("2021-02-27")) == 0
    assert full_years(D("2020-02-29"), D("2021-02-28")) == 1
    assert full_years(D("2021-03-20"), D("2020-01-01")) == 0


def test_p10_1_not_attested_without_service_results_cites_p10_1() -> None:
    d = msgspec.structs.replace(make_dossier(1), attestation=Attestation(subject=False))
    (f,) = [f for f in RULESET.evaluate(d, at=D("2026-02-02")) if f.key == "r2025.p8_2.no_results"]
    assert f.clause == "Rules-2025 p.10(1)"


def test_p10_1_not_attested_with_service_results_raises_nothing() -> None:
    a = Attestation(subject=False, service_results="План 100%")
    d = msgspec.structs.replace(make_dossier(1), attestation=a)
    assert not [f for f in RULESET.evaluate(d, at=D("2026-02-02")) if f.key == "r2025.p8_2.no_results"]

"""Act validity: a check dated outside an act's validity says so, and an amendment's clauses
apply only to facts dated from the amendment (Reg-2000 in force 01.01.2000-03.12.2003, repealed
04.12.2003 by Decree No. 1243; amendments of 11.05.2001 No. 605 and 21.04.2003 No. 1071;
Rules-2025 in force ten calendar days after first publication, p.2 of Decree No. 853)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from app.domain.reg2000 import CategoryTransfer, Source
from app.rules.base import Finding, Severity
from app.rules.reg_2000 import RULESET as REG
from app.rules.rules_2025 import RULESET as R2025
from app.rules.validity import in_force_after
from tests.factories import make_dossier
from tests.rules.test_reg2000 import reservist

D = dt.date


def validity(found: list[Finding]) -> list[tuple[str, str, dict[str, str]]]:
    return [(f.clause, f.key, f.params) for f in found if f.key.startswith("rules.act_")]


def test_reg2000_check_on_the_day_of_repeal_says_the_act_is_repealed() -> None:
    r = reservist()
    assert validity(REG.evaluate(r, at=D(2003, 12, 3))) == []
    assert validity(REG.evaluate(r, at=D(2003, 12, 4))) == [
        ("Reg-2000 p.1", "rules.act_repealed",
         {"at": "04.12.2003", "date": "04.12.2003", "by": "1243"})
    ]  # fmt: skip
    (f,) = [f for f in REG.evaluate(r, at=D(2004, 6, 1)) if f.key == "rules.act_repealed"]
    assert f.severity is Severity.WARNING
    assert "04.12.2003" in f.message("ru") and "1243" in f.message("kk")


def test_reg2000_check_before_its_effective_date_says_not_yet_in_force() -> None:
    r = reservist()
    assert validity(REG.evaluate(r, at=D(2000, 1, 1))) == []
    assert validity(REG.evaluate(r, at=D(1999, 12, 31))) == [
        ("Reg-2000 p.1", "rules.act_not_yet_in_force", {"at": "31.12.1999", "date": "01.01.2000"})
    ]


def test_reg2000_p5_4_fourth_source_applies_from_21_04_2003() -> None:
    before = reservist(Source.ATTESTATION, attestation_approved=D(2003, 4, 18))
    assert [(f.clause, f.field, f.key, f.params) for f in REG.evaluate(before, at=D(2003, 6, 1))
            if f.key == "r2000.before_amendment"] == [
        ("Reg-2000 p.5(4)", "source", "r2000.before_amendment",
         {"on": "18.04.2003", "date": "21.04.2003", "number": "1071"})
    ]  # fmt: skip
    on_the_day = reservist(Source.ATTESTATION, attestation_approved=D(2003, 4, 21))
    assert not [f for f in REG.evaluate(on_the_day, at=D(2003, 6, 1))
                if f.key == "r2000.before_amendment"]  # fmt: skip


def test_reg2000_p12_1_transfer_applies_from_11_05_2001() -> None:
    def transfer(day: dt.date) -> CategoryTransfer:
        return CategoryTransfer(requested=day, to_category="C-5", to_group="C", to_rank=5,
                                qualification_met=True)  # fmt: skip

    enrolled: dict[str, Any] = {"decision_date": D(2001, 3, 6), "documents_received": D(2001, 3, 2)}
    early = reservist(**enrolled, transfer=transfer(D(2001, 5, 10)))
    assert [(f.field, f.key, f.params["date"]) for f in REG.evaluate(early, at=D(2001, 6, 1))
            if f.clause == "Reg-2000 p.12-1"] == [
        ("transfer.requested", "r2000.before_amendment", "11.05.2001")
    ]  # fmt: skip
    ok = reservist(**enrolled, transfer=transfer(D(2001, 5, 11)))
    assert not [f for f in REG.evaluate(ok, at=D(2001, 6, 1)) if f.clause == "Reg-2000 p.12-1"]


def test_reg2000_p21_1_window_only_for_programmes_completed_from_11_05_2001() -> None:
    # a programme completed 10.05.2001 had no three-month window; one completed 11.05.2001 had
    late: dict[str, Any] = {"documents_received": D(2001, 9, 3), "decision_date": D(2001, 9, 5)}
    before = reservist(Source.TRAINING, programme_completed=D(2001, 5, 10), **late)
    after = reservist(Source.TRAINING, programme_completed=D(2001, 5, 11), **late)
    assert not [f for f in REG.evaluate(before, at=D(2001, 10, 1)) if f.clause.endswith("p.21-1")]
    assert [f.key for f in REG.evaluate(after, at=D(2001, 10, 1))
            if f.clause.endswith("p.21-1")] == ["r2000.window.lapsed"]  # fmt: skip


def test_rules2025_in_force_ten_days_after_publication_is_a_parameter() -> None:
    # published on 01.05.2025: days 02.05-11.05 pass, the act is in force from 12.05.2025
    assert in_force_after(D(2025, 5, 1), 10) == D(2025, 5, 12)
    assert in_force_after(None, 10) is None
    published = R2025.with_params(published=D(2025, 5, 1))
    assert published.effective == D(2025, 5, 12)
    d = make_dossier()
    assert validity(published.evaluate(d, at=D(2025, 5, 12))) == []
    assert validity(published.evaluate(d, at=D(2025, 5, 11))) == [
        ("Rules-2025 p.1", "rules.act_not_yet_in_force", {"at": "11.05.2025", "date": "12.05.2025"})
    ]


def test_rules2025_without_publication_date_applies_from_signing() -> None:
    d = make_dossier()
    assert R2025.effective is None
    assert validity(R2025.evaluate(d, at=D(2025, 4, 23))) == []
    assert validity(R2025.evaluate(d, at=D(2025, 4, 22))) == [
        ("Rules-2025 p.1", "rules.act_not_yet_signed", {"at": "22.04.2025", "date": "23.04.2025"})
    ]


def test_reg2000_p1_a_special_body_dossier_is_outside_the_regulation() -> None:
    assert REG.evaluate(make_dossier(), at=D(2002, 6, 1)) == [
        Finding(severity=Severity.WARNING, clause="Reg-2000 p.1", field="",
                key="r2000.not_applicable")
    ]  # fmt: skip


def test_reg2000_p5_4_dated_by_the_documents_when_no_attestation_date_is_recorded() -> None:
    # no approval date: the documents' receipt (18.04.2003) dates the case, not the later decision
    r = reservist(Source.ATTESTATION, attestation_approved=None, documents_received=D(2003, 4, 18),
                  decision_date=D(2003, 4, 25))  # fmt: skip
    assert [(f.field, f.params["on"]) for f in REG.evaluate(r, at=D(2003, 6, 1))
            if f.key == "r2000.before_amendment"] == [("source", "18.04.2003")]  # fmt: skip


def test_reg2000_p12_1_before_the_amendment_names_the_request_date() -> None:
    r = reservist(decision_date=D(2001, 3, 6), documents_received=D(2001, 3, 2),
                  transfer=CategoryTransfer(requested=D(2001, 5, 10), to_category="C-5",
                                            to_group="C", to_rank=5, qualification_met=True))  # fmt: skip
    assert [f.params for f in REG.evaluate(r, at=D(2001, 6, 1))
            if f.key == "r2000.before_amendment"] == [
        {"on": "10.05.2001", "date": "11.05.2001", "number": "605"}
    ]  # fmt: skip


def test_act_validity_warnings_in_full() -> None:
    # each validity finding is a warning on p.1 with no field, its key and its dates
    def full(found: list[Finding]) -> list[Finding]:
        return [f for f in found if f.key.startswith("rules.act_")]

    w = Severity.WARNING
    assert full(REG.evaluate(reservist(), at=D(1999, 12, 31))) == [
        Finding(severity=w, clause="Reg-2000 p.1", field="", key="rules.act_not_yet_in_force",
                params={"at": "31.12.1999", "date": "01.01.2000"})]  # fmt: skip
    assert full(REG.evaluate(reservist(), at=D(2003, 12, 4))) == [
        Finding(severity=w, clause="Reg-2000 p.1", field="", key="rules.act_repealed",
                params={"at": "04.12.2003", "date": "04.12.2003", "by": "1243"})]  # fmt: skip
    assert full(R2025.evaluate(make_dossier(), at=D(2025, 4, 22))) == [
        Finding(severity=w, clause="Rules-2025 p.1", field="", key="rules.act_not_yet_signed",
                params={"at": "22.04.2025", "date": "23.04.2025"})]  # fmt: skip

"""Reg-2000, clause by clause: each clause has a passing and a failing case."""

from __future__ import annotations

import datetime as dt
from typing import Any

import msgspec
import pytest

from app.domain.reg2000 import (
    CategoryTransfer,
    CommissionVote,
    Competition,
    Decision,
    Doc,
    ListRequest,
    Placement,
    Reservist,
    Source,
)
from app.rules import rulesets
from app.rules.base import Finding, Severity
from app.rules.reg_2000 import RULESET
from app.rules.reg_2000_params import DOCUMENTS
from tests.factories import make_dossier

D = dt.date
AT = D(2002, 6, 1)
replace = msgspec.structs.replace


def reservist(source: Source = Source.COMPETITION, **kw: Any) -> Reservist:
    base: dict[str, Any] = {
        "full_name": "Иванов Иван", "category": "C-4", "category_group": "C", "category_rank": 4,
        "source": source, "consent": True, "qualification_met": True,
        "documents": [doc for doc, _ in DOCUMENTS[source]],
        "documents_received": D(2002, 3, 4), "decision": Decision.ENROL,
        "decision_date": D(2002, 3, 6),
    }  # fmt: skip
    if source is Source.COMPETITION:
        base["competition"] = Competition(
            vacancy_ref="V-1", qualification_met=True, tests_passed=True, interview_passed=True,
            vote=CommissionVote(members=9, present=6, votes_for=4),
            protocol_date=D(2002, 2, 25), sent_to_authority=D(2002, 3, 4),
        )  # fmt: skip
    elif source is Source.TRAINING:
        base["programme_completed"] = D(2002, 1, 15)
    elif source is Source.ABROAD:
        base["returned_on"] = D(2002, 2, 1)
        base["left_state_body"] = True
    else:
        # the fourth source exists from 21.04.2003 (Decree No. 1071): its dates are in 2003
        base["attestation_approved"] = D(2003, 9, 22)
        base["documents_received"] = D(2003, 10, 6)  # 22.09 + 10 working days
        base["decision_date"] = D(2003, 10, 8)
    base.update(kw)
    return Reservist(**base)


def run(r: Reservist, at: dt.date = AT) -> list[Finding]:
    return RULESET.evaluate(r, at=at)


def hits(found: list[Finding], clause: str) -> list[Finding]:
    return [f for f in found if f.clause == f"Reg-2000 {clause}"]


@pytest.mark.parametrize("source", list(Source))
def test_reg2000_p5_complete_reservist_of_each_source_passes(source: Source) -> None:
    assert run(reservist(source)) == []


def test_reg2000_p1_dossier_of_special_bodies_is_not_checked() -> None:
    (f,) = rulesets.evaluate(make_dossier(), at=AT, ruleset="reg-2000")
    assert f.clause == "Reg-2000 p.1" and f.severity is Severity.WARNING


def test_reg2000_p7_consent() -> None:
    assert [f.key for f in hits(run(reservist(consent=None)), "p.7")] == ["r2000.p7.consent"]


@pytest.mark.parametrize(
    ("source", "doc", "clause"),
    [
        (Source.COMPETITION, Doc.WRITTEN_CONSENT, "p.19"),
        (Source.TRAINING, Doc.HEALTH_CERTIFICATE, "p.22(6)"),
        (Source.TRAINING, Doc.PHOTOS_3X4, "p.22(8)"),
        (Source.ABROAD, Doc.ORDER_EXTRACTS_ABROAD, "p.29(1)"),
        (Source.ABROAD, Doc.TEST_RESULTS, "p.29(7)"),
        (Source.ATTESTATION, Doc.PERSONAL_SHEET_CERTIFIED, "p.32-2(3)"),
    ],
)
def test_reg2000_p22_p29_p32_2_documents_item_by_item(
    source: Source, doc: Doc, clause: str
) -> None:
    r = reservist(source)
    r = replace(r, documents=[d for d in r.documents if d is not doc])
    (f,) = run(r)
    assert (f.clause, f.severity, f.key) == (f"Reg-2000 {clause}", Severity.BLOCKER,
                                             "r2000.doc.missing")  # fmt: skip
    assert f.message("ru") != f.message("kk") and "{" not in f.message("ru")


def test_reg2000_p29_no_health_certificate_needed_for_source_3() -> None:
    assert Doc.HEALTH_CERTIFICATE not in {d for d, _ in DOCUMENTS[Source.ABROAD]}
    assert Doc.HEALTH_CERTIFICATE in {d for d, _ in DOCUMENTS[Source.TRAINING]}


def comp(**kw: Any) -> Competition:
    c = reservist().competition
    assert c is not None
    return replace(c, **kw)


@pytest.mark.parametrize(
    ("competition", "keys"),
    [
        (comp(), []),
        (comp(winner_found=False), ["r2000.p15.no_winner"]),
        (comp(recommended_for_vacancy=2), ["r2000.p15.one_per_vacancy"]),
    ],
)
def test_reg2000_p15_one_nominee_per_vacancy(competition: Competition, keys: list[str]) -> None:
    assert [f.key for f in hits(run(reservist(competition=competition)), "p.15")] == keys


@pytest.mark.parametrize(
    ("vote", "keys"),
    [
        (CommissionVote(members=9, present=6, votes_for=4), []),  # exactly 2/3 present
        (CommissionVote(members=9, present=5, votes_for=5), ["r2000.p18.quorum"]),
        (CommissionVote(members=9, present=6, votes_for=3), ["r2000.p18.majority"]),  # a tie
        (CommissionVote(members=3, present=2, votes_for=2), []),
        (CommissionVote(members=9, present=10, votes_for=6), ["r2000.p18.inconsistent"]),
    ],
)
def test_reg2000_p18_quorum_and_majority(vote: CommissionVote, keys: list[str]) -> None:
    assert [f.key for f in hits(run(reservist(competition=comp(vote=vote))), "p.18")] == keys


def test_reg2000_p16_p17_grounds_and_vote() -> None:
    assert [f.key for f in hits(run(reservist(competition=comp(tests_passed=False))), "p.16")] == [
        "r2000.p16.tests_passed"
    ]
    assert hits(run(reservist(competition=comp(vote=None))), "p.17")
    assert not hits(run(reservist()), "p.17")


def test_reg2000_p19_protocol_within_ten_days() -> None:
    # 20.02 + 10 days = Saturday 2 March: the term ends on Monday 4 March (p.4, civil law)
    assert not hits(run(reservist(competition=comp(protocol_date=D(2002, 2, 20)))), "p.19")
    late = comp(protocol_date=D(2002, 2, 19), sent_to_authority=D(2002, 3, 4))
    (f,) = hits(run(reservist(competition=late)), "p.19")
    assert f.severity is Severity.WARNING and f.params["due"] == "01.03.2002"
    assert not hits(run(reservist(competition=comp(sent_to_authority=D(2002, 3, 7)))), "p.19")


@pytest.mark.parametrize(
    ("source", "clause", "received", "decided"),
    [
        (Source.COMPETITION, "p.20", D(2002, 3, 4), D(2002, 3, 12)),  # 7 days: 11.03
        (Source.TRAINING, "p.24", D(2002, 3, 4), D(2002, 3, 15)),  # 10 days: 14.03
        (Source.ABROAD, "p.31", D(2002, 3, 4), D(2002, 3, 15)),
        (Source.ATTESTATION, "p.32-3", D(2003, 10, 6), D(2003, 10, 21)),  # 10 working days: 20.10
    ],
)
def test_reg2000_decision_deadlines(
    source: Source, clause: str, received: dt.date, decided: dt.date
) -> None:
    ok = reservist(source, documents_received=received,
                   decision_date=decided - dt.timedelta(days=1))  # fmt: skip
    assert not hits(run(ok), clause)
    (f,) = hits(run(replace(ok, decision_date=decided)), clause)
    assert f.key == "r2000.late" and f.severity is Severity.WARNING
    (f,) = hits(run(replace(ok, decision=None, decision_date=None), at=decided), clause)
    assert f.key == "r2000.overdue"


@pytest.mark.parametrize(
    ("source", "clause", "field", "start"),
    [
        (Source.TRAINING, "p.21-1", "programme_completed", D(2001, 12, 3)),  # window to 04.03
        (Source.ABROAD, "p.28", "returned_on", D(2001, 12, 3)),
    ],
)
def test_reg2000_p21_1_p28_three_month_windows(
    source: Source, clause: str, field: str, start: dt.date
) -> None:
    # documents received 04.03.2002; 3 March is a Sunday and 2 March a Saturday: under civil
    # law (p.4) a window ending on either ends on Monday 4 March
    assert not hits(run(reservist(source, **{field: start})), clause)
    assert not hits(run(reservist(source, **{field: start - dt.timedelta(days=1)})), clause)
    (f,) = hits(run(reservist(source, **{field: start - dt.timedelta(days=3)})), clause)
    assert f.key == "r2000.window.lapsed" and f.severity is Severity.BLOCKER
    assert hits(run(reservist(source, **{field: None})), clause)


def test_reg2000_p27_employment_ended() -> None:
    assert hits(run(reservist(Source.ABROAD, left_state_body=False)), "p.27")


def test_reg2000_p32_2_sent_within_ten_working_days() -> None:
    r = reservist(Source.ATTESTATION, attestation_approved=D(2003, 9, 19))
    (f,) = hits(run(r), "p.32-2")  # 19.09 + 10 working days = 03.10; received 06.10
    assert f.params["due"] == "03.10.2003"
    assert not hits(run(reservist(Source.ATTESTATION)), "p.32-2")  # 22.09: due 06.10, in time
    assert hits(run(reservist(Source.ATTESTATION, attestation_approved=None)), "p.32-2")


def test_reg2000_qualification_refusal_ground() -> None:
    (f,) = hits(run(reservist(Source.TRAINING, qualification_met=False)), "p.25")
    assert f.severity is Severity.BLOCKER


@pytest.mark.parametrize(
    ("transfer", "keys"),
    [
        (CategoryTransfer(requested=D(2002, 5, 1), to_category="C-5", to_group="C", to_rank=5,
                          qualification_met=True), []),
        (CategoryTransfer(requested=D(2002, 5, 1), to_category="B-5", to_group="B", to_rank=5),
         ["r2000.p12_1.group"]),
        (CategoryTransfer(requested=D(2002, 5, 1), to_category="C-3", to_group="C", to_rank=3),
         ["r2000.p12_1.not_lower"]),
        (CategoryTransfer(requested=D(2002, 5, 1), to_category="C-5", to_group="C", to_rank=5,
                          qualification_met=False), ["r2000.p12_1.qualification"]),
        # p.12-1 with p.4: the term's last day (06.03.2003) is still in it; the day after is not
        (CategoryTransfer(requested=D(2003, 3, 6), to_category="C-5", to_group="C", to_rank=5),
         []),
        (CategoryTransfer(requested=D(2003, 3, 7), to_category="C-5", to_group="C", to_rank=5),
         ["r2000.p12_1.after_term"]),
    ],
)
def test_reg2000_p12_1_category_transfer(transfer: CategoryTransfer, keys: list[str]) -> None:
    found = hits(run(reservist(transfer=transfer), at=D(2003, 3, 1)), "p.12-1")
    assert [f.key for f in found] == keys


def test_reg2000_p10_one_year_term_runs_to_the_end_of_the_anniversary_and_p39_4() -> None:
    # enrolled 06.03.2002: under civil law (p.4) the term includes Thursday 06.03.2003, so the
    # p.39(4) ground arises on 07.03.2003, not on the anniversary itself
    assert not hits(run(reservist(), at=D(2003, 3, 6)), "p.39(4)")
    (f,) = hits(run(reservist(), at=D(2003, 3, 7)), "p.39(4)")
    assert f.severity is Severity.BLOCKER and f.params["date"] == "06.03.2003"
    assert not hits(run(reservist(excluded_on=D(2003, 3, 6)), at=D(2003, 4, 1)), "p.39(4)")


def test_reg2000_p34_answer_within_two_weeks() -> None:
    ok = ListRequest(received=D(2002, 4, 1), answered=D(2002, 4, 15))
    late = ListRequest(received=D(2002, 4, 1), answered=D(2002, 4, 16))
    assert not hits(run(reservist(list_requests=[ok])), "p.34")
    (f,) = hits(run(reservist(list_requests=[ok, late])), "p.34")
    assert f.field == "list_requests[1].answered"


def test_reg2000_p36_ten_day_notice() -> None:
    ok = Placement(decided=D(2002, 5, 6), authority_notified=D(2002, 5, 16))
    assert not hits(run(reservist(placement=ok)), "p.36")
    (f,) = hits(run(reservist(placement=replace(ok, authority_notified=None))), "p.36")
    assert f.key == "r2000.overdue"


@pytest.mark.parametrize(
    ("changes", "clause"),
    [
        ({"placement": Placement(decided=D(2002, 5, 6), authority_notified=D(2002, 5, 8))},
         "p.39(1)"),
        ({"exclusion_application": D(2002, 5, 1)}, "p.39(2)"),
        ({"barring_ground": D(2002, 5, 1)}, "p.39(3)"),
        ({"breach": D(2002, 5, 1)}, "p.39(5)"),
    ],
)
def test_reg2000_p39_exclusion_grounds(changes: dict[str, Any], clause: str) -> None:
    (f,) = hits(run(reservist(**changes)), clause)
    assert f.severity is Severity.BLOCKER
    assert not hits(run(reservist(**changes), at=D(2002, 4, 30)), clause)  # not yet
    assert not hits(run(reservist(**changes, excluded_on=D(2002, 5, 20))), clause)

"""Reg-2000 refusals (p.20 part 2, p.25, p.32, p.32-3) and placement (p.3, p.12, p.33, p.36,
p.37), each clause both ways."""

from __future__ import annotations

import datetime as dt
from typing import Any

import msgspec
import pytest

from app.domain.reg2000 import Decision, ListRequest, Placement, RefusalGround, Source
from app.rules.base import Severity
from app.rules.reg_2000 import RULESET
from tests.rules.test_reg2000 import AT, reservist

D = dt.date
G = RefusalGround
B, W = Severity.BLOCKER, Severity.WARNING
replace = msgspec.structs.replace


def rows(r: Any, at: dt.date = AT, prefix: str = "") -> list[tuple[str, Severity, str, str]]:
    return [(f.clause.removeprefix("Reg-2000 "), f.severity, f.field, f.key)
            for f in RULESET.evaluate(r, at=at) if f.clause.startswith(f"Reg-2000 {prefix}")]  # fmt: skip


def refused(source: Source, ground: RefusalGround | None, **kw: Any) -> Any:
    return reservist(source, decision=Decision.REFUSE, refusal_ground=ground, **kw)


POINT = {Source.COMPETITION: "p.20 para 2", Source.TRAINING: "p.25", Source.ABROAD: "p.32",
         Source.ATTESTATION: "p.32-3"}  # fmt: skip


@pytest.mark.parametrize(
    ("source", "ground", "lawful"),
    [
        (Source.COMPETITION, G.COMPETITION_BREACH, True),
        (Source.COMPETITION, G.MISSING_DOCUMENTS, False),  # p.20 part 2: "only" two grounds
        (Source.COMPETITION, G.CIVIL_SERVICE_LAW, False),
        (Source.TRAINING, G.CIVIL_SERVICE_LAW, True),
        (Source.TRAINING, G.COMPETITION_BREACH, False),
        (Source.ABROAD, G.CIVIL_SERVICE_LAW, True),
        (Source.ABROAD, G.OTHER, False),
        (Source.ATTESTATION, G.CIVIL_SERVICE_LAW, True),
        (Source.ATTESTATION, G.COMPETITION_BREACH, False),
    ],
)
def test_reg2000_refusal_only_on_the_sources_grounds(
    source: Source, ground: RefusalGround, lawful: bool
) -> None:
    found = rows(refused(source, ground), prefix=POINT[source])
    assert found == ([] if lawful else
                     [(POINT[source], B, "refusal_ground", "r2000.refusal.unlawful")])  # fmt: skip


def test_reg2000_refusal_names_the_ground_in_words() -> None:
    (f,) = [f for f in RULESET.evaluate(refused(Source.COMPETITION, G.OTHER), at=AT)
            if f.key == "r2000.refusal.unlawful"]  # fmt: skip
    assert "иное основание" in f.message("ru") and "өзге негіз" in f.message("kk")


@pytest.mark.parametrize("source", list(Source))
def test_reg2000_refusal_without_a_ground_is_flagged(source: Source) -> None:
    assert rows(refused(source, None), prefix=POINT[source]) == [
        (POINT[source], B, "refusal_ground", "r2000.refusal.no_ground")
    ]


@pytest.mark.parametrize("source", [Source.TRAINING, Source.ABROAD, Source.ATTESTATION])
def test_reg2000_refusal_for_missing_documents_needs_a_missing_document(source: Source) -> None:
    assert rows(refused(source, G.MISSING_DOCUMENTS), prefix=POINT[source]) == [
        (POINT[source], B, "refusal_ground", "r2000.refusal.documents_present")
    ]
    r = refused(source, G.MISSING_DOCUMENTS)
    short = replace(r, documents=r.documents[1:])
    assert [k for *_, k in rows(short, prefix=POINT[source])] == []


@pytest.mark.parametrize("source", list(Source))
def test_reg2000_refusal_for_qualification_needs_an_unmet_requirement(source: Source) -> None:
    assert rows(refused(source, G.QUALIFICATION), prefix=POINT[source]) == [
        (POINT[source], B, "refusal_ground", "r2000.refusal.qualified")
    ]
    unmet = refused(source, G.QUALIFICATION, qualification_met=False)
    assert not [x for x in rows(unmet, prefix=POINT[source]) if x[2] == "refusal_ground"]


def test_reg2000_refusal_for_qualification_p16_competition_result_counts() -> None:
    r = refused(Source.COMPETITION, G.QUALIFICATION)
    assert r.competition is not None
    failed = replace(r, competition=replace(r.competition, interview_passed=False))
    assert not [x for x in rows(failed, prefix="p.20") if x[2] == "refusal_ground"]


def test_reg2000_enrolment_needs_no_refusal_ground() -> None:
    assert rows(reservist(refusal_ground=None), prefix="p.20") == []


# ---- placement ----

def placed(**kw: Any) -> Any:
    base: dict[str, Any] = {"decided": D(2002, 5, 6), "authority_notified": D(2002, 5, 8),
                            "category_group": "C", "category_rank": 4, "consent": True,
                            "qualification_met": True, "own_candidates_first": True,
                            "reservist_notified": D(2002, 5, 10), "file_sent": D(2002, 5, 10)}
    base.update(kw)
    return reservist(placement=Placement(**base), excluded_on=D(2002, 5, 10))  # fmt: skip


def test_reg2000_p3_lawful_placement_has_no_finding() -> None:
    assert rows(placed()) == []
    assert rows(placed(interviewed=D(2002, 5, 6), interview_passed=True)) == []  # p.35 on the day
    assert rows(placed(category_rank=5)) == []  # a lower category of the same group


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"category_group": "B"}, ("p.3", B, "placement.category_group", "r2000.p3.group")),
        ({"category_rank": 3}, ("p.3", B, "placement.category_rank", "r2000.p3.higher")),
        ({"consent": False}, ("p.3", B, "placement.consent", "r2000.p3.consent")),
        ({"consent": None}, ("p.3", W, "placement.consent", "r2000.p3.consent_unknown")),
        ({"qualification_met": False},
         ("p.3", B, "placement.qualification_met", "r2000.p3.qualification")),
        ({"own_candidates_first": False},
         ("p.36", W, "placement.own_candidates_first", "r2000.p36.own_first")),
        ({"reservist_notified": None},
         ("p.37", W, "placement.reservist_notified", "r2000.p37.reservist_notified")),
        ({"file_sent": None}, ("p.37", W, "placement.file_sent", "r2000.p37.file_sent")),
        ({"interviewed": D(2002, 5, 7)},
         ("p.35", B, "placement.interviewed", "r2000.p35.after_decision")),
        ({"interviewed": D(2002, 5, 6), "interview_passed": False},
         ("p.36 para 2", W, "placement.interview_passed", "r2000.p36.interview_failed")),
    ],
)
def test_reg2000_p3_p36_p37_placement_findings(changes: dict[str, Any], expected: Any) -> None:
    assert rows(placed(**changes)) == [expected]


def test_reg2000_p37_pending_only_after_the_body_reported() -> None:
    # the authority cannot notify before the body's report (08.05.2002): not yet a finding then
    r = placed(reservist_notified=None, file_sent=None)
    assert rows(r, at=D(2002, 5, 8), prefix="p.37") == []
    assert len(rows(r, at=D(2002, 5, 9), prefix="p.37")) == 2


def test_reg2000_p12_placement_within_the_term_only() -> None:
    # enrolled 06.03.2002: the last day in the reserve is 06.03.2003 (p.4)
    kw = {"authority_notified": D(2003, 3, 10), "reservist_notified": D(2003, 3, 10),
          "file_sent": D(2003, 3, 10)}  # fmt: skip
    assert rows(placed(decided=D(2003, 3, 6), **kw), at=D(2003, 3, 11), prefix="p.12") == []
    assert rows(placed(decided=D(2003, 3, 7), **kw), at=D(2003, 3, 11), prefix="p.12") == [
        ("p.12", B, "placement.decided", "r2000.p12.after_term")
    ]
    (f,) = [f for f in RULESET.evaluate(placed(decided=D(2003, 3, 7), **kw), at=D(2003, 3, 11))
            if f.key == "r2000.p12.after_term"]  # fmt: skip
    assert f.params == {"end": "06.03.2003"}


def test_reg2000_p33_list_requested_before_the_competition() -> None:
    ok = ListRequest(received=D(2002, 4, 1), answered=D(2002, 4, 2),
                     competition_announced=D(2002, 4, 1))  # fmt: skip
    assert rows(reservist(list_requests=[ok]), prefix="p.33") == []
    late = replace(ok, competition_announced=D(2002, 3, 31))
    assert rows(reservist(list_requests=[ok, late]), prefix="p.33") == [
        ("p.33", W, "list_requests[1].received", "r2000.p33.after_competition")
    ]
    (f,) = [f for f in RULESET.evaluate(reservist(list_requests=[late]), at=AT)
            if f.key == "r2000.p33.after_competition"]  # fmt: skip
    assert f.params == {"announced": "31.03.2002"}


@pytest.mark.parametrize("source", [Source.TRAINING, Source.ABROAD, Source.ATTESTATION])
def test_reg2000_refusal_for_qualification_p16_results_only_for_a_competition(source: Source) -> None:
    # a competition record on a reservist of another source is not the p.16 test: qualified
    failed = reservist(Source.COMPETITION).competition
    assert failed is not None
    failed = replace(failed, tests_passed=False, interview_passed=False, qualification_met=False)
    r = refused(source, G.QUALIFICATION, competition=failed)
    assert [x for x in rows(r, prefix=POINT[source]) if x[2] == "refusal_ground"] == [
        (POINT[source], B, "refusal_ground", "r2000.refusal.qualified")
    ]

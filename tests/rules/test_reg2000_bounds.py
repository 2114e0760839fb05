"""Reg-2000 at its boundaries: "overdue" on the due day itself, full attendance, zero votes,
a zero-member commission, p.12-1 to the same rank, every refusal ground's citation, and every
finding's clause, severity, field path, message key and parameters."""

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
    ListRequest,
    Placement,
    Reservist,
    Source,
)
from app.rules.base import Severity
from app.rules.reg_2000 import RULESET
from app.rules.terms import DayOff, Term, Unit
from tests.rules.test_reg2000 import AT, reservist

D = dt.date
replace = msgspec.structs.replace
B, W = Severity.BLOCKER, Severity.WARNING
Row = tuple[str, Severity, str, str, dict[str, str]]


def rows(r: Reservist, at: dt.date = AT, prefix: str = "") -> list[Row]:
    return [(f.clause.removeprefix("Reg-2000 "), f.severity, f.field, f.key, f.params)
            for f in RULESET.evaluate(r, at=at)
            if f.clause.startswith(f"Reg-2000 {prefix}")]  # fmt: skip


def comp(**kw: Any) -> Competition:
    c = reservist().competition
    assert c is not None
    return replace(c, **kw)


# ---- p.15-p.18: the competition record, the grounds, the vote ----

def test_reg2000_p15_competition_source_without_a_competition_record_blocks() -> None:
    assert rows(reservist(competition=None)) == [
        ("p.15", B, "competition", "r2000.p15.no_competition", {})
    ]
    # other sources carry no competition record and need none
    assert rows(reservist(Source.TRAINING, competition=None)) == []


def test_reg2000_p15_findings_fields_and_keys() -> None:
    assert rows(reservist(competition=comp(winner_found=False, recommended_for_vacancy=2)),
                prefix="p.15") == [
        ("p.15", B, "competition.winner_found", "r2000.p15.no_winner", {}),
        ("p.15", B, "competition.recommended_for_vacancy", "r2000.p15.one_per_vacancy",
         {"count": "2"}),
    ]  # fmt: skip


@pytest.mark.parametrize("name", ["qualification_met", "tests_passed", "interview_passed"])
def test_reg2000_p16_unknown_result_warns_and_failed_result_blocks(name: str) -> None:
    assert rows(reservist(competition=comp(**{name: None}))) == [
        ("p.16", W, f"competition.{name}", "r2000.p16.unknown", {})
    ]
    assert rows(reservist(competition=comp(**{name: False}))) == [
        ("p.16", B, f"competition.{name}", f"r2000.p16.{name}", {})
    ]


@pytest.mark.parametrize(
    ("vote", "expected"),
    [
        # full attendance is consistent
        (CommissionVote(members=9, present=9, votes_for=5), []),
        # every present member voted for
        (CommissionVote(members=9, present=6, votes_for=6), []),
        # zero votes for: no majority, but a consistent vote
        (CommissionVote(members=9, present=6, votes_for=0),
         [("p.18", B, "competition.vote.votes_for", "r2000.p18.majority",
           {"votes": "0", "present": "6"})]),
        # one short of two thirds present
        (CommissionVote(members=9, present=5, votes_for=5),
         [("p.18", B, "competition.vote.present", "r2000.p18.quorum",
           {"present": "5", "members": "9"})]),
        (CommissionVote(members=0, present=0, votes_for=0),
         [("p.18", B, "competition.vote", "r2000.p18.inconsistent", {})]),
        (CommissionVote(members=9, present=6, votes_for=7),
         [("p.18", B, "competition.vote", "r2000.p18.inconsistent", {})]),
        (CommissionVote(members=9, present=6, votes_for=-1),
         [("p.18", B, "competition.vote", "r2000.p18.inconsistent", {})]),
        (CommissionVote(members=9, present=10, votes_for=6),
         [("p.18", B, "competition.vote", "r2000.p18.inconsistent", {})]),
    ],
)
def test_reg2000_p18_vote_boundaries(vote: CommissionVote, expected: list[Row]) -> None:
    assert rows(reservist(competition=comp(vote=vote)), prefix="p.1") == expected


def test_reg2000_p18_quorum_is_a_parameter() -> None:
    r = reservist(competition=comp(vote=CommissionVote(members=4, present=2, votes_for=2)))
    assert [k for *_, k, _ in rows(r)] == ["r2000.p18.quorum"]
    half = RULESET.with_params(quorum=(1, 2))
    assert half.evaluate(r, at=AT) == []


def test_reg2000_p17_no_vote_field_and_key() -> None:
    assert rows(reservist(competition=comp(vote=None))) == [
        ("p.17", B, "competition.vote", "r2000.p17.no_vote", {})
    ]


# ---- terms: late, and "overdue" only after the due day ----

def test_reg2000_p19_overdue_only_after_the_due_day() -> None:
    # protocol 25.02.2002 + 10 days = 07.03.2002 (a Thursday)
    r = reservist(competition=comp(sent_to_authority=None))
    assert rows(r, at=D(2002, 3, 7), prefix="p.19") == []
    assert rows(r, at=D(2002, 3, 8), prefix="p.19") == [
        ("p.19", W, "competition.sent_to_authority", "r2000.overdue", {"due": "07.03.2002"})
    ]
    late = reservist(competition=comp(sent_to_authority=D(2002, 3, 8)))
    assert rows(late, prefix="p.19") == [
        ("p.19", W, "competition.sent_to_authority", "r2000.late",
         {"due": "07.03.2002", "done": "08.03.2002"})
    ]  # fmt: skip
    assert rows(reservist(competition=comp(sent_to_authority=D(2002, 3, 7))), prefix="p.19") == []


def test_reg2000_p32_2_judged_by_the_bodys_sending_day_in_working_days() -> None:
    """p.32-2: the body "submits" within ten working days of the approval (22.09.2003: the last
    day 06.10.2003, a Monday, two weekends between); the receipt after it is the transit's, not
    the body's delay. Without a sending day on record the receipt stands for it."""
    r = reservist(Source.ATTESTATION, attestation_approved=D(2003, 9, 22),
                  documents_received=D(2003, 10, 9), decision_date=D(2003, 10, 10))  # fmt: skip
    assert rows(replace(r, attestation_sent=D(2003, 10, 6)), prefix="p.32-2") == []
    assert rows(replace(r, attestation_sent=D(2003, 10, 7)), prefix="p.32-2") == [
        ("p.32-2", W, "attestation_sent", "r2000.late", {"due": "06.10.2003", "done": "07.10.2003"})
    ]
    assert rows(r, prefix="p.32-2") == [
        ("p.32-2", W, "documents_received", "r2000.late", {"due": "06.10.2003", "done": "09.10.2003"})
    ]
    assert rows(replace(r, documents_received=D(2003, 10, 6)), prefix="p.32-2") == []


def test_reg2000_p19_judged_by_the_sending_day_not_the_receipt() -> None:
    # protocol 25.02.2002 + 10 days = 07.03.2002; received a week later, sent in time
    r = reservist(documents_received=D(2002, 3, 14), decision_date=D(2002, 3, 15),
                  competition=comp(sent_to_authority=D(2002, 3, 7)))  # fmt: skip
    assert rows(r, prefix="p.19") == []


def test_reg2000_p19_no_protocol_date_no_term() -> None:
    assert rows(reservist(competition=comp(protocol_date=None, sent_to_authority=None))) == []


def test_reg2000_p32_2_overdue_only_after_the_due_day() -> None:
    # approved 22.09.2003 + 10 working days = 06.10.2003
    r = reservist(Source.ATTESTATION, attestation_approved=D(2003, 9, 22), documents_received=None,
                  decision=None, decision_date=None)  # fmt: skip
    assert rows(r, at=D(2003, 10, 6), prefix="p.32-2") == []
    assert rows(r, at=D(2003, 10, 7), prefix="p.32-2") == [
        ("p.32-2", W, "attestation_sent", "r2000.overdue", {"due": "06.10.2003"})
    ]
    assert rows(reservist(Source.ATTESTATION, attestation_approved=None)) == [
        ("p.32-2", B, "attestation_approved", "r2000.p32_2.no_date", {})
    ]


def test_reg2000_p34_overdue_only_after_the_due_day() -> None:
    q = ListRequest(received=D(2002, 4, 1), answered=None)  # + 2 weeks = Monday 15.04.2002
    r = reservist(list_requests=[ListRequest(received=D(2002, 4, 1), answered=D(2002, 4, 2)), q])
    assert rows(r, at=D(2002, 4, 15), prefix="p.34") == []
    assert rows(r, at=D(2002, 4, 16), prefix="p.34") == [
        ("p.34", W, "list_requests[1].answered", "r2000.overdue", {"due": "15.04.2002"})
    ]


def test_reg2000_p36_overdue_only_after_the_due_day() -> None:
    pl = Placement(decided=D(2002, 5, 6), authority_notified=None, consent=True)  # + 10 days: 16.05
    r = reservist(placement=pl, excluded_on=D(2002, 5, 7))
    assert rows(r, at=D(2002, 5, 16)) == []
    assert rows(r, at=D(2002, 5, 17)) == [
        ("p.36", W, "placement.authority_notified", "r2000.overdue", {"due": "16.05.2002"})
    ]
    late = replace(r, placement=replace(pl, authority_notified=D(2002, 5, 17)))
    assert rows(late, at=D(2002, 5, 17)) == [
        ("p.36", W, "placement.authority_notified", "r2000.late",
         {"due": "16.05.2002", "done": "17.05.2002"})
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("source", "clause", "due"),
    [
        (Source.COMPETITION, "p.20", D(2002, 3, 11)),  # 04.03 + 7 days
        (Source.TRAINING, "p.24", D(2002, 3, 14)),
        (Source.ABROAD, "p.31", D(2002, 3, 14)),
        (Source.ATTESTATION, "p.32-3", D(2003, 10, 20)),  # 06.10.2003 + 10 working days
    ],
)
def test_reg2000_decision_overdue_only_after_the_due_day(
    source: Source, clause: str, due: dt.date
) -> None:
    r = reservist(source, decision=None, decision_date=None)
    assert rows(r, at=due, prefix=clause) == []
    assert rows(r, at=due + dt.timedelta(days=1), prefix=clause) == [
        (clause, W, "decision_date", "r2000.overdue", {"due": due.strftime("%d.%m.%Y")})
    ]


# ---- windows p.21-1, p.28; p.27 ----

@pytest.mark.parametrize(
    ("source", "clause", "field"),
    [(Source.TRAINING, "p.21-1", "programme_completed"), (Source.ABROAD, "p.28", "returned_on")],
)
def test_reg2000_p21_1_p28_window_lapses_only_after_its_last_day(
    source: Source, clause: str, field: str
) -> None:
    # 14.02.2002 + 3 months = Tuesday 14.05.2002
    r = reservist(source, **{field: D(2002, 2, 14)}, documents_received=None, decision=None,
                  decision_date=None)  # fmt: skip
    assert rows(r, at=D(2002, 5, 14), prefix=clause) == []
    assert rows(r, at=D(2002, 5, 15), prefix=clause) == [
        (clause, B, "documents_received", "r2000.window.lapsed", {"end": "14.05.2002"})
    ]
    assert rows(replace(r, **{field: None}), prefix=clause) == [
        (clause, B, field, "r2000.window.no_date", {})
    ]


def test_reg2000_p27_finding_field_and_key() -> None:
    assert rows(reservist(Source.ABROAD, left_state_body=False)) == [
        ("p.27", B, "left_state_body", "r2000.p27.employment", {})
    ]
    assert rows(reservist(Source.ABROAD, left_state_body=None)) == []


# ---- refusal for qualification: each source cites its own point ----

@pytest.mark.parametrize(
    ("source", "clause"),
    [
        (Source.COMPETITION, "p.16"),
        (Source.TRAINING, "p.25"),
        (Source.ABROAD, "p.32"),
        (Source.ATTESTATION, "p.32-3"),
    ],
)
def test_reg2000_qualification_refusal_cites_the_sources_point(source: Source, clause: str) -> None:
    assert rows(reservist(source, qualification_met=False)) == [
        (clause, B, "qualification_met", "r2000.qualification", {})
    ]
    assert rows(reservist(source, qualification_met=None)) == []


def test_reg2000_p7_and_documents_fields_and_keys() -> None:
    r = reservist(Source.ATTESTATION, consent=False, documents=[])
    assert rows(r) == [
        ("p.7", B, "consent", "r2000.p7.consent", {}),
        ("p.32-2(1)", B, "documents", "r2000.doc.missing", {}),
        ("p.32-2(2)", B, "documents", "r2000.doc.missing", {}),
        ("p.32-2(3)", B, "documents", "r2000.doc.missing", {}),
    ]
    (f, *_) = [f for f in RULESET.evaluate(r, at=AT) if f.key == "r2000.doc.missing"]
    assert f.refs == {"doc": "rules.r2000_doc.attestation_order_extract"}


# ---- p.12-1: transfer to a lower category ----

def transfer(**kw: Any) -> CategoryTransfer:
    base: dict[str, Any] = {"requested": D(2002, 5, 1), "to_category": "C-5", "to_group": "C",
                            "to_rank": 5, "qualification_met": True}  # fmt: skip
    base.update(kw)
    return CategoryTransfer(**base)


def test_reg2000_p12_1_transfer_to_the_same_rank_is_not_lower() -> None:
    assert rows(reservist(transfer=transfer(to_rank=4, to_category="C-4"))) == [
        ("p.12-1", B, "transfer.to_rank", "r2000.p12_1.not_lower", {})
    ]


def test_reg2000_p12_1_findings_fields_and_keys() -> None:
    t = transfer(to_group="B", qualification_met=False)
    assert rows(reservist(transfer=t)) == [
        ("p.12-1", B, "transfer.to_group", "r2000.p12_1.group", {}),
        ("p.12-1", B, "transfer.qualification_met", "r2000.p12_1.qualification", {}),
    ]


def test_reg2000_p12_1_requested_on_the_term_end_day_is_still_in_time() -> None:
    # enrolled 06.03.2002: the one-year term runs to the end of Thursday 06.03.2003 (p.4: civil
    # law). i21's boundary test pinned the old reading (06.03.2003 already too late); the lawful
    # reading moves the boundary one day.
    r = reservist(transfer=transfer(requested=D(2003, 3, 7)))
    assert rows(r, at=D(2003, 3, 1)) == [
        ("p.12-1", B, "transfer.requested", "r2000.p12_1.after_term", {"end": "06.03.2003"})
    ]
    assert rows(replace(r, transfer=transfer(requested=D(2003, 3, 6))), at=D(2003, 3, 1)) == []


@pytest.mark.parametrize(
    "changes",
    [
        {"decision": None, "decision_date": D(2002, 3, 6)},
        {"decision": Decision.REFUSE, "decision_date": D(2002, 3, 6)},
        {"decision": Decision.ENROL, "decision_date": None},
    ],
)
def test_reg2000_p12_1_never_enrolled_has_no_term_to_end(changes: dict[str, Any]) -> None:
    # no enrolment decision with a date: no one-year term, so no p.12-1 "after term" and no
    # p.39(4) (the authorised body's own decision term, p.20, is a separate matter)
    r = reservist(transfer=transfer(requested=D(2003, 6, 1)), **changes)
    at = D(2003, 6, 2)
    assert rows(r, at=at, prefix="p.12-1") == []
    assert rows(r, at=at, prefix="p.39") == []


def test_reg2000_p10_term_past_a_day_off_under_civil_law() -> None:
    # enrolled 08.03.2002: the anniversary is Saturday 08.03.2003 (Women's Day, observed on
    # Monday 10.03.2003); under p.4 the term runs to the end of the next working day, Tuesday
    # 11.03.2003, and the p.39(4) ground arises on 12.03.2003. (i21's boundary test pinned the
    # status-date reading, ending on the anniversary itself; that is not the act's reading.)
    r = reservist(decision_date=D(2002, 3, 8), documents_received=D(2002, 3, 4))
    assert rows(r, at=D(2003, 3, 11), prefix="p.39") == []
    assert rows(r, at=D(2003, 3, 12), prefix="p.39") == [
        ("p.39(4)", B, "decision_date", "r2000.p39_4", {"date": "11.03.2003"})
    ]


def test_reg2000_p10_term_day_off_rule_is_a_parameter() -> None:
    r = reservist(decision_date=D(2002, 3, 8), documents_received=D(2002, 3, 4))
    keep = RULESET.with_params(term=Term(amount=1, unit=Unit.YEARS, day_off=DayOff.KEEP))
    assert not [f for f in keep.evaluate(r, at=D(2003, 3, 8)) if f.key == "r2000.p39_4"]
    assert [f.params for f in keep.evaluate(r, at=D(2003, 3, 9)) if f.key == "r2000.p39_4"] == [
        {"date": "08.03.2003"}
    ]


# ---- p.39: exclusion grounds dated on the check day ----

@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"placement": Placement(decided=AT, authority_notified=AT)},
         ("p.39(1)", B, "placement.decided", "r2000.p39_1", {"date": "01.06.2002"})),
        ({"exclusion_application": AT},
         ("p.39(2)", B, "exclusion_application", "r2000.p39_2", {"date": "01.06.2002"})),
        ({"barring_ground": AT},
         ("p.39(3)", B, "barring_ground", "r2000.p39_3", {"date": "01.06.2002"})),
        # p.39(4): the term of a decision of Thursday 31.05.2001 includes Friday 31.05.2002 (p.4),
        # so its ground is dated 31.05 and arises on the check day 01.06.2002
        ({"decision_date": D(2001, 5, 31), "documents_received": D(2001, 5, 30)},
         ("p.39(4)", B, "decision_date", "r2000.p39_4", {"date": "31.05.2002"})),
        ({"breach": AT}, ("p.39(5)", B, "breach", "r2000.p39_5", {"date": "01.06.2002"})),
    ],
)
def test_reg2000_p39_ground_dated_on_the_check_day_counts(
    changes: dict[str, Any], expected: Row
) -> None:
    r = reservist(**changes)
    assert rows(r, prefix="p.39") == [expected]
    assert rows(r, at=AT - dt.timedelta(days=1), prefix="p.39") == []
    assert rows(replace(r, decision=Decision.REFUSE), prefix="p.39") == []

"""Decisions (p.12): bulk entry with per-row exceptions, all or nothing; the agreement first;
the register's term (p.14); the decision sheet read back; the p.11(3) deadline."""

from __future__ import annotations

import datetime as dt

import pytest

from app.errors import InvalidInput
from app.services import decisions, quarter_deadlines, reserve, review
from tests.documents.pdfutil import page_texts, squash
from tests.quarter.conftest import Cycle, at, recommend_and_agree, send_and_review

D = dt.date.fromisoformat


def test_bulk_with_exceptions_skip_and_refuse(cycle: Cycle) -> None:
    c = cycle
    _, (a, b, x, y) = send_and_review(c, 1, 2, 3, 4)
    at(c.clock, "2026-03-10")
    with pytest.raises(InvalidInput) as e:
        decisions.record_many(c.dept, "2026Q1", number="№ 1", day=D("2026-03-10"))
    assert e.value.key == "decision.not_agreed"
    assert sorted(recommend_and_agree(c)) == sorted([a, b, x, y])
    at(c.clock, "2026-03-20")
    done = decisions.record_many(c.dept, "2026Q1", number="№ 45", day=D("2026-03-20"),
                                 exceptions={b: "refuse", y: "skip"})  # fmt: skip
    assert {r.nominee_id: r.decision for r in done} == {a: "enrol", b: "refuse", x: "enrol"}
    members = {m.nominee_id: m for m in reserve.members(c.dept)}
    assert set(members) == {a, x}
    assert members[a].term_ends == D("2029-03-20") and members[a].decision_number == "№ 45"
    # the skipped row is still pending; a refused one is no longer
    with pytest.raises(InvalidInput) as e:
        decisions.record(c.dept, b, "enrol", number="№ 46", day=D("2026-03-20"))
    assert e.value.key == "decision.not_pending"
    decisions.record(c.dept, y, "refuse", number="№ 46", day=D("2026-03-20"))
    assert decisions.decided(c.dept, "2026Q1") == sorted([a, b, x, y])


def test_bulk_is_all_or_nothing_and_checks_its_input(cycle: Cycle) -> None:
    c = cycle
    _, (a, b) = send_and_review(c, 1, 2)
    recommend_and_agree(c)
    at(c.clock, "2026-03-20")
    for kwargs, key in (
        ({"exceptions": {999: "refuse"}}, "decision.not_pending"),
        ({"exceptions": {a: "maybe"}}, "decision.bad_decision"),
        ({"number": " "}, "decision.number_required"),
        ({"day": D("2026-03-21")}, "decision.future_date"),
        ({"exceptions": {a: "skip", b: "skip"}}, "decision.nothing_to_record"),
    ):
        args = {"number": "№ 1", "day": D("2026-03-20")} | kwargs
        with pytest.raises(InvalidInput) as e:
            decisions.record_many(c.dept, "2026Q1", **args)  # type: ignore[arg-type]
        assert e.value.key == key
    assert decisions.decided(c.dept, "2026Q1") == []
    assert reserve.members(c.dept) == []


def test_decision_sheet_shows_agreement_and_decisions(cycle: Cycle) -> None:
    c = cycle
    _, (_a, b) = send_and_review(c, 1, 2)
    recommend_and_agree(c, "2026-03-12")
    at(c.clock, "2026-03-20")
    decisions.record_many(c.dept, "2026Q1", number="№ 45", day=D("2026-03-20"), exceptions={b: "refuse"})
    sheet = decisions.print_sheet(c.dept, "2026Q1", lang="ru")
    text = squash(" ".join(page_texts(sheet.pdf)))
    assert "12.03.2026" in text and "20.03.2026" in text and "№45" in text
    assert "Отказать" in text or "отказ" in text.lower()
    assert sheet.docs[0].kind == "decision-sheet"


def test_inform_heads_deadline_is_met_by_the_extracts(cycle: Cycle) -> None:
    c = cycle
    send_and_review(c, 1)
    send_and_review(c, 21, body="syrbar")
    recommend_and_agree(c)
    at(c.clock, "2026-03-20")
    decisions.record_many(c.dept, "2026Q1", number="№ 45", day=D("2026-03-20"))

    def inform() -> quarter_deadlines.Item:
        return next(i for i in quarter_deadlines.overview(c.dept) if i.step == "inform_heads")

    item = inform()
    assert item.clause == "Rules-2025 p.11(3)" and item.own and not item.done
    assert item.due is not None and item.due > D("2026-03-20")
    decisions.send_extract(c.dept, "2026Q1", peer_id=c.knb.workstation_id, out=c.out("e1"))
    assert not inform().done  # Syrbar not yet informed
    at(c.clock, "2026-04-30")
    assert inform().overdue
    decisions.send_extract(c.dept, "2026Q1", peer_id=c.syrbar.workstation_id, out=c.out("e2"))
    assert inform().done and not inform().overdue
    with pytest.raises(InvalidInput):  # nothing new for KNB
        decisions.send_extract(c.dept, "2026Q1", peer_id=c.knb.workstation_id, out=c.out("e3"))
    assert review.inbox(c.dept, "2026Q1")[0].counts == {"enrolled": 1}

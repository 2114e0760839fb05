"""The quarter through the services on four real workstations: every state each side shows."""

from __future__ import annotations

import datetime as dt

import msgspec
import pytest

from app.calendar import WorkCalendar
from app.domain.dossier import CareerEvent, CareerEventKind
from app.errors import InvalidInput, UsageError
from app.services import decisions, exclusions, nominees, quarter, reserve, review
from tests.quarter.conftest import Cycle, at

D = dt.date.fromisoformat


def test_body_sends_department_reviews_decides_and_body_gets_the_extract(cycle: Cycle) -> None:
    c = cycle
    k1, k2, k3 = c.add(c.knb, 1, 2, 3)
    (pending,) = c.add(c.knb, 4, appointment_submission_pending=True)
    added, skipped = quarter.build_list(c.knb, "2026Q1")
    assert sorted(added) == [k1, k2, k3] and pending in skipped
    assert skipped[pending] == "quarter.appointment_pending"
    with pytest.raises(InvalidInput) as e:
        quarter.build_list(c.knb, "2026Q1", [pending])
    assert e.value.key == "quarter.appointment_pending"
    board = quarter.board(c.knb, "2026Q1")
    assert board.counts["in_list"] == 3 and board.deadline.clause == "Rules-2025 p.10"
    assert board.workdays_left > 0

    noms = c.out("nominations")
    sent = quarter.send(c.knb, "2026Q1", peer_id=c.dept.workstation_id, out=noms)
    assert sent.count == 3
    assert {c.status(c.knb, i) for i in (k1, k2, k3)} == {"sent"}
    assert c.status(c.knb, pending) == "draft"
    c.carry(noms, c.dept)
    d1, d2, d3 = (c.dept_id(c.knb, i) for i in (k1, k2, k3))
    inbox = review.inbox(c.dept, "2026Q1")
    assert [(x.body, len(x.packages), x.counts) for x in inbox] == [("knb", 1, {"received": 3})]

    at(c.clock, "2026-03-05")
    for nid in (d1, d2, d3):
        review.set_marks(c.dept, nid, accuracy="ok", completeness="ok", compliance="ok")
    assert c.status(c.dept, d1) == "under_review"
    review.raise_finding(c.dept, d2, "Нет сведений о спецпроверке", clause="Rules-2025 p.10(3)",
                         field="vetting.reference")  # fmt: skip
    assert c.status(c.dept, d2) == "deficiency"
    fb = c.out("findings")
    review.send_findings(c.dept, "2026Q1", peer_id=c.knb.workstation_id, out=fb)
    with pytest.raises(InvalidInput):  # nothing new to send
        review.send_findings(c.dept, "2026Q1", peer_id=c.knb.workstation_id, out=c.out("again"))
    c.carry(fb, c.knb)
    assert c.status(c.knb, k2) == "deficiency"
    (f,) = quarter.findings_received(c.knb, "2026Q1")
    assert f.nominee_id == k2 and f.resolved is None and "спецпроверке" in f.text

    with pytest.raises(InvalidInput) as e:  # not edited since sent
        quarter.send_corrections(c.knb, "2026Q1", peer_id=c.dept.workstation_id, out=c.out("x"))
    assert e.value.key == "quarter.not_corrected"
    rec = nominees.get(c.knb, k2)
    vet = msgspec.structs.replace(rec.dossier.vetting, reference="№ 77-сп")
    nominees.update(c.knb, k2, msgspec.structs.replace(rec.dossier, vetting=vet))
    corr = c.out("corrections")
    quarter.send_corrections(c.knb, "2026Q1", peer_id=c.dept.workstation_id, out=corr)
    assert c.status(c.knb, k2) == "corrected"
    c.carry(corr, c.dept)
    assert c.status(c.dept, d2) == "corrected"
    cl = review.checklist(c.dept, d2)
    assert cl.changes[0][2] == ["vetting.reference"] and cl.raised[0].resolved is not None

    with pytest.raises(InvalidInput):  # no agreement yet
        decisions.record_many(c.dept, "2026Q1", number="1", day=D("2026-03-20"))
    ok, _ = review.form_list(c.dept, "2026Q1", day=D("2026-03-05"))
    assert sorted(ok) == sorted([d1, d2, d3])
    review.record_agreement(c.dept, "2026Q1", day=D("2026-03-10"), reference="СБ-12")
    at(c.clock, "2026-03-20")
    done = decisions.record_many(c.dept, "2026Q1", number="№ 45", day=D("2026-03-20"),
                                 exceptions={d3: "refuse"})  # fmt: skip
    assert {r.nominee_id: r.decision for r in done} == {d1: "enrol", d2: "enrol", d3: "refuse"}
    sheet = decisions.print_sheet(c.dept, "2026Q1", lang="kk")
    assert sheet.pdf.startswith(b"%PDF") and sheet.docs[0].kind == "decision-sheet"
    register = reserve.members(c.dept)
    assert [m.term_ends for m in register] == [D("2029-03-20")] * 2

    ex = c.out("extract")
    decisions.send_extract(c.dept, "2026Q1", peer_id=c.knb.workstation_id, out=ex)
    at(c.clock, "2026-03-23")
    c.carry(ex, c.knb)
    assert [c.status(c.knb, i) for i in (k1, k2, k3)] == ["enrolled", "enrolled", "refused"]
    notes = reserve.notices(c.knb, "2026Q1")
    due = WorkCalendar().add_workdays(D("2026-03-23"), 10)  # Nauryz: 23-25 March are days off
    assert due == D("2026-04-08")
    assert len(notes) == 2 and all(n.due == due for n in notes)
    with pytest.raises(InvalidInput):  # not in the future
        reserve.mark_notice_delivered(c.knb, k1, D("2026-03-24"))
    at(c.clock, "2026-03-27")
    reserve.mark_notice_delivered(c.knb, k1, D("2026-03-26"))

    # p.18(4): the member's own report, recorded as a fact -> raised by the rules engine
    at(c.clock, "2026-06-01")
    rec = nominees.get(c.knb, k1)
    ev = CareerEvent(kind=CareerEventKind.EXCLUSION_REQUEST, date=D("2026-05-28"), reference="рапорт")
    nominees.update(c.knb, k1, msgspec.structs.replace(rec.dossier, career_events=[ev]))
    (xid,) = exclusions.scan(c.knb)
    assert exclusions.scan(c.knb) == []
    x = exclusions.get(c.knb, xid)
    assert x.ground == "p18_4" and x.source == "rules" and x.fact_date == D("2026-05-28")
    paper = exclusions.print_paper(c.knb, xid, lang="ru")
    assert paper.docs[0].kind == "exclusion-submission"
    sub = c.out("exclusion")
    exclusions.send(c.knb, peer_id=c.dept.workstation_id, out=sub)
    c.carry(sub, c.dept)
    (dx,) = exclusions.listing(c.dept, state="received")
    with pytest.raises(UsageError):
        exclusions.decide(c.knb, xid, "exclude", number="1", day=D("2026-06-01"))
    exclusions.decide(c.dept, dx.id, "exclude", number="№ 9", day=D("2026-06-01"))
    assert c.status(c.dept, d1) == "excluded"
    back = c.out("exclusion-decision")
    exclusions.send_decisions(c.dept, peer_id=c.knb.workstation_id, out=back)
    c.carry(back, c.knb)
    assert c.status(c.knb, k1) == "excluded"
    (m,) = [m for m in reserve.members(c.knb) if m.nominee_id == k1]
    assert m.excluded_on == D("2026-06-01") and m.ground == "p18_4"

    body_states = dict((iin, st) for iin, _, st in quarter.states(c.knb, "2026Q1"))
    dept_states = dict((iin, st) for iin, _, st in quarter.states(c.dept, "2026Q1"))
    assert {k: v for k, v in body_states.items() if k in dept_states} == dept_states


def test_sgs_submits_its_own_list_and_records_its_decisions(cycle: Cycle) -> None:
    c = cycle
    s1, s2 = c.add(c.sgs, 11, 12)
    quarter.build_list(c.sgs, "2026Q1")
    with pytest.raises(UsageError):
        quarter.send(c.sgs, "2026Q1", peer_id="x", out=c.out("no"))
    assert quarter.submit_to_head_pa(c.sgs, "2026Q1", day=D("2026-02-02"), reference="МКҚ-1") == [s1, s2]
    with pytest.raises(UsageError):
        decisions.record(c.knb, 1, "enrol", number="1", day=D("2026-02-02"))
    decisions.record(c.sgs, s1, "enrol", number="№ 3", day=D("2026-02-02"))
    decisions.record(c.sgs, s2, "refuse", number="№ 3", day=D("2026-02-02"))
    assert [c.status(c.sgs, i) for i in (s1, s2)] == ["enrolled", "refused"]
    assert [n.nominee_id for n in reserve.notices(c.sgs)] == [s1]
    assert review.inbox(c.dept) == []


def test_a_pending_appointment_submission_stops_the_send(cycle: Cycle) -> None:
    c = cycle
    (k1, k2) = c.add(c.knb, 1, 2)
    quarter.build_list(c.knb, "2026Q1")
    rec = nominees.get(c.knb, k2)
    nom = msgspec.structs.replace(rec.dossier.nomination, appointment_submission_pending=True)
    nominees.update(c.knb, k2, msgspec.structs.replace(rec.dossier, nomination=nom))
    out = c.out("n")
    with pytest.raises(InvalidInput) as e:
        quarter.send(c.knb, "2026Q1", peer_id="department", out=out)
    assert e.value.key == "quarter.appointment_pending" and e.value.params["id"] == k2
    assert not out.exists() and c.status(c.knb, k1) == "in_list"
    quarter.remove_from_list(c.knb, [k2])
    assert quarter.send(c.knb, "2026Q1", peer_id="department", out=out).count == 1
    assert [c.status(c.knb, i) for i in (k1, k2)] == ["sent", "draft"]

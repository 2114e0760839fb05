"""A member's life after enrolment (Rules-2025 p.14, p.16, p.17, p.20), each clause with a case it
allows and a case it refuses: appointment and the three-month minimum with its override, training,
acting duties (not for the seconded), terms expiring ahead with the boundary rule, re-nomination of
the same person after expiry, refusal and exclusion (p.20), and the person's timeline."""

from __future__ import annotations

import datetime as dt

import msgspec
import pytest

from app.domain.dossier import Indicator, Sanction, SanctionKind, Secondment, SecondmentKind
from app.domain.workflow import MoveForbidden
from app.errors import InvalidInput, NotFound, UsageError
from app.rules.base import Severity
from app.rules.rules_2025_membership import last_day
from app.rules.rules_2025_params import Params
from app.services import (
    checks,
    decisions,
    exclusions,
    nominees,
    quarter,
    quarter_deadlines,
    reserve,
    reserve_life,
)
from app.store import reserve_life as life_repo
from tests.quarter.conftest import Cycle, at, recommend_and_agree, send_and_review

D = dt.date.fromisoformat


def _sgs_member(c: Cycle, serial: int, day: str = "2026-02-02", **changes: object) -> int:
    """A State Guard Service member enrolled on ``day`` (its own list, decided there, p.5)."""
    at(c.clock, day)
    (nid,) = c.add(c.sgs, serial)
    if changes:
        rec = nominees.get(c.sgs, nid)
        nominees.update(c.sgs, nid, msgspec.structs.replace(rec.dossier, **changes))
    quarter.build_list(c.sgs, "2026Q1", [nid])
    quarter.submit_to_head_pa(c.sgs, "2026Q1", day=D(day), reference=f"МКҚ-{serial}")
    decisions.record(c.sgs, nid, "enrol", number=f"№ {serial}", day=D(day))
    return nid


def _key(exc: pytest.ExceptionInfo[BaseException]) -> str:
    return str(getattr(exc.value, "key", ""))


# -- p.14 part 2: three months, unless the President or the Head of PA decided otherwise ---------
def test_p14_part2_appointment_after_three_months_is_recorded_and_ends_membership(cycle: Cycle) -> None:
    c = cycle
    nid = _sgs_member(c, 1)
    at(c.clock, "2026-05-04")
    reserve_life.appoint(c.sgs, nid, position="Бастық", order="№ 12 л/с", day=D("2026-05-04"))
    assert c.status(c.sgs, nid) == "appointed"
    (m,) = reserve.members(c.sgs)
    assert m.excluded_on == D("2026-05-04") and reserve.state_of(m, D("2026-05-05")) == "appointed"
    assert reserve.members(c.sgs, reserve.RegisterFilter(state="appointed"))[0].nominee_id == nid
    with pytest.raises(InvalidInput) as e:  # out of the reserve: nothing more to record
        reserve_life.record_training(c.sgs, nid, course="x", day_from=D("2026-05-04"), day_to=D("2026-05-04"))
    assert _key(e) == "life.not_in_reserve"


def test_p14_part2_appointment_before_three_months_is_refused_naming_the_clause(cycle: Cycle) -> None:
    c = cycle
    nid = _sgs_member(c, 2)
    at(c.clock, "2026-05-01")  # three months end on 02.05.2026
    with pytest.raises(InvalidInput) as e:
        reserve_life.appoint(c.sgs, nid, position="Бастық", order="№ 12", day=D("2026-05-01"))
    assert _key(e) == "life.p14_min_term"
    text = e.value.message("ru")
    assert "02.05.2026" in text and "пункта 14 Правил" in text
    assert "14-тармағының" in e.value.message("kk")
    assert c.status(c.sgs, nid) == "enrolled" and life_repo.appointment(c.sgs.db.connection(), nid) is None


def test_p14_part2_override_of_the_head_of_pa_allows_an_earlier_appointment(cycle: Cycle) -> None:
    c = cycle
    nid = _sgs_member(c, 3)
    at(c.clock, "2026-03-02")
    with pytest.raises(InvalidInput) as e:
        reserve_life.record_override(c.sgs, nid, by="minister", number="1", day=D("2026-03-01"))
    assert _key(e) == "life.bad_authority"
    with pytest.raises(InvalidInput):
        reserve_life.record_override(c.sgs, nid, by="head_pa", number="  ", day=D("2026-03-01"))
    reserve_life.record_override(c.sgs, nid, by="head_pa", number="№ 5-р", day=D("2026-03-01"))
    reserve_life.appoint(c.sgs, nid, position="Бастық", order="№ 13", day=D("2026-03-02"))
    assert c.status(c.sgs, nid) == "appointed"


# -- p.16 training -----------------------------------------------------------------------------
def test_p16_training_is_recorded_for_a_member(cycle: Cycle) -> None:
    c = cycle
    nid = _sgs_member(c, 4)
    at(c.clock, "2026-06-01")
    reserve_life.record_training(c.sgs, nid, course="Құқық қорғау академиясы: басшылар курсы",
                                 day_from=D("2026-05-11"), day_to=D("2026-05-29"), hours=72,
                                 certificate="№ 0042")  # fmt: skip
    (t,) = life_repo.training(c.sgs.db.connection(), nid)
    assert t.hours == 72 and t.certificate == "№ 0042" and t.day_to == D("2026-05-29")


def test_p16_training_is_refused_for_a_non_member_and_for_bad_dates(cycle: Cycle) -> None:
    c = cycle
    nid = _sgs_member(c, 5)
    (draft,) = c.add(c.sgs, 6)
    with pytest.raises(NotFound):
        reserve_life.record_training(c.sgs, draft, course="x", day_from=D("2026-02-02"),
                                     day_to=D("2026-02-02"))  # fmt: skip
    with pytest.raises(InvalidInput) as e:
        reserve_life.record_training(c.sgs, nid, course="x", day_from=D("2026-02-02"), day_to=D("2026-02-01"))
    assert _key(e) == "life.dates_reversed"
    with pytest.raises(InvalidInput) as e:
        reserve_life.record_training(c.sgs, nid, course="x", day_from=D("2026-02-02"), day_to=D("2026-02-02"),
                                     hours=0)  # fmt: skip
    assert _key(e) == "life.bad_hours"
    assert life_repo.training(c.sgs.db.connection(), nid) == []


# -- p.17 acting duties ------------------------------------------------------------------------
def test_p17_acting_duties_are_recorded_for_a_member_not_seconded(cycle: Cycle) -> None:
    c = cycle
    nid = _sgs_member(c, 7)
    at(c.clock, "2026-04-01")
    reserve_life.record_acting(c.sgs, nid, order="№ 30 л/с", day_from=D("2026-04-01"))
    (a,) = life_repo.acting(c.sgs.db.connection(), nid)
    assert a.order_ref == "№ 30 л/с" and a.day_to is None


def test_p17_acting_duties_are_refused_for_a_seconded_employee_with_the_clause(cycle: Cycle) -> None:
    c = cycle
    sec = Secondment(kind=SecondmentKind.STATE_BODY, host="Министрлік", since=D("2025-01-10"))
    nid = _sgs_member(c, 8, secondment=sec)
    at(c.clock, "2026-04-01")
    with pytest.raises(InvalidInput) as e:
        reserve_life.record_acting(c.sgs, nid, order="№ 30", day_from=D("2026-04-01"))
    assert _key(e) == "life.p17_seconded" and "пункт 17 Правил" in e.value.message("ru")
    assert life_repo.acting(c.sgs.db.connection(), nid) == []


# -- p.14 term: the boundary rule and terms expiring ahead -------------------------------------
def test_p14_term_boundary_rule_is_a_rule_set_parameter() -> None:
    anniversary = D("2029-02-02")
    assert last_day(anniversary, Params()) == D("2029-02-01")
    assert last_day(anniversary, Params(anniversary_in_reserve=True)) == anniversary


def test_p14_terms_expiring_within_days_are_listed_ahead(cycle: Cycle) -> None:
    c = cycle
    nid = _sgs_member(c, 9)  # term ends 02.02.2029, last day 01.02.2029
    at(c.clock, "2028-11-04")  # 89 days before the last day
    ((m, end),) = reserve_life.expiring(c.sgs, 90)
    assert m.nominee_id == nid and end == D("2029-02-01")
    at(c.clock, "2028-11-02")  # 91 days before: not yet
    assert reserve_life.expiring(c.sgs, 90) == []
    with pytest.raises(InvalidInput):
        reserve_life.expiring(c.sgs, -1)


# -- re-nomination: p.14 after expiry, p.12(2) after refusal, p.20 after exclusion ------------
def test_p14_renomination_after_the_term_expired_copies_the_dossier_forward(cycle: Cycle) -> None:
    c = cycle
    nid = _sgs_member(c, 10)
    before = nominees.get(c.sgs, nid)
    at(c.clock, "2029-02-01")  # the last day in the reserve: still a member
    with pytest.raises(InvalidInput) as e:
        reserve_life.renominate(c.sgs, nid, "2029Q2")
    assert _key(e) == "life.still_member"
    at(c.clock, "2029-02-02")
    with pytest.raises(InvalidInput) as e:
        reserve_life.renominate(c.sgs, nid, "2026Q1")  # not later than the previous nomination
    assert _key(e) == "life.quarter_not_later"
    version = reserve_life.renominate(c.sgs, nid, "2029Q2")
    rec = nominees.get(c.sgs, nid)
    assert rec.status == "renominated" and rec.version == version == before.version + 1
    assert rec.dossier.nomination.quarter == "2029Q2"
    assert rec.dossier.person == before.dossier.person and rec.dossier.photo == before.dossier.photo
    (old,) = life_repo.nominations(c.sgs.db.connection(), nid)
    assert (old.quarter, old.outcome, old.decision, old.enrolled_on) == ("2026Q1", "term_expired", "enrol",
                                                                        D("2026-02-02"))  # fmt: skip
    # the earlier membership stays in the register, ended the day after its last day with its reason
    (line,) = reserve.members(c.sgs)
    assert (line.excluded_on, line.ground) == (D("2029-02-02"), "term_expired")
    assert reserve.state_of(line, D("2029-02-02")) == "expired"
    assert reserve_life.current_member(c.sgs.db.connection(), nid) is None  # not this nomination's
    with pytest.raises(InvalidInput):  # copied forward, then edited: p.10(1) wants 2026-2028
        quarter.build_list(c.sgs, "2029Q2", [nid])
    fresh = [Indicator(year=y, text=f"{y}") for y in (2026, 2027, 2028)]
    nominees.update(c.sgs, nid, msgspec.structs.replace(rec.dossier, indicators=fresh))
    added, _ = quarter.build_list(c.sgs, "2029Q2", [nid])  # listable as a draft of its quarter
    assert added == [nid] and c.status(c.sgs, nid) == "in_list"


def test_p12_2_renomination_after_refusal(cycle: Cycle) -> None:
    c = cycle
    (nid,) = c.add(c.sgs, 11)
    quarter.build_list(c.sgs, "2026Q1", [nid])
    quarter.submit_to_head_pa(c.sgs, "2026Q1", day=D("2026-02-02"), reference="МКҚ")
    decisions.record(c.sgs, nid, "refuse", number="№ 2", day=D("2026-02-02"))
    reserve_life.renominate(c.sgs, nid, "2026Q3")
    assert c.status(c.sgs, nid) == "renominated"
    (old,) = life_repo.nominations(c.sgs.db.connection(), nid)
    assert old.outcome == "refused" and old.decision == "refuse"


def test_renomination_is_refused_from_a_state_the_table_does_not_allow(cycle: Cycle) -> None:
    c = cycle
    (draft,) = c.add(c.sgs, 12)
    with pytest.raises(MoveForbidden) as e:
        reserve_life.renominate(c.sgs, draft, "2026Q3")
    assert "пункт 14 Правил" in e.value.message("ru")
    assert life_repo.nominations(c.sgs.db.connection(), draft) == []


def _excluded_p18_3(c: Cycle, serial: int, lifted: str | None) -> int:
    nid = _sgs_member(c, serial)
    at(c.clock, "2026-07-01")
    rec = nominees.get(c.sgs, nid)
    s = Sanction(kind=SanctionKind.INCOMPLETE_COMPLIANCE_WARNING, imposed=D("2026-06-15"),
                 lifted=D(lifted) if lifted else None)  # fmt: skip
    nominees.update(c.sgs, nid, msgspec.structs.replace(rec.dossier, disciplinary=[s]))
    xid = exclusions.raise_ground(c.sgs, nid, "3", fact_date=D("2026-06-15"), evidence="Бұйрық № 9")
    exclusions.decide(c.sgs, xid, "exclude", number="№ 8", day=D("2026-07-01"))
    assert c.status(c.sgs, nid) == "excluded"
    return nid


def test_p20_renomination_after_p18_3_is_blocked_until_one_year_after_the_lift(cycle: Cycle) -> None:
    c = cycle
    nid = _excluded_p18_3(c, 13, lifted="2026-12-15")
    at(c.clock, "2027-12-14")
    with pytest.raises(InvalidInput) as e:
        reserve_life.renominate(c.sgs, nid, "2028Q1")
    assert _key(e) == "life.p20_too_early" and "15.12.2027" in e.value.message("ru")
    assert c.status(c.sgs, nid) == "excluded" and life_repo.nominations(c.sgs.db.connection(), nid) == []
    at(c.clock, "2027-12-15")  # exactly one year after the lift
    reserve_life.renominate(c.sgs, nid, "2028Q1")
    assert c.status(c.sgs, nid) == "renominated"
    (old,) = life_repo.nominations(c.sgs.db.connection(), nid)
    assert old.outcome == "excluded" and old.ground == "p18_3" and old.left_on == D("2026-07-01")


def test_p20_renomination_while_the_sanction_is_not_lifted_is_refused(cycle: Cycle) -> None:
    c = cycle
    nid = _excluded_p18_3(c, 14, lifted=None)
    at(c.clock, "2028-01-10")
    with pytest.raises(InvalidInput) as e:
        reserve_life.renominate(c.sgs, nid, "2028Q1")
    assert _key(e) == "life.p20_not_removed" and "пункт 20 Правил" in e.value.message("ru")


# -- the timeline ------------------------------------------------------------------------------
def test_history_lists_every_nomination_decision_membership_and_event_in_order(cycle: Cycle) -> None:
    c = cycle
    nid = _sgs_member(c, 15)
    at(c.clock, "2026-06-01")
    reserve_life.record_training(c.sgs, nid, course="Курс", day_from=D("2026-05-11"), day_to=D("2026-05-29"))
    reserve_life.record_acting(c.sgs, nid, order="№ 30", day_from=D("2026-04-01"), day_to=D("2026-04-30"))
    at(c.clock, "2029-02-05")
    reserve_life.renominate(c.sgs, nid, "2029Q2")
    kinds = [(e.day, e.kind) for e in reserve_life.history(c.sgs, nid)]
    assert kinds == [
        (D("2026-01-01"), "nomination"), (D("2026-02-02"), "decision_enrol"), (D("2026-02-02"), "enrolled"),
        (D("2026-04-01"), "acting"), (D("2026-05-11"), "training"), (D("2029-02-02"), "term_expired"),
        (D("2029-04-01"), "nomination"),
    ]  # fmt: skip


# -- rules fed with the register ---------------------------------------------------------------
def test_check_reads_the_register_override_of_p14_part2(cycle: Cycle) -> None:
    c = cycle
    nid = _sgs_member(c, 16)
    at(c.clock, "2026-03-02")
    reserve_life.record_override(c.sgs, nid, by="president", number="№ 1", day=D("2026-03-01"))
    reserve_life.appoint(c.sgs, nid, position="Бастық", order="№ 2", day=D("2026-03-02"))
    keys = {f.key for f in checks.check_one(c.sgs, nid)}
    assert "r2025.p14.override" in keys and not any(k.startswith("r2025.p18_") for k in keys)
    results = {r.id: r for r in checks.check_all(c.sgs).results}
    assert "r2025.p14.override" in {f.key for f in results[nid].findings}


def test_check_reads_the_register_exclusion_for_p20(cycle: Cycle) -> None:
    c = cycle
    nid = _excluded_p18_3(c, 17, lifted=None)
    found = {f.key: f.severity for f in checks.check_one(c.sgs, nid)}
    assert found["r2025.p20.not_removed"] is Severity.BLOCKER


def test_p18_7_secondment_recorded_after_enrolment_raises_the_ground_with_its_evidence(cycle: Cycle) -> None:
    c = cycle
    nid = _sgs_member(c, 18)
    at(c.clock, "2026-09-01")
    rec = nominees.get(c.sgs, nid)
    sec = Secondment(kind=SecondmentKind.STATE_BODY, host="ІІМ", since=D("2026-08-20"))
    nominees.update(c.sgs, nid, msgspec.structs.replace(rec.dossier, secondment=sec))
    ((n, ground, when, evidence),) = exclusions.detect(c.sgs)
    assert (n, ground, when) == (nid, "p18_7", D("2026-08-20")) and evidence.endswith("secondment.since")


def test_p18_7_secondment_that_began_before_enrolment_raises_no_ground(cycle: Cycle) -> None:
    c = cycle
    sec = Secondment(kind=SecondmentKind.STATE_BODY, host="ІІМ", since=D("2025-01-10"))
    _sgs_member(c, 19, secondment=sec)
    at(c.clock, "2026-09-01")
    assert exclusions.detect(c.sgs) == []


def _agreed_quarter(c: Cycle) -> None:
    send_and_review(c, 20)
    recommend_and_agree(c, "2026-03-10")
    at(c.clock, "2026-03-20")


def test_p12_1_decision_dated_before_the_agreement_is_refused(cycle: Cycle) -> None:
    c = cycle
    _agreed_quarter(c)
    with pytest.raises(InvalidInput) as e:
        decisions.record_many(c.dept, "2026Q1", number="№ 45", day=D("2026-03-09"))
    assert _key(e) == "decision.before_agreement" and "10.03.2026" in e.value.message("ru")
    assert decisions.decided(c.dept, "2026Q1") == []


def test_p12_1_decision_dated_on_the_agreement_is_recorded(cycle: Cycle) -> None:
    c = cycle
    _agreed_quarter(c)
    done = decisions.record_many(c.dept, "2026Q1", number="№ 45", day=D("2026-03-10"))
    assert [r.decision for r in done] == ["enrol"]


# -- p.5 part 2, p.6 part 2: the State Guard Service has no Department review steps ------------
def test_p5_part2_sgs_deadlines_leave_out_the_departments_p11_steps(cycle: Cycle) -> None:
    c = cycle
    _sgs_member(c, 21)
    at(c.clock, "2026-04-20")  # after every p.11 date of 2026Q1
    steps = {i.step for i in quarter_deadlines.overview(c.sgs)}
    assert "send_list" in steps and not steps & {"check", "form_list", "inform_heads"}


def test_p11_department_steps_stay_on_a_body_that_sends_to_the_department(cycle: Cycle) -> None:
    c = cycle
    c.add(c.knb, 22)
    at(c.clock, "2026-04-20")
    overdue = {i.step for i in quarter_deadlines.overview(c.knb) if i.overdue}
    assert {"check", "form_list"} <= overdue


# -- p.14: the appointment reported to the Department in a bundle kind of its own -------------
def _knb_member(c: Cycle, serial: int) -> tuple[int, int]:
    (k,), (d,) = send_and_review(c, serial)
    recommend_and_agree(c)
    at(c.clock, "2026-03-20")
    decisions.record_many(c.dept, "2026Q1", number="№ 45", day=D("2026-03-20"))
    out = c.out("extract")
    decisions.send_extract(c.dept, "2026Q1", peer_id=c.knb.workstation_id, out=out)
    c.carry(out, c.knb)
    return k, d


def test_p14_appointment_report_brings_both_registers_to_the_same_state(cycle: Cycle) -> None:
    c = cycle
    k, d = _knb_member(c, 23)
    at(c.clock, "2026-04-01")
    reserve_life.record_override(c.knb, k, by="president", number="№ 7", day=D("2026-03-31"))
    reserve_life.appoint(c.knb, k, position="Бастық", order="№ 50 л/с", day=D("2026-04-01"))
    out = c.out("appointments")
    reserve_life.send_appointments(c.knb, peer_id=c.dept.workstation_id, out=out)
    with pytest.raises(InvalidInput) as e:  # reported once
        reserve_life.send_appointments(c.knb, peer_id=c.dept.workstation_id, out=c.out("again"))
    assert _key(e) == "life.nothing_to_report"
    c.carry(out, c.dept)
    assert c.status(c.dept, d) == c.status(c.knb, k) == "appointed"
    (m,) = reserve.members(c.dept)
    assert reserve.state_of(m, D("2026-04-02")) == "appointed"
    o = life_repo.override(c.dept.db.connection(), d)
    assert o is not None and (o.authority, o.number) == ("president", "№ 7")
    assert "r2025.p14.override" in {f.key for f in checks.check_one(c.dept, d)}


def test_p14_appointment_report_for_someone_not_enrolled_there_changes_nothing(cycle: Cycle) -> None:
    from app.transfer import handlers, peers
    from app.transfer.kinds import Context, Kind

    c = cycle
    k, d = _knb_member(c, 24)
    at(c.clock, "2026-07-01")
    reserve_life.appoint(c.knb, k, position="Бастық", order="№ 51", day=D("2026-07-01"))
    conn = c.dept.db.connection()
    peer = peers.get(conn, c.knb.workstation_id)
    assert peer is not None
    ctx = Context(conn=conn, peer=peer, manifest=None,  # type: ignore[arg-type]
                  bundle_hash="0" * 64, at=D("2026-07-01"), evaluator=c.dept.evaluator())  # fmt: skip
    h = handlers.handler_for(Kind.APPOINTMENT_REPORT.value)
    entry = {"iin": nominees.get(c.knb, k).dossier.person.iin, "position": "Бастық", "order": "№ 51",
             "day": "2026-07-01"}  # fmt: skip
    index = msgspec.json.encode({"format": "rezerv.appointment-report/1", "entries": [entry]})
    assert h.prepare(ctx, index, []).counts == {"add": 1, "skip": 0}
    unknown = msgspec.json.encode({"format": "rezerv.appointment-report/1",
                                   "entries": [entry | {"iin": "820517300017"}]})  # fmt: skip
    plan = h.prepare(ctx, unknown, [])
    assert plan.counts == {"add": 0, "skip": 1} and plan.notices[0].key == "quarter.bundle_unknown_nominee"
    out = c.out("appointments")
    reserve_life.send_appointments(c.knb, peer_id=c.dept.workstation_id, out=out)
    c.carry(out, c.dept)
    assert h.prepare(ctx, index, []).counts == {"add": 0, "skip": 1}  # appointed there already
    assert c.status(c.dept, d) == "appointed"
    with pytest.raises(UsageError):
        reserve_life.send_appointments(c.dept, peer_id=c.knb.workstation_id, out=c.out("dept"))


def test_p12_2_renomination_after_refusal_reaches_the_department_as_a_new_nomination(cycle: Cycle) -> None:
    c = cycle
    (k,), (d,) = send_and_review(c, 25)
    recommend_and_agree(c)
    at(c.clock, "2026-03-20")
    decisions.record_many(c.dept, "2026Q1", number="№ 46", day=D("2026-03-20"), default="refuse")
    out = c.out("extract")
    decisions.send_extract(c.dept, "2026Q1", peer_id=c.knb.workstation_id, out=out)
    c.carry(out, c.knb)
    assert c.status(c.knb, k) == c.status(c.dept, d) == "refused"
    at(c.clock, "2026-07-01")
    reserve_life.renominate(c.knb, k, "2026Q3")
    quarter.build_list(c.knb, "2026Q3", [k])
    out = c.out("nominations")
    quarter.send(c.knb, "2026Q3", peer_id="department", out=out)
    c.carry(out, c.dept)
    assert c.status(c.knb, k) == "sent" and c.status(c.dept, d) == "received"
    for s, nid in ((c.knb, k), (c.dept, d)):
        (old,) = life_repo.nominations(s.db.connection(), nid)
        assert (old.quarter, old.outcome, old.decision_number) == ("2026Q1", "refused", "№ 46")
        kinds = [e.kind for e in reserve_life.history(s, nid)]
        assert kinds == ["nomination", "decision_refuse", "nomination"]


# -- the wizard and the Department's checklist read the register too ---------------------------
def _appointed_in_dossier(d, day: str):  # noqa: ANN001, ANN202
    from app.domain.dossier import CareerEvent, CareerEventKind

    ev = CareerEvent(kind=CareerEventKind.APPOINTMENT, date=D(day), reference="№ 13 л/с")
    return msgspec.structs.replace(d, career_events=[*d.career_events, ev])


def test_p14_part2_wizard_live_findings_refuse_an_appointment_before_three_months(cycle: Cycle) -> None:
    from app.services import dossier_flow

    c = cycle
    nid = _sgs_member(c, 30)
    at(c.clock, "2026-03-02")
    rec = nominees.get(c.sgs, nid)
    d = _appointed_in_dossier(rec.dossier, "2026-03-02")
    flow = dossier_flow.for_session(c.sgs, d, nominee_id=nid, version=rec.version)
    found = {i.key: i.kind for i in flow.findings()}
    assert found.get("r2025.p14.min_term") == "blocker"
    # the same dossier unsaved (no register line) has nothing to say about p.14
    assert "r2025.p14.min_term" not in {i.key for i in dossier_flow.for_session(c.sgs, d).findings()}
    # a draft kept across a lock is checked against the register again
    again, _ = dossier_flow.restore_for_session(c.sgs, flow.draft_state(0))
    assert "r2025.p14.min_term" in {i.key for i in again.findings()}
    # and the save counts the blocker, as check does
    nominees.update(c.sgs, nid, d)
    row = next(r for r in nominees.rows(c.sgs) if r.id == nid)
    assert row.blockers == sum(1 for f in checks.check_one(c.sgs, nid) if f.severity is Severity.BLOCKER) >= 1


def test_p14_part2_wizard_live_findings_accept_the_appointment_with_an_override(cycle: Cycle) -> None:
    from app.services import dossier_flow

    c = cycle
    nid = _sgs_member(c, 31)
    at(c.clock, "2026-03-02")
    reserve_life.record_override(c.sgs, nid, by="president", number="№ 1", day=D("2026-03-01"))
    rec = nominees.get(c.sgs, nid)
    flow = dossier_flow.for_session(c.sgs, _appointed_in_dossier(rec.dossier, "2026-03-02"), nominee_id=nid)
    found = {i.key: i.kind for i in flow.findings()}
    assert "r2025.p14.min_term" not in found and found.get("r2025.p14.override") == "info"


def test_p14_department_checklist_reads_the_members_term_from_its_register(cycle: Cycle) -> None:
    from app.services import review

    c = cycle
    _, (member, refused) = send_and_review(c, 32, 33)
    recommend_and_agree(c)
    at(c.clock, "2026-03-20")
    decisions.record(c.dept, member, "enrol", number="№ 45", day=D("2026-03-20"))
    decisions.record(c.dept, refused, "refuse", number="№ 45", day=D("2026-03-20"))
    at(c.clock, "2026-04-01")
    assert "r2025.p14.member" in {f.key for f in review.checklist(c.dept, member).findings}  # the term
    assert "r2025.p14.member" not in {f.key for f in review.checklist(c.dept, refused).findings}


def test_p16_training_is_printed_in_the_service_reference(cycle: Cycle) -> None:
    from app.services import printing
    from tests.documents.pdfutil import page_texts, squash

    c = cycle
    nid = _sgs_member(c, 34)
    other = _sgs_member(c, 35)
    at(c.clock, "2026-06-01")
    reserve_life.record_training(c.sgs, nid, course="Басшылар курсы", day_from=D("2026-05-11"),
                                 day_to=D("2026-05-29"), hours=72, certificate="№ 0042")  # fmt: skip
    for lang, clause in (("ru", "пункт 16 Правил"), ("kk", "Қағидалардың 16-тармағы")):
        pdf = printing.print_documents(c.sgs, printing.Request(kind="service-reference", lang=lang,
                                                               ids=(nid,))).pdf  # fmt: skip
        text = squash("".join(page_texts(pdf)))
        for part in ("Басшылар курсы", "11.05.2026–29.05.2026", "№0042", clause):
            assert squash(part) in text, (lang, part)
    pdf = printing.print_documents(c.sgs, printing.Request(kind="service-reference", lang="ru",
                                                           ids=(other,))).pdf  # fmt: skip
    assert "Басшылар" not in squash("".join(page_texts(pdf)))  # only the member's own courses


# -- p.19 and the State Guard Service's own path (Params.sgs_exclusion_via_department) ----------
def _excl_text(s, xid: int, lang: str) -> str:  # noqa: ANN001
    from tests.documents.pdfutil import page_texts, squash

    return squash("".join(page_texts(exclusions.print_paper(s, xid, lang=lang).pdf)))


def test_p19_sgs_exclusion_submission_is_addressed_to_the_head_of_pa(cycle: Cycle) -> None:
    from app.i18n import tr

    c = cycle
    nid = _sgs_member(c, 36)
    at(c.clock, "2026-05-05")
    xid = exclusions.raise_ground(c.sgs, nid, "4", fact_date=D("2026-05-04"), evidence="Баянат № 7")
    for lang in ("ru", "kk"):
        text = _excl_text(c.sgs, xid, lang)
        assert squash_(tr("doc.head_pa", lang)) in text and squash_(tr("doc.department", lang)) not in text
    with pytest.raises(UsageError):  # and it does not go to the Department
        exclusions.send(c.sgs, peer_id="department", out=c.out("no"))
    # a KNB submission is addressed to the Department (p.19)
    k, _ = _knb_member(c, 37)
    at(c.clock, "2026-05-05")
    kx = exclusions.raise_ground(c.knb, k, "4", fact_date=D("2026-05-04"), evidence="Баянат № 8")
    text = _excl_text(c.knb, kx, "ru")
    assert squash_(tr("doc.department", "ru")) in text and squash_(tr("doc.head_pa", "ru")) not in text


def test_p19_sgs_exclusion_via_department_parameter_reads_p19_literally(cycle: Cycle, monkeypatch) -> None:  # noqa: ANN001
    from app.i18n import tr
    from app.rules.rules_2025 import RULESET
    from tests.transfer.conftest import pin

    c = cycle
    nid = _sgs_member(c, 38)
    literal = msgspec.structs.replace(RULESET.params, sgs_exclusion_via_department=True)
    monkeypatch.setattr(RULESET, "params", literal)
    at(c.clock, "2026-05-05")
    xid = exclusions.raise_ground(c.sgs, nid, "4", fact_date=D("2026-05-04"), evidence="Баянат № 9")
    with pytest.raises(UsageError):  # the Department decides, not the SGS
        exclusions.decide(c.sgs, xid, "exclude", number="№ 8", day=D("2026-05-05"))
    assert squash_(tr("doc.department", "ru")) in _excl_text(c.sgs, xid, "ru")
    tmp = c.stick.parent
    pin(c.sgs, c.dept, tmp)
    out = c.out("sgs-exclusions")
    exclusions.send(c.sgs, peer_id=c.dept.workstation_id, out=out)
    assert out.exists() and exclusions.get(c.sgs, xid).state == "submitted"


def squash_(text: str) -> str:
    from tests.documents.pdfutil import squash

    return squash(text)


# -- the earlier membership stays in the register after a re-nomination (p.14, p.20) -----------
def test_p20_is_judged_again_after_renomination_from_the_kept_membership(cycle: Cycle) -> None:
    c = cycle
    nid = _excluded_p18_3(c, 40, lifted="2026-12-15")
    at(c.clock, "2027-12-15")
    reserve_life.renominate(c.sgs, nid, "2028Q1")
    ms = reserve_life.membership(c.sgs.db.connection(), nid)
    assert ms is not None and ms.ground is not None and ms.ground.value == "p18_3"
    assert ms.excluded_on == D("2026-07-01")
    assert not any(f.key.startswith("r2025.p20") and f.severity is Severity.BLOCKER
                   for f in checks.check_one(c.sgs, nid))  # fmt: skip
    # a listed sanction imposed after the re-nomination blocks it again under p.20
    at(c.clock, "2027-12-20")
    rec = nominees.get(c.sgs, nid)
    new = Sanction(kind=SanctionKind.INCOMPLETE_COMPLIANCE_WARNING, imposed=D("2027-12-18"))
    nominees.update(c.sgs, nid, msgspec.structs.replace(
        rec.dossier, disciplinary=[*rec.dossier.disciplinary, new]))  # fmt: skip
    found = {f.key: f.severity for f in checks.check_one(c.sgs, nid)}
    assert found["r2025.p20.not_removed"] is Severity.BLOCKER
    kinds = [e.kind for e in reserve_life.history(c.sgs, nid)]
    assert kinds.count("enrolled") == 1 and kinds.count("excluded") == 1


def test_p14_renominated_after_the_term_keeps_its_membership_at_both_workstations(cycle: Cycle) -> None:
    c = cycle
    k, d = _knb_member(c, 41)
    at(c.clock, "2029-03-20")  # the anniversary: the term has run out
    reserve_life.renominate(c.knb, k, "2029Q2")
    rec = nominees.get(c.knb, k)
    fresh = [Indicator(year=y, text=f"{y}") for y in (2026, 2027, 2028)]
    nominees.update(c.knb, k, msgspec.structs.replace(rec.dossier, indicators=fresh))
    quarter.build_list(c.knb, "2029Q2", [k])
    out = c.out("nominations")
    quarter.send(c.knb, "2029Q2", peer_id="department", out=out)
    c.carry(out, c.dept)
    assert c.status(c.knb, k) == "sent" and c.status(c.dept, d) == "received"
    for s, nid in ((c.knb, k), (c.dept, d)):
        ms = reserve_life.membership(s.db.connection(), nid)
        assert ms is not None and ms.enrolled_on == D("2026-03-20")
        assert (ms.excluded_on, ms.ground.value if ms.ground else "") == (D("2029-03-20"), "p18_5")
        (line,) = reserve.members(s)
        assert reserve.state_of(line, D("2029-03-20")) == "expired"
        keys = {f.key for f in checks.check_one(s, nid)}
        assert not any(k_.startswith("r2025.p18_") or k_.startswith("r2025.p14") for k_ in keys)
        kinds = [e.kind for e in reserve_life.history(s, nid)]
        assert kinds == ["nomination", "decision_enrol", "enrolled", "term_expired", "nomination"]


def test_p14_member_still_in_the_reserve_keeps_a_running_register_line(cycle: Cycle) -> None:
    c = cycle
    k, _ = _knb_member(c, 42)
    at(c.clock, "2029-03-19")  # the last day in the reserve
    with pytest.raises(InvalidInput) as e:
        reserve_life.renominate(c.knb, k, "2029Q2")
    assert _key(e) == "life.still_member"
    (line,) = reserve.members(c.knb)
    assert line.excluded_on is None and reserve.state_of(line, D("2029-03-19")) == "active"
    assert reserve_life.current_member(c.knb.db.connection(), k) == line


# -- the Department records none of a member's life (the body's HR subdivision does) -----------
def test_department_workstation_refuses_appointment_override_training_and_acting(cycle: Cycle) -> None:
    from app.store import audit_read

    c = cycle
    k, d = _knb_member(c, 43)
    at(c.clock, "2026-07-01")
    conn = c.dept.db.connection()
    before = audit_read.count(conn)
    calls = (
        lambda s, nid: reserve_life.appoint(s, nid, position="Бастық", order="№ 1", day=D("2026-07-01")),
        lambda s, nid: reserve_life.record_override(s, nid, by="president", number="№ 2",
                                                    day=D("2026-07-01")),
        lambda s, nid: reserve_life.record_training(s, nid, course="Курс", day_from=D("2026-06-01"),
                                                    day_to=D("2026-06-05")),
        lambda s, nid: reserve_life.record_acting(s, nid, order="№ 3", day_from=D("2026-06-01")),
    )  # fmt: skip
    for call in calls:
        with pytest.raises(InvalidInput) as e:
            call(c.dept, d)
        assert _key(e) == "life.department_records_none"
        assert "кадровое подразделение органа" in e.value.message("ru")
        assert "кадр бөлімшесі" in e.value.message("kk")
    assert audit_read.count(conn) == before and c.status(c.dept, d) == "enrolled"
    assert life_repo.training(conn, d) == [] and life_repo.acting(conn, d) == []
    assert life_repo.override(conn, d) is None and life_repo.appointment(conn, d) is None
    for call in calls[1:]:  # the same calls at the body are recorded
        call(c.knb, k)
    calls[0](c.knb, k)
    assert c.status(c.knb, k) == "appointed"


# -- p.16: the training plan per quarter -------------------------------------------------------
def test_p16_training_plan_lists_who_is_planned_and_whether_it_was_done(cycle: Cycle) -> None:
    c = cycle
    nid = _sgs_member(c, 44)
    at(c.clock, "2026-03-02")
    q2 = reserve_life.plan_training(c.sgs, nid, quarter="2026q2", course="Академия: переподготовка")
    q3 = reserve_life.plan_training(c.sgs, nid, quarter="2026Q3", course="Академия: повышение")
    last = reserve_life.plan_training(c.sgs, nid, quarter="2029Q1", course="Курс")  # the term's last quarter
    assert [(p.id, p.quarter, p.state) for p in reserve_life.training_plan(c.sgs, "2026Q2")] == [
        (q2, "2026Q2", "planned")]  # fmt: skip
    at(c.clock, "2026-06-01")
    reserve_life.record_training(c.sgs, nid, course="Академия", day_from=D("2026-05-11"),
                                 day_to=D("2026-05-29"))  # fmt: skip
    (p,) = reserve_life.training_plan(c.sgs, "2026Q2")
    assert (p.state, p.done_from, p.course) == ("done", D("2026-05-11"), "Академия: переподготовка")
    at(c.clock, "2026-10-01")  # the third quarter ended without a course
    (p,) = reserve_life.training_plan(c.sgs, "2026Q3")
    assert (p.id, p.state, p.done_from) == (q3, "missed", None)
    assert [p.id for p in reserve_life.training_plan(c.sgs, "2029Q1")] == [last]
    assert reserve_life.training_plan(c.dept, "2026Q2") == []  # the SGS's plan stays at the SGS


def test_p16_training_plan_refuses_a_past_quarter_a_repeat_a_quarter_after_the_term_and_a_non_member(
        cycle: Cycle) -> None:  # fmt: skip
    from app.store import audit_read

    c = cycle
    nid = _sgs_member(c, 45)
    (draft,) = c.add(c.sgs, 46)
    at(c.clock, "2026-04-02")
    pid = reserve_life.plan_training(c.sgs, nid, quarter="2026Q2", course="Курс")
    conn = c.sgs.db.connection()
    before = audit_read.count(conn)
    cases = (
        (nid, "2026Q1", "Курс", "life.plan_past_quarter"),
        (nid, "2026Q2", "Курс", "life.plan_exists"),
        (nid, "2029Q2", "Курс", "life.plan_after_term"),
        (nid, "2026Q3", " ", "life.course_required"),
    )  # fmt: skip
    for who, quarter_, course, key in cases:
        with pytest.raises(InvalidInput) as e:
            reserve_life.plan_training(c.sgs, who, quarter=quarter_, course=course)
        assert _key(e) == key and e.value.message("kk") and e.value.message("ru")
    assert "пункт 16 Правил" in _ru(lambda: reserve_life.plan_training(c.sgs, nid, quarter="2026Q1",
                                                                        course="К"))  # fmt: skip
    assert "01.02.2029" in _ru(lambda: reserve_life.plan_training(c.sgs, nid, quarter="2029Q2", course="К"))
    with pytest.raises(NotFound):
        reserve_life.plan_training(c.sgs, draft, quarter="2026Q3", course="Курс")
    with pytest.raises(InvalidInput) as e:
        reserve_life.plan_training(c.dept, nid, quarter="2026Q3", course="Курс")
    assert _key(e) == "life.department_records_none"
    assert audit_read.count(conn) == before
    assert [p.id for p in reserve_life.training_plan(c.sgs, "2026Q2")] == [pid]
    reserve_life.unplan_training(c.sgs, pid)
    assert reserve_life.training_plan(c.sgs, "2026Q2") == [] and audit_read.count(conn) == before + 1
    with pytest.raises(NotFound):
        reserve_life.unplan_training(c.sgs, pid)


def _ru(call) -> str:  # noqa: ANN001
    with pytest.raises(InvalidInput) as e:
        call()
    return e.value.message("ru")

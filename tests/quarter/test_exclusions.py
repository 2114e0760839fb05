"""Exclusions (p.18, p.19): grounds raised by hand and by the rules engine, submitted, decided
(exclude or reject) and returned; the register follows."""

from __future__ import annotations

import datetime as dt

import msgspec
import pytest

from app.domain.dossier import Sanction, SanctionKind
from app.errors import InvalidInput, UsageError
from app.services import decisions, exclusions, nominees, reserve
from tests.quarter.conftest import Cycle, at, recommend_and_agree, send_and_review

D = dt.date.fromisoformat


def _enrolled(c: Cycle, *serials: int) -> tuple[list[int], list[int]]:
    body_ids, dept_ids = send_and_review(c, *serials)
    recommend_and_agree(c)
    at(c.clock, "2026-03-20")
    decisions.record_many(c.dept, "2026Q1", number="№ 45", day=D("2026-03-20"))
    out = c.out("extract")
    decisions.send_extract(c.dept, "2026Q1", peer_id=c.knb.workstation_id, out=out)
    c.carry(out, c.knb)
    return body_ids, dept_ids


def test_listed_sanction_is_raised_by_the_rules_engine_and_rejected_decision_keeps_member(
    cycle: Cycle,
) -> None:
    c = cycle
    (k1, _k2), (d1, _d2) = _enrolled(c, 1, 2)
    at(c.clock, "2026-07-01")
    rec = nominees.get(c.knb, k1)
    sanction = Sanction(kind=SanctionKind.INCOMPLETE_COMPLIANCE_WARNING, imposed=D("2026-06-15"))
    nominees.update(c.knb, k1, msgspec.structs.replace(rec.dossier, disciplinary=[sanction]))
    found = exclusions.detect(c.knb)
    assert [(n, g, d) for n, g, d, _ in found] == [(k1, "p18_3", D("2026-06-15"))]
    (xid,) = exclusions.scan(c.knb)
    assert exclusions.get(c.knb, xid).evidence.startswith("Rules-2025 p.18(3)")
    with pytest.raises(InvalidInput) as e:  # the same ground and date twice
        exclusions.raise_ground(c.knb, k1, "3", fact_date=D("2026-06-15"), evidence="x")
    assert e.value.key == "exclusion.exists"
    out = c.out("sub")
    exclusions.send(c.knb, peer_id=c.dept.workstation_id, out=out)
    assert exclusions.get(c.knb, xid).state == "submitted"
    with pytest.raises(InvalidInput):  # nothing left to send
        exclusions.send(c.knb, peer_id=c.dept.workstation_id, out=c.out("none"))
    c.carry(out, c.dept)
    (dx,) = exclusions.listing(c.dept)
    assert dx.nominee_id == d1 and dx.state == "received" and dx.source == "rules"
    exclusions.decide(c.dept, dx.id, "reject", number="№ 70", day=D("2026-07-01"))
    with pytest.raises(InvalidInput):  # decided once
        exclusions.decide(c.dept, dx.id, "exclude", number="№ 71", day=D("2026-07-01"))
    back = c.out("dec")
    exclusions.send_decisions(c.dept, peer_id=c.knb.workstation_id, out=back)
    c.carry(back, c.knb)
    x = exclusions.get(c.knb, xid)
    assert x.state == "decided" and x.decision == "reject" and x.decision_number == "№ 70"
    assert c.status(c.knb, k1) == "enrolled" and c.status(c.dept, d1) == "enrolled"
    assert [m.excluded_on for m in reserve.members(c.knb)] == [None, None]


def test_term_expiry_and_input_checks(cycle: Cycle) -> None:
    c = cycle
    (k1,), (d1,) = _enrolled(c, 1)
    with pytest.raises(UsageError):
        exclusions.raise_ground(c.dept, d1, "4", fact_date=D("2026-03-20"), evidence="x")
    for ground, key in (("9", "exclusion.bad_ground"), ("p18_0", "exclusion.bad_ground")):
        with pytest.raises(InvalidInput) as e:
            exclusions.raise_ground(c.knb, k1, ground, fact_date=D("2026-03-20"), evidence="x")
        assert e.value.key == key
    with pytest.raises(InvalidInput) as e:
        exclusions.raise_ground(c.knb, k1, "4", fact_date=D("2026-03-20"), evidence="  ")
    assert e.value.key == "exclusion.evidence_required"
    (other,) = c.add(c.knb, 9)
    with pytest.raises(InvalidInput) as e:
        exclusions.raise_ground(c.knb, other, "4", fact_date=D("2026-03-20"), evidence="рапорт")
    assert e.value.key == "exclusion.not_member"
    at(c.clock, "2029-03-21")  # p.14: three years from 20.03.2026
    found = exclusions.detect(c.knb)
    assert (k1, "p18_5", D("2029-03-20")) in [(n, g, d) for n, g, d, _ in found]
    assert reserve.members(c.knb, reserve.RegisterFilter(state="expired"))[0].nominee_id == k1


def test_the_state_guard_service_decides_its_own_members_exclusion(cycle: Cycle) -> None:
    c = cycle
    (g1,) = c.add(c.sgs, 41)
    from app.services import quarter

    quarter.build_list(c.sgs, "2026Q1")
    quarter.submit_to_head_pa(c.sgs, "2026Q1", day=D("2026-02-02"), reference="МКҚ-1")
    decisions.record(c.sgs, g1, "enrol", number="№ 3", day=D("2026-02-02"))
    at(c.clock, "2026-05-05")
    xid = exclusions.raise_ground(c.sgs, g1, "6", fact_date=D("2026-05-04"), evidence="Бұйрық № 15 л/с")
    with pytest.raises(UsageError):  # its path does not go through the Department
        exclusions.send(c.sgs, peer_id="department", out=c.out("no"))
    exclusions.decide(c.sgs, xid, "exclude", number="№ 8", day=D("2026-05-05"))
    assert c.status(c.sgs, g1) == "excluded"
    (m,) = reserve.members(c.sgs)
    assert m.excluded_on == D("2026-05-05") and m.ground == "p18_6"
    paper = exclusions.print_paper(c.sgs, xid, lang="kk")
    assert paper.docs[0].kind == "exclusion-submission"

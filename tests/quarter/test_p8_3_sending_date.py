"""Rules-2025 p.8(3): no disciplinary sanction "at the moment the materials are sent". Once the
materials were sent, the sanction is judged at the sending date (the nominations bundle's date,
kept on both sides; the State Guard Service's submission to the Head of PA), not at the day of
the check or the Department's review."""

from __future__ import annotations

import datetime as dt

import msgspec

from app.domain.dossier import Sanction, SanctionKind
from app.rules.base import Severity
from app.rules.rulesets import Evaluator
from app.services import checks, nominees, quarter, review, transfer_bundles
from app.store import sending
from tests.factories import make_dossier
from tests.quarter.conftest import Cycle, at

D = dt.date.fromisoformat
KEY = "r2025.p8_3.active_sanction"


def _with(d, imposed: str, lifted: str | None = None):  # noqa: ANN001, ANN202
    s = Sanction(kind=SanctionKind.REPRIMAND, imposed=D(imposed), lifted=D(lifted) if lifted else None)
    return msgspec.structs.replace(d, disciplinary=[*d.disciplinary, s])


def _p8_3(found) -> bool:  # noqa: ANN001
    return any(f.key == KEY and f.severity is Severity.BLOCKER for f in found)


def test_p8_3_sanction_in_force_on_the_sending_date_blocks_though_lifted_before_the_review() -> None:
    d = _with(make_dossier(1), "2026-01-15", lifted="2026-02-20")
    ev = Evaluator()
    assert _p8_3(ev.evaluate(d, at=D("2026-03-04"), sent_on=D("2026-02-10")))
    # not sent yet: judged on the day (lifted by then)
    assert not _p8_3(ev.evaluate(d, at=D("2026-03-04")))


def test_p8_3_sanction_imposed_after_the_sending_date_does_not_block() -> None:
    d = _with(make_dossier(2), "2026-02-16")
    ev = Evaluator()
    assert not _p8_3(ev.evaluate(d, at=D("2026-03-04"), sent_on=D("2026-02-10")))
    assert _p8_3(ev.evaluate(d, at=D("2026-03-04")))  # a draft with it cannot be sent
    # a check dated before the sending date judges at its own date
    assert not _p8_3(ev.evaluate(d, at=D("2026-02-12"), sent_on=D("2026-03-01")))


def test_p8_3_body_and_department_judge_a_correction_at_the_nominations_sending_date(cycle: Cycle) -> None:
    c = cycle
    at(c.clock, "2026-02-10")
    (bid,) = c.add(c.knb, 41)
    assert sending.sent_on(c.knb.db.connection(), bid) is None  # in the list only: not sent
    quarter.build_list(c.knb, "2026Q1", [bid])
    out = c.out("nominations")
    quarter.send(c.knb, "2026Q1", peer_id="department", out=out)
    c.carry(out, c.dept)
    did = c.dept_id(c.knb, bid)
    assert sending.sent_on(c.knb.db.connection(), bid) == D("2026-02-10")
    assert sending.sent_on(c.dept.db.connection(), did) == D("2026-02-10")
    # the Department asks for a fix; the body's correction carries a sanction imposed after sending
    at(c.clock, "2026-02-24")
    review.raise_finding(c.dept, did, "Нет справки о спецпроверке")
    fb = c.out("findings")
    review.send_findings(c.dept, "2026Q1", peer_id=c.knb.workstation_id, out=fb)
    c.carry(fb, c.knb)
    rec = nominees.get(c.knb, bid)
    quarter.correct(c.knb, bid, _with(rec.dossier, "2026-02-16"))
    assert not _p8_3(checks.check_one(c.knb, bid))
    cb = c.out("corrections")
    quarter.send_corrections(c.knb, "2026Q1", peer_id=c.dept.workstation_id, out=cb)
    transfer_bundles.import_bundle(c.dept, cb)
    at(c.clock, "2026-03-04")
    assert not _p8_3(review.checklist(c.dept, did).findings)
    assert did in {r.id for r in checks.check_all(c.dept).results if r.blockers == 0}
    # the same dossier never sent is blocked: the sending date is what made the difference
    (draft,) = c.add(c.syrbar, 42)
    nominees.update(c.syrbar, draft, _with(nominees.get(c.syrbar, draft).dossier, "2026-02-16"))
    assert _p8_3(checks.check_one(c.syrbar, draft))


def test_p8_3_state_guard_service_judges_at_its_submission_to_the_head_of_pa(cycle: Cycle) -> None:
    c = cycle
    at(c.clock, "2026-02-10")
    (nid,) = c.add(c.sgs, 43)
    quarter.build_list(c.sgs, "2026Q1", [nid])
    quarter.submit_to_head_pa(c.sgs, "2026Q1", day=D("2026-02-09"), reference="МКҚ-43")
    assert sending.sent_on(c.sgs.db.connection(), nid) == D("2026-02-09")
    at(c.clock, "2026-02-20")
    nominees.update(c.sgs, nid, _with(nominees.get(c.sgs, nid).dossier, "2026-02-16"))
    assert not _p8_3(checks.check_one(c.sgs, nid))
    assert nominees.rows(c.sgs)[0].blockers == 0

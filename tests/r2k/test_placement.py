"""List requests (p.33-p.34), placement (p.3, p.12, p.35-p.37) and exclusion (p.39) between the
authorised body's and a state body's workstations, through real bundles: each clause both ways,
the transition table in full, and replayed bundles refused."""

from __future__ import annotations

import datetime as dt
import itertools
import shutil
from pathlib import Path

import msgspec
import pytest

from app.domain.r2k_workflow import TRANSITIONS, R2kMoveForbidden, R2kStatus
from app.errors import InvalidInput
from app.services import r2k
from app.services import transfer_bundles as tb
from app.store import audit
from app.store import r2k as repo
from app.transfer import peers
from tests.r2k.conftest import Pair, day, reservist

MINFIN = "Министерство финансов"
OWN, OTHER = "700101300011", "780202400022"


def _peer(s: object, role: str) -> str:
    return next(p.id for p in peers.all_peers(s.db.connection()) if p.role == role)  # type: ignore[attr-defined]


def _carry(p: Pair, to: object, result: tb.ExportResult, on: str) -> tb.ImportResult:
    p.at(to, on)  # type: ignore[arg-type]
    return tb.import_bundle(to, Path(result.path))  # type: ignore[arg-type]


def _answered(p: Pair, *, answer_on: str = "2002-04-16") -> dict[str, int]:
    """Two reservists enrolled on 11.03.2002 (one recommended by the body's own commission), a
    request made on 01.04.2002 and received on 02.04.2002, answered on ``answer_on``; the ids
    at the body by IIN (with "request": the body's request id, "auth_request": the authority's)."""
    p.at(p.auth, "2002-03-11")
    ids = {}
    for iin, source in ((OWN, 1), (OTHER, 2)):
        ids[iin] = r2k.submit(p.auth, reservist(source, iin))
        r2k.enrol(p.auth, ids[iin], day("2002-03-11"))
    p.at(p.body, "2002-04-01")
    qid = r2k.request_list(p.body, body_name=MINFIN, category="C-4", group="C", rank=4, vacancy="Эксперт",
                           competition=day("2002-05-06"))  # fmt: skip
    sent = r2k.send_request(p.body, qid, peer_id=_peer(p.body, "reg2000-authority"), out=p.root / "q.rzv")
    _carry(p, p.auth, sent, "2002-04-02")
    (aq,) = r2k.list_requests(p.auth)
    p.at(p.auth, answer_on)
    r2k.answer(p.auth, aq.id, day(answer_on))
    _carry(p, p.body, r2k.send_answer(p.auth, aq.id, out=p.root / "a.rzv"), answer_on)
    at_body = {v.iin: v.id for v in r2k.reservists(p.body)}
    return {**at_body, "request": qid, "auth_request": aq.id, "auth_own": ids[OWN], "auth_other": ids[OTHER]}


@pytest.mark.parametrize(("old", "new"), list(itertools.product(R2kStatus, R2kStatus)))
def test_every_move_of_the_table(pair: Pair, old: R2kStatus, new: R2kStatus) -> None:
    s = pair.auth
    with s.db.unit_of_work(s.user) as uow:
        rid = repo.add(uow.conn, reservist(2), status=old, term_ends=None, now=uow.now)
        uow.commit()
    seq = audit.head(s.db.connection())[0]
    with s.db.unit_of_work(s.user) as uow:
        if new in TRANSITIONS[old]:
            assert repo.move(uow, rid, new, "r2k.enrol") == old
            uow.commit()
            assert repo.status(s.db.connection(), rid) == new
            assert audit.head(s.db.connection())[0] == seq + 1
            return
        with pytest.raises(R2kMoveForbidden) as e:
            repo.move(uow, rid, new, "r2k.enrol")
    assert repo.status(s.db.connection(), rid) == old and audit.head(s.db.connection())[0] == seq
    assert "Положения" in e.value.message("ru") and "Ереже" in e.value.message("kk")


@pytest.mark.parametrize(("competition", "ok"), [(None, True), ("2002-04-02", True), ("2002-04-01", False),
                                                 ("2002-03-20", False)])  # fmt: skip
def test_p33_the_list_is_asked_for_before_the_competition(pair: Pair, competition: str | None,
                                                          ok: bool) -> None:  # fmt: skip
    pair.at(pair.body, "2002-04-01")
    kw = {"body_name": MINFIN, "category": "C-4", "group": "C", "rank": 4, "vacancy": "",
          "competition": day(competition) if competition else None}  # fmt: skip
    if ok:
        assert r2k.request_list(pair.body, **kw) > 0  # type: ignore[arg-type]
        return
    with pytest.raises(r2k.Refused) as e:
        r2k.request_list(pair.body, **kw)  # type: ignore[arg-type]
    assert e.value.params["clause"] == "Reg-2000 p.33" and "пункт 33 Положения" in e.value.message("ru")
    assert r2k.list_requests(pair.body) == []


@pytest.mark.parametrize(("answer_on", "late"), [("2002-04-16", False), ("2002-04-17", True)])
def test_p34_answer_within_two_weeks(pair: Pair, answer_on: str, late: bool) -> None:
    w = _answered(pair, answer_on=answer_on)
    (q,) = r2k.list_requests(pair.auth)
    assert r2k.answer_due(pair.auth, day("2002-04-02")) == day("2002-04-16")
    assert (q.answered is not None and q.answered > r2k.answer_due(pair.auth, q.received)) is late  # type: ignore[arg-type]
    assert set(q.answer) == {OWN, OTHER} and {OWN, OTHER} <= set(w)
    with pytest.raises(InvalidInput) as e:
        r2k.answer(pair.auth, q.id, day(answer_on))
    assert e.value.key == "r2k.request_answered"


def test_p34_lists_only_reservists_in_their_term_of_the_category_or_higher_in_its_group(pair: Pair) -> None:
    pair.at(pair.auth, "2002-03-11")
    cases = {"700101300011": ("C-4", "C", 4, "2002-03-11"), "700101300012": ("C-3", "C", 3, "2002-03-11"),
             "700101300013": ("C-5", "C", 5, "2002-03-11"), "700101300014": ("B-4", "B", 4, "2002-03-11"),
             "700101300015": ("C-4", "C", 4, "2001-06-01")}  # fmt: skip
    for iin, (cat, group, rank, decided) in cases.items():
        r = reservist(2, iin, category=cat, category_group=group, category_rank=rank,
                      documents_received=decided,
                      programme_completed=(day(decided) - dt.timedelta(days=20)).isoformat())  # fmt: skip
        r2k.enrol(pair.auth, r2k.submit(pair.auth, r), day(decided))
    q = repo.Request(id=1, peer="x", ref=1, body_name=MINFIN, category="C-4", category_group="C",
                     category_rank=4, vacancy="", made=day("2002-07-01"), competition=None,
                     received=day("2002-07-01"), answered=None, answer=[], sent=None)  # fmt: skip
    listed = {rec.reservist.iin for rec in r2k.candidates(pair.auth, q, day("2002-07-01"))}
    assert listed == {"700101300011", "700101300012"}  # 13: lower category; 14: other group; 15: term over


PLACE = [({}, None), ({"consent": False}, "Reg-2000 p.3"), ({"qualification_met": False}, "Reg-2000 p.3"),
         ({"decided": "2003-03-12"}, "Reg-2000 p.12")]  # fmt: skip


@pytest.mark.parametrize(("changes", "clause"), PLACE, ids=[c or "ok" for _, c in PLACE])
def test_placement_checked_against_p3_and_p12(pair: Pair, changes: dict[str, object],
                                              clause: str | None) -> None:  # fmt: skip
    w = _answered(pair)
    decided = day(str(changes.get("decided", "2002-04-20")))
    kw = {"qid": w["request"], "post": "Эксперт", "decided": decided, "consent": changes.get("consent", True),
          "qualification_met": changes.get("qualification_met", True), "own_considered": False}  # fmt: skip
    if clause is None:
        assert r2k.place(pair.body, w[OWN], **kw) == []  # type: ignore[arg-type]
        assert repo.status(pair.body.db.connection(), w[OWN]) == R2kStatus.PLACED
        return
    with pytest.raises(r2k.Refused) as e:
        r2k.place(pair.body, w[OWN], **kw)  # type: ignore[arg-type]
    assert e.value.params["clause"] == clause
    assert repo.status(pair.body.db.connection(), w[OWN]) == R2kStatus.ENROLLED


@pytest.mark.parametrize(("considered", "warned"), [(False, True), (True, False)])
def test_p36_own_commission_candidates_first(pair: Pair, considered: bool, warned: bool) -> None:
    w = _answered(pair)
    found = r2k.place(pair.body, w[OTHER], qid=w["request"], post="Эксперт", decided=day("2002-04-20"),
                      consent=True, qualification_met=True, own_considered=considered)  # fmt: skip
    assert [f.clause for f in found] == (["Reg-2000 p.36"] if warned else [])


def test_a_reservist_the_answer_did_not_name_is_not_placed(pair: Pair) -> None:
    w = _answered(pair)
    qid = r2k.request_list(pair.body, body_name=MINFIN, category="A-1", group="A", rank=1, vacancy="",
                           competition=None)  # fmt: skip
    with pytest.raises(InvalidInput) as e:
        r2k.place(pair.body, w[OWN], qid=qid, post="Эксперт", decided=day("2002-04-20"), consent=True,
                  qualification_met=True, own_considered=False)  # fmt: skip
    assert e.value.key == "r2k.not_in_answer"


def test_p36_p37_the_authority_learns_notifies_and_excludes(pair: Pair) -> None:
    w = _answered(pair)
    r2k.place(pair.body, w[OWN], qid=w["request"], post="Эксперт", decided=day("2002-04-20"), consent=True,
              qualification_met=True, own_considered=False)  # fmt: skip
    to = _peer(pair.body, "reg2000-authority")
    sent = r2k.send_placements(pair.body, peer_id=to, out=pair.root / "p.rzv")
    with pytest.raises(InvalidInput):
        r2k.send_placements(pair.body, peer_id=to, out=pair.root / "p2.rzv")
    _carry(pair, pair.auth, sent, "2002-05-02")  # p.36: informed within ten days (30.04), late here
    rid = w["auth_own"]
    v, found = r2k.show(pair.auth, rid, day("2002-05-02"))
    assert v.status == "placed" and v.reservist.placement.authority_notified == day("2002-05-02")  # type: ignore[union-attr]
    assert any(f.clause == "Reg-2000 p.36" and f.key == "r2000.late" for f in found)
    with pytest.raises(InvalidInput) as e:
        r2k.notified(pair.auth, rid, reservist=day("2002-04-19"), file_sent=None)
    assert e.value.key == "r2k.before_placement"
    _, found = r2k.show(pair.auth, rid, day("2002-05-06"))
    assert {f.field for f in found if f.clause == "Reg-2000 p.37"} == {"placement.reservist_notified",
                                                                       "placement.file_sent"}  # fmt: skip
    r2k.notified(pair.auth, rid, reservist=day("2002-05-03"), file_sent=day("2002-05-03"))
    _, found = r2k.show(pair.auth, rid, day("2002-05-06"))
    assert not [f for f in found if f.clause == "Reg-2000 p.37"]
    r2k.exclude(pair.auth, rid, ground=1, day=day("2002-05-06"))
    out = r2k.send_updates(pair.auth, peer_id=_peer(pair.auth, "reg2000-body"), out=pair.root / "u.rzv")
    shutil.copy(out.path, pair.root / "u-again.rzv")
    _carry(pair, pair.body, out, "2002-05-07")
    assert repo.status(pair.body.db.connection(), w[OWN]) == R2kStatus.EXCLUDED
    with pytest.raises(InvalidInput) as e:
        tb.import_bundle(pair.body, pair.root / "u-again.rzv")
    assert e.value.key == "bundle.replayed"


# ground -> (fact fields, the day refused, the day allowed)
GROUNDS = {
    1: ({}, None, "2002-04-20"),
    2: ({"fact_date": day("2002-06-03"), "evidence": "Заявление № 7"}, None, "2002-06-03"),
    3: ({"fact_date": day("2002-06-03"), "evidence": "Приговор суда"}, None, "2002-06-03"),
    4: ({}, "2003-03-11", "2003-03-12"),  # the term's last day is 11.03.2003 (a Tuesday)
    5: ({"fact_date": day("2002-06-03"), "evidence": "Справка проверки"}, None, "2002-06-03"),
}


@pytest.mark.parametrize("ground", sorted(GROUNDS))
def test_p39_each_ground_only_once_it_has_arisen(pair: Pair, ground: int) -> None:
    w = _answered(pair)
    rid = w["auth_own"]
    facts, refused_on, allowed_on = GROUNDS[ground]
    if ground == 1:  # not placed yet: refused; then placed (by the body's bundle)
        with pytest.raises(r2k.Refused) as e:
            r2k.exclude(pair.auth, rid, ground=1, day=day("2002-04-20"))
        assert e.value.params["clause"] == "Reg-2000 p.39(1)"
        r2k.place(pair.body, w[OWN], qid=w["request"], post="Эксперт", decided=day("2002-04-20"),
                  consent=True, qualification_met=True, own_considered=False)  # fmt: skip
        sent = r2k.send_placements(pair.body, peer_id=_peer(pair.body, "reg2000-authority"),
                                   out=pair.root / "p.rzv")  # fmt: skip
        _carry(pair, pair.auth, sent, "2002-04-22")
    if refused_on:
        with pytest.raises(r2k.Refused) as e:
            r2k.exclude(pair.auth, rid, ground=ground, day=day(refused_on), **facts)  # type: ignore[arg-type]
        text = e.value.message("ru")
        assert "подпункт 4) пункта 39 Положения" in text and "12.03.2003" in text
    if ground in (2, 3, 5):
        for missing in ("fact_date", "evidence"):
            with pytest.raises(InvalidInput):
                r2k.exclude(pair.auth, rid, ground=ground, day=day(allowed_on),
                            **{k: v for k, v in facts.items() if k != missing})  # type: ignore[arg-type]
        with pytest.raises(InvalidInput) as e2:
            r2k.exclude(pair.auth, rid, ground=ground, day=day("2002-06-02"), **facts)  # type: ignore[arg-type]
        assert e2.value.key == "r2k.fact_after_exclusion"
    assert repo.status(pair.auth.db.connection(), rid) in (R2kStatus.ENROLLED, R2kStatus.PLACED)
    r2k.exclude(pair.auth, rid, ground=ground, day=day(allowed_on), **facts)  # type: ignore[arg-type]
    v, _ = r2k.show(pair.auth, rid)
    assert v.status == "excluded" and v.exclusion is not None and v.exclusion.ground == ground
    with pytest.raises(InvalidInput):
        r2k.exclude(pair.auth, rid, ground=ground, day=day(allowed_on), **facts)  # type: ignore[arg-type]


def test_an_answer_to_an_unknown_request_adds_nothing(pair: Pair) -> None:
    _answered(pair)
    before = msgspec.to_builtins([v.id for v in r2k.reservists(pair.body)])
    # a second answer to the same request (re-sent under a new bundle id) is skipped
    (aq,) = r2k.list_requests(pair.auth)
    pair.auth.db.connection().execute("UPDATE r2k_requests SET sent = NULL WHERE id = ?", (aq.id,))
    res = _carry(pair, pair.body, r2k.send_answer(pair.auth, aq.id, out=pair.root / "a2.rzv"), "2002-04-18")
    assert res.counts == {"add": 0, "skip": 1}
    assert [n.key for n in res.notices] == ["r2k.answer_unknown_request"]
    assert [v.id for v in r2k.reservists(pair.body)] == before


def test_reg2000_kinds_are_built_only_by_their_sender_from_r2k_send(pair: Pair) -> None:
    to_auth, to_body = _peer(pair.body, "reg2000-authority"), _peer(pair.auth, "reg2000-body")
    with pytest.raises(InvalidInput) as e:  # `bundle export --kind ... --quarter`: no request named
        tb.export_bundle(pair.body, kind="r2k_list_request", peer_id=to_auth, out=pair.root / "x.rzv",
                         quarter="2002Q2")  # fmt: skip
    assert e.value.key == "r2k.use_r2k_send"
    with pytest.raises(InvalidInput) as e:  # an answer is the authority's
        tb.export_bundle(pair.body, kind="r2k_list_answer", peer_id=to_auth, out=pair.root / "y.rzv",
                         nominee_ids=(1,))  # fmt: skip
    assert e.value.key == "r2k.bundle_wrong_side"
    with pytest.raises(InvalidInput) as e:  # a request is the body's
        tb.export_bundle(pair.auth, kind="r2k_list_request", peer_id=to_body, out=pair.root / "z.rzv",
                         nominee_ids=(1,))  # fmt: skip
    assert e.value.key == "r2k.bundle_wrong_side"
    assert not any((pair.root / n).exists() for n in ("x.rzv", "y.rzv", "z.rzv"))


def test_an_incoming_kind_from_the_wrong_side_is_refused(pair: Pair) -> None:
    """The handler's own check: a list request arriving at a state body is refused before
    anything is planned."""
    from app.rules.rulesets import Evaluator
    from app.transfer import kinds
    from app.transfer.kinds_r2k import REQUEST_FORMAT, RequestHandler, RequestIndex

    idx = msgspec.json.encode(RequestIndex(format=REQUEST_FORMAT, ref=1, body_name=MINFIN, category="C-4",
                                           made=day("2002-04-01")))  # fmt: skip
    conn = pair.body.db.connection()
    peer = next(p for p in peers.all_peers(conn) if p.role == "reg2000-authority")
    ctx = kinds.Context(conn=conn, peer=peer, manifest=None, bundle_hash="", at=day("2002-04-02"),  # type: ignore[arg-type]
                        evaluator=Evaluator("reg-2000"))  # fmt: skip
    with pytest.raises(InvalidInput) as e:
        RequestHandler().prepare(ctx, idx, [])
    assert e.value.key == "bundle.index_invalid"


def test_p35_interview_recorded_before_the_decision_and_carried_to_the_authority(pair: Pair) -> None:
    w = _answered(pair)
    pair.at(pair.body, "2002-04-20")
    kw = {"qid": w["request"], "post": "Эксперт", "decided": day("2002-04-20"), "consent": True,
          "qualification_met": True, "own_considered": True}  # fmt: skip
    with pytest.raises(r2k.Refused) as e:  # an interview after the decision
        r2k.place(pair.body, w[OWN], interviewed=day("2002-04-22"), interview_passed=True, **kw)
    assert "пункт 35 Положения" in e.value.message("ru")
    assert r2k.show(pair.body, w[OWN])[0].status == "enrolled"
    warned = r2k.place(pair.body, w[OWN], interviewed=day("2002-04-19"), interview_passed=False, **kw)
    assert [f.key for f in warned] == ["r2000.p36.interview_failed"]
    # p.36 part 3: reported by the bundle on 25.04.2002 — the body's record keeps the day, and its
    # own check finds nothing late; the authority learns the interview with the placement
    pair.at(pair.body, "2002-04-25")
    to_auth = _peer(pair.body, "reg2000-authority")
    out = r2k.send_placements(pair.body, peer_id=to_auth, out=pair.root / "p.rzv")
    v, found = r2k.show(pair.body, w[OWN], day("2002-05-10"))
    assert v.reservist.placement is not None and v.reservist.placement.authority_notified == day("2002-04-25")
    assert not [f for f in found if f.clause == "Reg-2000 p.36"]
    _carry(pair, pair.auth, out, "2002-04-26")
    pl = r2k.show(pair.auth, w["auth_own"])[0].reservist.placement
    assert pl is not None and (pl.interviewed, pl.interview_passed) == (day("2002-04-19"), False)

"""Sources 1 and 4 originate at a state body (its competition commission, p.15-p.19; its
attestation commission, p.32-2): the body records the documents and sends them to the authorised
body in an ``r2k_submission`` bundle; the authority's decision term runs from the day it receives
them (seven days, p.20; ten working days, p.32-3), and the decision goes back to the body in the
``r2k_reserve_update`` kind. Both ways, through real bundles; hostile indexes refused."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import msgspec
import pytest

from app.errors import InvalidInput, UsageError
from app.services import r2k
from app.services import transfer_bundles as tb
from app.transfer import format as fmt
from app.transfer import kinds, peers
from app.transfer.kinds import index_media_type
from tests.r2k.conftest import Pair, day, reservist
from tests.r2k.test_placement import _carry, _peer
from tests.transfer.conftest import db_digest, own
from tests.transfer.forge import forge

IIN1, IIN4 = "700101300011", "690404400044"


def _at_body(p: Pair, source: int, iin: str, on: str, **changes: Any) -> int:
    p.at(p.body, on)
    return r2k.submit(p.body, reservist(source, iin, **changes))


def _send(p: Pair, on: str, name: str = "s.rzv") -> tb.ExportResult:
    p.at(p.body, on)
    return r2k.send_submissions(p.body, peer_id=_peer(p.body, "reg2000-authority"), out=p.root / name)


def _auth_rec(p: Pair, iin: str) -> r2k.View:
    (v,) = [v for v in r2k.reservists(p.auth) if v.iin == iin]
    return v


def test_source_1_goes_to_the_authority_and_its_decision_comes_back(pair: Pair) -> None:
    p = pair
    rid = _at_body(p, 1, IIN1, "2002-03-01", competition__sent_to_authority=None)
    # the body records no receipt: the authority's day is the one that counts
    assert r2k.reservists(p.body)[0].reservist.documents_received is None
    res = _carry(p, p.auth, _send(p, "2002-03-04"), "2002-03-05")
    assert res.counts == {"add": 1, "skip": 0}
    v = _auth_rec(p, IIN1)
    assert (v.status, v.origin) == ("submitted", _peer(p.auth, "reg2000-body"))
    assert v.reservist.documents_received == day("2002-03-05")
    k = v.reservist.competition
    assert k is not None and k.sent_to_authority == day("2002-03-04")
    # p.20: seven days from receipt; p.19 (ten days from the protocol of 28.02.2002) kept
    (d,) = [i for i in r2k.deadlines(p.auth) if i.step == "decide_1"]
    assert (d.due, d.clause, d.done) == (day("2002-03-12"), "Reg-2000 p.20", False)
    (s,) = [i for i in r2k.deadlines(p.body) if i.step == "submit_1"]
    assert (s.due, s.done, s.clause) == (day("2002-03-11"), True, "Reg-2000 p.19")
    p.at(p.auth, "2002-03-12")
    end, warnings = r2k.enrol(p.auth, v.id, day("2002-03-12"))
    assert warnings == []
    out = r2k.send_updates(p.auth, peer_id=_peer(p.auth, "reg2000-body"), out=p.root / "u.rzv")
    back = _carry(p, p.body, out, "2002-03-13")
    assert back.counts == {"add": 1, "skip": 0}
    b = r2k.reservists(p.body)[0]
    assert (b.id, b.status, b.term_ends, b.decision_date) == (rid, "enrolled", end, day("2002-03-12"))
    # nothing left to send either way; the same submission again is refused as a replay
    with pytest.raises(InvalidInput) as e:
        _send(p, "2002-03-14", "again.rzv")
    assert e.value.key == "r2k.nothing_to_send"
    with pytest.raises(InvalidInput) as e:
        r2k.send_updates(p.auth, peer_id=_peer(p.auth, "reg2000-body"), out=p.root / "u2.rzv")
    assert e.value.key == "r2k.nothing_to_send"


def test_source_1_decided_after_seven_days_is_late(pair: Pair) -> None:
    p = pair
    _at_body(p, 1, IIN1, "2002-03-01", competition__sent_to_authority=None)
    _carry(p, p.auth, _send(p, "2002-03-04"), "2002-03-05")
    v = _auth_rec(p, IIN1)
    p.at(p.auth, "2002-03-13")
    (d,) = [i for i in r2k.deadlines(p.auth) if i.step == "decide_1"]
    assert d.overdue
    _, warnings = r2k.enrol(p.auth, v.id, day("2002-03-13"))
    assert [(f.clause, f.field) for f in warnings] == [("Reg-2000 p.20", "decision_date")]


@pytest.mark.parametrize(("vote", "key"), [
    ({"members": 9, "present": 6, "votes_for": 4}, None),  # 6 of 9 is two thirds; 4 of 6 a majority
    ({"members": 9, "present": 5, "votes_for": 5}, "r2000.p18.quorum"),
    ({"members": 9, "present": 6, "votes_for": 3}, "r2000.p18.majority"),
])  # fmt: skip
def test_the_commission_vote_is_checked_at_the_body_and_at_the_authority(
        pair: Pair, vote: dict[str, int], key: str | None) -> None:  # fmt: skip
    p = pair
    rid = _at_body(p, 1, IIN1, "2002-03-01", competition__vote=vote, competition__sent_to_authority=None)
    assert [f.key for f in r2k.submission_findings(p.body, rid) if f.key.startswith("r2000.p18")] == \
        ([key] if key else [])  # fmt: skip
    _carry(p, p.auth, _send(p, "2002-03-04"), "2002-03-05")
    v = _auth_rec(p, IIN1)
    p.at(p.auth, "2002-03-06")
    if key is None:
        r2k.enrol(p.auth, v.id, day("2002-03-06"))
        return
    with pytest.raises(r2k.Refused) as e:
        r2k.enrol(p.auth, v.id, day("2002-03-06"))
    assert e.value.params["finding"].key == key and "пункт 18 Положения" in e.value.message("ru")


def test_source_4_within_ten_working_days_and_a_lawful_refusal_goes_back(pair: Pair) -> None:
    p = pair
    docs = ["attestation_order_extract", "application"]  # p.32-2(3): the personal sheet missing
    _at_body(p, 4, IIN4, "2003-05-12", documents=docs, documents_received=None)
    (s,) = [i for i in r2k.deadlines(p.body) if i.step == "submit_4"]
    assert (s.due, s.done) == (day("2003-05-20"), False)  # approved 05.05.2003, 9 May a holiday
    _carry(p, p.auth, _send(p, "2003-05-12"), "2003-05-13")
    v = _auth_rec(p, IIN4)
    assert v.reservist.documents_received == day("2003-05-13")
    (d,) = [i for i in r2k.deadlines(p.auth) if i.step == "decide_4"]
    assert (d.due, d.clause) == (day("2003-05-27"), "Reg-2000 p.32-3")  # ten working days
    p.at(p.auth, "2003-05-20")
    with pytest.raises(r2k.Refused):
        r2k.enrol(p.auth, v.id, day("2003-05-20"))  # a document of p.32-2 missing
    with pytest.raises(r2k.Refused):  # "qualification" is not borne out by the record
        r2k.refuse(p.auth, v.id, day("2003-05-20"), r2k.RefusalGround.QUALIFICATION)
    r2k.refuse(p.auth, v.id, day("2003-05-20"), r2k.RefusalGround.MISSING_DOCUMENTS)
    _carry(p, p.body, r2k.send_updates(p.auth, peer_id=_peer(p.auth, "reg2000-body"), out=p.root / "u.rzv"),
           "2003-05-21")  # fmt: skip
    (b,) = r2k.reservists(p.body)
    assert (b.status, b.reservist.refusal_ground) == ("refused", r2k.RefusalGround.MISSING_DOCUMENTS)


def _p(found: list[r2k.Finding], clause: str) -> list[tuple[str, str]]:
    return [(f.field, f.key) for f in found if f.clause == f"Reg-2000 {clause}"]


@pytest.mark.parametrize(("sent", "late"), [("2003-05-20", False), ("2003-05-21", True)])
def test_p32_2_is_judged_by_the_day_the_body_sent_not_by_the_receipt(pair: Pair, sent: str,
                                                                      late: bool) -> None:  # fmt: skip
    """p.32-2: the body "submits" within ten working days of the approval (05.05.2003; 9 May a
    holiday: the last day 20.05.2003); the media's two days in transit do not count against it.
    p.32-3: the authority's ten working days run from the receipt."""
    p = pair
    rid = _at_body(p, 4, IIN4, "2003-05-12", documents_received=None)
    p.at(p.body, "2003-05-21")  # not sent yet on the day after the term: overdue at the body
    assert _p(r2k.submission_findings(p.body, rid), "p.32-2") == [("attestation_sent", "r2000.overdue")]
    _carry(p, p.auth, _send(p, sent), "2003-05-23")
    expect = [("attestation_sent", "r2000.late")] if late else []
    # at the body, once sent: its own sending day, kept on its record
    assert r2k.reservists(p.body)[0].reservist.attestation_sent == day(sent)
    assert _p(r2k.submission_findings(p.body, rid), "p.32-2") == expect
    v = _auth_rec(p, IIN4)
    assert (v.reservist.attestation_sent, v.reservist.documents_received) == (day(sent), day("2003-05-23"))
    (d,) = [i for i in r2k.deadlines(p.auth) if i.step == "decide_4"]
    assert d.due == day("2003-06-06")  # 23.05.2003 + ten working days
    p.at(p.auth, "2003-06-06")
    _, warnings = r2k.enrol(p.auth, v.id, day("2003-06-06"))
    expect_w = [("Reg-2000 p.32-2", "attestation_sent")] if late else []
    assert [(f.clause, f.field) for f in warnings] == expect_w
    if late:
        assert "32-2-тармағы" in r2k.Refused(warnings[0]).message("kk")
        assert "пункт 32-2 Положения" in r2k.Refused(warnings[0]).message("ru")


def test_p32_3_the_authoritys_ten_working_days_run_from_the_receipt(pair: Pair) -> None:
    p = pair
    _at_body(p, 4, IIN4, "2003-05-12", documents_received=None)
    _carry(p, p.auth, _send(p, "2003-05-20"), "2003-05-23")
    v = _auth_rec(p, IIN4)
    p.at(p.auth, "2003-06-09")
    _, warnings = r2k.enrol(p.auth, v.id, day("2003-06-09"))  # a working day after 06.06.2003
    assert [(f.clause, f.field, f.params) for f in warnings] == [
        ("Reg-2000 p.32-3", "decision_date", {"due": "06.06.2003", "done": "09.06.2003"})]


@pytest.mark.parametrize(("sent", "late"), [("2002-03-11", False), ("2002-03-12", True)])
def test_p19_is_judged_by_the_day_the_body_sent_and_p20_from_the_receipt(pair: Pair, sent: str,
                                                                          late: bool) -> None:  # fmt: skip
    """p.19: the body submits the protocol extract, the competition file and the written consent
    within ten days (of the commission's recommendation, the protocol of 28.02.2002): under civil
    law (p.4) the tenth day, Sunday 10.03.2002, carries to Monday 11.03.2002. The transit does not
    count; p.20: the authority's seven days run from the receipt (14.03.2002 -> 21.03.2002)."""
    p = pair
    rid = _at_body(p, 1, IIN1, "2002-03-01", competition__sent_to_authority=None)
    _carry(p, p.auth, _send(p, sent), "2002-03-14")
    expect = [("competition.sent_to_authority", "r2000.late")] if late else []
    assert _p(r2k.submission_findings(p.body, rid), "p.19") == expect
    v = _auth_rec(p, IIN1)
    (d,) = [i for i in r2k.deadlines(p.auth) if i.step == "decide_1"]
    assert d.due == day("2002-03-21")
    for on, p20 in (("2002-03-21", False), ("2002-03-22", True)):
        found = r2k.check(p.auth, msgspec.structs.replace(
            v.reservist, decision=r2k.Decision.ENROL, decision_date=day(on)), day(on))  # fmt: skip
        assert _p(found, "p.19") == expect
        assert _p(found, "p.20") == ([("decision_date", "r2000.late")] if p20 else [])
    p.at(p.auth, "2002-03-21")
    _, warnings = r2k.enrol(p.auth, v.id, day("2002-03-21"))
    assert [f.clause for f in warnings] == (["Reg-2000 p.19"] if late else [])


@pytest.mark.parametrize(("body_day", "ok"), [("2002-03-05", True), ("2002-03-06", True),
                                              ("2002-03-07", False)])  # fmt: skip
def test_a_sending_day_up_to_one_day_ahead_of_the_authoritys_clock_is_taken(
        pair: Pair, body_day: str, ok: bool) -> None:  # fmt: skip
    """The two clocks need not agree to the day: a bundle dated one day after the receiving
    workstation's day is taken (its sending day kept); two days, refused in one line."""
    p = pair
    _at_body(p, 1, IIN1, "2002-03-01", competition__sent_to_authority=None)
    out = _send(p, body_day)
    if ok:
        assert _carry(p, p.auth, out, "2002-03-05").counts == {"add": 1, "skip": 0}
        v = _auth_rec(p, IIN1)
        assert v.reservist.competition is not None
        assert (v.reservist.competition.sent_to_authority, v.reservist.documents_received) == \
            (day(body_day), day("2002-03-05"))  # fmt: skip
        return
    before = db_digest(p.auth)
    with pytest.raises(InvalidInput) as e:
        _carry(p, p.auth, out, "2002-03-05")
    assert e.value.key == "r2k.sent_in_future"
    assert e.value.message("ru") == ("Пакет датирован отправкой 07.03.2002, а на этом рабочем месте сегодня "
                                     "05.03.2002: даты расходятся больше чем на 1 сутки, проверьте дату на "
                                     "обоих рабочих местах")  # fmt: skip
    assert "07.03.2002" in e.value.message("kk") and "\n" not in e.value.message("kk")
    assert db_digest(p.auth) == before


def test_the_body_submits_only_sources_1_and_4_and_the_authority_never_sends_them(pair: Pair) -> None:
    p = pair
    for source in (2, 3):
        with pytest.raises(UsageError) as e:
            _at_body(p, source, IIN1, "2002-03-04")
        assert e.value.key == "r2k.body_sources"
    assert r2k.reservists(p.body) == []
    with pytest.raises(UsageError):
        r2k.send_submissions(p.auth, peer_id=_peer(p.auth, "reg2000-body"), out=p.root / "x.rzv")
    with pytest.raises(InvalidInput) as e2:  # nothing recorded yet
        _send(p, "2002-03-04")
    assert e2.value.key == "r2k.nothing_to_send"


def test_a_citizen_already_at_the_authority_is_skipped_with_a_notice(pair: Pair) -> None:
    p = pair
    p.at(p.auth, "2002-03-04")
    r2k.submit(p.auth, reservist(1, IIN1))
    _at_body(p, 1, IIN1, "2002-03-01")
    res = _carry(p, p.auth, _send(p, "2002-03-04"), "2002-03-05")
    assert res.counts == {"add": 0, "skip": 1}
    assert [n.key for n in res.notices] == ["r2k.submission_known"]
    assert len(r2k.reservists(p.auth)) == 1


# -- hostile indexes ------------------------------------------------------------------------------

GOOD: dict[str, Any] = {"format": "rezerv.r2k-submission/1", "sent": "2002-03-04", "entries": [
    {"iin": IIN1, "full_name": "Әбілқайыров Нұрлан", "category": "C-4", "source": 1, "consent": True,
     "documents": ["protocol_extract"],
     "competition": {"vote": {"members": 9, "present": 6, "votes_for": 4}}}]}
E0 = GOOD["entries"][0]


def _ctx(s: Any, peer_role: str) -> kinds.Context:
    from app.rules.rulesets import Evaluator

    conn = s.db.connection()
    peer = next(x for x in peers.all_peers(conn) if x.role == peer_role)
    return kinds.Context(conn=conn, peer=peer, manifest=None, bundle_hash="", at=day("2002-03-05"),  # type: ignore[arg-type]
                         evaluator=Evaluator("reg-2000"))  # fmt: skip


@pytest.mark.parametrize("bad", [
    b"", b"{}", b"[]", b"\xff\xfe", b'{"format": 1}',
    GOOD | {"extra": 1}, GOOD | {"format": "rezerv.r2k-submission/2"}, GOOD | {"entries": []},
    GOOD | {"entries": [E0, E0]},  # the same citizen twice
    GOOD | {"entries": [E0 | {"source": 2}]},  # a graduate applies himself (p.22)
    GOOD | {"entries": [E0 | {"iin": "12345"}]},
    GOOD | {"entries": [E0 | {"full_name": ""}]},
    GOOD | {"entries": [E0 | {"full_name": "x" * 5000}]},
    GOOD | {"entries": [E0 | {"full_name": "Ким\n\x1b[31m"}]},
    GOOD | {"entries": [E0 | {"documents": ["diploma_of_nowhere"]}]},
    GOOD | {"entries": [E0 | {"competition": {"vote": {"members": -1, "present": 0, "votes_for": 0}}}]},
    GOOD | {"entries": [E0 | {"documents_received": "2002-01-01"}]},  # the authority dates the receipt
])  # fmt: skip
def test_hostile_submission_indexes_are_refused(pair: Pair, bad: Any) -> None:
    h = R2K()
    data = bad if isinstance(bad, bytes) else msgspec.json.encode(bad)
    with pytest.raises(InvalidInput) as e:
        h.prepare(_ctx(pair.auth, "reg2000-body"), data, [])
    assert e.value.key == "bundle.index_invalid"
    good = h.prepare(_ctx(pair.auth, "reg2000-body"), msgspec.json.encode(GOOD), [])
    assert good.counts == {"add": 1, "skip": 0}
    with pytest.raises(InvalidInput):  # and with a smuggled part
        h.prepare(_ctx(pair.auth, "reg2000-body"), msgspec.json.encode(GOOD), [b"x"])


def test_a_submission_arriving_at_a_body_is_refused(pair: Pair) -> None:
    with pytest.raises(InvalidInput) as e:
        R2K().prepare(_ctx(pair.body, "reg2000-authority"), msgspec.json.encode(GOOD), [])
    assert e.value.key == "bundle.index_invalid"


def test_a_signed_hostile_submission_changes_nothing_at_the_authority(pair: Pair) -> None:
    p = pair
    sender, me = own(p.body), own(p.auth)
    bad = GOOD | {"entries": [E0 | {"source": 3}]}
    items = [(index_media_type("r2k_submission"), msgspec.json.encode(bad))]
    data = forge(sender, [me.card.age_recipient], [fmt.Recipient(id=me.id, seq=1, prev="")], items,
                 kind="r2k_submission")  # fmt: skip
    path = Path(p.root / "hostile.rzv")
    path.write_bytes(data)
    before = db_digest(p.auth)
    p.at(p.auth, "2002-03-05")
    with pytest.raises(InvalidInput) as e:
        tb.import_bundle(p.auth, path)
    assert e.value.key == "bundle.index_invalid" and e.value.message("kk") != e.value.key
    assert db_digest(p.auth) == before


def R2K() -> Any:  # noqa: N802
    from app.transfer.kinds_r2k import R2kSubmissionHandler

    return R2kSubmissionHandler()

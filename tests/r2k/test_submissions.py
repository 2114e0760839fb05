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
    GOOD | {"sent": "2002-03-06"},  # sent after it was received
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

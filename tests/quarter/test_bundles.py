"""The quarter kinds' indexes are strict: a forged or malformed index is refused before anything
changes; an IIN unknown at the recipient is skipped with a notice; replays are refused."""

from __future__ import annotations

import datetime as dt

import msgspec
import pytest

from app.errors import InvalidInput, RezervError
from app.services import nominees, review, transfer_bundles
from app.transfer import handlers
from app.transfer.kinds import Context, Kind
from tests.quarter.conftest import Cycle, send_and_review
from tests.transfer.conftest import db_digest


def _ctx(c: Cycle) -> Context:
    from app.transfer import peers

    peer = peers.get(c.knb.db.connection(), c.dept.workstation_id)
    assert peer is not None
    return Context(conn=c.knb.db.connection(), peer=peer, manifest=None,  # type: ignore[arg-type]
                   bundle_hash="0" * 64, at=dt.date(2026, 3, 5),
                   evaluator=c.knb.evaluator())  # fmt: skip


@pytest.mark.parametrize("kind", [Kind.FINDINGS, Kind.DECISION_EXTRACT, Kind.EXCLUSION_SUBMISSION,
                                  Kind.EXCLUSION_DECISION, Kind.APPOINTMENT_REPORT])  # fmt: skip
@pytest.mark.parametrize("index", [
    b"", b"{}", b"[]", b'{"format": "x", "entries": []}', b"\xff\xfe", b'{"format": 1}',
])  # fmt: skip
def test_malformed_indexes_are_refused(cycle: Cycle, kind: Kind, index: bytes) -> None:
    with pytest.raises(InvalidInput):
        handlers.handler_for(kind.value).prepare(_ctx(cycle), index, [])


def test_unknown_field_wrong_format_and_extra_parts_are_refused(cycle: Cycle) -> None:
    h = handlers.handler_for("findings")
    entry = {"iin": "820517300017", "id": 1, "kind": "deficiency", "text": "x", "raised": "2026-03-05"}
    good = {"format": "rezerv.findings/1", "quarter": "2026Q1", "entries": [entry]}
    for bad, parts in (
        (good | {"extra": 1}, []),
        (good | {"format": "rezerv.findings/2"}, []),
        (good | {"entries": [entry | {"kind": "praise"}]}, []),
        (good | {"entries": [entry | {"iin": "12345"}]}, []),
        (good | {"entries": [entry | {"text": "x" * 5000}]}, []),
        (good, [b"smuggled"]),
    ):
        with pytest.raises(InvalidInput):
            h.prepare(_ctx(cycle), msgspec.json.encode(bad), parts)
    plan = h.prepare(_ctx(cycle), msgspec.json.encode(good), [])
    assert plan.counts == {"add": 0, "skip": 1}
    assert [n.key for n in plan.notices] == ["quarter.bundle_unknown_nominee"]


def test_findings_bundle_applies_once_and_a_replay_changes_nothing(cycle: Cycle) -> None:
    c = cycle
    (k1,), (d1,) = send_and_review(c, 1)
    review.raise_finding(c.dept, d1, "Неполные сведения", kind="request")
    assert c.status(c.dept, d1) == "under_review"  # a request is not a deficiency
    out = c.out("findings")
    review.send_findings(c.dept, "2026Q1", peer_id=c.knb.workstation_id, out=out)
    c.carry(out, c.knb)
    assert c.status(c.knb, k1) == "sent"
    before = db_digest(c.knb)
    with pytest.raises(RezervError):
        c.carry(out, c.knb)
    assert db_digest(c.knb) == before
    ins = transfer_bundles.inspect_bundle(c.knb, out)
    assert ins.refusal is not None


def test_a_request_for_information_is_answered_by_a_correction(cycle: Cycle) -> None:
    from app.services import quarter

    c = cycle
    (k1,), (d1,) = send_and_review(c, 1)
    review.raise_finding(c.dept, d1, "Приложите характеристику с места командирования", kind="request")
    out = c.out("findings")
    review.send_findings(c.dept, "2026Q1", peer_id=c.knb.workstation_id, out=out)
    c.carry(out, c.knb)
    assert quarter.correctable(c.knb, "2026Q1") == [k1]
    rec = nominees.get(c.knb, k1)
    quarter.correct(c.knb, k1, msgspec.structs.replace(rec.dossier, languages="қазақ, орыс, ағылшын"))
    corr = c.out("corr")
    quarter.send_corrections(c.knb, "2026Q1", peer_id=c.dept.workstation_id, out=corr)
    c.carry(corr, c.dept)
    assert c.status(c.knb, k1) == c.status(c.dept, d1) == "corrected"
    assert review.checklist(c.dept, d1).changes[0][2] == ["languages"]
    assert quarter.correctable(c.knb, "2026Q1") == []

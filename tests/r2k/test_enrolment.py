"""Enrolment by source (p.5) at the authorised body: every condition, document, date and ground
of the Regulation, each tested both ways — the decision is refused with its clause in words and
nothing changes, or it is recorded."""

from __future__ import annotations

from typing import Any

import pytest

from app.domain.r2k_workflow import R2kStatus
from app.domain.reg2000 import RefusalGround
from app.errors import InvalidInput, PermissionDenied, UsageError
from app.services import r2k, workstation
from app.store import audit
from app.store import r2k as repo
from tests.conftest import PASSPHRASE
from tests.r2k.conftest import ALL_22, ALL_29, Pair, day, reservist

# (source, changes, decision day, clause of the refusal or None when lawful)
ENROL: list[tuple[int, dict[str, Any], str, str | None]] = [
    (1, {}, "2002-03-11", None),
    (1, {"consent": False}, "2002-03-11", "Reg-2000 p.7"),
    (1, {"competition__winner_found": False}, "2002-03-11", "Reg-2000 p.15"),
    (1, {"competition__recommended_for_vacancy": 2}, "2002-03-11", "Reg-2000 p.15"),
    (1, {"competition__tests_passed": False}, "2002-03-11", "Reg-2000 p.16"),
    (1, {"competition__interview_passed": False}, "2002-03-11", "Reg-2000 p.16"),
    (1, {"competition__qualification_met": False}, "2002-03-11", "Reg-2000 p.16"),
    (1, {"competition__vote": None}, "2002-03-11", "Reg-2000 p.17"),
    (1, {"competition__vote__present": 5}, "2002-03-11", "Reg-2000 p.18"),  # 5 of 9 < 2/3
    (1, {"competition__vote__votes_for": 3}, "2002-03-11", "Reg-2000 p.18"),  # 3 of 6: no majority
    (1, {"documents": ["protocol_extract", "competition_file"]}, "2002-03-11", "Reg-2000 p.19"),
    (2, {}, "2002-03-14", None),
    (2, {"documents": ALL_22[:5] + ALL_22[6:]}, "2002-03-14", "Reg-2000 p.22(6)"),
    (2, {"documents": ALL_22[:-1]}, "2002-03-14", "Reg-2000 p.22(8)"),
    (2, {"qualification_met": False}, "2002-03-14", "Reg-2000 p.25"),
    # p.21-1 with p.4: three months from 20.01.2002 end on Saturday 20.04.2002, carried to Monday
    (2, {"documents_received": "2002-04-22"}, "2002-04-25", None),
    (2, {"documents_received": "2002-04-23"}, "2002-04-25", "Reg-2000 p.21-1"),
    (3, {}, "2002-03-14", None),
    (3, {"left_state_body": False}, "2002-03-14", "Reg-2000 p.27"),
    (3, {"documents": ALL_29[1:]}, "2002-03-14", "Reg-2000 p.29(1)"),
    (3, {"returned_on": "2001-12-01"}, "2002-03-14", "Reg-2000 p.28"),
    (3, {"qualification_met": False}, "2002-03-14", "Reg-2000 p.32"),
    (4, {}, "2003-05-19", None),
    (4, {"attestation_approved": None}, "2003-05-19", "Reg-2000 p.32-2"),
    (4, {"documents": ["attestation_order_extract", "application"]}, "2003-05-19", "Reg-2000 p.32-2(3)"),
    (4, {"qualification_met": False}, "2003-05-19", "Reg-2000 p.32-3"),
    # the fourth source exists only from Decree No. 1071 of 21.04.2003 (p.5(4))
    (4, {"attestation_approved": "2003-04-10", "documents_received": "2003-04-14"}, "2003-04-18",
     "Reg-2000 p.5(4)"),
]  # fmt: skip


def _submit(p: Pair, source: int, iin: str = "700101300011", **changes: Any) -> int:
    r = reservist(source, iin, **changes)
    assert r.documents_received is not None
    p.at(p.auth, r.documents_received.isoformat())
    return r2k.submit(p.auth, r)


@pytest.mark.parametrize(("source", "changes", "on", "clause"), ENROL,
                         ids=[f"{s}-{'-'.join(c) or 'ok'}-{k or 'lawful'}"
                              for s, c, _, k in ENROL])  # fmt: skip
def test_enrolment_by_source(pair: Pair, source: int, changes: dict[str, Any], on: str,
                             clause: str | None) -> None:  # fmt: skip
    rid = _submit(pair, source, **changes)
    pair.at(pair.auth, on)
    if clause is None:
        end, _ = r2k.enrol(pair.auth, rid, day(on))
        assert repo.status(pair.auth.db.connection(), rid) == R2kStatus.ENROLLED
        assert end.year == day(on).year + 1
        return
    seq = audit.head(pair.auth.db.connection())[0]
    with pytest.raises(r2k.Refused) as e:
        r2k.enrol(pair.auth, rid, day(on))
    assert e.value.params["clause"] == clause
    assert "Положения" in e.value.message("ru") and "Ереже" in e.value.message("kk")
    conn = pair.auth.db.connection()
    assert repo.status(conn, rid) == R2kStatus.SUBMITTED and audit.head(conn)[0] == seq


@pytest.mark.parametrize(("on", "ends"), [("2002-03-11", "2003-03-11"), ("2002-03-15", "2003-03-17")])
def test_p10_term_is_read_under_civil_law(pair: Pair, on: str, ends: str) -> None:
    """p.10 with p.4: one year from the decision, to the end of the anniversary; a Saturday
    anniversary (15.03.2003) carries the term to Monday."""
    rid = _submit(pair, 2)
    pair.at(pair.auth, on)
    assert r2k.enrol(pair.auth, rid, day(on))[0] == day(ends)
    assert repo.get(pair.auth.db.connection(), rid).term_ends == day(ends)


LATE = [(1, "2002-03-11", False), (1, "2002-03-12", True), (4, "2003-05-26", False), (4, "2003-05-27", True)]


@pytest.mark.parametrize(("source", "on", "late"), LATE)
def test_decision_terms_warn_when_late(pair: Pair, source: int, on: str, late: bool) -> None:
    """p.20 (seven days, counted from the day after receipt) and p.32-3 (ten working days)."""
    rid = _submit(pair, source)
    pair.at(pair.auth, on)
    _, warnings = r2k.enrol(pair.auth, rid, day(on))
    assert any(f.key == "r2000.late" for f in warnings) is late


# (source, changes, ground, clause of the refusal when unlawful, else None)
REFUSE: list[tuple[int, dict[str, Any], str, str | None]] = [
    (1, {"competition__tests_passed": False}, "qualification", None),
    (1, {}, "competition_breach", None),
    (1, {}, "missing_documents", "Reg-2000 p.20 para 2"),  # p.20 part 2: "only" two grounds
    (1, {}, "civil_service_law", "Reg-2000 p.20 para 2"),
    (1, {}, "qualification", "Reg-2000 p.20 para 2"),  # every p.16 ground is met on record
    (2, {"documents": ALL_22[1:]}, "missing_documents", None),
    (2, {}, "missing_documents", "Reg-2000 p.25"),  # all eight documents are there
    (2, {}, "civil_service_law", None),
    (2, {}, "other", "Reg-2000 p.25"),
    (3, {"qualification_met": False}, "qualification", None),
    (3, {}, "competition_breach", "Reg-2000 p.32"),
    (4, {}, "civil_service_law", None),
    (4, {}, "other", "Reg-2000 p.32-3"),
]  # fmt: skip


@pytest.mark.parametrize(("source", "changes", "ground", "clause"), REFUSE,
                         ids=[f"{s}-{g}-{k or 'lawful'}" for s, _, g, k in REFUSE])  # fmt: skip
def test_refusal_only_on_lawful_grounds(pair: Pair, source: int, changes: dict[str, Any], ground: str,
                                        clause: str | None) -> None:  # fmt: skip
    rid = _submit(pair, source, **changes)
    on = "2003-05-19" if source == 4 else "2002-03-11"
    pair.at(pair.auth, on)
    if clause is None:
        r2k.refuse(pair.auth, rid, day(on), RefusalGround(ground))
        assert repo.status(pair.auth.db.connection(), rid) == R2kStatus.REFUSED
        return
    with pytest.raises(r2k.Refused) as e:
        r2k.refuse(pair.auth, rid, day(on), RefusalGround(ground))
    assert e.value.params["clause"] == clause
    assert repo.status(pair.auth.db.connection(), rid) == R2kStatus.SUBMITTED


def test_a_decision_before_the_documents_and_a_second_decision_are_refused(pair: Pair) -> None:
    rid = _submit(pair, 2)
    with pytest.raises(InvalidInput) as e:
        r2k.enrol(pair.auth, rid, day("2002-03-01"))
    assert e.value.key == "r2k.decision_before_documents"
    r2k.enrol(pair.auth, rid, day("2002-03-05"))
    with pytest.raises(InvalidInput) as e:
        r2k.refuse(pair.auth, rid, day("2002-03-06"), RefusalGround.CIVIL_SERVICE_LAW)
    assert e.value.key == "r2k.move_forbidden"
    assert "в резерве" in e.value.message("ru") and "пункта 20 Положения" in e.value.message("ru")


def test_one_active_record_per_person_and_inputs_checked(pair: Pair) -> None:
    _submit(pair, 2)
    with pytest.raises(InvalidInput) as e:
        _submit(pair, 3)
    assert e.value.key == "r2k.already"
    for iin, changes, key in (("12345", {}, "r2k.bad_iin"),
                              ("800101300022", {"full_name": " "}, "r2k.name_required"),
                              ("800101300022", {"documents_received": None}, "r2k.received_required"),
                              ("800101300022", {"decision": "enrol"}, "r2k.submit_undecided")):  # fmt: skip
        r = reservist(2, iin, **changes)
        with pytest.raises(InvalidInput) as e:
            r2k.submit(pair.auth, r)
        assert e.value.key == key


def test_each_side_does_its_own_part(pair: Pair) -> None:
    with pytest.raises(UsageError) as e:  # a graduate applies to the authority (p.22)
        r2k.submit(pair.body, reservist(2))
    assert e.value.key == "r2k.body_sources"
    rid = r2k.submit(pair.body, reservist(1))  # a competition participant is the body's (p.19)
    with pytest.raises(UsageError) as e:
        r2k.enrol(pair.body, rid, day("2002-03-05"))
    assert e.value.key == "r2k.authority_only"
    with pytest.raises(UsageError) as e:
        r2k.request_list(pair.auth, body_name="x", category="C-4", group="C", rank=4, vacancy="",
                         competition=None)  # fmt: skip
    assert e.value.key == "r2k.body_only"


def test_an_auditor_reads_but_does_not_decide(pair: Pair, fast_kdf: object) -> None:
    rid = _submit(pair, 2)
    workstation.add_user(pair.auth, "auditor1", "auditor", PASSPHRASE, fast_kdf)  # type: ignore[arg-type]
    a = workstation.unlock(pair.auth.db.path, user="auditor1", passphrase=PASSPHRASE, clock=pair.auth.clock)
    try:
        assert [v.id for v in r2k.reservists(a)] == [rid]
        with pytest.raises(PermissionDenied):
            r2k.enrol(a, rid, day("2002-03-05"))
    finally:
        a.close()


def test_hostile_text_survives(pair: Pair, hostile_strings: list[str]) -> None:
    for i, text in enumerate(hostile_strings):
        if not text.strip():
            continue
        r = reservist(2, f"8001013{i:05d}", full_name=text, category=text)
        rid = r2k.submit(pair.auth, r)
        v, _ = r2k.show(pair.auth, rid)
        assert (v.name, v.category) == (text.strip() and text, text)

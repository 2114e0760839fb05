"""p.12-1 (added by Decree No. 605 of 11.05.2001): on the reservist's application the authorised
body transfers them to the reserve of a lower category within the same group, if they meet its
qualification requirements — within the term (p.10 with p.4). Each condition both ways: refused
with the clause in words and nothing changes, or recorded (the category changes, the term and the
state stay, one audit row)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from app.domain.r2k_workflow import R2kStatus
from app.errors import InvalidInput, PermissionDenied, UsageError
from app.services import r2k, workstation
from app.store import audit
from app.store import r2k as repo
from tests.cli import run_cli
from tests.conftest import PASSPHRASE
from tests.r2k.conftest import Pair, day, reservist

OK: dict[str, Any] = {"to_category": "C-5", "to_group": "C", "to_rank": 5, "qualification_met": True}


def _enrolled(p: Pair, on: str = "2002-03-14", **changes: Any) -> int:
    r = reservist(2, documents_received=on, **changes)
    p.at(p.auth, on)
    rid = r2k.submit(p.auth, r)
    r2k.enrol(p.auth, rid, day(on))
    return rid


def _state(p: Pair, rid: int) -> tuple[str, str, int, dt.date | None, int]:
    rec = repo.get(p.auth.db.connection(), rid)
    n = len([e for e in audit.rows(p.auth.db.connection())
             if (e.action, e.entity) == ("r2k.transfer", f"r2k:{rid}")])  # fmt: skip
    return rec.status, rec.reservist.category, rec.reservist.category_rank, rec.term_ends, n


CASES = [
    ({}, None),
    ({"to_group": "B"}, "r2000.p12_1.group"),
    ({"to_rank": 4}, "r2000.p12_1.not_lower"),  # the same rank is not lower
    ({"to_rank": 3}, "r2000.p12_1.not_lower"),  # a higher category
    ({"qualification_met": False}, "r2000.p12_1.qualification"),
]


@pytest.mark.parametrize(("changes", "key"), CASES, ids=[k or "ok" for _, k in CASES])
def test_p12_1_lower_category_within_the_group_if_qualified(pair: Pair, changes: dict[str, Any],
                                                            key: str | None) -> None:  # fmt: skip
    rid = _enrolled(pair)
    before = _state(pair, rid)
    kw = {**OK, **changes}
    if key is None:
        r2k.transfer(pair.auth, rid, requested=day("2002-06-03"), day=day("2002-06-05"), **kw)
        assert _state(pair, rid) == ("enrolled", "C-5", 5, before[3], 1)  # the term does not move
        rec = repo.get(pair.auth.db.connection(), rid)
        assert rec.reservist.transfer is None  # the record checks clean afterwards
        assert r2k.check(pair.auth, rec.reservist, day("2002-06-05")) == []
        return
    with pytest.raises(r2k.Refused) as e:
        r2k.transfer(pair.auth, rid, requested=day("2002-06-03"), day=day("2002-06-05"), **kw)
    assert e.value.params["clause"] == "Reg-2000 p.12-1"
    assert e.value.params["finding"].key == key  # type: ignore[attr-defined]
    assert e.value.message("ru").startswith("Не допускается (пункт 12-1 Положения): ")
    assert _state(pair, rid) == before


def test_p12_1_the_application_within_the_term_read_under_civil_law(pair: Pair) -> None:
    rid = _enrolled(pair)
    end = repo.get(pair.auth.db.connection(), rid).term_ends
    assert end is not None
    late = end + dt.timedelta(days=1)
    with pytest.raises(r2k.Refused) as e:
        r2k.transfer(pair.auth, rid, requested=late, day=late, **OK)
    assert e.value.params["finding"].key == "r2000.p12_1.after_term"  # type: ignore[attr-defined]
    assert _state(pair, rid)[1] == "C-4"
    r2k.transfer(pair.auth, rid, requested=end, day=late, **OK)  # the last day is still in the term
    assert _state(pair, rid)[1:3] == ("C-5", 5)


def test_p12_1_only_from_decree_605_of_11_05_2001(pair: Pair) -> None:
    # before Decree No. 605 the programme's three-month window (p.21-1) did not exist either
    rid = _enrolled(pair, "2001-03-05", programme_completed="2001-02-01")
    with pytest.raises(r2k.Refused) as e:
        r2k.transfer(pair.auth, rid, requested=day("2001-05-10"), day=day("2001-05-10"), **OK)
    assert e.value.params["clause"] == "Reg-2000 p.12-1"
    assert e.value.params["finding"].key == "r2000.before_amendment"  # type: ignore[attr-defined]
    r2k.transfer(pair.auth, rid, requested=day("2001-05-11"), day=day("2001-05-11"), **OK)
    assert _state(pair, rid)[1] == "C-5"


def test_only_an_enrolled_reservist_at_the_authority_and_not_before_the_application(pair: Pair) -> None:
    rid = _enrolled(pair)
    with pytest.raises(InvalidInput) as e:
        r2k.transfer(pair.auth, rid, requested=day("2002-06-05"), day=day("2002-06-03"), **OK)
    assert e.value.key == "r2k.transfer_before_application"
    with pytest.raises(InvalidInput) as e:
        r2k.transfer(pair.auth, rid, requested=day("2002-06-05"), day=day("2002-06-05"),
                     **{**OK, "to_category": " "})
    assert e.value.key == "r2k.category_required"
    with pytest.raises(UsageError):
        r2k.transfer(pair.body, rid, requested=day("2002-06-05"), day=day("2002-06-05"), **OK)
    pair.at(pair.auth, "2002-03-14")
    other = r2k.submit(pair.auth, reservist(2, "700101300019", documents_received="2002-03-14"))
    with pytest.raises(InvalidInput) as e:
        r2k.transfer(pair.auth, other, requested=day("2002-06-05"), day=day("2002-06-05"), **OK)
    assert e.value.key == "r2k.transfer_not_enrolled"
    assert "документы приняты" in e.value.message("ru") and str(other) in e.value.message("kk")
    assert repo.status(pair.auth.db.connection(), other) == R2kStatus.SUBMITTED
    assert _state(pair, rid)[1] == "C-4"


def test_an_auditor_may_not_transfer(pair: Pair, fast_kdf: object) -> None:
    rid = _enrolled(pair)
    workstation.add_user(pair.auth, "aud", "auditor", PASSPHRASE, fast_kdf)  # type: ignore[arg-type]
    a = workstation.unlock(pair.auth.db.path, user="aud", passphrase=PASSPHRASE, clock=pair.auth.clock)
    try:
        with pytest.raises(PermissionDenied):
            r2k.transfer(a, rid, requested=day("2002-06-05"), day=day("2002-06-05"), **OK)
    finally:
        a.close()
    assert _state(pair, rid)[1] == "C-4"


@pytest.mark.slow
def test_cli_transfer_both_ways(tmp_path: Path) -> None:
    db = tmp_path / "a" / "rezerv.db"
    env = {"REZERV_NOW": "2002-03-14T10:00:00+05:00"}
    assert run_cli("init", "--role", "reg2000-authority", db=db, env=env).code == 0
    f = tmp_path / "r.json"
    r = reservist(2, documents_received="2002-03-14")
    import msgspec

    f.write_bytes(msgspec.json.encode(r))
    rid = run_cli("r2k", "submit", "--json", str(f), db=db, env=env).out.split()[-1]
    assert run_cli("r2k", "enrol", rid, "--date", "2002-03-14", db=db, env=env).code == 0
    bad = run_cli("r2k", "transfer", rid, "--category", "B-5", "--group", "B", "--rank", "5",
                  "--qualification", "yes", "--date", "2002-06-05", db=db, env=env)  # fmt: skip
    assert bad.code == 4 and "Traceback" not in bad.err
    assert bad.err.strip().splitlines() == [
        "Не допускается (пункт 12-1 Положения): Перевод возможен только в пределах одной группы "
        "категорий должностей."], bad.err
    good = run_cli("r2k", "transfer", rid, "--category", "C-5", "--group", "C", "--rank", "5",
                   "--qualification", "yes", "--date", "2002-06-05", "--requested", "2002-06-03",
                   db=db, env=env, lang="kk")  # fmt: skip
    assert good.code == 0, good.err
    assert "12-1-тармағы" in good.out
    shown = json.loads(run_cli("r2k", "show", rid, "--format", "json", db=db, env=env).out)
    assert shown["category"] == "C-5" and shown["status"] == "enrolled"
    assert shown["record"]["category_rank"] == 5

"""Every nominee state move goes through ``uow.move``: the moves the table of
``app.domain.workflow`` lists are written with their audit row; every move it does not list is
refused with one translated line naming the state and the clause, and changes nothing."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest

from app.domain.workflow import CLAUSE, TRANSITIONS, MoveForbidden, NomineeStatus
from app.i18n import tr
from app.store import audit
from app.store.nominees import Nominees

FORBIDDEN = [(a, b) for a, b in itertools.product(NomineeStatus, NomineeStatus)
             if b not in TRANSITIONS[a]]  # fmt: skip
ALLOWED = [(a, b) for a in NomineeStatus for b in sorted(TRANSITIONS[a])]
ROOT = Path(__file__).resolve().parents[2]


def _nominee(session, make_dossier, status: NomineeStatus) -> int:
    with session.db.unit_of_work("admin") as uow:
        nid = uow.nominees.add(make_dossier(1), now=uow.now, status=status)
        uow.commit()
    return nid


def test_the_table_names_every_state_and_a_clause_for_each() -> None:
    assert set(TRANSITIONS) == set(NomineeStatus) == set(CLAUSE)
    assert ("enrolled", "draft") in FORBIDDEN and ("recommended", "enrolled") in ALLOWED


@pytest.mark.parametrize(("old", "new"), FORBIDDEN, ids=[f"{a}->{b}" for a, b in FORBIDDEN])
def test_a_move_the_table_does_not_list_is_refused_with_the_state_and_the_clause(
    session, make_dossier, old: NomineeStatus, new: NomineeStatus
) -> None:
    nid = _nominee(session, make_dossier, old)
    head = audit.head(session.db.connection())
    with pytest.raises(MoveForbidden) as e, session.db.unit_of_work("admin") as uow:
        uow.move(nid, new, "test.move")
        uow.commit()
    assert e.value.exit_code == 4
    for lang in ("kk", "ru"):
        text = e.value.message(lang)
        assert tr(f"status.{old.value}", lang) in text and tr(f"status.{new.value}", lang) in text
        assert tr(f"workflow.clause.{CLAUSE[new]}", lang) in text
        assert not re.search(r"[{}]|workflow\.|status\.", text), text
    assert Nominees(session.db.connection()).status(nid) == old
    assert audit.head(session.db.connection()) == head


@pytest.mark.parametrize(("old", "new"), ALLOWED, ids=[f"{a}->{b}" for a, b in ALLOWED])
def test_a_listed_move_is_written_and_audited_in_the_same_transaction(
    session, make_dossier, old: NomineeStatus, new: NomineeStatus
) -> None:
    nid = _nominee(session, make_dossier, old)
    with session.db.unit_of_work("admin") as uow:
        assert uow.move(nid, new, "test.move", {"why": "test"}) == old
        uow.commit()
    conn = session.db.connection()
    assert Nominees(conn).status(nid) == new
    row = conn.execute("SELECT action, entity FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
    assert tuple(row) == ("test.move", f"nominee:{nid}")


def test_no_status_is_written_outside_the_one_store_call() -> None:
    """No raw ``UPDATE nominees SET status`` and no other caller of the repository's writer."""
    offenders = []
    for f in (ROOT / "app").rglob("*.py"):
        text = f.read_text(encoding="utf-8")
        if re.search(r"UPDATE\s+nominees\s+SET\s+status", text, re.I) and f.name != "nominees.py":
            offenders.append(str(f))
        if "_write_status(" in text and f.name not in ("nominees.py", "database.py"):
            offenders.append(str(f))
    assert offenders == []

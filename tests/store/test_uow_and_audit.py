import pytest

from app.services import audit as audit_service
from app.services import nominees
from app.store import audit
from app.store.nominees import Nominees


def test_unit_of_work_rolls_back_uncommitted_work_by_default(session, make_dossier):
    with session.db.unit_of_work("admin") as uow:
        uow.nominees.add(make_dossier(1), now=uow.now)
        uow.audit("nominee.add", "nominee:1", {})
    assert Nominees(session.db.connection()).count() == 0
    assert audit.head(session.db.connection())[0] == 1  # only the init row


def test_unit_of_work_rolls_back_on_error(session, make_dossier):
    with pytest.raises(RuntimeError), session.db.unit_of_work("admin") as uow:
        uow.nominees.add(make_dossier(1), now=uow.now)
        raise RuntimeError("boom")
    assert Nominees(session.db.connection()).count() == 0


def test_committed_work_persists_with_its_audit_row(session, make_dossier):
    nid = nominees.add(session, make_dossier(1))
    rows = audit_service.rows(session, limit=1)
    assert rows[0].action == "nominee.add" and rows[0].entity == f"nominee:{nid}"
    assert audit_service.verify(session).ok


def _tamper(session, sql, params=()):
    conn = session.db.connection()
    conn.execute(sql, params)


def _three_changes(session, make_dossier):
    for i in range(1, 4):
        nominees.add(session, make_dossier(i))


def test_verify_names_an_edited_row(session, make_dossier):
    _three_changes(session, make_dossier)
    _tamper(session, "UPDATE audit SET user = 'mallory' WHERE seq = 3")
    r = audit_service.verify(session)
    assert (r.ok, r.first_bad_seq, r.problem) == (False, 3, "edited")


def test_verify_names_a_deleted_row(session, make_dossier):
    _three_changes(session, make_dossier)
    _tamper(session, "DELETE FROM audit WHERE seq = 2")
    r = audit_service.verify(session)
    assert (r.ok, r.first_bad_seq, r.problem) == (False, 2, "missing")


def test_verify_names_reordered_rows(session, make_dossier):
    _three_changes(session, make_dossier)
    conn = session.db.connection()
    a = conn.execute("SELECT ts, user, action, entity, digest, prev, hash FROM audit WHERE seq=2").fetchone()
    b = conn.execute("SELECT ts, user, action, entity, digest, prev, hash FROM audit WHERE seq=3").fetchone()
    upd = "UPDATE audit SET ts=?, user=?, action=?, entity=?, digest=?, prev=?, hash=? WHERE seq=?"
    conn.execute(upd, (*b, 2))
    conn.execute(upd, (*a, 3))
    r = audit_service.verify(session)
    assert not r.ok and r.first_bad_seq == 2


def test_verify_passes_an_untouched_chain(session, make_dossier):
    _three_changes(session, make_dossier)
    r = audit_service.verify(session)
    assert r.ok and r.rows == 4

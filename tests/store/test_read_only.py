"""``read_only``: a bundle handler's ``build`` runs with writes refused, so it can only read."""

from __future__ import annotations

import pytest

from app.store import meta
from app.store.connection import DatabaseError, read_only


def test_a_write_inside_read_only_fails_and_changes_nothing(session) -> None:
    with session.db.unit_of_work(session.user) as uow:
        before = meta.value(uow.conn, "role")
        with pytest.raises(DatabaseError), read_only(uow.conn):
            meta.put(uow.conn, "role", "changed")
        assert meta.value(uow.conn, "role") == before
        meta.put(uow.conn, "probe", "written after")  # writes work again once it is left
        uow.commit()
    assert meta.value(session.db.connection(), "probe") == "written after"

"""An export reads each chosen nominee's signed scans ahead on a helper thread over a second,
read-only connection (``app.transfer.scans_ahead``): the bundle built is the same whether the
helper reads all, some or none of them, whatever it could not read is read on the exporting
thread, and the helper never outlives the build."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator

import pytest

from app.errors import InvalidInput
from app.services import transfer_bundles as tb
from app.store import scans as scans_store
from app.store.connection import Connection
from app.transfer import scans_ahead
from app.transfer.dossiers import PAGE_TYPES
from app.transfer.handlers import handler_for
from app.transfer.kinds import Payload, Selection
from tests.scans.test_bundle_scans import _sign
from tests.transfer.conftest import Pair


def _signed(pair: Pair, n: int) -> list[int]:
    ids = pair.add_nominees(*range(1, n + 1))
    for nid in ids:
        _sign(pair.body, nid, "submission", scanned=False)
        _sign(pair.body, nid, "service-reference", scanned=False)
    return ids


def _build(pair: Pair, reader: scans_ahead.Opener | None, progress=None) -> Payload:  # type: ignore[no-untyped-def]
    s = pair.body
    sel = Selection(peer_id=pair.dept_id, quarter="2026Q1", reader=reader, progress=progress)
    with s.db.unit_of_work(s.user) as uow:
        return handler_for("nominations").build(uow.conn, sel, s.clock.today(), s.evaluator())


def _helpers() -> list[str]:
    return [t.name for t in threading.enumerate() if t.name == "bundle-scans"]


def test_the_bundle_built_is_the_same_with_or_without_the_helper(pair: Pair) -> None:
    _signed(pair, 6)
    alone = _build(pair, None)
    assert sum(1 for mt, _ in alone.parts if mt in PAGE_TYPES.values()) == 12  # two scans each
    ahead = _build(pair, lambda: tb._second_reader(pair.body))
    assert ahead.index == alone.index and ahead.parts == alone.parts
    assert _helpers() == []


def test_what_the_helper_cannot_read_is_read_on_the_exporting_thread(pair: Pair, monkeypatch) -> None:
    _signed(pair, 4)
    alone = _build(pair, None)

    @contextlib.contextmanager
    def unopenable() -> Iterator[Connection]:
        raise OSError("no second connection")
        yield  # pragma: no cover

    assert _build(pair, unopenable).parts == alone.parts

    real = scans_store.carried_for
    main = threading.current_thread()

    def failing_on_the_helper(conn, nid):  # type: ignore[no-untyped-def]
        if threading.current_thread() is not main and nid % 2:
            raise RuntimeError("read failed")
        return real(conn, nid)

    monkeypatch.setattr(scans_store, "carried_for", failing_on_the_helper)
    assert _build(pair, lambda: tb._second_reader(pair.body)).parts == alone.parts
    assert _helpers() == []


def test_a_read_failing_on_the_exporting_thread_too_is_raised(pair: Pair, monkeypatch) -> None:
    ids = _signed(pair, 3)

    def failing(conn, nid):  # type: ignore[no-untyped-def]
        if nid == ids[1]:
            raise InvalidInput("store.db_corrupt", path="x")
        return []

    monkeypatch.setattr(scans_store, "carried_for", failing)
    with pytest.raises(InvalidInput) as e:
        _build(pair, lambda: tb._second_reader(pair.body))
    assert e.value.key == "store.db_corrupt"
    assert _helpers() == []


def test_a_cancelled_build_stops_the_helper(pair: Pair) -> None:
    _signed(pair, 4)
    told = []

    def progress(done: int, total: int) -> bool:
        told.append(done)
        return done < total // 2 + 1  # stop while packing

    with pytest.raises(InvalidInput) as e:
        _build(pair, lambda: tb._second_reader(pair.body), progress)
    assert e.value.key == "bundle.cancelled" and told
    assert _helpers() == []


def test_the_second_reader_opens_beside_the_exporting_unit_and_only_reads(pair: Pair) -> None:
    """The helper's connection opens while the exporting unit of work holds the write lock, sees
    what that unit sees, cannot write, and is closed on leaving."""
    from app.store.connection import DatabaseError

    ids = _signed(pair, 2)
    s = pair.body
    with s.db.unit_of_work(s.user) as uow:
        mine = [c.sha256 for nid in ids for c in scans_store.carried_for(uow.conn, nid)]
        with tb._second_reader(s) as conn:
            assert [c.sha256 for nid in ids for c in scans_store.carried_for(conn, nid)] == mine
            with pytest.raises(DatabaseError):
                conn.execute("DELETE FROM scan_pages")
        with pytest.raises(DatabaseError):  # closed
            conn.execute("SELECT 1")
    assert len(mine) == 4

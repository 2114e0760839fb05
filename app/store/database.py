"""The open, keyed database: one connection per thread, a unit of work per use case.

The unit of work rolls back unless ``commit()`` was called (cosmicpython's ``test_uow``), and
every change appends its audit row inside the same transaction, so the log and the data cannot
disagree after a crash.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType

from app.clock import Clock, SystemClock
from app.domain.workflow import check_move
from app.errors import AuthError
from app.store import anchor, audit
from app.store.connection import CACHE_KIB, Connection, connect
from app.store.nominees import Nominees

BULK_CACHE_KIB = -65536  # 64 MiB while a bulk load runs


class Database:
    def __init__(self, path: Path, key: bytes, *, clock: Clock | None = None) -> None:
        self.path = path
        self._key: bytearray | None = bytearray(key)
        self.clock: Clock = clock or SystemClock()
        self._local = threading.local()
        self._all: list[Connection] = []
        self._lock = threading.Lock()
        # True while the rollback anchor disagrees with the database (pending a supervisor's
        # decision): commits then leave the anchor as it is, so the evidence is kept
        self.anchor_held = False

    @property
    def is_open(self) -> bool:
        return self._key is not None

    def connection(self) -> Connection:
        conn: Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            if self._key is None:
                raise AuthError("auth.locked")
            conn = connect(self.path, bytes(self._key))
            self._local.conn = conn
            with self._lock:
                self._all.append(conn)
        return conn

    def raw_key(self) -> bytes:
        """The database key, for wrapping a new user's slot (never stored or logged)."""
        if self._key is None:
            raise AuthError("auth.locked")
        return bytes(self._key)

    def close(self) -> None:
        """Close every connection and forget the key (the workstation is locked)."""
        with self._lock:
            for c in self._all:
                with contextlib.suppress(Exception):  # a connection of a finished thread
                    c.close()
            self._all.clear()
        self._local = threading.local()
        if self._key is not None:
            for i in range(len(self._key)):
                self._key[i] = 0
            self._key = None

    def unit_of_work(self, user: str, *, bulk: bool = False) -> UnitOfWork:
        return UnitOfWork(self, user, bulk=bulk)

    @contextmanager
    def reading(self) -> Iterator[Connection]:
        """A consistent read snapshot without a write lock."""
        conn = self.connection()
        conn.execute("BEGIN")
        try:
            yield conn
        finally:
            conn.execute("ROLLBACK")


class UnitOfWork:
    """``with db.unit_of_work(user) as uow: ...; uow.commit()`` — nothing is kept otherwise."""

    def __init__(self, db: Database, user: str, *, bulk: bool = False) -> None:
        self.db = db
        self.user = user
        self.bulk = bulk
        self._committed = False

    def __enter__(self) -> UnitOfWork:
        self.conn = self.db.connection()
        if self.bulk:  # thousands of rows: a larger page cache for this transaction only
            self.conn.execute(f"PRAGMA cache_size = {BULK_CACHE_KIB:d}")
        self.conn.execute("BEGIN IMMEDIATE")
        self.nominees = Nominees(self.conn)
        self._committed = False
        self._last: audit.AuditRow | None = None
        return self

    @property
    def now(self):
        return self.db.clock.now()

    def audit(self, action: str, entity: str, payload: object) -> audit.AuditRow:
        self._last = audit.append(
            self.conn, user=self.user, action=action, entity=entity, payload=payload,
            now=self.now, after=self._last,
        )  # fmt: skip
        return self._last

    def move(self, nid: int, to: str, action: str, payload: Mapping[str, object] | None = None) -> str:
        """The one way a nominee's status changes: checked against ``app.domain.workflow.
        TRANSITIONS`` (``MoveForbidden`` otherwise), written and audited in this transaction.
        Returns the state it left."""
        old = self.nominees.status(nid)
        check_move(nid, old, to)
        self.nominees._write_status(nid, to, now=self.now)
        self.audit(action, f"nominee:{nid}", {**(payload or {}), "from": old, "status": str(to)})
        return old

    def audit_many(self, entries: list[tuple[str, str, object]]) -> None:
        """Several ``(action, entity, payload)`` rows in one statement (bulk units of work)."""
        self._last = audit.append_many(
            self.conn, user=self.user, entries=entries, now=self.now, after=self._last
        )

    def commit(self) -> None:
        self.conn.execute("COMMIT")
        self._committed = True
        if self._last is not None and not self.db.anchor_held:
            anchor.write(self.db.path, self.db.raw_key(), self._last.seq, self._last.hash)

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if not self._committed and self.conn.in_transaction:
            self.conn.execute("ROLLBACK")
        if self.bulk:
            self.conn.execute(f"PRAGMA cache_size = {CACHE_KIB:d}")

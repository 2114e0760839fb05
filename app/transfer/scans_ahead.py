"""An export's signed scans read ahead: each chosen nominee's scans (``app.store.scans.
carried_for``, pages included) read on a helper thread over a second, read-only connection while
the exporting thread goes on choosing and packing.

Reading a scan's pages is mostly SQLCipher decrypting them, during which the GIL is released: for
a bundle of 1,000 dossiers with two scanned pages each that is 0.6 s of the exporting thread's
1.6 s. The helper reads the nominees in the order they were chosen; a nominee it has not reached
when the exporting thread needs it is read there instead, so each is read once, by whichever
thread takes it first, and the exporting thread never waits for more than the one the helper is
reading. The second connection sees what the exporting unit of work sees: that unit holds the
write lock (``BEGIN IMMEDIATE``) and only reads while the bundle is built, and the helper is
stopped before the build returns. Whatever the helper could not read (it could not open its
connection, or a read failed) is read again on the exporting thread, which raises in its turn
what it raises.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable
from contextlib import AbstractContextManager

from app.store import scans as scans_store
from app.store.connection import Connection

Opener = Callable[[], AbstractContextManager[Connection]]
_READING, _HERE, _FAILED = object(), object(), object()


class ScansAhead:
    """``want(nid)`` as each nominee is chosen, ``chosen()`` when all are; ``take(nid, conn)``
    gives its scans (read ahead, or read on ``conn`` now); ``close()`` stops and joins the helper
    (call it before the unit of work writes)."""

    def __init__(self, opener: Opener | None) -> None:
        self._cv = threading.Condition()
        self._todo: deque[int] = deque()
        self._state: dict[int, object] = {}  # nid -> _READING | _HERE | _FAILED | its scans
        self._ended = False
        self._thread: threading.Thread | None = None
        if opener is not None:
            self._thread = threading.Thread(target=self._run, args=(opener,), daemon=True,
                                            name="bundle-scans")  # fmt: skip
            self._thread.start()

    def want(self, nid: int) -> None:
        if self._thread is not None:
            with self._cv:
                self._todo.append(nid)
                self._cv.notify_all()

    def chosen(self) -> None:
        with self._cv:
            self._ended = True
            self._cv.notify_all()

    def take(self, nid: int, conn: Connection) -> list[scans_store.CarriedScan]:
        """``nid``'s scans: read ahead, or read now on ``conn``; while the helper is still reading
        them, the last nominee it has not reached is read here meanwhile (taken for later)."""
        while True:
            with self._cv:
                got = self._state.get(nid, _HERE)
                other = self._steal() if got is _READING else None
                if got is _READING and other is None:
                    self._cv.wait()
                    continue
                if got is not _READING:
                    self._state[nid] = _HERE
            if other is None:  # read ahead; else not read ahead, or reading it failed
                return got if isinstance(got, list) else scans_store.carried_for(conn, nid)
            read = scans_store.carried_for(conn, other)
            with self._cv:
                self._state[other] = read

    def _steal(self) -> int | None:
        while self._todo:
            other = self._todo.pop()
            if other not in self._state:
                self._state[other] = _HERE
                return other
        return None

    def close(self) -> None:
        with self._cv:
            self._ended = True
            self._todo.clear()
            self._cv.notify_all()
        if self._thread is not None:
            self._thread.join()

    def _next(self) -> int | None:
        with self._cv:
            while True:
                while not self._todo and not self._ended:
                    self._cv.wait()
                if not self._todo:
                    return None
                nid = self._todo.popleft()
                if nid not in self._state:  # not taken by the exporting thread already
                    self._state[nid] = _READING
                    return nid

    def _run(self, opener: Opener) -> None:
        try:
            with opener() as conn:
                while (nid := self._next()) is not None:
                    got: object = _FAILED  # read again by the exporting thread
                    try:
                        got = scans_store.carried_for(conn, nid)
                    finally:
                        with self._cv:
                            self._state[nid] = got
                            self._cv.notify_all()
        except Exception:  # noqa: BLE001 - the exporting thread reads what is left itself
            return

"""Background operations (after Anki's QueryOp/CollectionOp, Picard's run_task).

``Op(parent, fn).success(cb).failure(cb).run(executor)`` runs ``fn()`` on a worker thread and
delivers the result or the exception back on the GUI thread, only while ``parent`` still exists.
``cancel()`` drops the result (the callbacks are not called). Tests pass ``SyncExecutor`` (Picard's
FakeThreadPool) so everything happens in order on the calling thread.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Protocol

import shiboken6
from PySide6.QtCore import QObject, Signal, Slot

log = logging.getLogger(__name__)


class Executor(Protocol):
    def submit(self, job: Callable[[], None]) -> None: ...


class PoolExecutor:
    """A pool of Python-owned worker threads (a QThreadPool in spirit).

    Python threads, not QThreadPool's: the store keeps one SQLite connection per thread in a
    ``threading.local``, and a thread Python does not own loses its thread state, and with it
    that connection, after every job (each op would reconnect and leak a page cache). Three
    workers, so a long verification never starves searches and page fetches.
    """

    def __init__(self, threads: int = 3) -> None:
        self.pool = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="rezerv-op")
        self.closed = False

    def submit(self, job: Callable[[], None]) -> None:
        """Queue ``job``; once the window has closed (``wait``), a late timer's job is dropped:
        nobody is left to receive its result."""
        if not self.closed:
            self.pool.submit(job)

    def wait(self) -> None:
        self.closed = True
        self.pool.shutdown(wait=True)


class SyncExecutor:
    """Runs each job at once on the calling thread (tests, and the screenshot script)."""

    def __init__(self) -> None:
        self.jobs = 0

    def submit(self, job: Callable[[], None]) -> None:
        self.jobs += 1
        job()


class _Bridge(QObject):
    """Lives on the GUI thread; signals emitted by the worker are queued to its slots."""

    done = Signal(object)
    failed = Signal(object)

    def __init__(self, op: Op) -> None:
        super().__init__()
        self.op = op
        self.done.connect(self._on_done)
        self.failed.connect(self._on_failed)

    @Slot(object)
    def _on_done(self, result: object) -> None:
        self.op._deliver(True, result)

    @Slot(object)
    def _on_failed(self, exc: object) -> None:
        self.op._deliver(False, exc)


_LIVE: set[Op] = set()  # keeps running ops (and their bridges) alive until they report


class Op:
    def __init__(self, parent: QObject | None, fn: Callable[[], Any]) -> None:
        self.parent = parent
        self.fn = fn
        self._success: Callable[[Any], None] | None = None
        self._failure: Callable[[BaseException], None] | None = None
        self._finally: Callable[[], None] | None = None
        self.cancelled = False
        self.finished = False
        self._bridge = _Bridge(self)

    def success(self, cb: Callable[[Any], None]) -> Op:
        self._success = cb
        return self

    def failure(self, cb: Callable[[BaseException], None]) -> Op:
        self._failure = cb
        return self

    def always(self, cb: Callable[[], None]) -> Op:
        self._finally = cb
        return self

    def cancel(self) -> None:
        self.cancelled = True

    def run(self, executor: Executor) -> Op:
        _LIVE.add(self)
        bridge = self._bridge

        def job() -> None:
            if self.cancelled:  # superseded while queued (an older search): skip the work
                with contextlib.suppress(RuntimeError):
                    bridge.done.emit(None)
                return
            try:
                result = self.fn()
            except BaseException as e:
                with contextlib.suppress(RuntimeError):  # the application went away
                    bridge.failed.emit(e)
                return
            with contextlib.suppress(RuntimeError):
                bridge.done.emit(result)

        executor.submit(job)
        return self

    def _deliver(self, ok: bool, value: object) -> None:
        _LIVE.discard(self)
        self.finished = True
        if self.cancelled or (self.parent is not None and not shiboken6.isValid(self.parent)):
            return
        try:
            if ok:
                if self._success:
                    self._success(value)
            elif self._failure:
                self._failure(value)  # type: ignore[arg-type]
            else:
                log.error("background operation failed: %s", type(value).__name__)
        finally:
            if self._finally and (self.parent is None or shiboken6.isValid(self.parent)):
                self._finally()


def live_ops() -> int:
    return len(_LIVE)

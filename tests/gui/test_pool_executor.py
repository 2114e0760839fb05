"""The worker pool after the window has closed: a job a late timer submits is dropped, not an
exception in the event loop (the nominee list's wizard preload fires 'PRELOAD_DELAY_MS' after the
first paint, possibly after the window closed)."""

from __future__ import annotations

import threading

from ui.ops import PoolExecutor


def test_a_job_submitted_after_the_pool_closed_is_dropped() -> None:
    pool = PoolExecutor(threads=1)
    ran = threading.Event()
    pool.submit(ran.set)
    pool.wait()
    assert ran.is_set()
    late = threading.Event()
    pool.submit(late.set)  # raised RuntimeError ('cannot schedule new futures after shutdown')
    assert not late.is_set()

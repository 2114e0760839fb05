"""Reports (issue 16) over 100,000 dossiers and 20 quarters at the Department: every report of
``app.services.reports`` over the whole period <= 1 s, reported as a ratio to a plain
``SELECT count(*) FROM nominees GROUP BY quarter, body, status`` over the same rows in the same
run (five pairs of the two, one right after the other, the median pair reported: measured once
apart, the ratios moved by 40-65 % between two runs). Each is timed after a first run (a warm
page cache); the first composition on a new
connection (a cold page cache, no dossier read: it joins the register with ``dossier_facts``) is
reported too. The world: demo dossiers (no
photos) with the synthetic quarter history of ``app.services.demo_history`` (decisions, register,
notices, events, findings, exclusions). The printed report of one kind is timed too (layout,
chart, fingerprint, document log), without a target.
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bench.pairs import interleaved, median_pair, timed

Report = Callable[..., None]
COUNT = int(os.environ.get("REZERV_BENCH_REPORTS", "100000"))
QUARTERS = [f"{y}Q{n}" for y in range(2021, 2026) for n in (1, 2, 3, 4)]  # 20 quarters
PP = "benchmark passphrase long enough"
RUNS = 3


def _median(fn: Callable[[], object]) -> float:
    times = []
    for _ in range(RUNS):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def run(report: Report) -> None:
    import msgspec

    from app.clock import FixedClock
    from app.security.kdf import KdfParams
    from app.services import demo, demo_history, report_output, reports, workstation

    clock = FixedClock(dt.datetime(2026, 2, 10, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=5))))
    tmp = Path(tempfile.mkdtemp(prefix="rezerv-bench-reports-"))
    s = workstation.create(tmp / "rezerv.db", role="department", user="admin", passphrase=PP,
                           kdf=KdfParams.fast_for_tests(), clock=clock)  # fmt: skip
    now = clock.now()
    batch = []
    for d in demo.dossiers(COUNT, seed=3, today=clock.today()):
        batch.append(msgspec.structs.replace(d, photo=None))
        if len(batch) == 2000:
            _add(s, batch, now)
            batch = []
    if batch:
        _add(s, batch, now)
    demo_history.history(s, QUARTERS)
    conn = s.db.connection()
    conn.execute("ANALYZE")
    period = reports.period(QUARTERS[0], QUARTERS[-1])

    def baseline() -> object:  # NOT INDEXED: its fastest plan here (the quarter index plus a row
        # lookup per dossier takes several times longer)
        return conn.execute("SELECT quarter, body, status, count(*) FROM nominees NOT INDEXED WHERE"
                            " quarter BETWEEN ? AND ? GROUP BY quarter, body, status",
                            (period.first, period.last)).fetchall()  # fmt: skip

    baseline()  # the same warm page cache for both
    base = _median(baseline)
    report("reports.baseline_group_by_count", base, "s")
    # the first composition on a new connection: a cold page cache (the facts are in dossier_facts)
    before = timed(baseline)
    cold = _in_new_thread(lambda: reports.build(s, "composition", period))
    after = timed(baseline)
    report("reports.composition_first_on_a_connection", cold, "s", baseline=(before + after) / 2)
    for kind in reports.KINDS:
        reports.build(s, kind, period)
        # five pairs with the GROUP BY, one right after the other: the median pair
        took, base = median_pair(interleaved(lambda k=kind: reports.build(s, k, period), baseline,
                                             runs=5))  # fmt: skip
        # <= 1 s on the reference machine (judged on a calibrated run); and against the GROUP BY of
        # the same run: 1 s is 3.5 times that query's 0.28 s on a quiet machine
        report(f"reports.{kind}_100k_20q", took, "s", target=1.0, baseline=base, ratio_target=3.5,
               calibrated=True)  # fmt: skip
    r = reports.build(s, "flow", period)
    report("reports.print_flow_pdf", _median(lambda: report_output.print_report(s, r, "ru")), "s")
    s.close()


def _in_new_thread(fn: Callable[[], object]) -> float:
    """Seconds ``fn`` takes on a fresh thread (the store opens a connection per thread)."""
    import threading

    took: list[float] = []

    def job() -> None:
        t0 = time.perf_counter()
        fn()
        took.append(time.perf_counter() - t0)

    t = threading.Thread(target=job)
    t.start()
    t.join()
    return took[0]


def _add(s, batch, now) -> None:  # noqa: ANN001 - bench helper
    with s.db.unit_of_work("admin", bulk=True) as uow:
        for d in batch:
            uow.nominees.add(d, now=now, thumb=None)
        uow.audit("bench.add", "nominees", {"n": len(batch)})
        uow.commit()

"""Reports (issue 16) over 100,000 dossiers and 20 quarters at the Department: every report of
``app.services.reports`` over the whole period <= 1 s, reported as a ratio to a plain
``SELECT count(*) FROM nominees GROUP BY quarter, body, status`` over the same rows in the same
run (25 pairs of the two, one right after the other, the median pair reported: measured once
apart, the ratios moved by 40-65 % between two runs). Each is timed after a first run (a warm
page cache); the first composition on a new connection (a cold page cache, no dossier read: it
joins the register with ``dossier_facts``) is reported too, 25 new connections paired the
same way. The world: demo dossiers (no
photos) with the synthetic quarter history of ``app.services.demo_history`` (decisions, register,
notices, events, findings, exclusions). The printed report of one kind is timed too (layout,
chart, fingerprint, document log), without a target.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bench.pairs import interleaved, interleaved_timed, median_pair

Report = Callable[..., None]
COUNT = int(os.environ.get("REZERV_BENCH_REPORTS", "100000"))
QUARTERS = [f"{y}Q{n}" for y in range(2021, 2026) for n in (1, 2, 3, 4)]  # 20 quarters
PP = "benchmark passphrase long enough"
RUNS = 3
PAIRS = 25  # each report and its GROUP BY: of five pairs, the median moved by 15 % between two
# runs; of nine, the exclusions' (0.08 s against 0.3 s) by 30 %; of fifteen, the timeliness's by
# 19 % (within one run its pairs' ratios spread from 1.59 to 2.79)


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
    # the first composition on a new connection (a cold page cache; the facts are in
    # dossier_facts), each on a thread of its own, paired with the GROUP BY: the median pair (one
    # such pair moved by 35 % between two runs)
    def first_composition(_pair: int) -> float:
        return _in_new_thread(s, lambda: reports.build(s, "composition", period))

    first, base = median_pair(interleaved_timed(first_composition, lambda _pair: baseline(),
                                                runs=PAIRS))  # fmt: skip
    report("reports.composition_first_on_a_connection", first, "s", baseline=base)
    for kind in reports.KINDS:
        reports.build(s, kind, period)
        # pairs with the GROUP BY, one right after the other: the median pair
        pairs = interleaved(functools.partial(reports.build, s, kind, period), baseline, runs=PAIRS)
        print(f"reports: {kind} / GROUP BY, the pairs' ratios: "
              + " ".join(f"{a / b:.2f}" for a, b in sorted(pairs, key=lambda p: p[0] / p[1])),
              flush=True)  # fmt: skip
        took, base = median_pair(pairs)
        # <= 1 s on the reference machine (judged on a calibrated run); and against the GROUP BY of
        # the same run: 1 s is 3.5 times that query's 0.28 s on a quiet machine
        report(f"reports.{kind}_100k_20q", took, "s", target=1.0, baseline=base, ratio_target=3.5,
               calibrated=True)  # fmt: skip
    r = reports.build(s, "flow", period)
    report("reports.print_flow_pdf", _median(lambda: report_output.print_report(s, r, "ru")), "s")
    s.close()


def _in_new_thread(s, fn: Callable[[], object]) -> float:  # noqa: ANN001 - bench helper
    """Seconds ``fn`` takes on a fresh thread (the store opens a connection per thread; it is
    closed after, untimed, its page cache with it)."""
    import gc
    import threading

    took: list[float] = []

    def job() -> None:
        gc.collect()
        t0 = time.perf_counter()
        fn()
        took.append(time.perf_counter() - t0)
        s.db.connection().close()

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

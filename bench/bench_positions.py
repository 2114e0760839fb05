"""Bench strength (issue 20): 5,000 positions and 100,000 dossiers, of which 60,000 reserve
members (terms ending inside and outside the horizon, some excluded or appointed) and 10,000 on
the current quarter's board (real dossiers, their intended position read from the stored JSON).

Timed: ``bench.bench`` at the Department (every body) <= 1 s. Baseline: the ``GROUP BY`` over the
same rows (members by body and position, needs by position, the board by quarter and state),
measured in the same run: nine interleaved pairs, the median pair.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import tempfile
from collections.abc import Callable
from pathlib import Path

from bench.pairs import interleaved, median_pair

Report = Callable[..., None]
POSITIONS = int(os.environ.get("REZERV_BENCH_POSITIONS", "5000"))
DOSSIERS = int(os.environ.get("REZERV_BENCH_DOSSIERS", "100000"))
PP = "benchmark passphrase long enough"
PAIRS = 9
BODIES = ("knb", "syrbar", "sgs")
GONE = ("excluded", "appointed")
BOARD = ("draft", "in_list", "sent", "received", "under_review", "recommended")


def _world(s, today: dt.date) -> None:  # noqa: ANN001
    import msgspec

    from app.domain.positions import Position
    from app.services import demo
    from app.store import nominees, positions

    rnd = random.Random(20)
    titles = [(BODIES[i % 3], f"Должность № {i} управления {i % 97}") for i in range(POSITIONS)]
    sample = next(iter(demo.dossiers(1, seed=20, today=today)))
    sample = msgspec.structs.replace(sample, photo=None)
    now = dt.datetime(2026, 2, 10, 10, 0).isoformat()
    members = DOSSIERS * 6 // 10
    board = DOSSIERS // 10
    with s.db.unit_of_work(s.user) as uow:
        for body, title in titles:
            positions.upsert(uow.conn, Position(title=title, body=body, decree_290=rnd.random() < .9))
        uow.conn.executemany(
            "INSERT INTO position_needs (position_id, vacant_from, reason, recorded, user)"
            " VALUES (?, ?, 'vacancy', ?, 'bench')",
            [(rnd.randint(1, POSITIONS), (today + dt.timedelta(days=rnd.randint(-90, 400))).isoformat(),
              now) for _ in range(POSITIONS * 8 // 5)])  # fmt: skip
        rows, data, terms = [], [], []
        for i in range(1, DOSSIERS + 1):
            body, title = titles[rnd.randrange(POSITIONS)]
            if i <= members:
                status = rnd.choice(GONE) if rnd.random() < .05 else "enrolled"
                quarter = "2025Q2"
                enrolled = today - dt.timedelta(days=rnd.randint(1, 1000))
                ends = enrolled + dt.timedelta(days=1095)
                terms.append((i, body, title, enrolled.isoformat(), ends.isoformat(), "№ 1"))
            elif i <= members + board:
                status, quarter = rnd.choice(BOARD), "2026Q1"
            else:
                status, quarter = "refused", "2025Q3"
            rows.append((i, f"{i:012d}", body, status, f"Фамилия{i}", "Имя", f"фамилия{i}", quarter,
                         now, now))  # fmt: skip
            if members < i <= members + board:
                n = msgspec.structs.replace(sample.nomination, intended_position=title.upper())
                data.append((i, nominees.encode(msgspec.structs.replace(sample, nomination=n))))
            else:
                data.append((i, b"{}"))
        uow.conn.executemany(
            "INSERT INTO nominees (id, iin, body, status, surname, given_name, sort_key, quarter,"
            " created, updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)  # fmt: skip
        uow.conn.executemany("INSERT INTO dossiers (nominee_id, data) VALUES (?, ?)", data)
        uow.conn.executemany(
            "INSERT INTO reserve_members (nominee_id, body, position, enrolled_on, term_ends,"
            " decision_number) VALUES (?, ?, ?, ?, ?, ?)", terms)  # fmt: skip
        uow.audit("bench.world", "bench", {})
        uow.commit()


def _group_by(s) -> int:  # noqa: ANN001
    n = 0
    with s.db.reading() as conn:
        n += len(conn.execute(
            "SELECT m.body, m.position, COUNT(*), MIN(m.term_ends) FROM reserve_members m"
            " JOIN nominees n ON n.id = m.nominee_id GROUP BY m.body, m.position").fetchall())  # fmt: skip
        n += len(conn.execute("SELECT position_id, COUNT(*) FROM position_needs"
                              " GROUP BY position_id").fetchall())  # fmt: skip
        n += len(conn.execute("SELECT n.quarter, n.status, COUNT(*), SUM(length(d.data))"
                              " FROM nominees n JOIN dossiers d ON d.nominee_id = n.id"
                              " WHERE n.quarter = '2026Q1'"
                              " GROUP BY n.quarter, n.status").fetchall())  # fmt: skip
    return n


def run(report: Report) -> None:
    from app.clock import FixedClock
    from app.security.kdf import KdfParams
    from app.services import bench, workstation

    tmp = Path(tempfile.mkdtemp(prefix="rezerv-bench-positions-"))
    clock = FixedClock(dt.datetime(2026, 2, 10, 10, 0).astimezone())
    s = workstation.create(tmp / "rezerv.db", role="department", user="admin", passphrase=PP,
                           kdf=KdfParams.fast_for_tests(), clock=clock)  # fmt: skip
    _world(s, clock.today())
    _group_by(s)  # warm the page cache for both
    bench.bench(s)
    made: list = []

    def strength() -> None:
        made[:] = [bench.bench(s)]

    # nine interleaved pairs, the median pair reported (measured once each, the ratio moved
    # 0.49 -> 0.57 between two runs; of five pairs, 0.49 -> 0.56)
    took, base = median_pair(interleaved(strength, lambda: _group_by(s), runs=PAIRS))
    b = made[0]
    assert len(b.rows) == POSITIONS and sum(r.nominees for r in b.rows) == DOSSIERS // 10
    assert _group_by(s) > 0
    report(f"positions: bench strength ({POSITIONS} positions, {DOSSIERS} dossiers)", took, "s",
           target=1.0, baseline=base, calibrated=True)  # fmt: skip
    s.close()

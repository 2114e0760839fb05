"""The machine's speed right now: a fixed single-core workload timed at the top of every
``make bench`` run (and again at its end), so two runs can be compared and a slow or busy machine
is visible as such.

The workload never changes: Argon2id at fixed parameters (3 passes over 64 MiB, one lane) and a
fixed SQLCipher insert loop (100,000 rows of 200 bytes, 20 transactions, a fresh encrypted file).
Each is run ``REPEAT`` times; the figure is the median of the sums. ``REFERENCE_S`` is the same
figure on the reference machine (2-core, otherwise idle); a run whose calibration is more than
20 % away from it was measured on a different (or busy) machine, and its absolute targets (the
event loop's longest block) are not judged.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from pathlib import Path

REPEAT = 3
ROWS, TX = 100_000, 20
REFERENCE_S = 0.53  # the median on the reference machine, idle; ``python -m bench.calibration``
TOLERANCE = 0.20


def _argon2() -> float:
    from argon2.low_level import Type, hash_secret_raw

    t0 = time.perf_counter()
    hash_secret_raw(b"calibration passphrase", b"calibration salt", time_cost=3,
                    memory_cost=65536, parallelism=1, hash_len=32, type=Type.ID)  # fmt: skip
    return time.perf_counter() - t0


def _sqlcipher() -> float:
    from app.store.connection import connect

    rows = [(i, f"{i:08d}" * 25) for i in range(ROWS)]
    with tempfile.TemporaryDirectory(prefix="rezerv-calibration-") as tmp:
        conn = connect(Path(tmp) / "c.db", b"\x07" * 32, create=True)
        conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT)")
        step = ROWS // TX
        t0 = time.perf_counter()
        for i in range(0, ROWS, step):
            conn.execute("BEGIN")
            conn.executemany("INSERT INTO t VALUES (?, ?)", rows[i : i + step])
            conn.execute("COMMIT")
        elapsed = time.perf_counter() - t0
        conn.close()
    return elapsed


def measure() -> dict[str, float]:
    """``{"seconds", "argon2_s", "sqlcipher_s", "reference_s", "ratio"}`` (medians)."""
    argon, sql = [], []
    for _ in range(REPEAT):
        argon.append(_argon2())
        sql.append(_sqlcipher())
    total = statistics.median(a + s for a, s in zip(argon, sql, strict=True))
    return {
        "seconds": round(total, 4),
        "argon2_s": round(statistics.median(argon), 4),
        "sqlcipher_s": round(statistics.median(sql), 4),
        "reference_s": REFERENCE_S,
        "ratio": round(total / REFERENCE_S, 3),
        "load": round(os.getloadavg()[0], 2),
    }


def within_reference(cal: dict[str, float] | None) -> bool:
    return cal is not None and abs(cal["ratio"] - 1.0) <= TOLERANCE


def describe(cal: dict[str, float]) -> str:
    verdict = "within" if within_reference(cal) else "OUTSIDE"
    return (
        f"calibration {cal['seconds']:.3f} s (Argon2id {cal['argon2_s']:.3f} s + SQLCipher "
        f"inserts {cal['sqlcipher_s']:.3f} s) = {cal['ratio']:.2f}x the reference "
        f"{cal['reference_s']:.2f} s, {verdict} ±{TOLERANCE:.0%}; load average {cal['load']}"
    )


if __name__ == "__main__":
    import json

    c = measure()
    print(describe(c))
    print(json.dumps(c))

"""A figure and its baseline measured as pairs, one right after the other (which goes first
alternating), so both see the machine in the same mood; the ratio reported is the median of the
per-pair ratios, as the pair whose ratio that is (its two absolute figures are what is shown)."""

from __future__ import annotations

import functools
import gc
import time
from collections.abc import Callable


def median_pair(pairs: list[tuple[float, float]]) -> tuple[float, float]:
    """The (figure, baseline) pair whose ratio is the median of the pairs' ratios (the upper one
    of the two middle pairs when their number is even)."""
    if not pairs:
        raise ValueError("no pairs")
    ranked = sorted(pairs, key=lambda p: p[0] / p[1])
    return ranked[len(ranked) // 2]


def timed(fn: Callable[[], object]) -> float:
    """Wall seconds of ``fn()``, after a full garbage collection (so one run does not pay for the
    garbage of the run before it)."""
    gc.collect()
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def wall_cpu(fn: Callable[[], object]) -> tuple[float, float]:
    """Wall and CPU seconds (the process's, all threads) of ``fn()``, after a garbage
    collection."""
    gc.collect()
    t0, c0 = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - t0, time.process_time() - c0


def interleaved(figure: Callable[[], object], baseline: Callable[[], object],
                runs: int) -> list[tuple[float, float]]:  # fmt: skip
    """``runs`` pairs (figure seconds, baseline seconds), the first of each pair alternating."""
    return interleaved_timed(lambda _i: timed(figure), lambda _i: baseline(), runs)


def interleaved_timed(figure: Callable[[int], float], baseline: Callable[[int], object],
                      runs: int) -> list[tuple[float, float]]:  # fmt: skip
    """As ``interleaved``, with a figure that times itself (returns its own seconds); both are
    given the pair's number (0, 1, ...), for a pair whose two halves work on the same input."""
    pairs = []
    for i in range(runs):
        base = functools.partial(baseline, i)
        if i % 2 == 0:
            b = timed(base)
            f = figure(i)
        else:
            f = figure(i)
            b = timed(base)
        pairs.append((f, b))
    return pairs

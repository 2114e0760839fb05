"""bench/pairs.py: the pair shown is the one whose ratio is the median; the order alternates."""

from __future__ import annotations

import pytest

from bench.pairs import interleaved, median_pair


def test_median_pair_is_the_pair_of_the_median_ratio() -> None:
    pairs = [(3.0, 1.0), (10.0, 2.0), (4.0, 2.0), (9.0, 1.0), (8.0, 2.0)]  # ratios 3 5 2 9 4
    assert median_pair(pairs) == (8.0, 2.0)


def test_median_pair_of_an_even_count_is_the_upper_middle() -> None:
    assert median_pair([(1.0, 1.0), (4.0, 1.0), (2.0, 1.0), (3.0, 1.0)]) == (3.0, 1.0)


def test_median_pair_refuses_no_pairs() -> None:
    with pytest.raises(ValueError):
        median_pair([])


def test_interleaved_alternates_which_goes_first() -> None:
    calls: list[str] = []
    pairs = interleaved(lambda: calls.append("f"), lambda: calls.append("b"), runs=4)
    assert calls == ["b", "f", "f", "b", "b", "f", "f", "b"]
    assert len(pairs) == 4 and all(f >= 0 and b >= 0 for f, b in pairs)

"""Quarters are picked, never typed: the current quarter, the next, and those already known."""

from __future__ import annotations


def next_quarter(quarter: str) -> str:
    year, q = int(quarter[:4]), int(quarter[5])
    return f"{year + 1}Q1" if q == 4 else f"{year}Q{q + 1}"


def quarter_choices(now: str, known: list[str] | set[str]) -> list[str]:
    """The quarters to pick from: those this workstation knows, the current and the next."""
    return sorted({*known, now, next_quarter(now)})

"""Passphrase policy after NIST SP 800-63B: at least 15 characters, no composition rules, a
blocklist of common and local passwords, a strength estimate for the meter; never truncated."""

from __future__ import annotations

import math
import unicodedata
from functools import cache

from app import resources

MIN_LENGTH = 15
MAX_LENGTH = 1024  # a sanity bound on input, far above any real passphrase


@cache
def blocklist() -> frozenset[str]:
    text = resources.path("security", "blocklist.txt").read_text(encoding="utf-8")
    return frozenset(
        _norm(line) for line in text.splitlines() if line.strip() and not line.startswith("#")
    )


def _norm(s: str) -> str:
    return unicodedata.normalize("NFC", s).casefold().replace(" ", "")


def length(passphrase: str) -> int:
    """Length in user-perceived characters (NFC code points)."""
    return len(unicodedata.normalize("NFC", passphrase))


def policy_problem(passphrase: str) -> str | None:
    """A translation key naming what is wrong, or None when the passphrase is acceptable."""
    n = length(passphrase)
    if n < MIN_LENGTH:
        return "passphrase.too_short"
    if n > MAX_LENGTH:
        return "passphrase.too_long"
    norm = _norm(passphrase)
    if norm in blocklist():
        return "passphrase.blocklisted"
    if len(set(norm)) <= 3:
        return "passphrase.repetitive"
    for word in blocklist():
        # a blocked word padded with digits or repeated (e.g. "qwertyqwerty2025") is still weak
        if len(word) >= 6 and norm.strip("0123456789!.") in (word, word * 2, word * 3):
            return "passphrase.blocklisted"
    return None


def strength(passphrase: str) -> int:
    """0..4 for the meter: a rough entropy estimate by character classes and length."""
    if not passphrase:
        return 0
    if policy_problem(passphrase) is not None:
        return 0
    pool = 0
    if any(c.islower() and c.isascii() for c in passphrase):
        pool += 26
    if any(c.isupper() and c.isascii() for c in passphrase):
        pool += 26
    if any(c.isdigit() for c in passphrase):
        pool += 10
    if any(not c.isascii() and c.isalpha() for c in passphrase):
        pool += 42  # Cyrillic with the Kazakh letters
    if any(not c.isalnum() for c in passphrase):
        pool += 33
    distinct = len(set(passphrase))
    bits = min(length(passphrase), distinct * 2) * math.log2(max(pool, 2))
    return 1 if bits < 60 else 2 if bits < 80 else 3 if bits < 100 else 4

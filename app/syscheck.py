"""The oldest system the release runs on: PySide6 6.11 wheels are built for manylinux_2_34.

Checked before anything loads Qt, so an old system gets one clear line instead of a loader error.
"""

from __future__ import annotations

import os

GLIBC_FLOOR = (2, 34)


def glibc_version() -> tuple[int, int] | None:
    """The running C library's version, or None where it is not glibc (or cannot be told)."""
    try:
        text = os.confstr("CS_GNU_LIBC_VERSION") or ""
    except (ValueError, OSError, AttributeError):
        return None
    name, _, number = text.partition(" ")
    if name != "glibc":
        return None
    parts = number.split(".")
    try:
        return int(parts[0]), int(parts[1]) if len(parts) > 1 else 0
    except ValueError:
        return None


def glibc_too_old(found: tuple[int, int] | None) -> bool:
    return found is not None and found < GLIBC_FLOOR

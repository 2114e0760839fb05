"""Kazakhstan individual identification number (ЖСН / ИИН).

Twelve digits: YYMMDD of birth, a century-and-sex digit (1/2: 1800s, 3/4: 1900s, 5/6: 2000s;
odd male, even female), four registration digits, and a check digit computed with the weights
1..11 and, when the first round gives 10, a second round with the weights 3..11,1,2. A second
10 means the number cannot be valid.
"""

from __future__ import annotations

import datetime as dt
import operator
from dataclasses import dataclass

_W1 = (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11)
_W2 = (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2)
_CENTURY = {1: 1800, 2: 1800, 3: 1900, 4: 1900, 5: 2000, 6: 2000}


class IINError(ValueError):
    """The value is not a valid IIN; ``code`` is a translation key, ``args`` fill it."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


@dataclass(frozen=True)
class IINInfo:
    birth_date: dt.date
    sex: str  # "M" or "F"


def check_digit(first11: str) -> int | None:
    """The check digit for the first eleven digits, or None when no digit can be valid."""
    digits = [int(c) for c in first11]
    if len(digits) != 11:
        raise ValueError("eleven digits expected")
    for weights in (_W1, _W2):
        rest = sum(map(operator.mul, digits, weights)) % 11  # eleven digits, eleven weights
        if rest != 10:
            return rest
    return None


def parse_iin(value: str) -> IINInfo:
    """Validate an IIN and return the birth date and sex it encodes; raise IINError if invalid."""
    if len(value) != 12 or not value.isascii() or not value.isdigit():
        raise IINError("iin.not_12_digits")
    century_digit = int(value[6])
    if century_digit not in _CENTURY:
        raise IINError("iin.bad_century_digit", digit=century_digit)
    year = _CENTURY[century_digit] + int(value[0:2])
    try:
        birth = dt.date(year, int(value[2:4]), int(value[4:6]))
    except ValueError:
        raise IINError("iin.bad_birth_date") from None
    expected = check_digit(value[:11])
    if expected is None or expected != int(value[11]):
        raise IINError("iin.bad_check_digit")
    return IINInfo(birth_date=birth, sex="M" if century_digit % 2 else "F")


def make_iin(birth: dt.date, sex: str, serial: int) -> str:
    """Build a valid IIN (used by the demo generator and tests). ``serial`` is 0..9999.

    Serials whose check digit cannot be valid are skipped forward.
    """
    base = (birth.year // 100) * 100
    century = {1800: 1, 1900: 3, 2000: 5}[base] + (0 if sex == "M" else 1)
    for attempt in range(10000):
        s = (serial + attempt) % 10000
        first11 = f"{birth:%y%m%d}{century}{s:04d}"
        cd = check_digit(first11)
        if cd is not None:
            return first11 + str(cd)
    raise ValueError("no valid IIN for this date")  # pragma: no cover - cannot happen

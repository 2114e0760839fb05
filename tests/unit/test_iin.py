import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.iin import IINError, check_digit, make_iin, parse_iin


def test_known_valid_iin_parses_birth_date_and_sex():
    info = parse_iin("820517300011")
    assert info.birth_date == dt.date(1982, 5, 17)
    assert info.sex == "M"


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("82051730001", "iin.not_12_digits"),
        ("8205173000111", "iin.not_12_digits"),
        ("82051730001a", "iin.not_12_digits"),
        ("８２０５１７３００００１", "iin.not_12_digits"),  # full-width digits
        ("820517000011", "iin.bad_century_digit"),
        ("820517700011", "iin.bad_century_digit"),
        ("821317300011", "iin.bad_birth_date"),
        ("820230300011", "iin.bad_birth_date"),
        ("820517300012", "iin.bad_check_digit"),
    ],
)
def test_invalid_iins_are_refused_with_their_reason(value, code):
    with pytest.raises(IINError) as e:
        parse_iin(value)
    assert e.value.code == code


def test_second_weight_round_is_used_when_first_gives_ten():
    # Find an 11-digit prefix whose first round gives 10; the check digit comes from round two.
    for serial in range(10000):
        first11 = f"8205173{serial:04d}"
        s1 = sum(int(c) * w for c, w in zip(first11, range(1, 12), strict=True)) % 11
        if s1 == 10:
            w2 = (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2)
            s2 = sum(int(c) * w for c, w in zip(first11, w2, strict=True)) % 11
            if s2 != 10:
                assert check_digit(first11) == s2
                parse_iin(first11 + str(s2))
                return
    pytest.fail("no prefix needing the second round was found")


@given(
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2099, 12, 31)),
    st.sampled_from(["M", "F"]),
    st.integers(0, 9999),
)
def test_generated_iins_parse_back(birth, sex, serial):
    iin = make_iin(birth, sex, serial)
    info = parse_iin(iin)
    assert info.birth_date == birth
    assert info.sex == sex


@given(st.integers(0, 9999), st.sampled_from([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 11]), st.integers(1, 9))
def test_changing_any_single_digit_is_detected(serial, pos, delta):
    # Digit 11 carries weight 11 (= 0 mod 11) in the first round, so the algorithm itself cannot
    # see a change there; every other position is covered.
    iin = make_iin(dt.date(1985, 3, 9), "F", serial)
    digits = list(iin)
    digits[pos] = str((int(digits[pos]) + delta) % 10)
    mutated = "".join(digits)
    def first_round(v):
        return sum(int(c) * w for c, w in zip(v[:11], range(1, 12), strict=True)) % 11

    if 10 in (first_round(iin), first_round(mutated)):
        return  # the second weight round takes over; the algorithm no longer guarantees detection
    with pytest.raises(IINError):
        parse_iin(mutated)

"""Dossier validation: every problem names the field path it concerns.

``problems()`` lists them (the wizard shows them live); ``validate()`` raises the first as
``InvalidInput``. Free texts are stored exactly as typed; only NUL and lengths are refused.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import msgspec

from app.domain.dossier import Dossier
from app.domain.iin import IINError, parse_iin
from app.errors import InvalidInput

MAX_NAME = 200
MAX_LINE = 2000
MAX_TEXT = 50_000
EARLIEST = dt.date(1900, 1, 1)
AGE_RANGE = (18, 70)  # the person's age at the submission date
SERVICE_YEARS_RANGE = (0, 50)  # nomination.required_service_years
HOURS_RANGE = (1, 10_000)  # training.hours
FIRST_YEAR = 1950  # education and indicator years
QUARTER_YEARS = (2000, 2100)
# Facts of the person before nomination may not follow the submission date. The dossier of an
# enrolled member keeps being updated (a sanction or liability is a ground for exclusion, p.18),
# so the other facts may follow the submission but never lie in the future; only the end of a
# sanction (its expiry) is known in advance.
_BEFORE_SUBMISSION = ("person.", "service_start", "secondment.")
_MAY_BE_FUTURE = (".lifted", "nomination.submission_date")


class Problem(msgspec.Struct, frozen=True, kw_only=True):
    field: str
    key: str
    params: dict[str, str] = msgspec.field(default_factory=dict)


Path = tuple[str | int, ...]


def _path(parts: Path) -> str:
    out = ""
    for p in parts:
        out += f"[{p}]" if isinstance(p, int) else (f".{p}" if out else p)
    return out


def _scan(obj: object, path: Path, texts: list[tuple[Path, str]], dates: list[Path],
          horizon: dt.date) -> None:  # fmt: skip
    """Every text that is too long or holds NUL, every date out of range; the path is kept as a
    tuple and joined only for a problem (a dossier has hundreds of fields, seldom a problem)."""
    if isinstance(obj, str):
        limit = MAX_NAME if path[0] == "person" else MAX_TEXT
        if len(obj) > limit or "\x00" in obj:
            texts.append((path, obj))
    elif isinstance(obj, dt.date):
        if obj < EARLIEST or obj > horizon:
            dates.append(path)
    elif isinstance(obj, msgspec.Struct):
        for name in obj.__struct_fields__:
            value = getattr(obj, name)
            if value is not None and not isinstance(value, (bool, int, float, bytes)):
                _scan(value, (*path, name), texts, dates, horizon)
    elif isinstance(obj, list):
        for i, item in enumerate(obj):
            _scan(item, (*path, i), texts, dates, horizon)


def problems(d: Dossier, *, today: dt.date | None = None) -> list[Problem]:
    out: list[Problem] = []
    p = d.person
    try:
        info = parse_iin(p.iin)
    except IINError as e:
        out.append(Problem(field="person.iin", key=f"dossier.{e.code}"))
    else:
        if info.birth_date != p.birth_date:
            out.append(Problem(field="person.birth_date", key="dossier.birth_date_iin_mismatch"))
        if info.sex != p.sex.value:
            out.append(Problem(field="person.sex", key="dossier.sex_iin_mismatch"))
    for name in ("surname", "given_name"):
        if not getattr(p, name).strip():
            out.append(Problem(field=f"person.{name}", key="dossier.required"))
    horizon = (today or dt.date.today()) + dt.timedelta(days=3660)
    texts: list[tuple[Path, str]] = []
    dates: list[Path] = []
    _scan(d, (), texts, dates, horizon)  # the photo is bytes: never scanned
    for parts, text in texts:
        limit = MAX_NAME if parts[0] == "person" else MAX_TEXT
        if "\x00" in text:
            out.append(Problem(field=_path(parts), key="dossier.nul_character"))
        else:
            out.append(Problem(field=_path(parts), key="dossier.too_long",
                               params={"limit": str(limit)}))  # fmt: skip
    out += [Problem(field=_path(parts), key="dossier.date_out_of_range") for parts in dates]
    for i, entry in enumerate(d.service_record):
        if entry.end is not None and entry.end < entry.start:
            out.append(Problem(field=f"service_record[{i}].end", key="dossier.end_before_start"))
    for i, s in enumerate(d.disciplinary):
        if s.lifted is not None and s.lifted < s.imposed:
            out.append(Problem(field=f"disciplinary[{i}].lifted", key="dossier.end_before_start"))
    out += _ranges(d, today or dt.date.today())
    return out


def age_at(birth: dt.date, day: dt.date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def _number(field: str, value: int | None, low: int, high: int) -> list[Problem]:
    if value is None or low <= value <= high:
        return []
    return [Problem(field=field, key="dossier.number_out_of_range",
                    params={"min": str(low), "max": str(high)})]  # fmt: skip


def _ranges(d: Dossier, today: dt.date) -> list[Problem]:
    """Strict ranges: the person 18..70 at the submission, no fact dated after the submission,
    counts and years in sane bounds, the quarter ``YYYYQn`` with n in 1..4."""
    out: list[Problem] = []
    n = d.nomination
    ref = n.submission_date or today
    if n.submission_date is not None and n.submission_date > today:
        out.append(Problem(field="nomination.submission_date", key="dossier.in_future"))
    birth = d.person.birth_date
    if birth >= today:
        out.append(Problem(field="person.birth_date", key="dossier.in_future"))
    elif not AGE_RANGE[0] <= age_at(birth, ref) <= AGE_RANGE[1]:
        out.append(Problem(field="person.birth_date", key="dossier.age_out_of_range",
                           params={"min": str(AGE_RANGE[0]), "max": str(AGE_RANGE[1])}))  # fmt: skip
    for parts, value in _all_dates(d, ()):
        path = _path(parts)
        if path == "person.birth_date" or path.endswith(_MAY_BE_FUTURE) or value < EARLIEST:
            continue
        if path.startswith(_BEFORE_SUBMISSION) and value > ref:
            out.append(Problem(field=path, key="dossier.after_submission"))
        elif value > today:
            out.append(Problem(field=path, key="dossier.in_future"))
    out += _number("nomination.required_service_years", n.required_service_years,
                   *SERVICE_YEARS_RANGE)  # fmt: skip
    for i, t in enumerate(d.training):
        out += _number(f"training[{i}].hours", t.hours, *HOURS_RANGE)
    for i, e in enumerate(d.education):
        out += _number(f"education[{i}].year", e.year, FIRST_YEAR, ref.year)
    for i, ind in enumerate(d.indicators):
        out += _number(f"indicators[{i}].year", ind.year, FIRST_YEAR, ref.year)
    if n.quarter and not valid_quarter(n.quarter):
        out.append(Problem(field="nomination.quarter", key="dossier.bad_quarter"))
    return out


def _all_dates(obj: object, path: Path) -> Iterator[tuple[Path, dt.date]]:
    if isinstance(obj, dt.date):
        yield path, obj
    elif isinstance(obj, msgspec.Struct):
        for name in obj.__struct_fields__:
            value = getattr(obj, name)
            if value is not None and not isinstance(value, (str, bool, int, float, bytes)):
                yield from _all_dates(value, (*path, name))
    elif isinstance(obj, list):
        for i, item in enumerate(obj):
            yield from _all_dates(item, (*path, i))


def valid_quarter(text: str) -> bool:
    """``YYYYQn`` with n in 1..4 and the year in ``QUARTER_YEARS``."""
    return (
        len(text) == 6 and text[:4].isdigit() and text[4] == "Q" and text[5] in "1234"
        and QUARTER_YEARS[0] <= int(text[:4]) <= QUARTER_YEARS[1]
    )  # fmt: skip


def validate(d: Dossier, *, today: dt.date | None = None) -> None:
    found = problems(d, today=today)
    if found:
        first = found[0]
        raise InvalidInput(first.key, field=first.field, **first.params)

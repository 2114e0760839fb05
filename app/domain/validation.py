"""Dossier validation: every problem names the field path it concerns.

``problems()`` lists them (the wizard shows them live); ``validate()`` raises the first as
``InvalidInput``. Free texts are stored exactly as typed; only NUL and lengths are refused.
"""

from __future__ import annotations

import datetime as dt

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
# a secondment may begin after the submission: recorded after enrolment it is a ground of p.18(7)
_BEFORE_SUBMISSION = ("person.", "service_start")
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


_AS_IS = (dt.date, bytes)  # kept by ``to_builtins`` as they are (the photo is never copied)


def _scan(d: Dossier) -> tuple[list[tuple[Path, str]], list[tuple[Path, dt.date]]]:
    """Every text that is too long or holds NUL, and every date with its path, in one walk over
    the dossier's builtin form (dicts and lists, made in C). The path is kept as a tuple and
    joined only when needed (a dossier has hundreds of fields, seldom a problem)."""
    texts: list[tuple[Path, str]] = []
    dates: list[tuple[Path, dt.date]] = []

    def walk(node: dict[str, object] | list[object], path: Path, limit: int) -> None:
        items = node.items() if type(node) is dict else enumerate(node)
        for key, value in items:
            kind = type(value)
            if kind is str:
                if len(value) > limit or "\x00" in value:  # type: ignore[arg-type, operator]
                    texts.append(((*path, key), value))  # type: ignore[arg-type]
            elif kind is dict or kind is list:
                walk(value, (*path, key), limit)  # type: ignore[arg-type]
            elif isinstance(value, dt.date):
                dates.append(((*path, key), value))

    top = msgspec.to_builtins(d, builtin_types=_AS_IS)
    for key, value in top.items():
        limit = MAX_NAME if key == "person" else MAX_TEXT
        if type(value) is str:
            if len(value) > limit or "\x00" in value:
                texts.append(((key,), value))
        elif type(value) is dict or type(value) is list:
            walk(value, (key,), limit)
        elif isinstance(value, dt.date):
            dates.append(((key,), value))
    return texts, dates


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
    texts, dates = _scan(d)  # the photo is bytes: never scanned
    for parts, text in texts:
        limit = MAX_NAME if parts[0] == "person" else MAX_TEXT
        if "\x00" in text:
            out.append(Problem(field=_path(parts), key="dossier.nul_character"))
        else:
            out.append(Problem(field=_path(parts), key="dossier.too_long",
                               params={"limit": str(limit)}))  # fmt: skip
    out += [Problem(field=_path(parts), key="dossier.date_out_of_range")
            for parts, value in dates if value < EARLIEST or value > horizon]  # fmt: skip
    for i, entry in enumerate(d.service_record):
        if entry.end is not None and entry.end < entry.start:
            out.append(Problem(field=f"service_record[{i}].end", key="dossier.end_before_start"))
    for i, s in enumerate(d.disciplinary):
        if s.lifted is not None and s.lifted < s.imposed:
            out.append(Problem(field=f"disciplinary[{i}].lifted", key="dossier.end_before_start"))
    out += _ranges(d, today or dt.date.today(), dates)
    return out


def age_at(birth: dt.date, day: dt.date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def _number(field: str, value: int | None, low: int, high: int) -> list[Problem]:
    if value is None or low <= value <= high:
        return []
    return [Problem(field=field, key="dossier.number_out_of_range",
                    params={"min": str(low), "max": str(high)})]  # fmt: skip


def _ranges(d: Dossier, today: dt.date, dates: list[tuple[Path, dt.date]]) -> list[Problem]:
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
    for parts, value in dates:
        if value < EARLIEST or (value <= today and value <= ref):
            continue  # nothing to say (skips joining the path of almost every date)
        path = _path(parts)
        if path == "person.birth_date" or path.endswith(_MAY_BE_FUTURE):
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

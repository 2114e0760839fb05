"""Dossier validation: every problem names the field path it concerns.

``problems()`` lists them (the wizard shows them live); ``validate()`` raises the first as
``InvalidInput``. Free texts are stored exactly as typed; only NUL and lengths are refused.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache

import msgspec
import msgspec.inspect as mi

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
_DATE, _STRUCT, _LIST = 0, 1, 2
_FLAT = (mi.StrType, mi.IntType, mi.BoolType, mi.FloatType, mi.BytesType, mi.EnumType, mi.NoneType)


@cache
def _date_plan(cls: type) -> tuple[tuple[str, int, type | None], ...] | None:
    """Where the dates of a struct of ``cls`` are, from its declared types: its date fields, and
    the struct and list-of-struct fields to look into; None when a field's type could hold a
    date some other way (then the whole dossier is walked)."""
    out: list[tuple[str, int, type | None]] = []
    for f in msgspec.inspect.type_info(cls).fields:  # type: ignore[attr-defined]
        for t in f.type.types if isinstance(f.type, mi.UnionType) else (f.type,):
            if isinstance(t, mi.ListType) and isinstance(t.item_type, mi.StructType):
                kind, inner = _LIST, _date_plan(t.item_type.cls)
            elif isinstance(t, mi.StructType):
                kind, inner = _STRUCT, _date_plan(t.cls)
            elif isinstance(t, mi.DateType):
                out.append((f.name, _DATE, None))
                continue
            elif isinstance(t, _FLAT) or (isinstance(t, mi.ListType) and isinstance(t.item_type, _FLAT)):
                continue
            else:
                return None
            if inner is None:
                return None
            if inner:  # a struct without dates is not looked into
                out.append((f.name, kind, t.item_type.cls if kind == _LIST else t.cls))  # type: ignore[union-attr]
    return tuple(out)


def _dates(obj: object, cls: type, path: Path, out: list[tuple[Path, dt.date]]) -> None:
    for name, kind, inner in _date_plan(cls) or ():
        value = getattr(obj, name)
        if kind == _DATE:
            if isinstance(value, dt.date):
                out.append(((*path, name), value))
        elif kind == _STRUCT:
            if isinstance(value, msgspec.Struct):
                _dates(value, inner, (*path, name), out)  # type: ignore[arg-type]
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, msgspec.Struct):
                    _dates(item, inner, (*path, name, i), out)  # type: ignore[arg-type]


# a date as msgspec writes it: the whole JSON string (quoted) in ISO form, year of four digits
_ISO_DATE = re.compile(rb'"(\d{4}-\d\d-\d\d)"')


def _quick(
    d: Dossier, encoded: bytes | None = None, bound: dt.date | None = None
) -> list[tuple[Path, dt.date]] | None:
    """The dates with their paths, when no text can be too long or hold NUL — seen on the
    dossier's JSON without the photo (``encoded``, if the caller made it already): no
    ``\\u0000`` escape in it means no NUL anywhere, and a JSON no longer than ``MAX_TEXT`` bytes
    holds no longer text (a character takes at least a byte); the person's few texts are checked
    one by one. When every date-shaped string of that JSON lies between ``EARLIEST`` and
    ``bound`` (today, or the submission if earlier), no date can raise a problem and none is
    listed (dates compare as their ISO texts). None: walk the whole dossier."""
    plan = _date_plan(type(d))
    if plan is None:
        return None
    data = encoded
    if data is None:
        try:
            data = msgspec.json.encode(msgspec.structs.replace(d, photo=None))
        except (TypeError, msgspec.EncodeError):
            return None
    if len(data) > MAX_TEXT or b"\\u0000" in data:
        return None
    p = d.person
    for name in p.__struct_fields__:
        value = getattr(p, name)
        if isinstance(value, str) and len(value) > MAX_NAME:
            return None
    if bound is not None:
        found = _ISO_DATE.findall(data)
        if not found or (min(found) >= _iso(EARLIEST) and max(found) <= _iso(bound)):
            return []
    dates: list[tuple[Path, dt.date]] = []
    _dates(d, type(d), (), dates)
    return dates


def _iso(day: dt.date) -> bytes:
    return day.isoformat().encode("ascii")


def _scan(
    d: Dossier, encoded: bytes | None = None, bound: dt.date | None = None
) -> tuple[list[tuple[Path, str]], list[tuple[Path, dt.date]]]:
    """Every text that is too long or holds NUL, and every date with its path. Most dossiers
    pass ``_quick``; the others are walked whole, over their builtin form (dicts and lists, made
    in C). The path is kept as a tuple and joined only when needed."""
    dates = _quick(d, encoded, bound)
    if dates is not None:
        return [], dates
    texts: list[tuple[Path, str]] = []
    dates = []

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


def problems(d: Dossier, *, today: dt.date | None = None, encoded: bytes | None = None) -> list[Problem]:
    """``encoded``: the dossier's JSON without the photo (``app.store.nominees.encode``), when
    the caller has it (it is then not made again)."""
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
    today = today or dt.date.today()
    horizon = today + dt.timedelta(days=3660)
    submitted = d.nomination.submission_date
    bound = min(today, submitted) if submitted is not None else today
    texts, dates = _scan(d, encoded, bound)  # the photo is bytes: never scanned
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
    out += _ranges(d, today, dates)
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


def validate(d: Dossier, *, today: dt.date | None = None, encoded: bytes | None = None) -> None:
    found = problems(d, today=today, encoded=encoded)
    if found:
        first = found[0]
        raise InvalidInput(first.key, field=first.field, **first.params)

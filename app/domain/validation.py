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


class Problem(msgspec.Struct, frozen=True, kw_only=True):
    field: str
    key: str
    params: dict[str, str] = msgspec.field(default_factory=dict)


def _texts(obj: object, path: str) -> Iterator[tuple[str, str]]:
    if isinstance(obj, str):
        yield path, obj
    elif isinstance(obj, msgspec.Struct):
        for name in obj.__struct_fields__:
            yield from _texts(getattr(obj, name), f"{path}.{name}" if path else name)
    elif isinstance(obj, list):
        for i, item in enumerate(obj):
            yield from _texts(item, f"{path}[{i}]")


def _dates(obj: object, path: str) -> Iterator[tuple[str, dt.date]]:
    if isinstance(obj, dt.date):
        yield path, obj
    elif isinstance(obj, msgspec.Struct):
        for name in obj.__struct_fields__:
            yield from _dates(getattr(obj, name), f"{path}.{name}" if path else name)
    elif isinstance(obj, list):
        for i, item in enumerate(obj):
            yield from _dates(item, f"{path}[{i}]")


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
    for path, text in _texts(msgspec.structs.replace(d, photo=None), ""):
        limit = MAX_NAME if path.startswith("person.") else MAX_TEXT
        if "\x00" in text:
            out.append(Problem(field=path, key="dossier.nul_character"))
        elif len(text) > limit:
            out.append(Problem(field=path, key="dossier.too_long", params={"limit": str(limit)}))
    horizon = (today or dt.date.today()) + dt.timedelta(days=3660)
    for path, value in _dates(msgspec.structs.replace(d, photo=None), ""):
        if value < EARLIEST or value > horizon:
            out.append(Problem(field=path, key="dossier.date_out_of_range"))
    for i, entry in enumerate(d.service_record):
        if entry.end is not None and entry.end < entry.start:
            out.append(Problem(field=f"service_record[{i}].end", key="dossier.end_before_start"))
    for i, s in enumerate(d.disciplinary):
        if s.lifted is not None and s.lifted < s.imposed:
            out.append(Problem(field=f"disciplinary[{i}].lifted", key="dossier.end_before_start"))
    for i, ind in enumerate(d.indicators):
        if not 1950 <= ind.year <= 2100:
            out.append(Problem(field=f"indicators[{i}].year", key="dossier.date_out_of_range"))
    return out


def validate(d: Dossier, *, today: dt.date | None = None) -> None:
    found = problems(d, today=today)
    if found:
        first = found[0]
        raise InvalidInput(first.key, field=first.field, **first.params)

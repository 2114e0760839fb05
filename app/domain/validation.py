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
    for i, ind in enumerate(d.indicators):
        if not 1950 <= ind.year <= 2100:
            out.append(Problem(field=f"indicators[{i}].year", key="dossier.date_out_of_range"))
    return out


def validate(d: Dossier, *, today: dt.date | None = None) -> None:
    found = problems(d, today=today)
    if found:
        first = found[0]
        raise InvalidInput(first.key, field=first.field, **first.params)

"""Translations: every user-facing text is a key looked up in Kazakh and Russian.

Catalogues are flat JSON files ``resources/i18n/<area>.<lang>.json`` (one area per part of the
program, so parts are translated independently). A translation whose ``{placeholders}`` differ
from the Russian source is refused at load time (after Electrum's ``_()``). Kazakh is the default
interface language.
"""

from __future__ import annotations

import datetime as dt
import json
import string
from collections.abc import Mapping
from functools import cache

from app import resources

LANGS = ("kk", "ru")
REQUIRED_LANGS = ("kk", "ru")
DEFAULT_LANG = "kk"


class _SafeDict(dict[str, object]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@cache
def catalog(lang: str) -> Mapping[str, str]:
    """All keys of one language, merged from every area file."""
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}")
    merged: dict[str, str] = {}
    for f in sorted(resources.path("i18n").glob(f"*.{lang}.json")):
        data = json.loads(f.read_text(encoding="utf-8"))
        for key, text in data.items():
            if key in merged:
                raise ValueError(f"duplicate translation key {key!r} in {f.name}")
            merged[key] = text
    return merged


def tr(key: str, lang: str = DEFAULT_LANG, /, **params: object) -> str:
    """The text of ``key`` in ``lang`` with placeholders filled; falls back to Russian, then the key.

    Parameter values are inserted as text, never re-interpreted as format strings.
    """
    text = catalog(lang).get(key)
    if text is None and lang != "ru":
        text = catalog("ru").get(key)
    if text is None:
        return key
    return text.format_map(_SafeDict(params)) if params else text


def fmt_date(value: dt.date | None) -> str:
    """Dates are shown as DD.MM.YYYY everywhere."""
    # formatted by hand: strftime is several times slower and this runs for every finding
    return "" if value is None else f"{value.day:02d}.{value.month:02d}.{value.year}"


def parse_date(text: str) -> dt.date:
    """Accept DD.MM.YYYY (as shown) or YYYY-MM-DD (as in JSON and the CLI)."""
    text = text.strip()
    if len(text) == 10 and text[2] == "." and text[5] == ".":
        return dt.datetime.strptime(text, "%d.%m.%Y").date()
    return dt.date.fromisoformat(text)

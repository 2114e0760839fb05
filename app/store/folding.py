"""Search folding: one skeleton for Kazakh Cyrillic, Russian Cyrillic and Kazakh Latin script.

A query in Russian spelling finds the Kazakh spelling and the other way round (ә ғ қ ң ө ұ ү һ і
fold to а г к н о у у х и), and Kazakh Latin script (2021 alphabet, and common romanisations)
finds Cyrillic. The same function folds the indexed text and the query, so they agree by
construction: lower case, compatibility and combining marks removed, Cyrillic transliterated to
Latin, then digraphs (sh, zh, ch, kh, ts) reduced to one letter.
"""

from __future__ import annotations

import re
import unicodedata

_CYR = {
    "а": "a", "ә": "a", "б": "b", "в": "v", "г": "g", "ғ": "g", "д": "d", "е": "e", "ё": "e",
    "ж": "j", "з": "z", "и": "i", "й": "i", "і": "i", "к": "k", "қ": "k", "л": "l", "м": "m",
    "н": "n", "ң": "n", "о": "o", "ө": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u",
    "ұ": "u", "ү": "u", "ф": "f", "х": "h", "һ": "h", "ц": "c", "ч": "c", "ш": "s", "щ": "s",
    "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "iu", "я": "ia",
}  # fmt: skip
_LAT = {"ı": "i", "q": "k", "w": "u", "x": "h", "ä": "a", "ö": "o", "ü": "u", "ū": "u"}
_DIGRAPHS = re.compile(r"sh|zh|ch|kh|ts|yu|ya|yo")
_DIGRAPH_MAP = {"sh": "s", "zh": "j", "ch": "c", "kh": "h", "ts": "c", "yu": "iu", "ya": "ia",
                "yo": "e"}  # fmt: skip
_TABLE = str.maketrans({**_CYR, **_LAT})
_NON_WORD = re.compile(r"[^0-9a-z]+")


def fold(text: str) -> str:
    """The search skeleton of ``text``: lower-case ASCII words separated by single spaces."""
    lowered = text.casefold()
    # Latin-only marks first (ı has no decomposition), then strip combining marks.
    latin = lowered.translate(_TABLE)
    if not latin.isascii():
        decomposed = unicodedata.normalize("NFKD", latin)
        stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
        latin = stripped.translate(_TABLE)
    latin = _DIGRAPHS.sub(lambda m: _DIGRAPH_MAP[m.group(0)], latin)
    return _NON_WORD.sub(" ", latin).strip()


def fts_query(text: str) -> str | None:
    """An FTS5 MATCH expression: every folded word as a prefix, all required. None if empty."""
    words = fold(text).split()
    if not words:
        return None
    return " ".join(f'"{w}"*' for w in words)

"""The one font family every document uses: DejaVu Serif (Bitstream Vera licence, see
``resources/fonts/LICENSE-DejaVu.txt``), registered once per process and embedded (subset) in
every PDF. Nothing refers to reportlab's built-in Helvetica: the canvas starts with this font."""

from __future__ import annotations

from functools import cache

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from app import resources

REGULAR = "RezervSerif"
BOLD = "RezervSerif-Bold"
FILES = {REGULAR: "DejaVuSerif.ttf", BOLD: "DejaVuSerif-Bold.ttf"}


@cache
def register() -> None:
    """Register the family (idempotent); ``<b>`` in our own markup maps to the bold face."""
    for name, file in FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(resources.path("fonts", file))))
    addMapping(REGULAR, 0, 0, REGULAR)
    addMapping(REGULAR, 1, 0, BOLD)
    addMapping(REGULAR, 0, 1, REGULAR)  # no italic face is shipped: italic prints upright
    addMapping(REGULAR, 1, 1, BOLD)


def missing_glyphs(text: str, name: str = REGULAR) -> set[str]:
    """Characters of ``text`` (other than line breaks) the font has no glyph for."""
    register()
    font = pdfmetrics.getFont(name)
    cmap = font.face.charToGlyph
    return {c for c in set(text) if c not in "\n\r\t" and ord(c) not in cmap}


@cache
def _cmap() -> frozenset[int]:
    register()
    regular = set(pdfmetrics.getFont(REGULAR).face.charToGlyph)
    return frozenset(regular & set(pdfmetrics.getFont(BOLD).face.charToGlyph))


@cache
def _chars() -> frozenset[str]:
    """The characters both faces have, and the line break: checked in C, not one by one."""
    return frozenset(chr(c) for c in _cmap()) | {"\n"}


def printable(text: str) -> str:
    """The text as it can be printed: a tab becomes a space, and a character the font has no
    glyph for (an emoji, a control character) is shown as ``[U+XXXX]`` instead of vanishing."""
    if _chars().issuperset(text):
        return text
    cmap = _cmap()
    out = []
    for c in text:
        if c == "\t":
            out.append(" ")
        elif ord(c) in cmap or c == "\n":
            out.append(c)
        else:
            out.append(f"[U+{ord(c):04X}]")
    return "".join(out)


def string_width(text: str, size: float, name: str = REGULAR) -> float:
    register()
    return float(pdfmetrics.stringWidth(text, name, size))

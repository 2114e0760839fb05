"""The only door from text to a reportlab Paragraph.

Reportlab's Paragraph parses an XML-like markup: an unescaped ``<img src=...>`` embeds a local
file and ``<a href=...>`` makes a link. Every text (user data and translations alike) is passed
through ``escape`` here; the only markup ever produced is our own ``<b>`` and ``<br/>``. A test
checks that no other module of the package constructs a Paragraph.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph

from app.documents import fonts
from app.i18n import fmt_date, tr

Run = tuple[str, bool]  # (text, bold)


def esc(text: str) -> str:
    """Escaped for Paragraph markup; line breaks kept as ``<br/>``."""
    text = str(text).replace("\r\n", "\n").replace("\r", "\n")
    lines = fonts.printable(text).split("\n")
    return "<br/>".join(escape(line) for line in lines)


def para(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(esc(text), style)


class _Repeated(Paragraph):
    """A paragraph laid out again and again at the same width — a table's header cell, which
    reportlab wraps anew for every page the header repeats on (a 1,000-row list: 92 pages x 5
    cells). Its lines depend only on its text, style and width, so they are broken once per
    width; any other width, or lines set by anything but ``wrap``, breaks them again."""

    _memo: tuple[float, object, float, float] | None = None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        memo = self._memo
        if memo is not None and memo[0] == availWidth and getattr(self, "blPara", None) is memo[1]:
            self.width, self.height = memo[2], memo[3]
            return memo[2], memo[3]
        w, h = super().wrap(availWidth, availHeight)
        self._memo = (availWidth, getattr(self, "blPara", None), w, h)
        return w, h


def repeated_para(text: str, style: ParagraphStyle) -> Paragraph:
    """``para`` for a cell drawn on every page at the same width (a repeated table header)."""
    return _Repeated(esc(text), style)


def rich(runs: Iterable[Run], style: ParagraphStyle) -> Paragraph:
    """A paragraph of runs, each escaped, some bold."""
    parts = [f"<b>{esc(t)}</b>" if bold else esc(t) for t, bold in runs]
    return Paragraph("".join(parts), style)


_WIDTHS: dict[tuple[str, str, float], float] = {}
_ODD_SPACE = re.compile(r"[^\S \n]")  # whitespace other than a space or a line break
_SHRINK = 0.05  # reportlab's default spaceShrinkage: a line may squeeze its spaces by 5 %


def _width(word: str, font: str, size: float) -> float:
    key = (word, font, size)
    w = _WIDTHS.get(key)
    if w is None:
        if len(_WIDTHS) > 200_000:  # bounded: a quarter's names and positions fit many times over
            _WIDTHS.clear()
        w = _WIDTHS[key] = stringWidth(word, font, size)
    return w


def wrap_plain(text: str, width: float, font: str, size: float) -> str | None:
    """The lines a left-aligned Paragraph of ``text`` would make in ``width``, joined with
    ``\n`` as a plain string (which reportlab draws as is, never parsing it), or None where only a
    Paragraph can lay the text out the same way (a word wider than the line, an empty line,
    whitespace other than spaces and line breaks, soft hyphens).

    Same greedy breaking as reportlab's ``Paragraph.breakLines`` for a single-style text: words
    separated by runs of spaces, a word goes to the next line when the line with it would be
    wider than ``width`` plus the allowed space shrinkage (a line that needs the shrinkage gives
    None, since a plain string is drawn with full spaces)."""
    if "\u00ad" in text or _ODD_SPACE.search(text):
        return None
    space = _width(" ", font, size)
    out: list[str] = []
    for segment in text.split("\n"):
        words = segment.split()
        if not words:
            return None
        line: list[str] = []
        current = -space
        for word in words:
            w = _width(word, font, size)
            if w > width:
                return None
            new = current + space + w
            if line and new > width + _SHRINK * space * len(line):
                out.append(" ".join(line))
                line, current = [word], w
            else:
                if new > width:  # fits only with squeezed spaces, which a plain string can't do
                    return None
                line.append(word)
                current = new
        out.append(" ".join(line))
    return "\n".join(out)


def t(key: str, lang: str, /, **params: object) -> str:
    """A document text (``doc.*`` keys of ``resources/i18n/documents.<lang>.json``)."""
    return tr(key, lang, **params)


def date_or_blank(value: dt.date | None, lang: str) -> str:
    """The date, or a blank date to fill in by hand (``«__» ____ 20__``)."""
    return fmt_date(value) if value is not None else t("doc.date_blank", lang)


def or_line(value: str, width: int = 30) -> str:
    """The value, or a line to write it by hand."""
    return value if value.strip() else "_" * width

"""The only door from text to a reportlab Paragraph.

Reportlab's Paragraph parses an XML-like markup: an unescaped ``<img src=...>`` embeds a local
file and ``<a href=...>`` makes a link. Every text (user data and translations alike) is passed
through ``escape`` here; the only markup ever produced is our own ``<b>`` and ``<br/>``. A test
checks that no other module of the package constructs a Paragraph.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
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


def rich(runs: Iterable[Run], style: ParagraphStyle) -> Paragraph:
    """A paragraph of runs, each escaped, some bold."""
    parts = [f"<b>{esc(t)}</b>" if bold else esc(t) for t, bold in runs]
    return Paragraph("".join(parts), style)


def t(key: str, lang: str, /, **params: object) -> str:
    """A document text (``doc.*`` keys of ``resources/i18n/documents.<lang>.json``)."""
    return tr(key, lang, **params)


def date_or_blank(value: dt.date | None, lang: str) -> str:
    """The date, or a blank date to fill in by hand (``«__» ____ 20__``)."""
    return fmt_date(value) if value is not None else t("doc.date_blank", lang)


def or_line(value: str, width: int = 30) -> str:
    """The value, or a line to write it by hand."""
    return value if value.strip() else "_" * width

"""Page geometry, paragraph styles and the page furniture every document carries.

A4 with the official margins (left 30 mm, right 15 mm, top and bottom 20 mm). The marking line
(top right), "page N of M", the fingerprint code and its QR code are drawn after the whole PDF
has been laid out, when every document's page count is known: the canvas keeps each finished
page and decorates it in ``save()``. Several documents can share one PDF (a quarter's batch);
each keeps its own numbering and fingerprint.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any, NamedTuple

from reportlab import rl_config
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate
from reportlab.platypus.flowables import PageBreakIfNotEmpty

from app.documents import fonts, qr
from app.documents.fingerprint import qr_payload, short_code
from app.documents.text import t

PAGE_W, PAGE_H = A4
LEFT, RIGHT, TOP, BOTTOM = 30 * mm, 15 * mm, 20 * mm, 20 * mm
WIDTH = PAGE_W - LEFT - RIGHT  # 165 mm
QR_SIZE = 14 * mm

fonts.register()
# Streams are Flate-compressed binary: the ASCII85 layer (reportlab's default) only makes them a
# quarter bigger and costs a pure-Python encoding pass over every font, image and page.
rl_config.useA85 = 0
_R, _B = fonts.REGULAR, fonts.BOLD


def _style(name: str, **kw: Any) -> ParagraphStyle:
    base: dict[str, Any] = {"fontName": _R, "fontSize": 12, "leading": 15, "splitLongWords": 1}
    base.update(kw)
    return ParagraphStyle(name, **base)


class Styles:
    body = _style("body", alignment=TA_JUSTIFY, firstLineIndent=12.5 * mm, spaceAfter=3)
    plain = _style("plain", alignment=TA_LEFT)
    label = _style("label", fontName=_B, spaceBefore=6, spaceAfter=2)
    title = _style("title", fontName=_B, fontSize=13, leading=16, alignment=TA_CENTER,
                   spaceBefore=6, spaceAfter=4)  # fmt: skip
    subtitle = _style("subtitle", alignment=TA_CENTER, spaceAfter=8)
    right = _style("right", alignment=TA_RIGHT)
    stamp = _style("stamp", fontSize=11, leading=14, alignment=TA_LEFT)
    stamp_head = _style("stamp_head", fontName=_B, fontSize=11, leading=14)
    cell = _style("cell", fontSize=9.5, leading=11.5)
    cell_head = _style("cell_head", fontName=_B, fontSize=8.5, leading=10.5, alignment=TA_CENTER)
    small = _style("small", fontSize=9, leading=11)
    issuer = _style("issuer", fontName=_B, fontSize=11, leading=14)
    plain_right = _style("plain_right", alignment=TA_RIGHT)
    caption = _style("caption", fontSize=8, leading=10, alignment=TA_CENTER)
    caption_right = _style("caption_right", fontSize=8, leading=10, alignment=TA_RIGHT)
    cell_head_left = _style("cell_head_left", fontName=_B, fontSize=10, leading=12.5)
    cell_value = _style("cell_value", fontSize=10, leading=12.5)


class Part(NamedTuple):
    """One document of a PDF: its kind, language, fingerprint and flowables."""

    kind: str
    lang: str
    marking: str
    sha256: str
    story: list[Flowable]


class _DocStart(Flowable):
    """Zero-size marker: the pages from here on belong to part ``index``."""

    def __init__(self, index: int) -> None:
        super().__init__()
        self.index = index

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.canv._rz_part = self.index


def _make_canvas_class(parts: Sequence[Part]) -> type[Canvas]:
    class DecoratingCanvas(Canvas):
        def __init__(self, *args: Any, **kw: Any) -> None:
            super().__init__(*args, **kw)
            self._rz_part = 0
            self._rz_pages: list[tuple[int, dict[str, Any]]] = []

        def showPage(self) -> None:
            self._rz_pages.append((self._rz_part, dict(self.__dict__)))
            self._startPage()

        def save(self) -> None:
            pages = self._rz_pages
            totals: dict[int, int] = {}
            for idx, _ in pages:
                totals[idx] = totals.get(idx, 0) + 1
            for idx in totals:
                self._qr_form(idx)
            seen: dict[int, int] = {}
            for idx, state in pages:
                seen[idx] = seen.get(idx, 0) + 1
                self.__dict__.update(state)
                self._decorate(parts[idx], idx, seen[idx], totals[idx])
                Canvas.showPage(self)
            self.page_counts = [totals.get(i, 0) for i in range(len(parts))]
            Canvas.save(self)

        def _qr_form(self, idx: int) -> None:
            n, runs = qr.runs(qr_payload(parts[idx].sha256))
            cell = QR_SIZE / n
            self.beginForm(f"rzqr{idx}", 0, 0, QR_SIZE, QR_SIZE)
            self.setFillColorRGB(0, 0, 0)
            # one filled rectangle per run of dark modules, in module units (integers, so no
            # float formatting per rectangle): the same geometry as rect(c * cell, ...)
            ops = [f"q {cell:.6f} 0 0 {cell:.6f} 0 0 cm"]
            ops += [f"{c} {n - r - 1} {length} 1 re f" for r, c, length in runs]
            ops.append("Q")
            self.addLiteral("\n".join(ops))
            self.endForm()

        def _decorate(self, part: Part, idx: int, page: int, total: int) -> None:
            lang = part.lang
            self.saveState()
            self.setFillColorRGB(0, 0, 0)
            marking = fonts.printable(part.marking or t("doc.marking_default", lang))
            width = fonts.string_width(marking, 9, _B)
            self.setFont(_B, 9 if width <= WIDTH else 9 * WIDTH / width)  # never off the page
            self.drawRightString(PAGE_W - RIGHT, PAGE_H - 12 * mm, marking)
            self.setFont(_R, 9)
            self.drawCentredString(
                LEFT + WIDTH / 2, 11 * mm, t("doc.page_of", lang, page=page, total=total)
            )
            self.setFont(_R, 7.5)
            self.drawString(LEFT, 11 * mm, t("doc.code", lang, code=short_code(part.sha256)))
            self.translate(PAGE_W - RIGHT - QR_SIZE, 5 * mm)
            self.doForm(f"rzqr{idx}")
            self.restoreState()

    return DecoratingCanvas


def render(parts: Sequence[Part], *, title: str = "") -> tuple[bytes, list[int]]:
    """Lay out the parts into one PDF; returns the bytes and each part's page count."""
    buf = io.BytesIO()
    doc = BaseDocTemplate(
        buf, pagesize=A4, leftMargin=LEFT, rightMargin=RIGHT, topMargin=TOP, bottomMargin=BOTTOM,
        title=title, author="Rezerv", creator="Rezerv", subject="", invariant=1,
        initialFontName=_R, initialFontSize=12, initialLeading=15, pageCompression=1,
    )  # fmt: skip
    frame = Frame(LEFT, BOTTOM, WIDTH, PAGE_H - TOP - BOTTOM, 0, 0, 0, 0, id="body")
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    story: list[Flowable] = []
    for i, part in enumerate(parts):
        if i:
            story.append(PageBreakIfNotEmpty())
        story.append(_DocStart(i))
        story.extend(part.story)
    canvas_class = _make_canvas_class(parts)
    made: list[Canvas] = []

    def maker(*args: Any, **kw: Any) -> Canvas:
        c = canvas_class(*args, **kw)
        made.append(c)
        return c

    doc.build(story, canvasmaker=maker)
    counts: list[int] = getattr(made[-1], "page_counts", [])
    return buf.getvalue(), counts

"""Drawing the pages of our own PDFs with QPainter: the preview and the printer see the real
pages, with no PDF library beyond the pinned venv (PySide6-Essentials ships no QtPdf).

This is a small interpreter for what reportlab writes (``app/documents``): paths, rectangles,
lines, RGB/grey colours, text in embedded TrueType subsets (``Tj``/``TJ``, ``Td``/``Tm``/``T*``),
JPEG and raw images, form XObjects (the QR code). Glyphs are drawn as outlines from the embedded
font (``QRawFont``), so a printer gets vectors at its own resolution. Anything else in a content
stream is ignored; the text is never re-typeset, so what is drawn is what the PDF says.
"""

from __future__ import annotations

import io
import math
import zlib
from dataclasses import dataclass, field, replace
from typing import Any

from pypdf import PdfReader
from pypdf.generic import ContentStream
from PySide6.QtCore import QByteArray, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QImage,
    QPainter,
    QPainterPath,
    QPen,
    QRawFont,
    QTransform,
)

GLYPH_PX = 1000.0  # outlines are taken at this pixel size and scaled to the font size


@dataclass
class _Font:
    raw: QRawFont | None
    widths: dict[int, float]
    missing: float
    glyphs: dict[int, QPainterPath] = field(default_factory=dict)

    def outline(self, code: int) -> QPainterPath | None:
        if self.raw is None:
            return None
        path = self.glyphs.get(code)
        if path is None:
            index = self.raw.glyphIndexesForString(chr(code))
            path = self.raw.pathForGlyph(index[0]) if index and index[0] else QPainterPath()
            self.glyphs[code] = path
        return path

    def width(self, code: int) -> float:
        return self.widths.get(code, self.missing)


@dataclass
class _State:
    ctm: QTransform
    fill: QColor = field(default_factory=lambda: QColor(0, 0, 0))
    stroke: QColor = field(default_factory=lambda: QColor(0, 0, 0))
    line_width: float = 1.0
    cap: Qt.PenCapStyle = Qt.PenCapStyle.FlatCap
    join: Qt.PenJoinStyle = Qt.PenJoinStyle.MiterJoin
    dash: list[float] = field(default_factory=list)
    clip: QPainterPath | None = None  # in device space
    font: _Font | None = None
    size: float = 12.0
    char_space: float = 0.0
    word_space: float = 0.0
    scale: float = 1.0
    leading: float = 0.0
    rise: float = 0.0


def _num(x: Any) -> float:
    return float(x)


def _matrix(a: Any) -> QTransform:
    return QTransform(*(float(v) for v in a))


def _color(operands: list[Any]) -> QColor:
    v = [max(0.0, min(1.0, float(x))) for x in operands]
    if len(v) == 1:
        return QColor.fromRgbF(v[0], v[0], v[0])
    if len(v) == 3:
        return QColor.fromRgbF(v[0], v[1], v[2])
    if len(v) == 4:
        c, m, y, k = v
        return QColor.fromRgbF((1 - c) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k))
    return QColor(0, 0, 0)


class PdfPages:
    """The pages of one PDF, drawn on demand."""

    def __init__(self, pdf: bytes) -> None:
        self.reader = PdfReader(io.BytesIO(pdf))
        self._fonts: dict[int, _Font] = {}
        self._images: dict[int, QImage] = {}

    def __len__(self) -> int:
        return len(self.reader.pages)

    def size(self, index: int) -> tuple[float, float]:
        """Page width and height in points."""
        box = self.reader.pages[index].mediabox
        return float(box.width), float(box.height)

    def image(self, index: int, dpi: float = 96.0) -> QImage:
        w, h = self.size(index)
        scale = dpi / 72.0
        img = QImage(max(1, round(w * scale)), max(1, round(h * scale)), QImage.Format.Format_RGB32)
        img.fill(QColor(255, 255, 255))
        painter = QPainter(img)
        try:
            self.paint(painter, index, QRectF(0, 0, img.width(), img.height()))
        finally:
            painter.end()
        return img

    def paint(self, painter: QPainter, index: int, target: QRectF) -> None:
        """Draw page ``index`` into ``target`` (device coordinates of ``painter``)."""
        page = self.reader.pages[index]
        box = page.mediabox
        w, h = float(box.width), float(box.height)
        sx, sy = target.width() / w, target.height() / h
        base = QTransform(sx, 0, 0, -sy, target.x() - float(box.left) * sx,
                          target.y() + (h + float(box.bottom)) * sy)  # fmt: skip
        painter.save()
        try:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
            _Run(self, painter).run(page.get_contents(), page.get("/Resources"), _State(ctm=base))
        finally:
            painter.restore()

    # --- resources -------------------------------------------------------------------------------
    def font(self, ref: Any) -> _Font:
        obj = ref.get_object()
        key = id(obj)
        font = self._fonts.get(key)
        if font is None:
            font = self._fonts[key] = self._load_font(obj)
        return font

    def _load_font(self, obj: Any) -> _Font:
        first = int(obj.get("/FirstChar", 0))
        widths = {first + i: float(w) for i, w in enumerate(obj.get("/Widths", []))}
        desc = obj.get("/FontDescriptor")
        desc = desc.get_object() if desc is not None else {}
        missing = float(desc.get("/MissingWidth", 500))
        raw = None
        stream = desc.get("/FontFile2") if desc else None
        if stream is not None:
            data = stream.get_object().get_data()
            candidate = QRawFont(QByteArray(data), GLYPH_PX)
            raw = candidate if candidate.isValid() else None
        return _Font(raw=raw, widths=widths, missing=missing)

    def picture(self, obj: Any) -> QImage | None:
        key = id(obj)
        if key not in self._images:
            self._images[key] = self._load_image(obj)
        img = self._images[key]
        return None if img.isNull() else img

    @staticmethod
    def _load_image(obj: Any) -> QImage:
        filters = obj.get("/Filter", [])
        filters = [filters] if isinstance(filters, str) else list(filters)
        raw = obj._data if hasattr(obj, "_data") else b""
        if "/DCTDecode" in filters:
            if filters[0] == "/FlateDecode":
                raw = zlib.decompress(raw)
            return QImage.fromData(raw)
        data = obj.get_data()
        w, h = int(obj["/Width"]), int(obj["/Height"])
        space = obj.get("/ColorSpace")
        bpc = int(obj.get("/BitsPerComponent", 8))
        if bpc != 8:
            return QImage()
        if space == "/DeviceGray" and len(data) >= w * h:
            return QImage(data, w, h, w, QImage.Format.Format_Grayscale8).copy()
        if len(data) >= w * h * 3:
            return QImage(data, w, h, w * 3, QImage.Format.Format_RGB888).copy()
        return QImage()


class _Run:
    """One pass over a content stream."""

    def __init__(self, pages: PdfPages, painter: QPainter) -> None:
        self.pages = pages
        self.p = painter
        self.depth = 0

    def run(self, content: Any, resources: Any, state: _State) -> None:
        if content is None:
            return
        resources = resources.get_object() if resources is not None else {}
        stream = content if isinstance(content, ContentStream) else ContentStream(content, self.pages.reader)
        ops = stream.operations
        stack: list[_State] = []
        path = QPainterPath()
        pending_clip: Qt.FillRule | None = None
        tm = tlm = QTransform()
        s = state
        for operands, op in ops:
            if op == b"q":
                stack.append(s)
                s = replace(s, dash=list(s.dash))
            elif op == b"Q":
                if stack:
                    s = stack.pop()
            elif op == b"cm":
                s.ctm = _matrix(operands) * s.ctm
            elif op == b"w":
                s.line_width = _num(operands[0])
            elif op == b"J":
                s.cap = (Qt.PenCapStyle.FlatCap, Qt.PenCapStyle.RoundCap,
                         Qt.PenCapStyle.SquareCap)[int(operands[0]) % 3]  # fmt: skip
            elif op == b"j":
                s.join = (Qt.PenJoinStyle.MiterJoin, Qt.PenJoinStyle.RoundJoin,
                          Qt.PenJoinStyle.BevelJoin)[int(operands[0]) % 3]  # fmt: skip
            elif op == b"d":
                s.dash = [float(x) for x in operands[0]]
            elif op in (b"rg", b"g", b"k", b"sc", b"scn"):
                s.fill = _color(operands)
            elif op in (b"RG", b"G", b"K", b"SC", b"SCN"):
                s.stroke = _color(operands)
            # --- paths ---
            elif op == b"m":
                path.moveTo(_num(operands[0]), _num(operands[1]))
            elif op == b"l":
                path.lineTo(_num(operands[0]), _num(operands[1]))
            elif op == b"c":
                v = [_num(x) for x in operands]
                path.cubicTo(v[0], v[1], v[2], v[3], v[4], v[5])
            elif op == b"v":
                v = [_num(x) for x in operands]
                cur = path.currentPosition()
                path.cubicTo(cur.x(), cur.y(), v[0], v[1], v[2], v[3])
            elif op == b"y":
                v = [_num(x) for x in operands]
                path.cubicTo(v[0], v[1], v[2], v[3], v[2], v[3])
            elif op == b"h":
                path.closeSubpath()
            elif op == b"re":
                x, y, w, h = (_num(v) for v in operands)
                path.addRect(QRectF(x, y, w, h))
            elif op in (b"W", b"W*"):
                pending_clip = Qt.FillRule.OddEvenFill if op == b"W*" else Qt.FillRule.WindingFill
            elif op in (b"S", b"s", b"f", b"F", b"f*", b"B", b"B*", b"b", b"b*", b"n"):
                if op in (b"s", b"b", b"b*"):
                    path.closeSubpath()
                even = op in (b"f*", b"B*", b"b*")
                path.setFillRule(Qt.FillRule.OddEvenFill if even else Qt.FillRule.WindingFill)
                if op in (b"f", b"F", b"f*", b"B", b"B*", b"b", b"b*"):
                    self._fill(path, s)
                if op in (b"S", b"s", b"B", b"B*", b"b", b"b*"):
                    self._stroke(path, s)
                if pending_clip is not None:
                    path.setFillRule(pending_clip)
                    clip = s.ctm.map(path)
                    s.clip = clip if s.clip is None else s.clip.intersected(clip)
                    pending_clip = None
                path = QPainterPath()
            # --- text ---
            elif op == b"BT":
                tm = tlm = QTransform()
            elif op == b"Tf":
                font = resources.get("/Font", {}).get(operands[0])
                s.font = self.pages.font(font) if font is not None else None
                s.size = _num(operands[1])
            elif op == b"Tc":
                s.char_space = _num(operands[0])
            elif op == b"Tw":
                s.word_space = _num(operands[0])
            elif op == b"Tz":
                s.scale = _num(operands[0]) / 100.0
            elif op == b"TL":
                s.leading = _num(operands[0])
            elif op == b"Ts":
                s.rise = _num(operands[0])
            elif op in (b"Td", b"TD"):
                tx, ty = _num(operands[0]), _num(operands[1])
                if op == b"TD":
                    s.leading = -ty
                tm = tlm = QTransform.fromTranslate(tx, ty) * tlm
            elif op == b"Tm":
                tm = tlm = _matrix(operands)
            elif op == b"T*":
                tm = tlm = QTransform.fromTranslate(0, -s.leading) * tlm
            elif op in (b"Tj", b"'", b'"', b"TJ"):
                if op == b"'":
                    tm = tlm = QTransform.fromTranslate(0, -s.leading) * tlm
                elif op == b'"':
                    s.word_space, s.char_space = _num(operands[0]), _num(operands[1])
                    operands = operands[2:]
                    tm = tlm = QTransform.fromTranslate(0, -s.leading) * tlm
                items = operands[0] if op == b"TJ" else [operands[0]]
                tm = self._show(items, s, tm)
            elif op == b"Do":
                self._xobject(resources, operands[0], s)
        self.p.setClipping(False)

    # --- painting ---------------------------------------------------------------------------------
    def _apply_clip(self, s: _State) -> None:
        if s.clip is not None:
            self.p.setTransform(QTransform())
            self.p.setClipPath(s.clip)
        else:
            self.p.setClipping(False)

    def _fill(self, path: QPainterPath, s: _State) -> None:
        self._apply_clip(s)
        self.p.setTransform(s.ctm)
        self.p.fillPath(path, QBrush(s.fill))

    def _stroke(self, path: QPainterPath, s: _State) -> None:
        self._apply_clip(s)
        self.p.setTransform(s.ctm)
        width = s.line_width
        if width <= 0:  # the thinnest line the device can draw
            m = s.ctm
            width = 1.0 / max(1e-6, math.hypot(m.m11(), m.m12()))
        pen = QPen(s.stroke, width, Qt.PenStyle.SolidLine, s.cap, s.join)
        if s.dash and width > 0 and any(s.dash):
            pen.setDashPattern([max(d / width, 0.01) for d in s.dash])
        self.p.strokePath(path, pen)

    def _show(self, items: list[Any], s: _State, tm: QTransform) -> QTransform:
        font = s.font
        if font is None:
            return tm
        glyphs = QPainterPath()
        x = 0.0
        k = s.size / GLYPH_PX
        for item in items:
            if isinstance(item, (bytes, str)):
                data = getattr(item, "original_bytes", None)
                if data is None:
                    data = bytes(item) if isinstance(item, bytes) else item.encode("latin-1")
                for code in data:
                    outline = font.outline(code)
                    if outline is not None and not outline.isEmpty():
                        glyphs.addPath(QTransform(k * s.scale, 0, 0, -k, x, s.rise).map(outline))
                    advance = font.width(code) / 1000.0 * s.size + s.char_space
                    if code == 32:
                        advance += s.word_space
                    x += advance * s.scale
            else:
                x -= float(item) / 1000.0 * s.size * s.scale
        if not glyphs.isEmpty():
            self._apply_clip(s)
            self.p.setTransform(tm * s.ctm)
            self.p.fillPath(glyphs, QBrush(s.fill))
        return QTransform.fromTranslate(x, 0) * tm

    def _xobject(self, resources: Any, name: Any, s: _State) -> None:
        xobjects = resources.get("/XObject")
        if xobjects is None or name not in xobjects:
            return
        obj = xobjects[name].get_object()
        kind = obj.get("/Subtype")
        if kind == "/Image":
            img = self.pages.picture(obj)
            if img is None:
                return
            self._apply_clip(s)
            self.p.setTransform(QTransform(1, 0, 0, -1, 0, 1) * s.ctm)
            self.p.drawImage(QRectF(0, 0, 1, 1), img)
        elif kind == "/Form" and self.depth < 8:
            inner = replace(s, dash=list(s.dash))
            if "/Matrix" in obj:
                inner.ctm = _matrix(obj["/Matrix"]) * s.ctm
            self.depth += 1
            try:
                self.run(obj, obj.get("/Resources") or resources, inner)
            finally:
                self.depth -= 1

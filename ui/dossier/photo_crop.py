"""A 3x4 crop frame over a photo: drag inside to move, drag a corner to resize (the opposite
corner stays put), wheel or +/- to resize about the centre, arrows to nudge. The frame keeps 3:4
in image pixels; a face oval and thirds are drawn as a guide. ``box`` is in
fractions of the (rotated) image, as ``app.photo.normalize`` takes it."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QImage,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPen,
    QWheelEvent,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

Box = tuple[float, float, float, float]
HANDLE = 10  # px: how near a corner a press grabs it (and half the drawn handle's size)
MIN_WIDTH = 0.05  # the smallest frame, as a fraction of the image width
# corner -> (is the left edge, is the top edge)
CORNERS = {"tl": (True, True), "tr": (False, True), "bl": (True, False), "br": (False, False)}


class CropFrame(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.image = QImage()
        self.box: Box = (0.0, 0.0, 1.0, 1.0)
        self._drag: QPointF | None = None
        self._corner: str | None = None  # the corner being dragged
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)  # the cursor shows what a press would grab
        self.setMinimumSize(300, 300)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_image(self, image: QImage, box: Box | None = None) -> None:
        self.image = image
        self.box = box or self.default_box()
        self.update()

    def default_box(self) -> Box:
        if self.image.isNull():
            return (0.0, 0.0, 1.0, 1.0)
        w, h = self.image.width(), self.image.height()
        if w * 4 > h * 3:  # wider than 3:4: full height
            fw = (h * 3 / 4) / w
            return ((1 - fw) / 2, 0.0, (1 + fw) / 2, 1.0)
        fh = (w * 4 / 3) / h
        return (0.0, (1 - fh) / 2, 1.0, (1 + fh) / 2)

    # --- geometry -----------------------------------------------------------------------------
    def _target(self) -> QRectF:
        if self.image.isNull():
            return QRectF()
        w, h = self.image.width(), self.image.height()
        scale = min((self.width() - 16) / w, (self.height() - 16) / h)
        tw, th = w * scale, h * scale
        return QRectF((self.width() - tw) / 2, (self.height() - th) / 2, tw, th)

    def _frame(self) -> QRectF:
        t = self._target()
        left, top, right, bottom = self.box
        return QRectF(t.x() + left * t.width(), t.y() + top * t.height(),
                      (right - left) * t.width(), (bottom - top) * t.height())  # fmt: skip

    def _set_box(self, left: float, top: float, width: float) -> None:
        """Place a 3:4 frame of ``width`` (fraction) at (left, top), kept inside the image."""
        if self.image.isNull():
            return
        ratio = self._ratio()
        width = max(MIN_WIDTH, width)
        if width * ratio > 1:
            width = 1 / ratio
        width = min(width, 1.0)
        height = width * ratio
        left = min(max(0.0, left), 1 - width)
        top = min(max(0.0, top), 1 - height)
        self.box = (left, top, left + width, top + height)
        self.update()
        self.changed.emit()

    def _ratio(self) -> float:
        """The frame's height fraction per width fraction (3:4 in image pixels)."""
        return self.image.width() * 4 / (3 * max(1, self.image.height()))

    def corner_at(self, pos: QPointF) -> str | None:
        f = self._frame()
        if self.image.isNull() or f.isEmpty():
            return None
        points = {"tl": f.topLeft(), "tr": f.topRight(), "bl": f.bottomLeft(),
                  "br": f.bottomRight()}  # fmt: skip
        for name, pt in points.items():
            if abs(pos.x() - pt.x()) <= HANDLE and abs(pos.y() - pt.y()) <= HANDLE:
                return name
        return None

    def drag_corner(self, corner: str, pos: QPointF) -> None:
        """Resize by putting ``corner`` as near ``pos`` (widget px) as 3:4 allows; the opposite
        corner stays where it is, and the frame stays inside the image."""
        t = self._target()
        if self.image.isNull() or not t.width() or not t.height():
            return
        is_left, is_top = CORNERS[corner]
        left, top, right, bottom = self.box
        ax, ay = (right if is_left else left), (bottom if is_top else top)  # the anchor
        mx, my = (pos.x() - t.x()) / t.width(), (pos.y() - t.y()) / t.height()
        ratio = self._ratio()
        width = max(ax - mx if is_left else mx - ax, (ay - my if is_top else my - ay) / ratio)
        room_x = ax if is_left else 1 - ax
        room_y = ay if is_top else 1 - ay
        width = max(MIN_WIDTH, min(width, room_x, room_y / ratio))
        height = width * ratio
        self._set_box(ax - width if is_left else ax, ay - height if is_top else ay, width)

    def move_by(self, dx: float, dy: float) -> None:
        left, top, right, _ = self.box
        self._set_box(left + dx, top + dy, right - left)

    def scale_by(self, factor: float) -> None:
        left, top, right, bottom = self.box
        cx, cy = (left + right) / 2, (top + bottom) / 2
        w = (right - left) * factor
        h = w * self._ratio()
        self._set_box(cx - w / 2, cy - h / 2, w)

    # --- painting -----------------------------------------------------------------------------
    def paintEvent(self, _event: object) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        p.fillRect(self.rect(), QColor("#2c3e50"))
        if self.image.isNull():
            return
        target = self._target()
        p.drawImage(target, self.image)
        frame = self._frame()
        outside = QPainterPath()
        outside.addRect(target)
        inner = QPainterPath()
        inner.addRect(frame)
        p.fillPath(outside.subtracted(inner), QColor(0, 0, 0, 130))
        p.setPen(QPen(QColor("#ffffff"), 2))
        p.drawRect(frame)
        p.setPen(QPen(QColor(255, 255, 255, 110), 1, Qt.PenStyle.DashLine))
        for i in (1, 2):
            x = frame.x() + frame.width() * i / 3
            y = frame.y() + frame.height() * i / 3
            p.drawLine(QPointF(x, frame.top()), QPointF(x, frame.bottom()))
            p.drawLine(QPointF(frame.left(), y), QPointF(frame.right(), y))
        p.setPen(QPen(QColor("#f7dc6f"), 1.5, Qt.PenStyle.DashLine))
        fw, fh = frame.width() * 0.56, frame.height() * 0.5
        p.drawEllipse(
            QRectF(frame.center().x() - fw / 2, frame.y() + frame.height() * 0.12, fw, fh)
        )
        p.setPen(QPen(QColor("#1c2833"), 1))
        p.setBrush(QColor("#ffffff"))
        for pt in (frame.topLeft(), frame.topRight(), frame.bottomLeft(), frame.bottomRight()):
            p.drawRect(QRectF(pt.x() - HANDLE / 2, pt.y() - HANDLE / 2, HANDLE, HANDLE))
        p.setBrush(Qt.BrushStyle.NoBrush)
        if self.hasFocus():
            p.setPen(QPen(QColor("#8fb8e8"), 2))
            p.drawRect(self.rect().adjusted(1, 1, -1, -1))

    # --- input ----------------------------------------------------------------------------------
    def mousePressEvent(self, e: QMouseEvent) -> None:
        self._corner = self.corner_at(e.position())
        if self._corner is None and self._frame().contains(e.position()):
            self._drag = e.position()

    def mouseMoveEvent(self, e: QMouseEvent) -> None:
        if self._corner is not None:
            self.drag_corner(self._corner, e.position())
            return
        if self._drag is None:
            self._hover(e.position())
            return
        t = self._target()
        d = e.position() - self._drag
        self._drag = e.position()
        if t.width() and t.height():
            self.move_by(d.x() / t.width(), d.y() / t.height())

    def mouseReleaseEvent(self, e: QMouseEvent) -> None:
        self._drag = None
        self._corner = None
        self._hover(e.position())

    def _hover(self, pos: QPointF) -> None:
        corner = self.corner_at(pos)
        if corner in ("tl", "br"):
            self.setCursor(Qt.CursorShape.SizeFDiagCursor)
        elif corner in ("tr", "bl"):
            self.setCursor(Qt.CursorShape.SizeBDiagCursor)
        elif self._frame().contains(pos) and not self.image.isNull():
            self.setCursor(Qt.CursorShape.SizeAllCursor)
        else:
            self.unsetCursor()

    def wheelEvent(self, e: QWheelEvent) -> None:
        self.scale_by(0.95 if e.angleDelta().y() > 0 else 1.05)

    def keyPressEvent(self, e: QKeyEvent) -> None:
        step = 0.01
        k = e.key()
        moves: dict[int, tuple[float, float]] = {Qt.Key.Key_Left: (-step, 0), Qt.Key.Key_Right: (step, 0),
                 Qt.Key.Key_Up: (0, -step), Qt.Key.Key_Down: (0, step)}  # fmt: skip
        if k in moves:
            self.move_by(*moves[k])
        elif k in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.scale_by(1.05)
        elif k == Qt.Key.Key_Minus:
            self.scale_by(0.95)
        else:
            super().keyPressEvent(e)

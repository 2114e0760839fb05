"""Line icons from resources/icons/*.svg, tinted on load (no icon font, no network)."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QByteArray, QSize, Qt
from PySide6.QtGui import QIcon, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer

from app import resources

INK = "#34495e"
ON_DARK = "#e8eef5"
BLOCKER = "#c0392b"
WARNING = "#b9770e"
OK = "#1e8449"
ACCENT = "#1f5fa8"


@cache
def _svg(name: str) -> str:
    return resources.path("icons", f"{name}.svg").read_text(encoding="utf-8")


def pixmap(name: str, color: str = INK, size: int = 24, ratio: float = 2.0) -> QPixmap:
    data = QByteArray(_svg(name).replace("#COLOR", color).encode())
    renderer = QSvgRenderer(data)
    px = QPixmap(QSize(int(size * ratio), int(size * ratio)))
    px.fill(Qt.GlobalColor.transparent)
    painter = QPainter(px)
    renderer.render(painter)
    painter.end()
    px.setDevicePixelRatio(ratio)
    return px


@cache
def icon(name: str, color: str = INK) -> QIcon:
    """One rendering at the largest size used (32 px at twice the pixel ratio); Qt scales it
    down smoothly for 16 and 24 px (three SVG renderings per icon made the start slower)."""
    ic = QIcon()
    ic.addPixmap(pixmap(name, color, 32))
    return ic

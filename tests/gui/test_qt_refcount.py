"""PySide6 6.12.0 on CPython 3.11 dropped a reference to None on every void Qt call, so a long
session aborted with ``none_dealloc``; we pin a release without that fault. This test fails on
such a release (it would also crash the test process, which fails the run just the same)."""

import sys

from PySide6.QtGui import QImage, QPainter, QPen
from PySide6.QtWidgets import QLabel


def test_void_qt_calls_do_not_steal_references_to_none(qtbot):
    label = QLabel("x")
    qtbot.addWidget(label)
    img = QImage(8, 8, QImage.Format.Format_RGB32)
    before = sys.getrefcount(None)
    for _ in range(2000):
        label.setText("y")
        label.setObjectName("z")
    painter = QPainter(img)
    for _ in range(2000):
        painter.drawLine(0, 0, 5, 5)
        painter.setPen(QPen())
    painter.end()
    assert sys.getrefcount(None) >= before - 100

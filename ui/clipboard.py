"""Copying personal data (an IIN): kept out of clipboard history and cleared after 30 s."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QTimer
from PySide6.QtGui import QGuiApplication

CLEAR_AFTER_MS = 30_000


class SecureClipboard:
    def __init__(self, clear_after_ms: int = CLEAR_AFTER_MS) -> None:
        self._timer = QTimer()
        self._timer.setSingleShot(True)
        self._timer.setInterval(clear_after_ms)
        self._timer.timeout.connect(self.clear)
        self._text: str | None = None

    def copy(self, text: str) -> None:
        mime = QMimeData()
        mime.setText(text)
        # KDE Klipper and Windows clipboard history skip data marked like this
        mime.setData("x-kde-passwordManagerHint", b"secret")
        mime.setData("ExcludeClipboardContentFromMonitorProcessing", b"1")
        mime.setData("CanIncludeInClipboardHistory", b"\x00\x00\x00\x00")
        QGuiApplication.clipboard().setMimeData(mime)
        self._text = text
        self._timer.start()

    def clear(self) -> None:
        """Clear only if the clipboard still holds what we put there."""
        self._timer.stop()
        cb = QGuiApplication.clipboard()
        if self._text is not None and cb.text() == self._text:
            cb.clear()
        self._text = None

    @property
    def pending(self) -> bool:
        return self._timer.isActive()

"""Auto-lock after an idle time: any keyboard or mouse input restarts the countdown.

The watcher filters the events of the application's windows (each window it sees focused),
where every keyboard and mouse event arrives before Qt hands it to a widget; it is not an
application-wide filter, which would take every event of every widget (paints, layouts, timers,
queued signals: thousands a second) through Python and the GIL."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QWindow
from PySide6.QtWidgets import QApplication

_INPUT = {
    QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove,
    QEvent.Type.Wheel, QEvent.Type.TouchBegin, QEvent.Type.ShortcutOverride,
}  # fmt: skip


class IdleWatcher(QObject):
    idle = Signal()

    def __init__(self, app: QApplication, minutes: int = 10) -> None:
        super().__init__()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.idle)
        self.set_interval_ms(minutes * 60_000)
        app.focusWindowChanged.connect(self.watch)
        for window in app.topLevelWindows():
            self.watch(window)

    def watch(self, window: QWindow | None) -> None:
        """Filter this window's events too (installing twice keeps one filter)."""
        if window is not None:
            window.installEventFilter(self)

    def set_interval_ms(self, ms: int) -> None:
        self._timer.setInterval(max(50, ms))
        if self._timer.isActive():
            self._timer.start()

    def set_minutes(self, minutes: int) -> None:
        self.set_interval_ms(minutes * 60_000)

    def start(self) -> None:
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    @property
    def active(self) -> bool:
        return self._timer.isActive()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # while the garbage collector takes a closed window apart, its watcher may still be asked
        timer = getattr(self, "_timer", None)
        if timer is not None and event.type() in _INPUT and timer.isActive():
            timer.start()
        return False

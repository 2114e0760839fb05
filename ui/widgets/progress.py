"""Long work off the GUI thread, shown as a percentage with a Cancel button.

``panel.start()`` hands the worker a ``Run``: a ``progress(done, total) -> bool`` (``app.progress``)
it may call from any thread: the numbers are queued to the bar on the GUI thread, and the answer
is False once Cancel was pressed (``run.cancelled()`` says the same to work that asks instead;
starting a new run cancels the one before). The
bar is busy (no percentage) until the work first says how much there is. Used by the scan
attachment, the bundle export, preview and import, the Print… dialog's packs, and every screen
that sends a bundle (``panel.op``).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QHBoxLayout, QProgressBar, QPushButton, QWidget

from ui.i18n import Translator

if TYPE_CHECKING:
    from ui.env import Env

T = TypeVar("T")


class _Bridge(QObject):
    """Emitted from the worker thread, delivered (queued) on the GUI thread."""

    moved = Signal(int, int)


class Run:
    """One piece of work's side of the panel; safe to call from the worker thread."""

    def __init__(self, bridge: _Bridge) -> None:
        self._bridge, self._event = bridge, threading.Event()

    def __call__(self, done: int, total: int) -> bool:
        self._bridge.moved.emit(done, total)
        return not self._event.is_set()

    def cancelled(self) -> bool:
        return self._event.is_set()

    def cancel(self) -> None:
        self._event.set()


class ProgressPanel(QWidget):
    """A "%p%" bar and, unless ``button=False`` (the dialog's own Cancel calls ``cancel``), a
    Cancel button; hidden until ``start``."""

    cancel_requested = Signal()

    def __init__(self, tr: Translator, parent: QWidget | None = None, *, button: bool = True) -> None:
        super().__init__(parent)
        self.tx = tr
        self._run: Run | None = None  # the one running
        self._last: Run | None = None  # the one that ran last (was it cancelled?)
        self.bar = QProgressBar()
        self.bar.setRange(0, 100)
        self.bar.setValue(0)
        self.bar.setFormat("%p%")
        self.bar.setTextVisible(True)
        self.cancel_button = QPushButton()
        self.cancel_button.clicked.connect(self.cancel)
        self.cancel_button.setVisible(button)
        self._has_button = button
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.bar, 1)
        lay.addWidget(self.cancel_button)
        self.hide()
        tr.changed.connect(self.retranslate)
        self.retranslate()

    def retranslate(self) -> None:
        t = self.tx.t
        self.cancel_button.setText(t("ui.progress.cancel"))
        self.cancel_button.setAccessibleName(t("ui.progress.cancel"))
        self.bar.setAccessibleName(t("ui.progress.done"))

    @property
    def running(self) -> bool:
        return self._run is not None

    def start(self) -> Run:
        """A new run for the worker; the one before (if any) is cancelled, its reports dropped."""
        if self._run is not None:
            self._run.cancel()
        bridge = _Bridge(self)  # a child: alive while a late report may still be emitted
        bridge.moved.connect(self._moved)  # a method of this widget: queued to the GUI thread
        self._run = self._last = Run(bridge)
        self.bar.setRange(0, 0)  # busy until the first report
        self.cancel_button.setEnabled(True)
        self.cancel_button.setVisible(self._has_button)
        self.show()
        return self._run

    def op(self, env: Env, parent: QWidget, work: Callable[[Run], T], done: Callable[[T], None]) -> None:
        """``work(run)`` off the GUI thread as a percentage with Cancel; ``done(result)`` on the GUI
        thread once it succeeded. A cancel is said as such (the work changed nothing); any other
        failure is shown as its translated message."""
        run = self.start()

        def ok(result: T) -> None:
            self.finish()
            done(result)

        def failed(e: BaseException) -> None:
            cancelled = self.cancelled()
            self.finish()
            if cancelled:  # asked for: not an error
                env.dialogs.info(parent, env.tr.t("ui.progress.cancelled"))
            else:
                env.dialogs.error(parent, env.tr.error(e))

        env.op(parent, lambda: work(run), report=False).success(ok).failure(failed).run(env.executor)

    def cancelled(self) -> bool:
        """Whether the current (or last) run was cancelled."""
        return self._last is not None and self._last.cancelled()

    def cancel(self) -> None:
        """Ask the work to stop at its next report; the outcome comes as its failure or result."""
        if self._run is None:
            return
        self._run.cancel()
        self.cancel_button.setEnabled(False)
        self.cancel_requested.emit()

    def finish(self, *, full: bool = False) -> None:
        """The work ended: the bar stays at 100 % when ``full``, else it hides."""
        self._run = None
        self.cancel_button.setVisible(False)
        if full:
            self.bar.setRange(0, 1)
            self.bar.setValue(1)
        else:
            self.hide()

    def _moved(self, done: int, total: int) -> None:
        run = self._run
        if run is None or self.sender() is not run._bridge or total <= 0:  # an older run's report
            return
        self.bar.setRange(0, total)
        self.bar.setValue(min(done, total))

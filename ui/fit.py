"""Everything fits the clerk's screen (1366x768 is the smallest the offices have).

``install(app)`` adds one application-wide event filter that, for every widget as it is polished:
- caps combo boxes to a few dozen characters (long items are elided; the full text of the
  current item and of each item in the list is its tooltip), so one long exclusion ground
  cannot widen a window;
- gives item views a delegate whose tooltip is the full text of a cell that is elided;
and for every top-level window as it is shown: keeps it within the screen's available geometry
(size capped, position moved inside). ``cap_to_screen`` and ``scrolling`` are for dialogs whose
content can be taller than a small screen: they scroll inside instead of growing off-screen.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QFontMetrics, QGuiApplication, QHelpEvent, QWindow
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialog,
    QFrame,
    QScrollArea,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolTip,
    QWidget,
)  # fmt: skip

from ui import keys  # noqa: E402 - after the Qt imports

COMBO_CHARS = 16  # a combo box is never wider than this many characters plus its arrow
MIN_SCREEN = QSize(1366, 768)
_DONE = "_rezerv_fitted"


def available(widget: QWidget | None = None) -> QRect:
    """The available geometry (without panels) of the screen the widget is on."""
    screen = widget.screen() if widget is not None else None
    screen = screen or QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else QRect(0, 0, 1366, 768)


def keep_on_screen(window: QWidget) -> None:
    """Shrink a top-level window to the available geometry and move it fully inside it."""
    area = available(window)
    frame = window.frameGeometry()
    extra_w = max(0, frame.width() - window.width())
    extra_h = max(0, frame.height() - window.height())
    w = min(window.width(), area.width() - extra_w)
    h = min(window.height(), area.height() - extra_h)
    if (w, h) != (window.width(), window.height()):
        window.resize(max(w, window.minimumWidth()), max(h, window.minimumHeight()))
    frame = window.frameGeometry()
    x = min(max(frame.x(), area.x()), area.right() + 1 - frame.width())
    y = min(max(frame.y(), area.y()), area.bottom() + 1 - frame.height())
    if (x, y) != (frame.x(), frame.y()):
        window.move(max(x, area.x()), max(y, area.y()))


def cap_to_screen(window: QWidget, width: int, height: int) -> None:
    """Resize to (width, height) or the available geometry, whichever is smaller."""
    area = available(window)
    window.resize(min(width, area.width() - 16), min(height, area.height() - 40))


def scrolling(content: QWidget) -> QScrollArea:
    """``content`` inside a frameless scroll area that follows its width (scrolls vertically)."""
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
    area.setWidget(content)
    return area


class ElidedTipDelegate(QStyledItemDelegate):
    """The default delegate, plus a tooltip with the full text when the cell shows it elided."""

    def helpEvent(  # noqa: N802 - Qt's name
        self,
        event: QHelpEvent,
        view: QAbstractItemView,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> bool:
        if event.type() == QEvent.Type.ToolTip and not index.data(Qt.ItemDataRole.ToolTipRole):
            text = index.data(Qt.ItemDataRole.DisplayRole)
            if isinstance(text, str) and text:
                width = view.visualRect(index).width() - 12
                if QFontMetrics(option.font).horizontalAdvance(text) > width:
                    QToolTip.showText(event.globalPos(), text, view)
                    return True
                QToolTip.hideText()
                return True
        return super().helpEvent(event, view, option, index)


def _tip_items(combo: QComboBox, first: int = 0, last: int = -1) -> None:
    last = combo.count() - 1 if last < 0 else last
    for i in range(first, last + 1):
        if not combo.itemData(i, Qt.ItemDataRole.ToolTipRole):
            combo.setItemData(i, combo.itemText(i), Qt.ItemDataRole.ToolTipRole)


def fit_combo(combo: QComboBox, chars: int = COMBO_CHARS) -> None:
    if combo.property(_DONE):
        return
    combo.setProperty(_DONE, True)
    if combo.sizeAdjustPolicy() != QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon:
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(min(chars, max(6, _longest(combo))))
        combo.model().rowsInserted.connect(lambda *_: _regrow(combo, chars))
        combo.model().modelReset.connect(lambda: _regrow(combo, chars))
    view = combo.view()
    view.setTextElideMode(Qt.TextElideMode.ElideRight)
    _tip_items(combo)
    combo.model().rowsInserted.connect(lambda _p, a, b: _tip_items(combo, a, b))
    combo.currentIndexChanged.connect(lambda _i: combo.setToolTip(combo.currentText()))
    combo.setToolTip(combo.currentText())


def _longest(combo: QComboBox) -> int:
    return max((len(combo.itemText(i)) for i in range(combo.count())), default=0)


def _regrow(combo: QComboBox, chars: int) -> None:
    """Short lists (a language, a role) stay their natural width; long ones stop at ``chars``."""
    combo.setMinimumContentsLength(min(chars, max(6, _longest(combo))))
    combo.setToolTip(combo.currentText())


def fit_view(view: QAbstractItemView) -> None:
    if view.property(_DONE):
        return
    view.setProperty(_DONE, True)
    if type(view.itemDelegate()) is QStyledItemDelegate:
        view.setItemDelegate(ElidedTipDelegate(view))


def fit_tree(root: QWidget) -> None:
    """Fit every combo box and item view under ``root`` (each once)."""
    for combo in root.findChildren(QComboBox):
        fit_combo(combo)
    for view in root.findChildren(QAbstractItemView):
        fit_view(view)
        keys.watch_rows(view)


class _WindowEvents(QObject):
    """Filters the events of the application's windows (as ``ui.idle`` does), never every event
    of every widget: key presses for Ctrl+L, and a first show to fit the window's widgets."""

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.KeyPress:
            return keys.key_pressed(event)
        return False


class _Fitter(QObject):
    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self.events = _WindowEvents(self)
        app.focusWindowChanged.connect(self.focused)

    def focused(self, window: QWindow | None) -> None:
        if window is None:
            return
        window.installEventFilter(self.events)  # installing twice keeps one filter
        for widget in QApplication.topLevelWidgets():
            if widget.windowHandle() is window:
                fit_tree(widget)
                if isinstance(widget, QDialog) and not widget.property(_DONE):
                    widget.setProperty(_DONE, True)
                    keep_on_screen(widget)


_fitter: _Fitter | None = None


def install(app: QApplication) -> None:
    global _fitter
    if _fitter is None:
        _fitter = _Fitter(app)


def offscreen_args(width: int = MIN_SCREEN.width(), height: int = MIN_SCREEN.height()) -> list[str]:
    """QApplication arguments for the offscreen platform with one screen of the given size
    (tests and ``make screenshots`` render on the smallest screen the offices have)."""
    import json
    import os
    import tempfile
    from pathlib import Path

    screen = {"name": f"offscreen-{width}x{height}", "x": 0, "y": 0, "width": width,
              "height": height, "logicalDpiX": 96, "logicalDpiY": 96, "dpr": 1}  # fmt: skip
    config = {"windowFrameMargins": True, "screens": [screen]}
    path = Path(tempfile.gettempdir()) / f"rezerv-offscreen-{width}x{height}.json"
    # written whole and then renamed: another process starting at the same moment (the test
    # workers) must never read it half written (Qt then fails to create the application)
    part = path.with_name(f"{path.name}.{os.getpid()}.part")
    part.write_text(json.dumps(config), encoding="utf-8")
    os.replace(part, path)
    return ["-platform", f"offscreen:configfile={path}"]

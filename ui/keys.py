"""Keyboard conventions for every table and wizard, installed once for the application:
Home and End go to the first and last row of a row-selecting table (Qt's default moves to the
first and last column, which scrolls a wide nominee list sideways); ``focus_first`` puts the cursor
in the first field of a page."""

from __future__ import annotations

import weakref
from collections.abc import Callable

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTableView,
    QTextEdit,
    QWidget,
)  # fmt: skip

INPUTS = (QLineEdit, QComboBox, QAbstractSpinBox, QPlainTextEdit, QTextEdit, QAbstractItemView)


def first_field(page: QWidget) -> QWidget | None:
    """The first input of ``page`` in tab order that can take the focus (a button only when the
    page has no input at all)."""
    button: QWidget | None = None
    w = page.nextInFocusChain()
    seen = 0
    while w is not None and w is not page and seen < 2000:
        seen += 1
        if page.isAncestorOf(w) and w.isVisibleTo(page) and w.isEnabled() and (
            w.focusPolicy() & Qt.FocusPolicy.TabFocus
        ):  # fmt: skip
            if isinstance(w, INPUTS) and not (isinstance(w, QLineEdit) and w.isReadOnly()):
                return w
            if button is None and isinstance(w, QAbstractButton):
                button = w
        w = w.nextInFocusChain()
    return button


def focus_first(page: QWidget) -> bool:
    w = first_field(page)
    if w is None:
        return False
    w.setFocus(Qt.FocusReason.TabFocusReason)
    return True


def _row_jump(view: QTableView, event: QKeyEvent) -> bool:
    model = view.model()
    if model is None or model.rowCount() == 0:
        return False
    row = 0 if event.key() == Qt.Key.Key_Home else model.rowCount() - 1
    column = max(view.currentIndex().column(), 0)
    index = model.index(row, column)
    flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
    view.setCurrentIndex(index)
    if view.selectionModel() is not None:
        view.selectionModel().select(index, flags)
    view.scrollTo(index)
    return True


class _RowKeys(QObject):
    """Installed on each row-selecting table (not on the whole application)."""

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        if event.key() not in (Qt.Key.Key_Home, Qt.Key.Key_End):
            return False
        if event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            return False
        view = obj if isinstance(obj, QTableView) else obj.parent()
        if (isinstance(view, QTableView) and view.state() != QAbstractItemView.State.EditingState
                and view.selectionBehavior() == QAbstractItemView.SelectionBehavior.SelectRows):  # fmt: skip
            return _row_jump(view, event)
        return False


_rows = _RowKeys()


def watch_rows(view: QAbstractItemView) -> None:
    """Home/End by rows for a table (called by ``ui.fit`` as each view is polished)."""
    if isinstance(view, QTableView):
        view.installEventFilter(_rows)
        view.viewport().installEventFilter(_rows)


LOCK_KEYS = QKeySequence("Ctrl+L")
# who locks on Ctrl+L: the application window registers itself (weakly: tests make many)
_lockers: list[weakref.WeakMethod[Callable[[], bool]]] = []


def on_lock_keys(handler: Callable[[], bool]) -> None:
    """``handler`` is called on Ctrl+L anywhere — modal dialogs and wizards block application
    shortcuts, the key press still passes here; it returns True when it locked."""
    _lockers.append(weakref.WeakMethod(handler))


def key_pressed(event: QEvent) -> bool:
    """The application-wide key handling, called by the one filter of ``ui.fit``."""
    if not isinstance(event, QKeyEvent) or event.key() != Qt.Key.Key_L:
        return False
    if QKeySequence(event.keyCombination()).matches(LOCK_KEYS) != QKeySequence.SequenceMatch.ExactMatch:
        return False
    handled = False
    for ref in list(_lockers):
        handler = ref()
        if handler is None:
            _lockers.remove(ref)
        elif handler():
            handled = True
    return handled

"""Widgets bound to draft paths: each edit is written to the flow at once and ``changed`` fires;
``load()`` puts the flow's values back (after a jump, an IIN fill or a language switch)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QIntValidator
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)  # fmt: skip

from app.i18n import fmt_date, parse_date
from app.services.dossier_flow import DossierFlow
from ui.dossier.labels import field_label
from ui.i18n import Translator

Options = list[tuple[Any, str]]  # (value, translation key)


def set_invalid(widget: QWidget, invalid: bool) -> None:
    if widget.property("invalid") != invalid:
        widget.setProperty("invalid", invalid)
        widget.style().unpolish(widget)
        widget.style().polish(widget)


def read_date(text: str) -> tuple[dt.date | None, bool]:
    """(date, ok): empty text is a valid 'no date'."""
    text = text.strip()
    if not text:
        return None, True
    try:
        return parse_date(text), True
    except ValueError:
        return None, False


class Binder(QObject):
    changed = Signal(str)  # the path that changed

    def __init__(self, flow: DossierFlow, tr: Translator, *, connect: bool = True) -> None:
        super().__init__()
        self.flow = flow
        self.tx = tr
        self.widgets: dict[str, QWidget] = {}
        self._loaders: dict[str, Callable[[], None]] = {}
        self._labels: list[tuple[QLabel, str]] = []
        self._options: list[tuple[QComboBox, Options]] = []
        self._dates: list[QLineEdit] = []
        if connect:
            tr.changed.connect(self.retranslate)

    # --- building ----------------------------------------------------------------------------
    def row(self, form: QFormLayout, path: str, widget: QWidget) -> QWidget:
        label = QLabel()
        label.setBuddy(widget)
        self._labels.append((label, path))
        form.addRow(label, widget)
        return widget

    def text(self, path: str, *, multiline: bool = False, max_len: int = 2000) -> QWidget:
        edit: QWidget
        if multiline:
            area = edit = QPlainTextEdit()
            area.setTabChangesFocus(True)
            area.setFixedHeight(72)
            area.textChanged.connect(lambda: self._set(path, area.toPlainText()))
            self._loaders[path] = lambda: self._quiet(
                area, area.setPlainText, self.flow.get(path) or ""
            )
        else:
            line = edit = QLineEdit()
            line.setMaxLength(max_len)
            line.textEdited.connect(lambda v: self._set(path, v))
            self._loaders[path] = lambda: self._quiet(line, line.setText, self.flow.get(path) or "")
        self.widgets[path] = edit
        return edit

    def date(self, path: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setMaxLength(10)
        edit.setMaximumWidth(130)
        self._dates.append(edit)

        def typed(text: str) -> None:
            value, ok = read_date(text)
            set_invalid(edit, not ok)
            if ok:
                self._set(path, value)
            else:
                self.flow.set_input_error(path, "ui.date.invalid")
                self.changed.emit(path)

        edit.textEdited.connect(typed)

        def load() -> None:
            if path not in self.flow.input_errors:
                self._quiet(edit, edit.setText, fmt_date(self.flow.get(path)))
                set_invalid(edit, False)

        self._loaders[path] = load
        self.widgets[path] = edit
        return edit

    def integer(self, path: str, lo: int, hi: int) -> QLineEdit:
        edit = QLineEdit()
        edit.setValidator(QIntValidator(lo, hi, edit))
        edit.setMaximumWidth(90)
        edit.textEdited.connect(lambda v: self._set(path, int(v) if v.strip().isdigit() else None))

        def load() -> None:
            value = self.flow.get(path)
            self._quiet(edit, edit.setText, "" if value is None else str(value))

        self._loaders[path] = load
        self.widgets[path] = edit
        return edit

    def choice(
        self, path: str, options: Options, *, empty: str | None = "ui.common.not_set"
    ) -> QComboBox:
        combo = QComboBox()
        combo.setMaximumWidth(360)
        opts = ([(None, empty)] if empty else []) + list(options)
        self._options.append((combo, opts))
        self._fill(combo, opts)
        combo.activated.connect(lambda i: self._set(path, combo.itemData(i)))

        def load() -> None:
            value = self.flow.get(path)
            i = next((n for n, (v, _) in enumerate(opts) if v == value), 0)
            self._quiet(combo, combo.setCurrentIndex, i)

        self._loaders[path] = load
        self.widgets[path] = combo
        return combo

    def yes_no(self, path: str) -> QComboBox:
        return self.choice(path, [(True, "ui.common.yes"), (False, "ui.common.no")])

    def check(self, path: str) -> QCheckBox:
        box = QCheckBox()
        box.toggled.connect(lambda on: self._set(path, bool(on)))
        self._loaders[path] = lambda: self._quiet(box, box.setChecked, bool(self.flow.get(path)))
        self._labels.append((box, path))  # type: ignore[arg-type]
        self.widgets[path] = box
        return box

    # --- behaviour ---------------------------------------------------------------------------
    def _set(self, path: str, value: Any) -> None:
        self.flow.set(path, value)
        w = self.widgets.get(path)
        if w is not None:
            set_invalid(w, False)
        self.changed.emit(path)

    @staticmethod
    def _quiet(widget: QWidget, setter: Callable[[Any], None], value: Any) -> None:
        widget.blockSignals(True)
        try:
            setter(value)
        finally:
            widget.blockSignals(False)

    def load(self, paths: tuple[str, ...] | None = None) -> None:
        for path, loader in self._loaders.items():
            if paths is None or path in paths:
                loader()

    def _fill(self, combo: QComboBox, opts: Options) -> None:
        i = max(0, combo.currentIndex())
        combo.blockSignals(True)
        combo.clear()
        for value, key in opts:
            combo.addItem(self.tx.t(key), value)
        combo.setCurrentIndex(min(i, combo.count() - 1))
        combo.blockSignals(False)

    def retranslate(self) -> None:
        for label, path in self._labels:
            text = field_label(self.tx, path)
            label.setText(text)
            w = self.widgets.get(path)
            if w is not None:
                w.setAccessibleName(text)
        for combo, opts in self._options:
            self._fill(combo, opts)
        for edit in self._dates:
            edit.setPlaceholderText(self.tx.t("ui.date.placeholder"))

    def focus(self, path: str) -> bool:
        w = self.widgets.get(path)
        if w is None:
            return False
        w.setFocus()
        if isinstance(w, QLineEdit):
            w.selectAll()
        return True

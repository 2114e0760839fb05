"""An editable table over a list in the draft (service record, sanctions, indicators...):
add, edit in place, remove, reorder. Dates are typed DD.MM.YYYY; choices are combo boxes."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QStyledItemDelegate,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)  # fmt: skip

from app.i18n import fmt_date
from app.services.dossier_flow import DossierFlow
from ui import icons
from ui.dossier.fields import read_date
from ui.dossier.labels import field_label
from ui.i18n import Translator

BAD = Qt.GlobalColor.red
ValueRole = Qt.ItemDataRole.UserRole + 1


class ChoiceDelegate(QStyledItemDelegate):
    """A combo box editor for a choice column; the cell shows the translated label."""

    def __init__(self, tr: Translator, options: list[tuple[Any, str]], parent: QWidget) -> None:
        super().__init__(parent)
        self.tx, self.options = tr, options

    def createEditor(self, parent: QWidget, option: Any, index: Any) -> QWidget:
        combo = QComboBox(parent)
        for value, key in self.options:
            combo.addItem(self.tx.t(key), value)
        return combo

    def setEditorData(self, editor: QWidget, index: Any) -> None:
        assert isinstance(editor, QComboBox)
        editor.setCurrentIndex(max(0, editor.findData(index.data(ValueRole))))
        editor.showPopup()

    def setModelData(self, editor: QWidget, model: Any, index: Any) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), ValueRole)
        model.setData(index, editor.currentText(), Qt.ItemDataRole.DisplayRole)


@dataclass(frozen=True)
class Column:
    name: str
    kind: str = "text"  # text, date, int, bool, choice
    options: list[tuple[Any, str]] = field(default_factory=list)
    width: int = 0


class ListEditor(QWidget):
    changed = Signal(str)

    def __init__(self, flow: DossierFlow, tr: Translator, path: str, columns: list[Column],
                 template: dict[str, Any], parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.flow, self.tx, self.path, self.columns, self.template = (
            flow,
            tr,
            path,
            columns,
            template,
        )
        self.table = QTableWidget(0, len(columns))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setDefaultSectionSize(30)
        self.table.setAlternatingRowColors(True)
        self.table.setTabKeyNavigation(True)
        header = self.table.horizontalHeader()
        # Tab walks the cells (tab key navigation) and each cell it reaches opens its editor
        # (CurrentChanged); a check box cell has none and Space toggles it
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.CurrentChanged
            | QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self._delegates = []
        for i, c in enumerate(columns):
            if c.kind == "choice":
                delegate = ChoiceDelegate(tr, c.options, self.table)
                self._delegates.append(delegate)
                self.table.setItemDelegateForColumn(i, delegate)
            if c.width:
                self.table.setColumnWidth(i, c.width)
            else:
                header.setSectionResizeMode(i, QHeaderView.ResizeMode.Stretch)
        self.table.itemChanged.connect(self._item_changed)
        self.buttons: dict[str, QPushButton] = {}
        bar = QHBoxLayout()
        for name, icon in (("add", "add"), ("remove", "delete"), ("up", "up"), ("down", "down")):
            b = QPushButton(icons.icon(icon), "")
            b.clicked.connect(getattr(self, name))
            self.buttons[name] = b
            bar.addWidget(b)
        bar.addStretch(1)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addLayout(bar)
        lay.addWidget(self.table)
        self._loading = False
        tr.changed.connect(self.retranslate)
        self.retranslate()
        self.load()

    def retranslate(self) -> None:
        t = self.tx.t
        labels = [self.tx.t(f"ui.field.{self.path}.{c.name}") for c in self.columns]
        self.table.setHorizontalHeaderLabels(labels)
        # a fixed column is never narrower than its header ("Бітірген жылы", not "рген жь")
        metrics = self.table.horizontalHeader().fontMetrics()
        for i, (c, label) in enumerate(zip(self.columns, labels, strict=True)):
            header_item = self.table.horizontalHeaderItem(i)
            if header_item is not None:
                header_item.setToolTip(label)
            if c.width:
                self.table.setColumnWidth(i, max(c.width, int(metrics.horizontalAdvance(label) * 1.12) + 24))
        self.table.setAccessibleName(field_label(self.tx, self.path))
        for name, b in self.buttons.items():
            b.setText(t(f"ui.list.{name}"))
            b.setAccessibleName(t(f"ui.list.{name}") + ": " + field_label(self.tx, self.path))
        self.load()

    # --- data ------------------------------------------------------------------------------------
    def load(self) -> None:
        self._loading = True
        items = self.flow.items(self.path)
        self.table.setRowCount(len(items))
        for r, item in enumerate(items):
            for c, col in enumerate(self.columns):
                self._put(r, c, col, item.get(col.name))
        self._loading = False

    def _put(self, r: int, c: int, col: Column, value: Any) -> None:
        item = QTableWidgetItem()
        if col.kind == "choice":
            label = next((k for v, k in col.options if v == value), "ui.common.not_set")
            item.setText(self.tx.t(label))
            item.setData(ValueRole, value)
            self.table.setItem(r, c, item)
            return
        if col.kind == "bool":
            item.setFlags(
                Qt.ItemFlag.ItemIsUserCheckable
                | Qt.ItemFlag.ItemIsEnabled
                | Qt.ItemFlag.ItemIsSelectable
            )
            item.setCheckState(Qt.CheckState.Checked if value else Qt.CheckState.Unchecked)
        else:
            err = self.flow.input_errors.get(f"{self.path}[{r}].{col.name}")
            text = (
                fmt_date(value)
                if col.kind == "date" and not err
                else ("" if value is None else str(value))
            )
            item.setText(text)
            if col.kind == "date":
                item.setToolTip(self.tx.t("ui.date.placeholder"))
        self.table.setItem(r, c, item)

    def _item_changed(self, item: QTableWidgetItem) -> None:
        if self._loading:
            return
        col = self.columns[item.column()]
        r = item.row()
        path = f"{self.path}[{r}].{col.name}"
        if col.kind == "bool":
            self._write(r, col, item.checkState() == Qt.CheckState.Checked)
            return
        if col.kind == "choice":
            self._write(r, col, item.data(ValueRole))
            return
        text = item.text()
        if col.kind == "date":
            value, ok = read_date(text)
            if not ok:
                self.flow.set_input_error(path, "ui.date.invalid")
                item.setForeground(BAD)
                self.changed.emit(path)
                return
            item.setForeground(self.table.palette().text())
            self._write(r, col, value)
        elif col.kind == "int":
            self._write(r, col, int(text) if text.strip().isdigit() else None)
        else:
            self._write(r, col, text)

    def _write(self, r: int, col: Column, value: Any) -> None:
        path = f"{self.path}[{r}].{col.name}"
        self.flow.set(path, value)
        self.changed.emit(path)

    # --- buttons ----------------------------------------------------------------------------------
    def add(self) -> None:
        i = self.flow.add_item(self.path, dict(self.template))
        self.load()
        self.changed.emit(self.path)
        self.table.setCurrentCell(i, 0)
        self.table.setFocus()

    def remove(self) -> None:
        r = self.table.currentRow()
        if r >= 0:
            self.flow.remove_item(self.path, r)
            self.load()
            self.changed.emit(self.path)

    def up(self) -> None:
        self._move(-1)

    def down(self) -> None:
        self._move(1)

    def _move(self, delta: int) -> None:
        r = self.table.currentRow()
        if r >= 0:
            j = self.flow.move_item(self.path, r, delta)
            self.load()
            self.table.setCurrentCell(j, self.table.currentColumn())
            self.changed.emit(self.path)

    def focus(self, path: str) -> bool:
        """Select the cell of ``path`` (``service_record[2].end``) or the table."""
        if not path.startswith(self.path):
            return False
        rest = path[len(self.path) :]
        row, col = 0, 0
        if rest.startswith("["):
            row = int(rest[1 : rest.index("]")])
            name = rest[rest.index("]") + 2 :] if "." in rest else ""
            col = next((i for i, c in enumerate(self.columns) if c.name == name), 0)
        self.table.setFocus()
        if row < self.table.rowCount():
            self.table.setCurrentCell(row, col)
        return True

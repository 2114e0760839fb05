"""Small helpers shared by the quarter-cycle screens (quarter, review, reserve, deadlines)."""

from __future__ import annotations

from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHeaderView,
    QInputDialog,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from app.rules.deadlines import quarter_of
from app.services import quarter_deadlines
from ui.env import Env
from ui.widgets.quarters import next_quarter, quarter_choices

OVERDUE = QColor("#b3261e")
DONE = QColor("#2e7d32")


def table(columns: int) -> QTableWidget:
    t = QTableWidget(0, columns)
    t.setAlternatingRowColors(True)
    t.setShowGrid(False)
    t.verticalHeader().hide()
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    t.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    t.horizontalHeader().setStretchLastSection(True)
    return t


def fill(t: QTableWidget, rows: list[list[str]], *, data: list[object] | None = None,
         colors: list[QColor | None] | None = None) -> None:  # fmt: skip
    t.setRowCount(len(rows))
    for i, row in enumerate(rows):
        for j, text in enumerate(row):
            item = QTableWidgetItem(text)
            if j == 0 and data is not None:
                item.setData(256, data[i])  # Qt.UserRole
            if colors is not None and colors[i] is not None:
                item.setForeground(QBrush(colors[i]))
            t.setItem(i, j, item)


def selected_data(t: QTableWidget) -> object:
    row = t.currentRow()
    item = t.item(row, 0) if row >= 0 else None
    return None if item is None else item.data(256)


def quarter_picker(quarters: list[str], current: str) -> QComboBox:
    """A quarter is picked, never typed ("2026Q1")."""
    box = QComboBox()
    for q in quarters:
        box.addItem(q, q)
    box.setCurrentIndex(max(0, box.findData(current)))
    return box


def quarter_combo(env: Env) -> QComboBox:
    s = env.s()
    now = quarter_of(s.clock.today())
    return quarter_picker(quarter_choices(now, quarter_deadlines.quarters(s)), now)


__all__ = ["next_quarter", "quarter_choices"]


BUNDLE_EXT = ".rzv"  # one extension for every transfer bundle (README, CLI, file dialogs)


def bundle_filter(env: Env) -> str:
    return f"{env.tr.t('uitransfer.file.bundles')} (*{BUNDLE_EXT})"


def recipient(env: Env, parent: QWidget, role: str) -> str | None:
    """The peer a bundle goes to, checked before a file name is asked for. Without the
    Department's card the clerk is offered to add it (Transfers, Trust) instead of a dead end."""
    from app.errors import InvalidInput
    from app.security.roles import Permission
    from app.services import quarter

    try:
        return quarter.resolve_peer(env.s(), role)
    except InvalidInput:
        pass
    name = env.tr.t("body." + role) if role else role
    if env.can(Permission.MANAGE_USERS) and env.dialogs.confirm(
        parent, env.tr.t("ui.send.no_card_add", peer=name)
    ):  # fmt: skip
        screen = env.show_screen("transfers")
        show_tab = getattr(screen, "show_tab", None)
        if show_tab is not None:
            show_tab("trust").add_peer()
    elif not env.can(Permission.MANAGE_USERS):
        env.dialogs.error(parent, env.tr.t("ui.send.no_card", peer=name))
    return None


def ask_save_path(parent: QWidget, filter_text: str) -> str:
    """The user's choice of a file to save (a PDF, a bundle, a spreadsheet); '' when cancelled."""
    return QFileDialog.getSaveFileName(parent, "", "", filter_text)[0]


def ask_text(parent: QWidget, label: str) -> str:
    text, ok = QInputDialog.getText(parent, "", label)
    return text.strip() if ok else ""


def write_file(path: str, data: bytes) -> None:
    """Saved where the user chose, atomically (owner-only permissions)."""
    from app.errors import InvalidInput
    from app.fsutil import atomic_write

    try:
        atomic_write(path, data)
    except OSError as e:
        raise InvalidInput("pdf.cannot_write", path=path, reason=e.strerror or "") from None

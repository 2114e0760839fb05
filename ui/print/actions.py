""" "Print…" on the Nominees screen, attached from outside (the screen offers no action table):
``install(screen)`` adds a Print… button beside the detail pane's Edit button, a context menu on
the table (Print… for the selected dossiers; Print the quarter's packs…) and Ctrl+P.

The one hook the screen needs (``ui/screens/nominees/__init__.py``, in ``_factory``)::

    from ui.print.actions import install; install(screen)
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QBoxLayout, QLayout, QMenu, QPushButton, QWidget

from app.security.roles import Permission

ID_ROLE = Qt.ItemDataRole.UserRole + 1  # ui/screens/nominees/model.py IdRole


def selected_ids(screen: Any) -> list[int]:
    """The ids of the selected rows (the current dossier when nothing else is selected)."""
    model = screen.table.model()
    rows = sorted({i.row() for i in screen.table.selectionModel().selectedRows()})
    ids = [model.data(model.index(r, 0), ID_ROLE) for r in rows]
    out = [int(i) for i in ids if i is not None]
    record = getattr(screen.detail, "record", None)
    if not out and record is not None:
        out = [record.id]
    return out


def current_quarter(screen: Any) -> str:
    record = getattr(screen.detail, "record", None)
    if record is not None and record.dossier.nomination.quarter:
        return str(record.dossier.nomination.quarter)
    return ""


def print_selected(screen: Any) -> None:
    from ui.print.dialog import open_print_dialog

    ids = selected_ids(screen)
    if ids and screen.env.can(Permission.EDIT):
        open_print_dialog(screen.env, screen, ids)


def print_quarter(screen: Any) -> None:
    from ui.print.dialog import PACK, open_print_dialog

    quarter = current_quarter(screen)
    if quarter and screen.env.can(Permission.EDIT):
        open_print_dialog(screen.env, screen, [], PACK, quarter=quarter)


def _layout_holding(layout: QLayout, widget: QWidget) -> QBoxLayout | None:
    for i in range(layout.count()):
        item = layout.itemAt(i)
        if item is None:
            continue
        if item.widget() is widget and isinstance(layout, QBoxLayout):
            return layout
        inner = item.layout()
        if inner is not None:
            found = _layout_holding(inner, widget)
            if found is not None:
                return found
    return None


def _add_detail_button(screen: Any) -> QPushButton | None:
    detail = screen.detail
    anchor: QWidget | None = getattr(detail, "copy", None) or getattr(detail, "edit", None)
    if anchor is None:
        return None
    host = anchor.parentWidget()
    host_layout = host.layout() if host is not None else None
    layout = _layout_holding(host_layout, anchor) if host_layout is not None else None
    if layout is None:
        return None
    button = QPushButton()
    button.clicked.connect(lambda: print_selected(screen))
    layout.insertWidget(layout.indexOf(anchor) + 1, button, 0, Qt.AlignmentFlag.AlignLeft)
    return button


def install(screen: Any) -> None:
    env = screen.env
    button = _add_detail_button(screen)
    table = screen.table
    table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)

    def menu_at(pos: QPoint) -> None:
        menu = QMenu(table)
        can = env.can(Permission.EDIT)
        one = menu.addAction(env.tr.t("uiprint.action.print"), lambda: print_selected(screen))
        one.setEnabled(can and bool(selected_ids(screen)))
        quarter = menu.addAction(env.tr.t("uiprint.action.print_quarter"),
                                 lambda: print_quarter(screen))  # fmt: skip
        quarter.setEnabled(can and bool(current_quarter(screen)))
        menu.popup(table.viewport().mapToGlobal(pos))

    table.customContextMenuRequested.connect(menu_at)
    QShortcut(QKeySequence(QKeySequence.StandardKey.Print), screen, lambda: print_selected(screen))

    def retranslate() -> None:
        if button is not None:
            button.setText(env.tr.t("uiprint.action.print"))
            button.setAccessibleName(env.tr.t("uiprint.action.print"))
            button.setEnabled(env.can(Permission.EDIT))

    env.tr.on_change(screen, retranslate)
    retranslate()
    screen._print_button = button

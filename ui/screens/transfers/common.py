"""Shared bits of the Transfers tabs: read-only tables and how ids, times and kinds are shown."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from app.transfer.kinds import Notice
from ui import icons
from ui.i18n import Translator

ACTION_COLORS = {"add": icons.OK, "update": icons.ACCENT, "conflict": icons.BLOCKER,
                 "ack": icons.OK}  # fmt: skip
DataRole = Qt.ItemDataRole.UserRole


def table(stretch: int = -1) -> QTableWidget:
    t = QTableWidget()
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    t.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    t.setAlternatingRowColors(True)
    t.setShowGrid(False)
    t.setWordWrap(False)
    t.setTabKeyNavigation(False)  # Tab leaves the table; arrows move inside it
    t.verticalHeader().hide()
    t.verticalHeader().setDefaultSectionSize(28)
    header = t.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    if stretch >= 0:
        header.setStretchLastSection(False)
    else:
        header.setStretchLastSection(True)
    t._stretch = stretch  # type: ignore[attr-defined]
    return t


def fill(t: QTableWidget, headers: Sequence[str], rows: Sequence[Sequence[str]],
         data: Sequence[object] | None = None,
         colors: Sequence[str | None] | None = None) -> None:  # fmt: skip
    """Replace the contents; ``data`` is kept on column 0 of each row, ``colors`` tint column 0."""
    current = t.currentRow()
    t.setSortingEnabled(False)
    t.clearContents()
    t.setColumnCount(len(headers))
    t.setHorizontalHeaderLabels(list(headers))
    t.setRowCount(len(rows))
    for i, row in enumerate(rows):
        for j, text in enumerate(row):
            item = QTableWidgetItem(text)
            item.setToolTip(text)
            if j == 0 and data is not None:
                item.setData(DataRole, data[i])
            if j == 0 and colors is not None and colors[i]:
                item.setForeground(QColor(colors[i]))
                f = QFont(item.font())
                f.setBold(True)
                item.setFont(f)
            t.setItem(i, j, item)
    stretch = getattr(t, "_stretch", -1)
    if stretch >= 0 and stretch < len(headers):
        t.horizontalHeader().setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    if rows:
        t.selectRow(min(max(current, 0), len(rows) - 1))


def row_data(t: QTableWidget) -> object:
    item = t.item(t.currentRow(), 0) if t.currentRow() >= 0 else None
    return item.data(DataRole) if item is not None else None


def short_id(workstation_id: str) -> str:
    return workstation_id[:8] + "…" if len(workstation_id) > 8 else workstation_id


def peer_text(tr: Translator, peer_id: str, role: str) -> str:
    name = tr.t(f"ui.workstation.{role}") if role else "?"
    return f"{name} · {short_id(peer_id)}"


def when(iso: str | None) -> str:
    """ISO 8601 as DD.MM.YYYY HH:MM, as every date is shown."""
    if not iso or len(iso) < 16:
        return iso or ""
    return f"{iso[8:10]}.{iso[5:7]}.{iso[0:4]} {iso[11:16]}"


def kind_text(tr: Translator, kind: str) -> str:
    key = f"uitransfer.kind.{kind}"
    text = tr.t(key)
    return kind if text == key else text


def action_text(tr: Translator, action: str) -> str:
    key = f"uitransfer.action.{action}"
    text = tr.t(key)
    return action if text == key else text


def notice_text(tr: Translator, n: Notice) -> str:
    return tr.t(n.key, **n.params)


def counts_text(tr: Translator, counts: dict[str, int]) -> str:
    parts = [tr.t(f"uitransfer.count.{k}", n=v) for k, v in counts.items()
             if k in ("add", "update", "same", "conflict", "ack", "remove", "need")]  # fmt: skip
    return ", ".join(parts) if parts else tr.t("uitransfer.count.none")


def spaced_fingerprint(fp: str) -> str:
    """Groups apart, as read aloud over the phone: HFDS – DD1M – ..."""
    return "  –  ".join(fp.split("-"))

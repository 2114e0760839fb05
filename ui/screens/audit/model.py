"""The audit chain, newest first, fetched a page at a time as the view scrolls (fetchMore)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from app.i18n import tr as translate
from app.services import audit
from app.store.audit import AuditRow
from ui.env import Env

PAGE = 300
COLUMNS = ("seq", "time", "user", "action", "entity", "hash")
_Index = QModelIndex | QPersistentModelIndex


def action_text(lang: str, action: str) -> str:
    key = "ui.audit.action." + action
    text = translate(key, lang)
    return action if text == key else text


class AuditModel(QAbstractTableModel):
    def __init__(self, env: Env, parent: Any = None) -> None:
        super().__init__(parent)
        self.env = env
        self.rows: list[AuditRow] = []
        self.action = ""
        self.user = ""
        self.exhausted = False
        self.fetching = False
        self._gen = 0
        env.tr.changed.connect(self._relabel)

    def query(self, action: str = "", user: str = "") -> None:
        self.action, self.user = action, user
        self._gen += 1
        self.beginResetModel()
        self.rows = []
        self.exhausted = False
        self.fetching = False
        self.endResetModel()
        self._fetch()

    def canFetchMore(self, parent: _Index = QModelIndex()) -> bool:
        return not parent.isValid() and not self.exhausted and not self.fetching

    def fetchMore(self, parent: _Index = QModelIndex()) -> None:
        if self.canFetchMore(parent):
            self._fetch()

    def _fetch(self) -> None:
        if self.env.session is None:
            return
        self.fetching = True
        gen, session, offset = self._gen, self.env.s(), len(self.rows)
        action, user = self.action, self.user

        def work() -> list[AuditRow]:
            return audit.rows(session, offset=offset, limit=PAGE, action=action, user=user)

        def done(rows: list[AuditRow]) -> None:
            if gen != self._gen:
                return
            self.fetching = False
            self.exhausted = len(rows) < PAGE
            if rows:
                self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(rows) - 1)
                self.rows.extend(rows)
                self.endInsertRows()

        self.env.op(self, work).success(done).run(self.env.executor)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.env.tr.t(f"ui.audit.col.{COLUMNS[section]}")
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            return None
        r = self.rows[index.row()]
        col = COLUMNS[index.column()]
        if col == "seq":
            return str(r.seq)
        if col == "time":
            ts = r.ts
            return f"{ts[8:10]}.{ts[5:7]}.{ts[0:4]} {ts[11:19]}" if len(ts) >= 19 else ts
        if col == "user":
            return r.user
        if col == "action":
            return action_text(self.env.tr.lang, r.action)
        if col == "entity":
            return r.entity
        if col == "hash":
            return r.hash if role == Qt.ItemDataRole.ToolTipRole else r.hash[:16] + "…"
        return None

    def _relabel(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)
        if self.rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self.rows) - 1, len(COLUMNS) - 1)
            )

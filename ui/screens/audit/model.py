"""The audit chain, newest first, fetched a page at a time as the view scrolls (fetchMore)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from app.i18n import fmt_date
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


def nominee_id(entity: str) -> int | None:
    kind, _, rest = entity.partition(":")
    return int(rest) if kind == "nominee" and rest.isdigit() else None


def entity_text(lang: str, entity: str, people: dict[int, tuple[str, str]]) -> str:
    """The object of an audit row in words: the person's name and IIN (or the document, bundle,
    user...); a code this table does not know is shown as stored."""
    kind, _, rest = entity.partition(":")

    def t(what: str, /, **params: object) -> str:
        return translate("ui.audit.entity." + what, lang, **params)

    if kind == "nominee" and rest.isdigit():
        person = people.get(int(rest))
        return t("nominee", name=person[0], iin=person[1]) if person else t("nominee_gone", id=rest)
    if kind == "quarter":
        quarter, _, body = rest.partition(":")
        if body:
            return t("quarter_body", quarter=quarter, body=translate("body." + body, lang))
        return t("quarter", quarter=quarter)
    if kind == "calendar":
        try:
            day = fmt_date(dt.date.fromisoformat(rest))
        except ValueError:
            day = rest
        return t("calendar", day=day)
    if kind in ("bundle", "peer") and rest:
        return t(kind, id=rest[:16])
    if kind in ("user", "file"):
        return t(kind, name=rest)
    if kind == "document":
        return t(kind, id=rest)
    if kind == "setting":
        return t(kind, key=rest)
    if kind in ("workstation", "nominees"):
        return t(kind)
    return entity


class AuditModel(QAbstractTableModel):
    def __init__(self, env: Env, parent: Any = None) -> None:
        super().__init__(parent)
        self.env = env
        self.rows: list[AuditRow] = []
        self.action = ""
        self.user = ""
        self.person = ""
        self.people: dict[int, tuple[str, str]] = {}
        self.exhausted = False
        self.fetching = False
        self._gen = 0
        env.tr.changed.connect(self._relabel)

    def query(self, action: str = "", user: str = "", person: str = "") -> None:
        self.action, self.user, self.person = action, user, person
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
        action, user, person = self.action, self.user, self.person

        def work() -> tuple[list[AuditRow], dict[int, tuple[str, str]]]:
            rows = audit.rows(session, offset=offset, limit=PAGE, action=action, user=user,
                              person=person)  # fmt: skip
            ids = [i for i in (nominee_id(r.entity) for r in rows) if i is not None]
            return rows, audit.people(session, ids)

        def done(found: tuple[list[AuditRow], dict[int, tuple[str, str]]]) -> None:
            rows, people = found
            if gen != self._gen:
                return
            self.people.update(people)
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
            return entity_text(self.env.tr.lang, r.entity, self.people)
        if col == "hash":
            return r.hash if role == Qt.ItemDataRole.ToolTipRole else r.hash[:16] + "…"
        return None

    def _relabel(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)
        if self.rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self.rows) - 1, len(COLUMNS) - 1)
            )

"""The nominee list's table model: a window over the store, never all rows.

``query()`` counts the matches and fetches the first ``FIRST`` rows in the background (the
rest of page 0 follows when a row past them is asked for); other pages are
fetched when the view first asks for one of their rows (at most ``MAX_PAGES`` are kept, least
recently used first out). Thumbnails are fetched only for the rows the view actually paints,
decoded and scaled to row height off the GUI thread, and kept in a small LRU cache (a page of
200 full thumbnails cost 140 ms of worker time and 2.5 MB; the view shows about 20). A
generation number drops any answer to an older query.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from functools import partial
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QIcon, QImage, QPixmap

from app.services import nominees
from app.store.nominees import Filters, NomineeRow
from ui import icons
from ui.env import Env
from ui.ops import Executor, Op

PAGE = 200
FIRST = 60  # a query brings this much of page 0 (a full-height window shows about 25 rows)
MAX_PAGES = 40
THUMB_HEIGHT = 32  # the row is 36 px
MAX_THUMBS = 600  # decoded thumbnails kept (about 3 KB each)
THUMB_DELAY_MS = 30  # gather the rows painted in one go into one fetch
COLUMNS = ("photo", "name", "iin", "body", "position", "status", "findings", "updated")
SORT_KEYS = {"name": "name", "iin": "iin", "body": "body", "position": "position",
             "status": "status", "findings": "blockers", "updated": "updated"}  # fmt: skip
IdRole = Qt.ItemDataRole.UserRole + 1
RowRole = Qt.ItemDataRole.UserRole + 2
DISPLAY = Qt.ItemDataRole.DisplayRole
ACCESSIBLE = Qt.ItemDataRole.AccessibleTextRole
DECORATION = Qt.ItemDataRole.DecorationRole
FOREGROUND = Qt.ItemDataRole.ForegroundRole
ROLES = frozenset({DISPLAY, ACCESSIBLE, DECORATION, FOREGROUND, Qt.ItemDataRole.ToolTipRole,
                   IdRole, RowRole})  # fmt: skip
NAME_COL, PHOTO_COL, FINDINGS_COL = (COLUMNS.index(c) for c in ("name", "photo", "findings"))
MAX_CELLS = 4000  # rows whose texts are kept formatted
_Index = QModelIndex | QPersistentModelIndex


def _fetch(
    session: Any, f: Filters, sort: str, desc: bool, page: int, limit: int = PAGE
) -> tuple[list, dict]:
    rows = nominees.rows(session, f, sort=sort, descending=desc, offset=page * PAGE, limit=limit)
    return rows, {}


def _thumbs(
    session: Any, ids: list[int], stale: Callable[[], bool] = lambda: False
) -> dict[int, QImage | None]:
    """Thumbnails decoded and scaled off the GUI thread (QImage, unlike QPixmap, may be made
    anywhere); None for a dossier without a photo, so it is not asked for again. Stops early
    once ``stale()`` (a newer query: the rows are gone, and its search wants the worker time)."""
    out: dict[int, QImage | None] = {}
    for nid in ids:
        if stale():
            break
        data = nominees.thumbnail(session, nid)
        img = QImage.fromData(data) if data else QImage()
        out[nid] = (
            None
            if img.isNull()
            else img.scaledToHeight(THUMB_HEIGHT, Qt.TransformationMode.SmoothTransformation)
        )
    return out


def _finding_icon(r: NomineeRow) -> QIcon:
    if r.blockers:
        return icons.icon("blocker", icons.BLOCKER)
    return icons.icon("warning", icons.WARNING) if r.warnings else icons.icon("ok", icons.OK)


class NomineeModel(QAbstractTableModel):
    reset_done = Signal(int)  # the number of matching rows
    page_loaded = Signal(int)

    def __init__(self, env: Env, parent: Any = None) -> None:
        super().__init__(parent)
        self.env = env
        self.filters = Filters()
        self.sort_key, self.descending = "name", False
        self.total = 0
        self.loading = False
        self._gen = 0
        self._pages: OrderedDict[int, list[NomineeRow]] = OrderedDict()
        self._thumbs: OrderedDict[int, QImage | None] = OrderedDict()  # LRU, None: no photo
        self._pix: dict[int, QPixmap] = {}
        self._cell_cache: dict[int, tuple[NomineeRow, tuple[str, ...]]] = {}
        self._thumb_wanted: dict[int, int] = {}  # nominee id -> row, asked for by the view
        self._thumb_pending: set[int] = set()
        self._pending: set[int] = set()
        self._wanted: set[int] = set()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._fetch_wanted)
        self._thumb_timer = QTimer(self)
        self._thumb_timer.setSingleShot(True)
        self._thumb_timer.setInterval(THUMB_DELAY_MS)
        self._thumb_timer.timeout.connect(self._fetch_thumbs)
        self._ops: list[Op] = []  # in flight for the current query; cancelled by the next one
        env.tr.changed.connect(self._relabel)

    # --- queries -------------------------------------------------------------------------------
    def query(self, filters: Filters | None = None) -> None:
        if filters is not None:
            self.filters = filters
        for op in self._ops:
            op.cancel()
        self._ops = []
        self._thumb_timer.stop()  # the rows a paint asked photos for are about to go
        self._thumb_wanted.clear()
        self._gen += 1
        gen, f, sort, desc = self._gen, self.filters, SORT_KEYS[self.sort_key], self.descending
        session = self.env.s()
        self.loading = True

        def work() -> tuple[int, list, dict]:
            total = nominees.count(session, f)
            rows, thumbs = _fetch(session, f, sort, desc, 0, FIRST) if total else ([], {})
            return total, rows, thumbs

        op = self.env.op(self, work).success(lambda r: self._reset(gen, *r))
        self._run(op, self.env.search_executor)

    def _run(self, op: Op, executor: Executor | None = None) -> None:
        self._ops = [o for o in self._ops if not o.finished]
        self._ops.append(op.run(executor or self.env.executor))

    def _reset(self, gen: int, total: int, rows: list, thumbs: dict) -> None:
        if gen != self._gen:
            return
        self.beginResetModel()
        self.total = total
        self._pages = OrderedDict({0: rows}) if rows else OrderedDict()
        self._thumbs = OrderedDict(thumbs)
        self._pix.clear()
        self._thumb_wanted.clear()
        self._thumb_pending.clear()
        self._pending.clear()
        self._wanted.clear()
        self.loading = False
        self.endResetModel()
        self.reset_done.emit(total)

    def _want(self, page: int) -> None:
        if page not in self._pending and page not in self._wanted:
            self._wanted.add(page)
            self._timer.start()

    def _fetch_wanted(self) -> None:
        wanted, self._wanted = self._wanted, set()
        session = self.env.s() if self.env.session else None
        if session is None:
            return
        gen, f, sort, desc = self._gen, self.filters, SORT_KEYS[self.sort_key], self.descending
        for page in sorted(wanted):
            self._pending.add(page)
            self._run(self.env.op(self, partial(_fetch, session, f, sort, desc, page)).success(
                partial(self._loaded_pair, gen, page)))  # fmt: skip

    def _loaded_pair(self, gen: int, page: int, found: tuple[list, dict]) -> None:
        self._loaded(gen, page, *found)

    def _loaded(self, gen: int, page: int, rows: list, thumbs: dict) -> None:
        self._pending.discard(page)
        if gen != self._gen:
            return
        self._pages[page] = rows
        while len(self._pages) > MAX_PAGES:
            self._pages.popitem(last=False)
        first = page * PAGE
        last = min(self.total, first + len(rows)) - 1
        if last >= first:
            self.dataChanged.emit(self.index(first, 0), self.index(last, len(COLUMNS) - 1))
        self.page_loaded.emit(page)

    def _want_thumb(self, nid: int, row: int) -> None:
        if nid in self._thumb_pending:
            return
        self._thumb_wanted[nid] = row
        if not self._thumb_timer.isActive():
            self._thumb_timer.start()

    def _fetch_thumbs(self) -> None:
        """Rows are shown first; the photos of the rows painted follow in one background step."""
        wanted, self._thumb_wanted = self._thumb_wanted, {}
        if not wanted or self.env.session is None:
            return
        gen, session, ids = self._gen, self.env.s(), list(wanted)
        self._thumb_pending.update(ids)

        def done(thumbs: dict[int, QImage | None]) -> None:
            if gen != self._gen:
                return
            self._thumb_pending.difference_update(ids)
            self._thumbs.update(thumbs)
            while len(self._thumbs) > MAX_THUMBS:
                old, _img = self._thumbs.popitem(last=False)
                self._pix.pop(old, None)
            for n, img in thumbs.items():
                if img is not None and wanted[n] < self.total:
                    cell = self.index(wanted[n], PHOTO_COL)  # one cell: the view repaints its
                    self.dataChanged.emit(cell, cell)  # rect, not the whole viewport

        self._run(
            self.env.op(self, lambda: _thumbs(session, ids, lambda: gen != self._gen))
            .success(done)
            .always(lambda: self._thumb_pending.difference_update(ids))
        )

    # --- access --------------------------------------------------------------------------------
    def row_at(self, row: int) -> NomineeRow | None:
        page = row // PAGE
        rows = self._pages.get(page)
        if rows is None:
            self._want(page)
            return None
        self._pages.move_to_end(page)
        i = row - page * PAGE
        if i < len(rows):
            return rows[i]
        if len(rows) < PAGE and row < self.total:  # beyond a query's first window: the full page
            self._want(page)
        return None

    def loaded_rows(self) -> int:
        return sum(len(r) for r in self._pages.values())

    def clear(self) -> None:
        self._gen += 1
        self.beginResetModel()
        self.total = 0
        self._pages.clear()
        self._thumbs.clear()
        self._pix.clear()
        self._thumb_wanted.clear()
        self._thumb_pending.clear()
        self.endResetModel()

    # --- Qt model --------------------------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else self.total

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            col = COLUMNS[section]
            return "" if col == "photo" else self.env.tr.t(f"ui.nominees.col.{col}")
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.AccessibleTextRole:
            return self.env.tr.t(f"ui.nominees.col.{COLUMNS[section]}")
        return None

    def data(self, index: _Index, role: int = DISPLAY) -> Any:
        # Called about a thousand times per repaint: roles the delegate asks for but we never
        # answer (font, alignment, background, check state, size hint) leave first, and the
        # texts of a row are formatted once and kept (``_cells``), not on every call.
        if role not in ROLES or not index.isValid():
            return None
        row, c = index.row(), index.column()
        r = self.row_at(row)
        if r is None:
            return "…" if role == DISPLAY and c == NAME_COL else None
        if role in (DISPLAY, ACCESSIBLE):
            return self._cells(r)[c]
        if role == DECORATION:
            if c == PHOTO_COL:
                return self._thumb(r.id, row)
            if c == FINDINGS_COL:
                return _finding_icon(r)
            return None
        if role == IdRole:
            return r.id
        if role == RowRole:
            return r
        if c == FINDINGS_COL:
            if role == FOREGROUND:
                return QColor(icons.BLOCKER) if r.blockers else None
            return self._cells(r)[c]  # the tooltip
        return None

    def _cells(self, r: NomineeRow) -> tuple[str, ...]:
        cells = self._cell_cache.get(r.id)
        if cells is None or cells[0] is not r:
            if len(self._cell_cache) > MAX_CELLS:
                self._cell_cache.clear()
            cells = self._cell_cache[r.id] = (r, tuple(self._text(r, col) for col in COLUMNS))
        return cells[1]

    def _thumb(self, nid: int, row: int) -> QPixmap | None:
        pix = self._pix.get(nid)
        if pix is not None:
            return pix
        if nid not in self._thumbs:
            self._want_thumb(nid, row)
            return None
        self._thumbs.move_to_end(nid)
        img = self._thumbs[nid]
        if img is None:
            return None
        pix = self._pix[nid] = QPixmap.fromImage(img)  # already row-sized
        return pix

    def _text(self, r: NomineeRow, col: str) -> str:
        t = self.env.tr.t
        if col == "name":
            return " ".join(x for x in (r.surname, r.given_name, r.patronymic) if x)
        if col == "iin":
            return r.iin
        if col == "body":
            return t(f"ui.body.{r.body}")
        if col == "position":
            return r.position
        if col == "status":
            return t(f"ui.status.{r.status}")
        if col == "findings":
            if r.blockers:
                return t("ui.nominees.blocked", count=r.blockers)
            return (
                t("ui.nominees.warnings", count=r.warnings)
                if r.warnings
                else t("ui.nominees.nominable")
            )
        if col == "updated":
            return (
                f"{r.updated[8:10]}.{r.updated[5:7]}.{r.updated[0:4]}"
                if len(r.updated) >= 10
                else ""
            )
        return ""

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        col = COLUMNS[column]
        if col not in SORT_KEYS:
            return
        self.sort_key = col
        self.descending = order == Qt.SortOrder.DescendingOrder
        if self.env.session is not None:
            self.query()

    def _relabel(self) -> None:
        self._cell_cache.clear()
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)
        if self.total:
            self.dataChanged.emit(self.index(0, 0), self.index(self.total - 1, len(COLUMNS) - 1))

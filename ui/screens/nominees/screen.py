"""The nominee list: search as you type (debounced, from two letters), filters, sortable columns,
bulk selection, and the detail pane. All queries run through the windowed model."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QItemSelection, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain.dossier import Body, NomineeRecord
from app.domain.workflow import NomineeStatus
from app.security.roles import Permission
from app.services import dossier_flow, nominees
from app.services.dossier_flow import DossierFlow
from app.store.nominees import Filters
from ui import icons
from ui.env import Env
from ui.screens.nominees.detail import DetailPane
from ui.screens.nominees.model import COLUMNS, IdRole, NomineeModel
from ui.widgets.common import hint, primary

if TYPE_CHECKING:
    from ui.dossier.wizard import DossierWizard

SEARCH_DEBOUNCE_MS = 180
MIN_SEARCH = 2
PRELOAD_DELAY_MS = 200  # after the first answer: its rows are painted by then


def _preload_wizard() -> None:
    import ui.dossier.labels  # noqa: F401 - the identity page's, at its first load
    import ui.dossier.wizard  # noqa: F401
    from app.calendar.workdays import load_package
    from app.domain import validation
    from app.domain.dossier import Dossier
    from app.i18n import fmt_date  # noqa: F401
    from app.rules import rulesets  # noqa: F401
    from app.store import reserve_life, sending  # noqa: F401 - the wizard's evaluator reads them

    load_package()  # the holidays package, left out of the start (the rules' first use needs it)
    validation._date_plan(Dossier)  # where a dossier's dates are (cached; msgspec's inspection)


class _FirstAnswerPainted(QObject):
    """Calls ``then`` (in the next turn) once the table has painted the first answer of its
    model (``answered()``: rows or none), and goes."""

    def __init__(self, table: QTableView, answered: Callable[[], bool], then: Callable[[], None]) -> None:
        super().__init__(table)
        self.table, self.answered, self.then = table, answered, then
        table.viewport().installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Paint and self.answered():
            self.table.viewport().removeEventFilter(self)
            QTimer.singleShot(0, self.then)
            self.deleteLater()
        return False


class NomineesScreen(QWidget):
    searched = Signal(int)

    def __init__(self, env: Env, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.env = env
        self.wizard: DossierWizard | None = None
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.addAction(icons.icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.search.setMinimumWidth(180)
        self.body = QComboBox()
        self.status = QComboBox()
        self.findings = QComboBox()
        self.count = QLabel()
        self.count.setObjectName("Hint")
        self.new = primary(QPushButton(icons.icon("add", "#ffffff"), ""))
        self.new.clicked.connect(lambda: self.open_wizard(None))
        self.delete = QPushButton(icons.icon("delete"), "")
        self.delete.clicked.connect(self.delete_selected)
        bar = QHBoxLayout()
        bar.addWidget(self.search, 2)
        for w in (self.body, self.status, self.findings):
            bar.addWidget(w)
        bar.addStretch(1)
        bar.addWidget(self.count)
        bar.addWidget(self.delete)
        bar.addWidget(self.new)

        self.model = NomineeModel(env, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(1, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(36)
        self.table.setIconSize(self.table.iconSize().expandedTo(self.table.iconSize()))
        self.table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        widths = {
            "photo": 36,
            "name": 250,
            "iin": 124,
            "body": 84,
            "position": 210,
            "status": 96,
            "findings": 130,
            "updated": 90,
        }
        for i, col in enumerate(COLUMNS):
            self.table.setColumnWidth(i, widths[col])
        header.setStretchLastSection(True)
        self.table.doubleClicked.connect(self._edit_current)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.detail = DetailPane(env)
        self.detail.edit_requested.connect(self._edit_record)

        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.table)
        split.addWidget(self.detail)
        split.setStretchFactor(0, 5)
        split.setStretchFactor(1, 3)
        split.setSizes([800, 420])
        lay = QVBoxLayout(self)
        lay.setContentsMargins(12, 10, 12, 10)
        lay.addLayout(bar)
        self.empty = hint()  # what to do first when there is nothing to show
        self.empty.setObjectName("EmptyHint")
        self.empty.hide()
        lay.addWidget(self.empty)
        lay.addWidget(split, 1)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DEBOUNCE_MS)
        self._debounce.timeout.connect(self.apply_filters)
        self.search.textChanged.connect(self._typed)
        for combo in (self.body, self.status, self.findings):
            combo.currentIndexChanged.connect(self.apply_filters)
        self._rows_painted = False
        self._answers = 0  # the model's answers so far (the first waits for its paint)
        self.model.reset_done.connect(self._counted)
        QShortcut(QKeySequence.StandardKey.Find, self, self.search.setFocus)
        QShortcut(QKeySequence("Ctrl+N"), self, lambda: self.open_wizard(None))
        QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.table, self.delete_selected)
        env.tr.changed.connect(self.retranslate)
        self.retranslate()
        self.apply_filters()
        # the wizard's modules (about 40 ms to import) and the holidays calendar are loaded by a
        # worker, so opening the first dossier does not stall the event loop for them (imports
        # need no GUI thread) — after the first rows are painted: an import holds the GIL, and
        # the first paint's thousand calls into the model would each wait for it. The first
        # row's detail (its findings need the rules) waits for that paint too.
        _FirstAnswerPainted(self.table, lambda: not self.model.loading, self._first_rows_painted)

    def _first_rows_painted(self) -> None:
        self._rows_painted = True
        self._select_first()
        QTimer.singleShot(PRELOAD_DELAY_MS, self, lambda: self.env.executor.submit(_preload_wizard))

    def _select_first(self) -> None:
        """The first row opened in the detail pane when the list is browsed; for the list's
        first answer, once it is painted (or at once when the list is not on screen)."""
        if self._answers == 1 and not self._rows_painted and self.table.isVisible():
            return  # _first_rows_painted comes back here
        total = self.model.rowCount()
        browsing = not self.model.filters.search
        if total and (total == 1 or (browsing and not self.table.currentIndex().isValid())):
            self.table.selectRow(0)

    # --- texts ------------------------------------------------------------------------------------
    def retranslate(self) -> None:
        t = self.env.tr.t
        self.search.setPlaceholderText(t("ui.nominees.search"))
        self.search.setAccessibleName(t("ui.nominees.search"))
        self._fill(
            self.body,
            "ui.nominees.filter.body",
            [("", "ui.nominees.all_bodies")] + [(b.value, f"ui.body.{b.value}") for b in Body],
        )
        self._fill(
            self.status,
            "ui.nominees.filter.status",
            [("", "ui.nominees.all_statuses")]
            + [(s.value, f"ui.status.{s.value}") for s in NomineeStatus],
        )
        self._fill(
            self.findings,
            "ui.nominees.filter.findings",
            [
                ("", "ui.nominees.all_findings"),
                ("nominable", "ui.nominees.only_nominable"),
                ("blocked", "ui.nominees.only_blocked"),
            ],
        )
        self.new.setText(t("ui.nominees.new"))
        self.new.setToolTip(t("ui.nominees.new") + " (Ctrl+N)")
        self.new.setAccessibleName(t("ui.nominees.new"))
        self.delete.setText(t("ui.nominees.delete"))
        self.delete.setAccessibleName(t("ui.nominees.delete"))
        self.table.setAccessibleName(t("ui.nominees.table"))
        self._counted(self.model.total)
        self._selection_changed()

    def _fill(self, combo: QComboBox, name_key: str, items: list[tuple[str, str]]) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        for value, key in items:
            combo.addItem(self.env.tr.t(key), value)
        i = combo.findData(current)
        combo.setCurrentIndex(max(0, i))
        combo.blockSignals(False)
        combo.setAccessibleName(self.env.tr.t(name_key))
        combo.setToolTip(self.env.tr.t(name_key))

    # --- querying ---------------------------------------------------------------------------------
    def _typed(self, text: str) -> None:
        stripped = text.strip()
        if stripped and len(stripped) < MIN_SEARCH:
            self._debounce.stop()
            return
        self._debounce.start()

    def filters(self) -> Filters:
        text = self.search.text().strip()
        return Filters(
            search=text if len(text) >= MIN_SEARCH else "",
            body=self.body.currentData() or "",
            status=self.status.currentData() or "",
            findings=self.findings.currentData() or "",
        )

    def apply_filters(self) -> None:
        self._debounce.stop()
        if self.env.session is not None:
            self.model.query(self.filters())

    def _counted(self, total: int) -> None:
        self._answers += 1
        self.count.setText(self.env.tr.t("ui.nominees.count", count=total))
        browsing = not self.model.filters.search
        if total and (total == 1 or (browsing and not self.table.currentIndex().isValid())):
            self._select_first()  # not on every keystroke: only a unique match opens
        elif not self.table.currentIndex().isValid():
            self.detail.load(None)
        if not total:
            self.table.clearSelection()
            self.detail.load(None)
        self._selection_changed()  # a reset does not say the selection went: Delete follows it
        self._show_empty(total)
        self.searched.emit(total)

    def _show_empty(self, total: int) -> None:
        t = self.env.tr.t
        if total:
            self.empty.hide()
            return
        filtered = self.model.filters != Filters()
        if filtered:
            self.empty.setText(t("ui.nominees.empty_filtered"))
        elif self.env.can(Permission.EDIT):
            self.empty.setText(t("ui.nominees.empty_first", new=t("ui.nominees.new")))
        else:
            self.empty.setText(t("ui.nominees.empty_read_only"))
        self.empty.show()

    # --- selection and actions ---
    def _current_changed(self, current, _previous) -> None:
        nid = (
            self.model.data(self.model.index(current.row(), 0), IdRole)
            if current.isValid()
            else None
        )
        self.detail.load(nid)

    def selected_rows(self) -> list[int]:
        return sorted(i.row() for i in self.table.selectionModel().selectedRows())

    def _selection_changed(self, *_: QItemSelection) -> None:
        n = len(self.selected_rows())
        can_edit = self.env.can(Permission.EDIT)
        self.new.setEnabled(can_edit)
        self.delete.setEnabled(can_edit and n > 0)
        self.delete.setText(
            self.env.tr.t("ui.nominees.delete_n", count=n)
            if n > 1
            else self.env.tr.t("ui.nominees.delete")
        )

    def delete_selected(self) -> None:
        if not self.env.allowed(self, Permission.EDIT):
            return
        rows = self.selected_rows()
        if not rows or not self.env.can(Permission.EDIT):
            return
        if not self.env.dialogs.confirm(
            self, self.env.tr.t("ui.nominees.confirm_delete", count=len(rows))
        ):
            return
        session, f = self.env.s(), self.model.filters
        sort, desc = self.model.sort_key, self.model.descending
        from ui.screens.nominees.model import SORT_KEYS

        def work() -> int:
            ids: list[int] = []
            start = 0
            while start < len(rows):  # contiguous runs of selected rows, fetched by window
                end = start
                while end + 1 < len(rows) and rows[end + 1] == rows[end] + 1:
                    end += 1
                window = nominees.rows(
                    session,
                    f,
                    sort=SORT_KEYS[sort],
                    descending=desc,
                    offset=rows[start],
                    limit=rows[end] - rows[start] + 1,
                )
                ids.extend(r.id for r in window)
                start = end + 1
            for nid in ids:
                nominees.delete(session, nid)
            return len(ids)

        self.env.op(self, work).success(lambda _n: self.model.query()).run(self.env.executor)

    def _edit_current(self, index) -> None:
        if self.detail.record is not None and self.env.can(Permission.EDIT):
            self._edit_record(self.detail.record)

    def _edit_record(self, rec: NomineeRecord) -> None:
        self.open_wizard(dossier_flow.for_session(self.env.s(), rec.dossier, nominee_id=rec.id,
                                                  version=rec.version))  # fmt: skip

    # --- the wizard ---
    def open_wizard(self, flow: DossierFlow | None) -> None:
        if not self.env.allowed(self, Permission.EDIT):
            return
        if self.wizard is not None or not self.env.can(Permission.EDIT):
            return
        from ui.dossier.wizard import DossierWizard

        session = self.env.s()
        if flow is None:
            flow = dossier_flow.for_session(session)
        wizard = self.wizard = DossierWizard(self.env, flow, self)
        wizard.saved.connect(self._saved)
        wizard.finished.connect(self._wizard_closed)
        wizard.open_in_turns()

    def _saved(self, nid: int) -> None:
        self.model.query()
        self.detail.load(nid)

    def _wizard_closed(self, *_: object) -> None:
        if self.wizard is not None:
            self.wizard.deleteLater()
        self.wizard = None

    def take_draft(self) -> bytes | None:
        """On lock: close the wizard without asking; hand back a draft with unsaved changes as
        data only (``DossierFlow.draft_state``: the values and the page, no live objects)."""
        if self.wizard is None:
            return None
        wizard = self.wizard
        flow = wizard.flow
        state = flow.draft_state(max(wizard.currentId(), 0)) if flow.dirty else None
        wizard.discard_silently()
        return state

    def reopen_draft(self, state: bytes) -> None:
        """After unlocking: the draft ``take_draft`` gave, in a new flow of this session."""
        flow, page = dossier_flow.restore_for_session(self.env.s(), state)
        self.open_wizard(flow)
        if self.wizard is not None and 0 <= page < len(dossier_flow.STEPS):
            self.wizard.go_to(dossier_flow.STEPS[page])

    def confirm_close(self) -> bool:
        return self.wizard is None or self.wizard.confirm_leave()

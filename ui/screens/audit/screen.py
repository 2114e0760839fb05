"""The audit screen: filters by action and user, and chain verification off the GUI thread."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)  # fmt: skip

from app.services import audit
from app.store.audit import ChainReport
from ui import icons
from ui.env import Env
from ui.screens.audit.model import AuditModel
from ui.widgets.common import busy_bar, primary

# the action filter: every group of action kinds (the prefix before the first dot)
ACTIONS = ("", "nominee.", "quarter.", "review.", "decision.", "exclusion.", "notice.", "transfer.",
           "document.", "reserve.", "calendar.", "rules.", "user.", "settings.", "workstation.")  # fmt: skip


class AuditScreen(QWidget):
    verified = Signal(object)  # ChainReport

    def __init__(self, env: Env, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.env = env
        self.report: ChainReport | None = None
        self.action = QComboBox()
        self.user = QLineEdit()
        self.user.setMaximumWidth(200)
        self.person = QLineEdit()
        self.person.setClearButtonEnabled(True)
        self.person.setMaximumWidth(320)
        self.verify_button = primary(QPushButton(icons.icon("verify", "#ffffff"), ""))
        self.verify_button.clicked.connect(self.verify)
        self.result = QLabel()
        self.result.setWordWrap(True)
        self.bar = busy_bar()
        self.bar.setMaximumWidth(160)
        top = QHBoxLayout()
        top.addWidget(self.action)
        top.addWidget(self.user)
        top.addWidget(self.person, 1)
        top.addStretch(1)
        top.addWidget(self.bar)
        top.addWidget(self.verify_button)
        self.model = AuditModel(env, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(28)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        for i, w in enumerate((70, 160, 120, 260, 160, 160)):
            self.table.setColumnWidth(i, w)
        self.table.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(12, 10, 12, 10)
        lay.addLayout(top)
        lay.addWidget(self.result)
        lay.addWidget(self.table, 1)
        self.action.currentIndexChanged.connect(self.apply_filters)
        self.user.editingFinished.connect(self.apply_filters)
        self.person.editingFinished.connect(self.apply_filters)
        env.tr.changed.connect(self.retranslate)
        self.retranslate()
        self.apply_filters()

    def retranslate(self) -> None:
        t = self.env.tr.t
        current = self.action.currentIndex()
        self.action.blockSignals(True)
        self.action.clear()
        for a in ACTIONS:
            self.action.addItem(t(f"ui.audit.filter.{a.rstrip('.') or 'all'}"), a)
        self.action.setCurrentIndex(max(0, current))
        self.action.blockSignals(False)
        self.action.setAccessibleName(t("ui.audit.filter_action"))
        self.user.setPlaceholderText(t("ui.audit.filter_user"))
        self.user.setAccessibleName(t("ui.audit.filter_user"))
        self.person.setPlaceholderText(t("ui.audit.filter_person"))
        self.person.setAccessibleName(t("ui.audit.filter_person"))
        self.verify_button.setText(t("ui.audit.verify"))
        self.verify_button.setAccessibleName(t("ui.audit.verify"))
        self.table.setAccessibleName(t("ui.screen.audit"))
        self._show_report()

    def apply_filters(self) -> None:
        self.model.query(self.action.currentData() or "", self.user.text().strip(),
                         self.person.text().strip())  # fmt: skip

    def verify(self) -> None:
        if self.bar.isVisible():
            return
        self.bar.show()
        self.verify_button.setEnabled(False)
        self.result.setText(self.env.tr.t("ui.audit.verifying"))
        session = self.env.s()

        def done(report: ChainReport) -> None:
            self.report = report
            self._show_report()
            self.verified.emit(report)

        def always() -> None:
            self.bar.hide()
            self.verify_button.setEnabled(True)

        self.env.op(self, lambda: audit.verify(session)).success(done).always(always).run(
            self.env.executor
        )

    def _show_report(self) -> None:
        r, t = self.report, self.env.tr.t
        if r is None:
            self.result.setText(t("ui.audit.not_verified"))
            self.result.setStyleSheet("")
        elif r.ok:
            self.result.setText(t("ui.audit.ok", rows=r.rows, head=r.head_hash[:16]))
            self.result.setStyleSheet(f"color: {icons.OK}; font-weight: 600;")
        else:
            self.result.setText(t("ui.audit.broken", seq=r.first_bad_seq or 0,
                                  problem=t(f"ui.audit.problem.{r.problem}")))  # fmt: skip
            self.result.setStyleSheet(f"color: {icons.BLOCKER}; font-weight: 600;")

"""Resolve an import conflict: keep the local record or the incoming version, and, field by field
where the two differ, take a field from the other side (``app.services.conflicts``). The
resolution runs off the GUI thread and is audited by the service."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)  # fmt: skip

from app.services import conflicts
from ui.env import Env
from ui.screens.transfers import compare
from ui.widgets.common import hint, primary

SIDES = ("local", "incoming")
TAKE = {"local": "uitransfer.resolve.take.local", "incoming": "uitransfer.resolve.take.incoming"}
SUMMARY = {"local": "uitransfer.resolve.summary_local",
           "incoming": "uitransfer.resolve.summary_incoming"}  # fmt: skip


class ResolveDialog(QDialog):
    resolved = Signal(object)  # conflicts.Resolved

    def __init__(self, env: Env, conflict_id: int, heading: str = "",
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.env = env
        self.conflict_id = conflict_id
        self.diffs: list[conflicts.FieldDiff] = []
        self.choices: list[QComboBox] = []
        self.heading = QLabel(heading)
        self.heading.setObjectName("Heading")
        self.explain = hint()
        self.keep_local = QRadioButton()
        self.keep_incoming = QRadioButton()
        self.keep = QButtonGroup(self)
        self.keep.addButton(self.keep_local)
        self.keep.addButton(self.keep_incoming)
        self.keep_local.setChecked(True)
        self.keep_local.toggled.connect(self._keep_changed)
        self.table = QTableWidget(0, 4)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Fixed)
        self.summary = hint()
        self.buttons = QDialogButtonBox()
        self.ok = primary(self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole))
        self.cancel = self.buttons.addButton("", QDialogButtonBox.ButtonRole.RejectRole)
        self.ok.clicked.connect(self.submit)
        self.cancel.clicked.connect(self.reject)
        sides = QHBoxLayout()
        sides.addWidget(self.keep_local)
        sides.addWidget(self.keep_incoming)
        sides.addStretch(1)
        lay = QVBoxLayout(self)
        lay.addWidget(self.heading)
        lay.addWidget(self.explain)
        lay.addLayout(sides)
        lay.addWidget(self.table, 1)
        lay.addWidget(self.summary)
        lay.addWidget(self.buttons)
        self.setMinimumSize(760, 420)
        env.tr.changed.connect(self.retranslate)
        self.retranslate()
        self.load()

    def retranslate(self) -> None:
        t = self.env.tr.t
        self.setWindowTitle(t("uitransfer.resolve.title"))
        self.explain.setText(t("uitransfer.resolve.explain"))
        self.keep_local.setText(t("uitransfer.resolve.keep_local"))
        self.keep_incoming.setText(t("uitransfer.resolve.keep_incoming"))
        self.ok.setText(t("uitransfer.resolve.ok"))
        self.cancel.setText(t("uitransfer.resolve.cancel"))
        self.table.setAccessibleName(t("uitransfer.conflict.compare"))
        self.table.setHorizontalHeaderLabels([
            t("uitransfer.conflict.field"), t("uitransfer.resolve.col.local"),
            t("uitransfer.resolve.col.incoming"), t("uitransfer.resolve.col.take"),
        ])  # fmt: skip
        for box in self.choices:
            for i, side in enumerate(SIDES):
                box.setItemText(i, t(TAKE[side]))
        fm = self.fontMetrics()
        longest = max(fm.horizontalAdvance(t(TAKE[side])) for side in SIDES)
        for box in self.choices:
            box.setMinimumWidth(longest + 48)  # the text, the arrow and the frame
        width = max([longest + 48, fm.horizontalAdvance(t("uitransfer.resolve.col.take")) + 24,
                     *(b.sizeHint().width() for b in self.choices)])  # fmt: skip
        self.table.setColumnWidth(3, width + 12)
        self._summarise()

    def load(self) -> None:
        session, cid = self.env.s(), self.conflict_id
        self.env.op(self, lambda: conflicts.fields(session, cid)).success(self._loaded).run(
            self.env.executor)  # fmt: skip

    def _loaded(self, diffs: list[conflicts.FieldDiff]) -> None:
        self.diffs = diffs
        self.choices = []
        self.table.setRowCount(len(diffs))
        for i, d in enumerate(diffs):
            for j, text in enumerate((compare.label(self.env.tr, d.path), d.local or "—",
                                      d.incoming or "—")):  # fmt: skip
                self.table.setItem(i, j, QTableWidgetItem(text))
            box = QComboBox()
            box.addItems([self.env.tr.t(TAKE[side]) for side in SIDES])
            box.setMinimumContentsLength(max(len(box.itemText(k)) for k in range(2)))
            box.setCurrentIndex(self._default())
            box.currentIndexChanged.connect(self._summarise)
            cell = QWidget()  # the choice centred in its row, not stretched to the row's height
            cl = QVBoxLayout(cell)
            cl.setContentsMargins(4, 0, 4, 0)
            cl.addWidget(box, 0, Qt.AlignmentFlag.AlignVCenter)
            self.table.setCellWidget(i, 3, cell)
            self.choices.append(box)
        self.retranslate()
        self.table.resizeRowsToContents()

    def _default(self) -> int:
        return 0 if self.keep_local.isChecked() else 1

    def _keep_changed(self) -> None:
        for box in self.choices:
            box.blockSignals(True)
            box.setCurrentIndex(self._default())
            box.blockSignals(False)
        self._summarise()

    def keep_side(self) -> str:
        return SIDES[self._default()]

    def take(self) -> dict[str, str]:
        """The fields taken from the side not kept."""
        keep = self.keep_side()
        return {d.path: SIDES[b.currentIndex()] for d, b in zip(self.diffs, self.choices, strict=True)
                if SIDES[b.currentIndex()] != keep}  # fmt: skip

    def _summarise(self) -> None:
        t = self.env.tr.t
        self.summary.setText(t(SUMMARY[self.keep_side()],
                               n=len(self.take()), total=len(self.diffs)))  # fmt: skip

    def submit(self) -> None:
        session, cid, keep, take = self.env.s(), self.conflict_id, self.keep_side(), self.take()
        self.ok.setEnabled(False)

        def done(r: conflicts.Resolved) -> None:
            self.resolved.emit(r)
            self.accept()

        self.env.op(self, lambda: conflicts.resolve(session, cid, keep, take)).success(done).always(
            lambda: self.ok.setEnabled(True)).run(self.env.executor)  # fmt: skip

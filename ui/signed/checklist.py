"""Signed papers of one dossier: the papers p.10 requires (submission, service reference,
vetting information), each not printed / printed, no signed scan / signed scan attached / scan
outdated (with the fields changed since that print); Attach scan… and a viewer of the scans kept
(page flipping and zoom). Read off the GUI thread."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)  # fmt: skip

from app.security.roles import Permission
from app.services import scans
from ui.env import Env
from ui.signed.attach import AttachScanDialog, kind_title
from ui.widgets.common import hint

COLOURS = {scans.State.NOT_PRINTED: "#6b7785", scans.State.PRINTED: "#9a4a00",
           scans.State.SIGNED: "#1e7b34", scans.State.OUTDATED: "#a61b1b"}  # fmt: skip


class ChecklistDialog(QDialog):
    changed = Signal()

    def __init__(self, env: Env, nominee: int, parent: QWidget | None = None, *,
                 title: str = "") -> None:  # fmt: skip
        super().__init__(parent)
        self.env = env
        self.nominee = nominee
        self.name = title
        self.items: list[scans.Item] = []
        self.rows: list[scans.ScanRow] = []
        self.explain = hint()
        self.heading = QLabel()
        self.heading.setObjectName("Heading")
        self.heading.setWordWrap(True)
        self.table = QTableWidget(0, 4)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.count = hint()
        self.attach = QPushButton()
        self.attach.clicked.connect(self.open_attach)
        self.view = QPushButton()
        self.view.clicked.connect(self.open_viewer)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.attach)
        row.addWidget(self.view)
        row.addStretch(1)
        lay = QVBoxLayout(self)
        lay.addWidget(self.heading)
        lay.addWidget(self.explain)
        lay.addWidget(self.table, 1)
        lay.addWidget(self.count)
        lay.addLayout(row)
        lay.addWidget(self.buttons)
        self.setMinimumSize(720, 360)
        self.attach.setEnabled(env.can(Permission.EDIT))
        env.tr.changed.connect(self.retranslate)
        self.retranslate()
        self.load()

    def retranslate(self) -> None:
        t = self.env.tr.t
        self.setWindowTitle(t("ui.signed.checklist_title"))
        self.heading.setText(self.name)
        self.explain.setText(t("ui.signed.checklist_explain"))
        self.attach.setText(t("ui.signed.attach"))
        self.attach.setAccessibleName(t("ui.signed.attach"))
        self.view.setText(t("ui.signed.view"))
        self.view.setAccessibleName(t("ui.signed.view"))
        close = self.buttons.button(QDialogButtonBox.StandardButton.Close)
        if close is not None:
            close.setText(t("ui.signed.close"))
        self.table.setAccessibleName(t("ui.signed.checklist_title"))
        self._show()

    def load(self) -> None:
        session, nid = self.env.s(), self.nominee

        def work() -> tuple[list[scans.Item], list[scans.ScanRow]]:
            return scans.checklist(session, nid), scans.for_nominee(session, nid)

        def done(result: tuple[list[scans.Item], list[scans.ScanRow]]) -> None:
            self.items, self.rows = result
            self._show()

        self.env.op(self, work).success(done).run(self.env.executor)

    def state_text(self, item: scans.Item) -> str:
        return self.env.tr.t(f"scan.state.{item.state.value}")

    def _show(self) -> None:
        t = self.env.tr.t
        self.table.setHorizontalHeaderLabels([t(f"ui.signed.col.{c}")
                                              for c in ("paper", "state", "code", "changed")])  # fmt: skip
        self.table.setRowCount(len(self.items))
        for i, item in enumerate(self.items):
            cells = [kind_title(self.env, item.kind), self.state_text(item), item.code or "—",
                     ", ".join(item.changed)]  # fmt: skip
            for j, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                if j == 1:
                    cell.setForeground(QColor(COLOURS[item.state]))
                self.table.setItem(i, j, cell)
        self.table.resizeRowsToContents()
        self.count.setText(t("ui.signed.scans_kept", n=len(self.rows)))
        self.view.setEnabled(bool(self.rows))

    def open_attach(self) -> AttachScanDialog:
        dlg = AttachScanDialog(self.env, self, nominee=self.nominee)
        dlg.attached.connect(self._attached)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.open()
        return dlg

    def _attached(self, _res: object) -> None:
        self.load()
        self.changed.emit()

    def open_viewer(self) -> ScanViewer | None:
        if not self.rows:
            return None
        dlg = ScanViewer(self.env, self.rows, self)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.open()
        return dlg


class ScanViewer(QDialog):
    """The kept scans of a dossier, page by page, zoomable."""

    ZOOMS = (0.25, 0.35, 0.5, 0.75, 1.0, 1.5)

    def __init__(self, env: Env, rows: list[scans.ScanRow], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.env = env
        self.rows = rows
        self.pages: list[bytes] = []
        self.page = 0
        self.zoom = 2  # index into ZOOMS
        self._gen = 0
        self.which = QComboBox()
        self.which.currentIndexChanged.connect(self.load)
        self.image = QLabel()
        self.image.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.area = QScrollArea()
        self.area.setWidget(self.image)
        self.area.setWidgetResizable(True)
        self.prev = QPushButton()
        self.next = QPushButton()
        self.smaller = QPushButton("−")
        self.larger = QPushButton("+")
        self.where = QLabel()
        self.prev.clicked.connect(lambda: self.flip(-1))
        self.next.clicked.connect(lambda: self.flip(1))
        self.smaller.clicked.connect(lambda: self.scale(-1))
        self.larger.clicked.connect(lambda: self.scale(1))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        bar = QHBoxLayout()
        for w in (self.prev, self.where, self.next):
            bar.addWidget(w)
        bar.addStretch(1)
        bar.addWidget(self.smaller)
        bar.addWidget(self.larger)
        lay = QVBoxLayout(self)
        lay.addWidget(self.which)
        lay.addWidget(self.area, 1)
        lay.addLayout(bar)
        lay.addWidget(self.buttons)
        self.resize(760, 640)
        env.tr.changed.connect(self.retranslate)
        self.retranslate()
        self.load()

    def retranslate(self) -> None:
        t = self.env.tr.t
        self.setWindowTitle(t("ui.signed.viewer_title"))
        self.prev.setText(t("ui.signed.prev"))
        self.next.setText(t("ui.signed.next"))
        self.smaller.setToolTip(t("ui.signed.zoom_out"))
        self.smaller.setAccessibleName(t("ui.signed.zoom_out"))
        self.larger.setToolTip(t("ui.signed.zoom_in"))
        self.larger.setAccessibleName(t("ui.signed.zoom_in"))
        close = self.buttons.button(QDialogButtonBox.StandardButton.Close)
        if close is not None:
            close.setText(t("ui.signed.close"))
        current = max(self.which.currentIndex(), 0)
        self.which.blockSignals(True)
        self.which.clear()
        for r in self.rows:
            state = t("ui.signed.outdated") if r.outdated else ""
            self.which.addItem(f"{r.code} · {kind_title(self.env, r.kind)} · "
                               f"{t('ui.signed.pages', n=r.pages)} {state}".strip())  # fmt: skip
        self.which.setCurrentIndex(min(current, len(self.rows) - 1))
        self.which.blockSignals(False)
        self._show()

    def load(self) -> None:
        i = self.which.currentIndex()
        if i < 0:
            return
        self._gen += 1
        gen, session, sid = self._gen, self.env.s(), self.rows[i].id

        def done(pages: list[bytes]) -> None:
            if gen == self._gen:
                self.pages, self.page = pages, 0
                self._show()

        self.env.op(self, lambda: scans.pages(session, sid)).success(done).run(self.env.executor)

    def flip(self, step: int) -> None:
        if self.pages:
            self.page = max(0, min(len(self.pages) - 1, self.page + step))
            self._show()

    def scale(self, step: int) -> None:
        self.zoom = max(0, min(len(self.ZOOMS) - 1, self.zoom + step))
        self._show()

    def _show(self) -> None:
        t = self.env.tr.t
        n = len(self.pages)
        self.where.setText(t("ui.signed.page_of", page=self.page + 1 if n else 0, total=n))
        self.prev.setEnabled(self.page > 0)
        self.next.setEnabled(self.page < n - 1)
        self.smaller.setEnabled(self.zoom > 0)
        self.larger.setEnabled(self.zoom < len(self.ZOOMS) - 1)
        px = QPixmap()
        if n and px.loadFromData(self.pages[self.page]):
            f = self.ZOOMS[self.zoom]
            self.image.setPixmap(px.scaledToWidth(max(1, int(px.width() * f)),
                                                  Qt.TransformationMode.SmoothTransformation))  # fmt: skip
        else:
            self.image.clear()

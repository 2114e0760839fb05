"""Conflicts: an incoming dossier kept beside a local record edited since it was sent, shown side
by side; Resolve… keeps one version, field by field where they differ (``resolve.py``)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)  # fmt: skip

from app.services import transfer_views as data
from ui import icons
from ui.env import Env
from ui.screens.transfers import common, compare
from ui.widgets.common import hint

PHOTO_H = 120


class ConflictsTab(QWidget):
    counted = Signal(int)  # open conflicts

    def __init__(self, env: Env, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.env = env
        self.rows: list[data.ConflictRow] = []
        self.pair: data.ConflictPair | None = None
        self.note = hint()
        self.list = common.table(stretch=2)
        self.list.itemSelectionChanged.connect(self.show_selected)
        self.only_diff = QCheckBox()
        self.only_diff.setChecked(True)
        self.only_diff.toggled.connect(self._show_pair)
        self.heading = QLabel()
        self.heading.setObjectName("Heading")
        self.local_photo = QLabel()
        self.incoming_photo = QLabel()
        self.local_caption = QLabel()
        self.incoming_caption = QLabel()
        photos = QHBoxLayout()
        for cap, ph in ((self.local_caption, self.local_photo),
                        (self.incoming_caption, self.incoming_photo)):  # fmt: skip
            col = QVBoxLayout()
            col.addWidget(cap)
            col.addWidget(ph)
            photos.addLayout(col)
        photos.addStretch(1)
        self.fields = common.table(stretch=2)
        self.fields.setWordWrap(True)
        self.resolve = QPushButton()
        self.resolve.clicked.connect(self.open_resolve)
        self.resolve.setEnabled(False)
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.resolve)
        rl.addLayout(top)
        rl.addLayout(photos)
        rl.addWidget(self.only_diff)
        rl.addWidget(self.fields, 1)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.list)
        split.addWidget(right)
        split.setSizes([420, 800])
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 6, 0, 0)
        lay.addWidget(self.note)
        lay.addWidget(split, 1)
        env.tr.changed.connect(self.retranslate)
        self.retranslate()

    def retranslate(self) -> None:
        t = self.env.tr.t
        self.note.setText(t("uitransfer.conflict.resolvable"))
        self.resolve.setText(t("uitransfer.resolve.open"))
        self.resolve.setAccessibleName(t("uitransfer.resolve.open"))
        self.only_diff.setText(t("uitransfer.conflict.only_diff"))
        self.only_diff.setAccessibleName(t("uitransfer.conflict.only_diff"))
        self.list.setAccessibleName(t("uitransfer.conflict.list"))
        self.fields.setAccessibleName(t("uitransfer.conflict.compare"))
        self._show_rows()
        self._show_pair()

    def load(self) -> None:
        if self.env.session is None:
            return
        session = self.env.s()
        self.env.op(self, lambda: data.conflicts(session)).success(self._loaded).run(self.env.executor)

    def _loaded(self, rows: list[data.ConflictRow]) -> None:
        self.rows = rows
        self._show_rows()
        self.counted.emit(sum(1 for r in rows if r.resolved is None))
        if not rows:
            self.pair = None
            self._show_pair()

    def _show_rows(self) -> None:
        t = self.env.tr.t
        headers = [t(f"uitransfer.conflict.col.{c}") for c in ("time", "iin", "name", "bundle")]
        rows = [[common.when(r.created), r.iin, r.name, r.bundle_id[:8] + "…"] for r in self.rows]
        common.fill(self.list, headers, rows, [r.id for r in self.rows])

    def show_selected(self) -> None:
        cid = common.row_data(self.list)
        if cid is None or self.env.session is None:
            return
        session = self.env.s()

        def done(pair: data.ConflictPair) -> None:
            self.pair = pair
            self._show_pair()

        self.env.op(self, lambda: data.conflict_pair(session, int(str(cid)))).success(done).run(
            self.env.executor
        )

    def open_resolve(self) -> QWidget | None:
        from app.security.roles import Permission
        from ui.screens.transfers.resolve import ResolveDialog

        p = self.pair
        if p is None or p.row.resolved is not None or p.local is None:
            return None
        if not self.env.can(Permission.EDIT):
            return None
        dlg = ResolveDialog(self.env, p.row.id, f"{p.row.name} · {p.row.iin}", self)
        dlg.resolved.connect(self._resolved)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.open()
        return dlg

    def _resolved(self, _res: object) -> None:
        self.pair = None
        self.load()
        self._show_pair()

    def _show_pair(self) -> None:
        t, p = self.env.tr.t, self.pair
        self.resolve.setEnabled(p is not None and p.row.resolved is None and p.local is not None)
        if p is None:
            self.heading.setText(t("uitransfer.conflict.none") if not self.rows else "")
            self.fields.setRowCount(0)
            for ph in (self.local_photo, self.incoming_photo):
                ph.clear()
            self.local_caption.clear()
            self.incoming_caption.clear()
            return
        self.heading.setText(f"{p.row.name} · {p.row.iin}")
        local = (t("uitransfer.conflict.local", version=p.local_version) if p.local
                 else t("uitransfer.conflict.local_gone"))  # fmt: skip
        incoming = t("uitransfer.conflict.incoming", date=common.when(p.row.created))
        self.local_caption.setText(local)
        self.incoming_caption.setText(incoming)
        self._photo(self.local_photo, p.local.photo if p.local else None)
        self._photo(self.incoming_photo, p.incoming.photo)
        lines = compare.rows(p.local, p.incoming, only_differences=self.only_diff.isChecked())
        headers = [t("uitransfer.conflict.field"), local, incoming]
        common.fill(self.fields, headers,
                    [[compare.label(self.env.tr, k), a, b] for k, a, b in lines])  # fmt: skip
        for i, (_k, a, b) in enumerate(lines):
            if a != b:
                for j in (1, 2):
                    item: QTableWidgetItem | None = self.fields.item(i, j)
                    if item is not None:
                        item.setBackground(QColor("#fdf2e9" if j == 1 else "#eaf2fb"))
                        item.setForeground(QColor(icons.INK))
        header = self.fields.horizontalHeader()
        for j in (1, 2):
            header.setSectionResizeMode(j, header.ResizeMode.Stretch)
        self.fields.resizeRowsToContents()

    def _photo(self, label: QLabel, jpeg: bytes | None) -> None:
        px = QPixmap()
        if jpeg and px.loadFromData(jpeg):
            label.setPixmap(px.scaledToHeight(PHOTO_H, Qt.TransformationMode.SmoothTransformation))
        else:
            label.setText(self.env.tr.t("uitransfer.conflict.no_photo"))

"""What to send: the kind, the peer, and either a quarter (every dossier without blockers not yet
sent) or dossiers picked one by one. The outbox then asks where to write the file."""

from __future__ import annotations

import re

import msgspec
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)  # fmt: skip

from app.services import nominees
from app.store.nominees import Filters, NomineeRow
from app.transfer.kinds import Kind
from app.transfer.peers import Peer
from ui.env import Env
from ui.screens.quarter.common import quarter_choices, quarter_picker
from ui.screens.transfers import common
from ui.widgets.common import hint, primary

KINDS = (Kind.NOMINATIONS.value, Kind.CORRECTIONS.value)
QUARTER = re.compile(r"^[0-9]{4}Q[1-4]$")
PICK_LIMIT = 300


class Request(msgspec.Struct, frozen=True, kw_only=True):
    kind: str
    peer: Peer
    quarter: str = ""
    nominee_ids: tuple[int, ...] = ()


class ExportDialog(QDialog):
    def __init__(self, env: Env, peers: list[Peer], quarter: str,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.env = env
        self.peers = [p for p in peers if p.active]
        self.kind = QComboBox()
        self.peer = QComboBox()
        self.by_quarter = QRadioButton()
        self.by_pick = QRadioButton()
        self.mode = QButtonGroup(self)
        self.mode.addButton(self.by_quarter)
        self.mode.addButton(self.by_pick)
        self.by_quarter.setChecked(True)
        # picked, never typed: the current quarter, the next, and the one asked for
        now = quarter if QUARTER.match(quarter) else ""
        self.quarter = quarter_picker(quarter_choices(now, []) if now else [], now)
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.picks = QListWidget()
        self.picks.setMinimumHeight(220)
        self.picked_count = hint()
        self.explain = hint()
        self.labels = {k: QLabel() for k in ("kind", "peer", "quarter")}
        self.buttons = QDialogButtonBox()
        self.ok = primary(self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole))
        self.cancel = self.buttons.addButton("", QDialogButtonBox.ButtonRole.RejectRole)
        self.ok.clicked.connect(self.submit)
        self.cancel.clicked.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.labels["kind"], self.kind)
        form.addRow(self.labels["peer"], self.peer)
        self.labels["kind"].setBuddy(self.kind)
        self.labels["peer"].setBuddy(self.peer)
        form.addRow(self.by_quarter)
        form.addRow(self.labels["quarter"], self.quarter)
        self.labels["quarter"].setBuddy(self.quarter)
        form.addRow(self.by_pick)
        lay = QVBoxLayout(self)
        lay.addWidget(self.explain)
        lay.addLayout(form)
        lay.addWidget(self.search)
        lay.addWidget(self.picks, 1)
        lay.addWidget(self.picked_count)
        lay.addWidget(self.buttons)
        self.setMinimumWidth(600)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(200)
        self._debounce.timeout.connect(self.load_picks)
        self.search.textChanged.connect(lambda _t: self._debounce.start())
        self.picks.itemChanged.connect(lambda _i: self._valid())
        self.by_quarter.toggled.connect(self._mode)
        self.quarter.currentIndexChanged.connect(self._valid)
        self.kind.currentIndexChanged.connect(self._valid)
        self.peer.currentIndexChanged.connect(self._valid)
        self.retranslate()
        self._mode()

    def retranslate(self) -> None:
        t = self.env.tr.t
        self.setWindowTitle(t("uitransfer.export.title"))
        self.explain.setText(t("uitransfer.export.explain"))
        self.labels["kind"].setText(t("uitransfer.export.kind"))
        self.labels["peer"].setText(t("uitransfer.export.peer"))
        self.labels["quarter"].setText(t("uitransfer.export.quarter"))
        self.by_quarter.setText(t("uitransfer.export.by_quarter"))
        self.by_pick.setText(t("uitransfer.export.by_pick"))
        self.search.setPlaceholderText(t("uitransfer.export.search"))
        for w, key in ((self.kind, "kind"), (self.peer, "peer"), (self.quarter, "quarter"),
                       (self.search, "search"), (self.picks, "picks")):  # fmt: skip
            w.setAccessibleName(t(f"uitransfer.export.{key}"))
        self.kind.clear()
        for k in KINDS:
            self.kind.addItem(common.kind_text(self.env.tr, k), k)
        self.peer.clear()
        for p in self.peers:
            self.peer.addItem(common.peer_text(self.env.tr, p.id, p.role), p.id)
        self.ok.setText(t("uitransfer.export.next"))
        self.cancel.setText(t("ui.common.cancel"))

    def _mode(self) -> None:
        pick = self.by_pick.isChecked()
        self.quarter.setEnabled(not pick)
        self.search.setEnabled(pick)
        self.picks.setEnabled(pick)
        if pick and self.picks.count() == 0:
            self.load_picks()
        self._valid()

    def load_picks(self) -> None:
        if self.env.session is None:
            return
        session, text = self.env.s(), self.search.text().strip()
        checked = set(self.checked_ids())

        def work() -> list[NomineeRow]:
            f = Filters(search=text if len(text) >= 2 else "", findings="nominable")
            return nominees.rows(session, f, limit=PICK_LIMIT)

        def done(rows: list[NomineeRow]) -> None:
            self.picks.blockSignals(True)
            self.picks.clear()
            for r in rows:
                label = f"{r.surname} {r.given_name} {r.patronymic} · {r.iin} · {r.quarter}"
                item = QListWidgetItem(label.strip())
                item.setData(Qt.ItemDataRole.UserRole, r.id)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Checked if r.id in checked
                                   else Qt.CheckState.Unchecked)  # fmt: skip
                self.picks.addItem(item)
            self.picks.blockSignals(False)
            self._valid()

        self.env.op(self, work).success(done).run(self.env.executor)

    def checked_ids(self) -> list[int]:
        out = []
        for i in range(self.picks.count()):
            item = self.picks.item(i)
            if item.checkState() == Qt.CheckState.Checked:
                out.append(int(item.data(Qt.ItemDataRole.UserRole)))
        return out

    def _valid(self) -> None:
        n = len(self.checked_ids())
        self.picked_count.setText(self.env.tr.t("uitransfer.export.picked", count=n))
        self.picked_count.setVisible(self.by_pick.isChecked())
        ok = self.peer.currentIndex() >= 0 and self.kind.currentIndex() >= 0
        if self.by_pick.isChecked():
            ok = ok and n > 0
        else:
            ok = ok and bool(QUARTER.match(self.quarter.currentText()))
        self.ok.setEnabled(ok)

    def request(self) -> Request:
        peer = self.peers[self.peer.currentIndex()]
        if self.by_pick.isChecked():
            return Request(kind=self.kind.currentData(), peer=peer,
                           nominee_ids=tuple(self.checked_ids()))  # fmt: skip
        return Request(kind=self.kind.currentData(), peer=peer, quarter=self.quarter.currentText())

    def submit(self) -> None:
        if self.ok.isEnabled():
            self.accept()

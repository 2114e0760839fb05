"""Pin a peer: its identity card from the stick, and the fingerprint typed from paper (or read
aloud by the peer's clerk). The service refuses it unless the two match."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)  # fmt: skip

from app.errors import RezervError
from app.services import transfer
from app.transfer.peers import Peer
from ui.env import Env
from ui.screens.transfers.files import FileChooser
from ui.widgets.common import banner, hint, primary


class AddPeerDialog(QDialog):
    added = Signal(object)  # Peer

    def __init__(self, env: Env, files: FileChooser, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.env, self.files = env, files
        self.card_path = QLineEdit()
        self.card_path.setReadOnly(True)
        self.choose = QPushButton()
        self.choose.clicked.connect(self.choose_card)
        self.fingerprint = QLineEdit()
        self.fingerprint.setPlaceholderText("XXXX-XXXX-XXXX-XXXX-XXXX")
        self.fingerprint.setMaxLength(64)
        self.fingerprint.textChanged.connect(self._valid)
        self.card_label = QLabel()
        self.fp_label = QLabel()
        self.explain = hint()
        self.error = banner()
        self.buttons = QDialogButtonBox()
        self.ok = primary(self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole))
        self.cancel = self.buttons.addButton("", QDialogButtonBox.ButtonRole.RejectRole)
        self.ok.clicked.connect(self.submit)
        self.cancel.clicked.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.card_path, 1)
        row.addWidget(self.choose)
        form = QFormLayout()
        form.addRow(self.card_label, row)
        form.addRow(self.fp_label, self.fingerprint)
        self.card_label.setBuddy(self.choose)
        self.fp_label.setBuddy(self.fingerprint)
        lay = QVBoxLayout(self)
        lay.addWidget(self.explain)
        lay.addLayout(form)
        lay.addWidget(self.error)
        lay.addWidget(self.buttons)
        self.setMinimumWidth(560)
        self.retranslate()
        self._valid()

    def retranslate(self) -> None:
        t = self.env.tr.t
        self.setWindowTitle(t("uitransfer.peer.title"))
        self.explain.setText(t("uitransfer.peer.explain"))
        self.card_label.setText(t("uitransfer.peer.card"))
        self.fp_label.setText(t("uitransfer.peer.fingerprint"))
        self.choose.setText(t("uitransfer.peer.choose"))
        self.choose.setAccessibleName(t("uitransfer.peer.choose"))
        self.card_path.setAccessibleName(t("uitransfer.peer.card"))
        self.fingerprint.setAccessibleName(t("uitransfer.peer.fingerprint"))
        self.ok.setText(t("uitransfer.peer.pin"))
        self.ok.setAccessibleName(t("uitransfer.peer.pin"))
        self.cancel.setText(t("ui.common.cancel"))

    def choose_card(self) -> None:
        path = self.files.open_card(self)
        if path:
            self.card_path.setText(path)
            self.fingerprint.setFocus()
        self._valid()

    def _valid(self) -> None:
        typed = "".join(ch for ch in self.fingerprint.text() if ch.isalnum())
        self.ok.setEnabled(bool(self.card_path.text()) and len(typed) >= 20)

    def submit(self) -> None:
        if not self.ok.isEnabled():
            return
        session = self.env.s()
        path, typed = Path(self.card_path.text()), self.fingerprint.text()
        self.ok.setEnabled(False)
        self.error.hide()

        def done(peer: Peer) -> None:
            self.added.emit(peer)
            self.accept()

        def failed(e: BaseException) -> None:
            self.error.setText(self.env.tr.error(e))
            self.error.show()
            if isinstance(e, RezervError) and e.key == "peer.fingerprint_mismatch":
                self.fingerprint.setFocus()
                self.fingerprint.selectAll()
            self._valid()

        self.env.op(self, lambda: transfer.add_peer(session, path, typed), report=False).success(
            done
        ).failure(failed).run(self.env.executor)

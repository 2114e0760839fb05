"""This workstation's identity (fingerprint to read aloud, card to save) and the pinned peers."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)  # fmt: skip

from app.security.roles import Permission
from app.services import transfer
from app.transfer.identity import Card
from app.transfer.peers import Peer
from ui import icons
from ui.env import Env
from ui.screens.transfers import common
from ui.screens.transfers.files import FileChooser
from ui.widgets.common import busy_bar, hint


class TrustTab(QWidget):
    peers_changed = Signal()

    def __init__(self, env: Env, files: FileChooser, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.env, self.files = env, files
        self.card: Card | None = None
        self.peers: list[Peer] = []
        self.last_saved = ""
        self.ident_box = QGroupBox()
        self.ident_id = QLabel()
        self.ident_role = QLabel()
        self.fp_label = QLabel()
        self.fingerprint = QLabel()
        mono = QFont("monospace")
        mono.setStyleHint(QFont.StyleHint.TypeWriter)
        mono.setPointSizeF(mono.pointSizeF() * 1.6 if mono.pointSizeF() > 0 else 16)
        mono.setBold(True)
        self.fingerprint.setFont(mono)
        for lbl in (self.ident_id, self.fingerprint):
            lbl.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                        | Qt.TextInteractionFlag.TextSelectableByKeyboard)  # fmt: skip
            lbl.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.fp_hint = hint()
        self.save_card = QPushButton(icons.icon("copy"), "")
        self.save_card.clicked.connect(self.export_card)
        self.saved = hint()
        ident = QVBoxLayout(self.ident_box)
        ident.addWidget(self.ident_id)
        ident.addWidget(self.ident_role)
        ident.addWidget(self.fp_label)
        ident.addWidget(self.fingerprint)
        ident.addWidget(self.fp_hint)
        row = QHBoxLayout()
        row.addWidget(self.save_card)
        row.addWidget(self.saved, 1)
        ident.addLayout(row)

        self.peers_box = QGroupBox()
        self.table = common.table(stretch=2)
        self.table.itemSelectionChanged.connect(self._buttons)
        self.add = QPushButton(icons.icon("add"), "")
        self.add.clicked.connect(self.add_peer)
        self.revoke = QPushButton(icons.icon("delete"), "")
        self.revoke.clicked.connect(self.revoke_peer)
        self.peers_hint = hint()
        buttons = QHBoxLayout()
        buttons.addWidget(self.peers_hint, 1)
        buttons.addWidget(self.revoke)
        buttons.addWidget(self.add)
        peers = QVBoxLayout(self.peers_box)
        peers.addWidget(self.table, 1)
        peers.addLayout(buttons)
        self.bar = busy_bar()
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 6, 0, 0)
        lay.addWidget(self.ident_box)
        lay.addWidget(self.bar)
        lay.addWidget(self.peers_box, 1)
        env.tr.changed.connect(self.retranslate)
        self.retranslate()

    def retranslate(self) -> None:
        t = self.env.tr.t
        self.ident_box.setTitle(t("uitransfer.identity.title"))
        self.fp_label.setText(t("uitransfer.identity.fingerprint"))
        self.fp_hint.setText(t("uitransfer.identity.fingerprint_hint"))
        self.fingerprint.setAccessibleName(t("uitransfer.identity.fingerprint"))
        self.ident_id.setAccessibleName(t("uitransfer.identity.id_name"))
        self.save_card.setText(t("uitransfer.identity.save_card"))
        self.save_card.setAccessibleName(t("uitransfer.identity.save_card"))
        self.peers_box.setTitle(t("uitransfer.peers.title"))
        self.table.setAccessibleName(t("uitransfer.peers.title"))
        self.add.setText(t("uitransfer.peers.add"))
        self.add.setAccessibleName(t("uitransfer.peers.add"))
        self.revoke.setText(t("uitransfer.peers.revoke"))
        self.revoke.setAccessibleName(t("uitransfer.peers.revoke"))
        if self.last_saved:
            self.saved.setText(t("uitransfer.identity.saved", path=self.last_saved))
        self._show_identity()
        self._show_peers()

    # --- loading -------------------------------------------------------------------------------
    def load(self) -> None:
        if self.env.session is None:
            return
        session = self.env.s()

        def work() -> tuple[Card, list[Peer]]:
            return transfer.show_identity(session), transfer.list_peers(session)

        def done(result: tuple[Card, list[Peer]]) -> None:
            self.card, self.peers = result
            self._show_identity()
            self._show_peers()

        self.env.op(self, work).success(done).run(self.env.executor)

    def _show_identity(self) -> None:
        t, c = self.env.tr.t, self.card
        self.ident_id.setText(t("uitransfer.identity.id", id=c.id if c else "…"))
        role = t(f"ui.workstation.{c.role}") if c else "…"
        self.ident_role.setText(t("uitransfer.identity.role", role=role))
        self.fingerprint.setText(common.spaced_fingerprint(c.fingerprint) if c else "…")
        self.save_card.setEnabled(c is not None)

    def _show_peers(self) -> None:
        t = self.env.tr.t
        headers = [t(f"uitransfer.peers.col.{c}") for c in
                   ("workstation", "id", "fingerprint", "added", "state")]  # fmt: skip
        rows, colors = [], []
        for p in self.peers:
            state = (t("uitransfer.peers.revoked", date=common.when(p.revoked)) if p.revoked
                     else t("uitransfer.peers.active"))  # fmt: skip
            rows.append([t(f"ui.workstation.{p.role}"), p.id, p.fingerprint,
                         t("uitransfer.peers.added_by", date=common.when(p.added), user=p.added_by),
                         state])  # fmt: skip
            colors.append(icons.BLOCKER if p.revoked else None)
        common.fill(self.table, headers, rows, [p.id for p in self.peers], colors)
        # what to do first: no peer yet means no bundle can be sent or opened
        if not self.env.can(Permission.MANAGE_USERS):
            self.peers_hint.setText(t("uitransfer.peers.supervisor_only"))
        elif not any(not p.revoked for p in self.peers):
            self.peers_hint.setText(t("ui.transfers.no_peers_first", add=t("uitransfer.peers.add")))
        else:
            self.peers_hint.setText("")
        self._buttons()

    def _buttons(self) -> None:
        manage = self.env.can(Permission.MANAGE_USERS)
        self.add.setEnabled(manage)
        peer = self.selected_peer()
        self.revoke.setEnabled(manage and peer is not None and peer.active)

    def selected_peer(self) -> Peer | None:
        pid = common.row_data(self.table)
        return next((p for p in self.peers if p.id == pid), None)

    # --- actions -------------------------------------------------------------------------------
    def export_card(self) -> None:
        if self.card is None:
            return
        suggested = f"rezerv-card-{self.card.role}-{self.card.id[:8]}.json"
        path = self.files.save_card(self, suggested)
        if path:
            self.write_card(Path(path))

    def write_card(self, path: Path) -> None:
        session = self.env.s()

        def done(_card: Card) -> None:
            self.last_saved = str(path)
            self.saved.setText(self.env.tr.t("uitransfer.identity.saved", path=str(path)))

        self.env.op(self, lambda: transfer.export_identity(session, path)).success(done).run(
            self.env.executor
        )

    def add_peer(self) -> None:
        if not self.env.allowed(self, Permission.MANAGE_USERS):
            return
        if not self.env.can(Permission.MANAGE_USERS):
            return
        from ui.screens.transfers.peer_dialog import AddPeerDialog

        self.dialog = AddPeerDialog(self.env, self.files, self)
        self.dialog.added.connect(self._added)
        self.dialog.open()

    def _added(self, _peer: Peer) -> None:
        self.load()
        self.peers_changed.emit()

    def revoke_peer(self) -> None:
        if not self.env.allowed(self, Permission.MANAGE_USERS):
            return
        peer = self.selected_peer()
        if peer is None or not peer.active or not self.env.can(Permission.MANAGE_USERS):
            return
        t = self.env.tr.t
        text = t("uitransfer.peers.confirm_revoke", workstation=t(f"ui.workstation.{peer.role}"),
                 id=peer.id, fingerprint=peer.fingerprint)  # fmt: skip
        if not self.env.dialogs.confirm(self, text):
            return
        session = self.env.s()
        self.env.op(self, lambda: transfer.revoke_peer(session, peer.id)).success(
            lambda _p: self._added(_p)
        ).run(self.env.executor)

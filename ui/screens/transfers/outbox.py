"""Outbox: export a nominations or corrections bundle to a peer (written and verified in the
background, as a percentage with a Cancel button: a cancelled export leaves no file and marks
nothing sent), and every bundle sent from here with its receipt state."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.security.roles import Permission
from app.services import transfer, transfer_bundles
from app.services import transfer_views as data
from app.services.transfer_bundles import ExportResult
from app.transfer.peers import Peer
from ui import icons
from ui.env import Env
from ui.screens.transfers import common
from ui.screens.transfers.export_dialog import ExportDialog, Request
from ui.screens.transfers.files import FileChooser
from ui.widgets.common import hint, primary
from ui.widgets.progress import ProgressPanel


class OutboxTab(QWidget):
    exported = Signal(object)  # ExportResult

    def __init__(self, env: Env, files: FileChooser, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.env, self.files = env, files
        self.rows: list[data.BundleRow] = []
        self.result: ExportResult | None = None
        self.busy = False
        self.new = primary(QPushButton(icons.icon("add", "#ffffff"), ""))
        self.new.clicked.connect(self.start_export)
        self.again = QPushButton(icons.icon("copy"), "")
        self.again.clicked.connect(self.write_again)
        self.panel = ProgressPanel(env.tr)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.panel.cancel_requested.connect(
            lambda: self.status.setText(self.env.tr.t("ui.progress.cancelling")))
        self.help = hint()
        self.table = common.table(stretch=3)
        self.table.itemSelectionChanged.connect(self._buttons)
        top = QHBoxLayout()
        top.addWidget(self.help, 1)
        top.addWidget(self.again)
        top.addWidget(self.new)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 6, 0, 0)
        lay.addLayout(top)
        lay.addWidget(self.panel)
        lay.addWidget(self.status)
        lay.addWidget(self.table, 1)
        env.tr.changed.connect(self.retranslate)
        self.retranslate()

    def retranslate(self) -> None:
        t = self.env.tr.t
        self.help.setText(t("uitransfer.outbox.help"))
        self.new.setText(t("uitransfer.outbox.new"))
        self.new.setAccessibleName(t("uitransfer.outbox.new"))
        self.new.setToolTip(t("uitransfer.outbox.new") + " (Ctrl+E)")
        self.again.setText(t("uitransfer.outbox.again"))
        self.again.setAccessibleName(t("uitransfer.outbox.again"))
        self.table.setAccessibleName(t("uitransfer.outbox.table"))
        self._show_result()
        self._show_rows()

    # --- the list ------------------------------------------------------------------------------
    def load(self) -> None:
        if self.env.session is None:
            return
        session = self.env.s()
        self.env.op(self, lambda: data.bundles(session, "out")).success(self._loaded).run(self.env.executor)

    def _loaded(self, rows: list[data.BundleRow]) -> None:
        self.rows = rows
        self._show_rows()

    def _state(self, r: data.BundleRow) -> tuple[str, str | None]:
        t = self.env.tr.t
        if r.kind == "receipt":
            return t("uitransfer.outbox.state.receipt"), None
        if r.acked:
            return t("uitransfer.outbox.state.acked", date=common.when(r.acked)), icons.OK
        return t("uitransfer.outbox.state.waiting"), icons.WARNING

    def _show_rows(self) -> None:
        t = self.env.tr.t
        headers = [t(f"uitransfer.bundles.col.{c}") for c in
                   ("state", "time", "kind", "peer", "seq", "dossiers", "id")]  # fmt: skip
        rows, colors = [], []
        for r in self.rows:
            state, color = self._state(r)
            rows.append([state, common.when(r.processed), common.kind_text(self.env.tr, r.kind),
                         common.peer_text(self.env.tr, r.peer_id, r.peer_role), str(r.seq),
                         str(r.dossiers), r.id])  # fmt: skip
            colors.append(color)
        common.fill(self.table, headers, rows, [r.id for r in self.rows], colors)
        self._buttons()

    def _buttons(self) -> None:
        can = self.env.can(Permission.EXCHANGE) and not self.busy
        self.new.setEnabled(can)
        row = self.selected()
        self.again.setEnabled(can and row is not None and row.stored)

    def selected(self) -> data.BundleRow | None:
        bid = common.row_data(self.table)
        return next((r for r in self.rows if r.id == bid), None)

    # --- export --------------------------------------------------------------------------------
    def start_export(self) -> None:
        if not self.env.allowed(self, Permission.EXCHANGE):
            return
        if not self.env.can(Permission.EXCHANGE) or self.busy:
            return
        session = self.env.s()

        def work() -> tuple[list[Peer], str]:
            return transfer.list_peers(session), data.current_quarter(session)

        self.env.op(self, work).success(lambda r: self._ask(*r)).run(self.env.executor)

    def _ask(self, peers: list[Peer], quarter: str) -> None:
        if not any(p.active for p in peers):
            self.env.dialogs.error(self, self.env.tr.t("uitransfer.outbox.no_peers"))
            return
        self.dialog = ExportDialog(self.env, peers, quarter, self)
        self.dialog.accepted.connect(lambda: self._chosen(self.dialog.request()))
        self.dialog.open()

    def _chosen(self, req: Request) -> None:
        what = req.quarter or f"{len(req.nominee_ids)}"
        suggested = f"{req.kind}-{what}-{req.peer.role}-{req.peer.id[:8]}.rzv"
        path = self.files.save_bundle(self, suggested)
        if path:
            self.export(req, Path(path))

    def export(self, req: Request, out: Path) -> None:
        """Seal, write atomically and verify the written file, off the GUI thread."""
        session = self.env.s()
        progress = self.panel.start()
        self._busy(True, self.env.tr.t("uitransfer.outbox.working", path=str(out)))

        def work() -> ExportResult:
            return transfer_bundles.export_bundle(
                session, kind=req.kind, peer_id=req.peer.id, out=out, quarter=req.quarter,
                nominee_ids=req.nominee_ids, progress=progress,
            )  # fmt: skip

        def done(r: ExportResult) -> None:
            self.busy = False
            self.panel.finish()
            self.result = r
            self._show_result()
            self.load()
            self.exported.emit(r)

        def failed(e: BaseException) -> None:
            cancelled = self.panel.cancelled()
            self.panel.finish()
            if cancelled:  # asked for: not an error
                self.status.setText(self.env.tr.t("ui.progress.cancelled"))
                self.status.setStyleSheet("")
                return
            self.status.setText(self.env.tr.error(e))
            self.status.setStyleSheet(f"color: {icons.BLOCKER}; font-weight: 600;")
            self.env.dialogs.error(self, self.env.tr.error(e))

        self.env.op(self, work, report=False).success(done).failure(failed).always(
            lambda: self._busy(False)
        ).run(self.env.executor)

    def _busy(self, on: bool, text: str = "") -> None:
        self.busy = on
        if on:
            self.status.setText(text)
            self.status.setStyleSheet("")
        self._buttons()

    def _show_result(self) -> None:
        r = self.result
        if r is None or self.busy:
            return
        self.status.setText(self.env.tr.t(
            "uitransfer.outbox.done", count=r.count, kind=common.kind_text(self.env.tr, r.kind),
            path=r.path, seq=r.seq, size=f"{r.size / 1024:.0f}"))  # fmt: skip
        self.status.setStyleSheet(f"color: {icons.OK}; font-weight: 600;")

    def write_again(self) -> None:
        if not self.env.allowed(self, Permission.EXCHANGE):
            return
        row = self.selected()
        if row is None or not row.stored or self.busy:
            return
        path = self.files.save_bundle(self, f"receipt-{row.peer_role}-{row.id[:8]}.rzv")
        if not path:
            return
        session, out = self.env.s(), Path(path)

        def done(_n: int) -> None:
            self.status.setText(self.env.tr.t("uitransfer.outbox.again_done", path=str(out)))
            self.status.setStyleSheet(f"color: {icons.OK}; font-weight: 600;")

        self.env.op(self, lambda: transfer_bundles.write_outbox(session, row.id, out)).success(done).run(
            self.env.executor
        )

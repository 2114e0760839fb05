"""Inbox: choose a bundle file, inspect it in the background, preview every change, apply only
after confirmation; and every bundle received here."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.security.roles import Permission
from app.services import transfer_bundles
from app.services import transfer_views as data
from app.services.transfer_bundles import ImportResult, Inspection
from ui import icons
from ui.env import Env
from ui.screens.transfers import common
from ui.screens.transfers.files import FileChooser
from ui.screens.transfers.preview import PreviewDialog
from ui.widgets.common import hint, primary
from ui.widgets.progress import ProgressPanel


class InboxTab(QWidget):
    inspected = Signal(object)  # PreviewDialog, opened
    applied = Signal(object)  # ImportResult

    def __init__(self, env: Env, files: FileChooser, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.env, self.files = env, files
        self.rows: list[data.BundleRow] = []
        self.preview: PreviewDialog | None = None
        self.last_error: BaseException | None = None  # the last refusal before any preview
        self.busy = False
        self.open_button = primary(QPushButton(icons.icon("eye", "#ffffff"), ""))
        self.open_button.clicked.connect(self.choose)
        self.panel = ProgressPanel(env.tr)  # checking a bundle: a percentage and Cancel
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.panel.cancel_requested.connect(
            lambda: self.status.setText(self.env.tr.t("ui.progress.cancelling")))
        self.help = hint()
        self.table = common.table(stretch=2)
        top = QHBoxLayout()
        top.addWidget(self.help, 1)
        top.addWidget(self.open_button)
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
        self.help.setText(t("uitransfer.inbox.help"))
        self.open_button.setText(t("uitransfer.inbox.open"))
        self.open_button.setAccessibleName(t("uitransfer.inbox.open"))
        self.open_button.setToolTip(t("uitransfer.inbox.open") + " (Ctrl+O)")
        self.table.setAccessibleName(t("uitransfer.inbox.table"))
        self._show_rows()
        self._buttons()

    def load(self) -> None:
        if self.env.session is None:
            return
        session = self.env.s()
        self.env.op(self, lambda: data.bundles(session, "in")).success(self._loaded).run(self.env.executor)

    def _loaded(self, rows: list[data.BundleRow]) -> None:
        self.rows = rows
        self._show_rows()

    def _show_rows(self) -> None:
        t, tr = self.env.tr.t, self.env.tr
        headers = [t(f"uitransfer.bundles.col.{c}") for c in
                   ("time", "kind", "sender", "seq", "dossiers", "id")]  # fmt: skip
        rows = [[common.when(r.processed), common.kind_text(tr, r.kind),
                 common.peer_text(tr, r.peer_id, r.peer_role), str(r.seq), str(r.dossiers), r.id]
                for r in self.rows]  # fmt: skip
        common.fill(self.table, headers, rows, [r.id for r in self.rows])

    def _buttons(self) -> None:
        self.open_button.setEnabled(self.env.can(Permission.EXCHANGE) and not self.busy)

    def choose(self) -> None:
        if not self.env.allowed(self, Permission.EXCHANGE):
            return
        if not self.env.can(Permission.EXCHANGE) or self.busy:
            return
        path = self.files.open_bundle(self)
        if path:
            self.inspect(Path(path))

    def inspect(self, path: Path) -> None:
        """Decrypt and check in the background, as a percentage with Cancel; a refusal is shown,
        nothing is applied."""
        session = self.env.s()
        progress = self.panel.start()
        self._busy(True, self.env.tr.t("uitransfer.inbox.checking", name=path.name))

        def work() -> tuple[Inspection, str]:
            digest = data.file_digest(path)
            return transfer_bundles.inspect_bundle(session, path, progress=progress), digest

        def done(result: tuple[Inspection, str]) -> None:
            self.panel.finish()
            ins, digest = result
            self.last_error = None
            self.status.setText("")
            self.preview = PreviewDialog(self.env, ins, path, digest, self)
            self.preview.applied.connect(self._applied)
            self.preview.open()
            self.inspected.emit(self.preview)

        def failed(e: BaseException) -> None:
            cancelled = self.panel.cancelled()
            self.panel.finish()
            self.preview = None
            if cancelled:  # asked for: not a refusal
                self.status.setText(self.env.tr.t("ui.progress.cancelled"))
                self.status.setStyleSheet("")
                return
            self.last_error = e
            text = self.env.tr.error(e)
            self.status.setText(self.env.tr.t("uitransfer.inbox.refused", name=path.name,
                                              reason=text))  # fmt: skip
            self.status.setStyleSheet(f"color: {icons.BLOCKER}; font-weight: 600;")
            self.env.dialogs.error(self, text)

        self.env.op(self, work, report=False).success(done).failure(failed).always(
            lambda: self._busy(False)
        ).run(self.env.executor)

    def _busy(self, on: bool, text: str = "") -> None:
        self.busy = on
        if on:
            self.status.setText(text)
            self.status.setStyleSheet("")
        self._buttons()

    def _applied(self, r: ImportResult) -> None:
        self.load()
        self.applied.emit(r)

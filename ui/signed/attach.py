"""Attach a signed paper's scan: a file chosen, read off the GUI thread (``ui.ops``) with the
pages done as a percentage and a Cancel button; the outcome in one translated line (attached;
attached but the signed version is outdated, naming the fields changed; refused). Cancelling
changes nothing: the service stores a scan only once every page has been read."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)  # fmt: skip

from app.errors import RezervError
from app.services import scans
from ui.env import Env
from ui.widgets.common import hint, primary
from ui.widgets.progress import ProgressPanel


def kind_title(env: Env, kind: str) -> str:
    from app.documents import KINDS

    return env.tr.t(KINDS[kind].title_key) if kind in KINDS else kind


class AttachScanDialog(QDialog):
    attached = Signal(object)  # scans.Attached

    def __init__(self, env: Env, parent: QWidget | None = None, *, nominee: int | None = None,
                 choose: Callable[[QWidget], str | None] | None = None,
                 kind: str = "") -> None:  # fmt: skip
        super().__init__(parent)
        self.env = env
        self.nominee = nominee
        self.kind = kind  # the document kind expected here ('' any): the Decisions screen's sheet
        self.choose = choose or self._choose
        self.result_: scans.Attached | None = None
        self._busy = False
        self.explain = hint()
        self.file = QLabel()
        self.file.setWordWrap(True)
        self.file.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.pick = QPushButton()
        self.pick.clicked.connect(self.pick_file)
        self.panel = ProgressPanel(env.tr, button=False)  # the dialog's own Cancel stops it
        self.progress = self.panel.bar
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.buttons = QDialogButtonBox()
        self.cancel = self.buttons.addButton("", QDialogButtonBox.ButtonRole.RejectRole)
        self.done_btn = primary(self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole))
        self.cancel.clicked.connect(self.cancel_or_close)
        self.done_btn.clicked.connect(self.accept)
        self.done_btn.setVisible(False)
        row = QHBoxLayout()
        row.addWidget(self.pick)
        row.addWidget(self.file, 1)
        lay = QVBoxLayout(self)
        lay.addWidget(self.explain)
        lay.addLayout(row)
        lay.addWidget(self.panel)
        lay.addWidget(self.status)
        lay.addStretch(1)
        lay.addWidget(self.buttons)
        self.setMinimumWidth(560)
        env.tr.changed.connect(self.retranslate)
        self.retranslate()

    def retranslate(self) -> None:
        t = self.env.tr.t
        self.setWindowTitle(t("ui.signed.attach_title"))
        self.explain.setText(t("ui.signed.attach_sheet_explain" if self.kind == "decision-sheet"
                               else "ui.signed.attach_explain"))  # fmt: skip
        self.pick.setText(t("ui.signed.choose_file"))
        self.pick.setAccessibleName(t("ui.signed.choose_file"))
        self.progress.setAccessibleName(t("ui.signed.progress"))
        self.cancel.setText(t("ui.signed.cancel") if self._busy else t("ui.signed.close"))
        self.done_btn.setText(t("ui.signed.done"))

    def _choose(self, parent: QWidget) -> str | None:
        t = self.env.tr.t
        pattern = "*.pdf *.PDF *.jpg *.jpeg *.JPG *.JPEG *.png *.PNG *.tif *.tiff *.TIF *.TIFF"
        path, _ = QFileDialog.getOpenFileName(parent, t("ui.signed.choose_title"), "",
                                              f"{t('ui.signed.scan_files')} ({pattern})")  # fmt: skip
        return path or None

    def pick_file(self) -> None:
        if self._busy:
            return
        path = self.choose(self)
        if path:
            self.start(path)

    def start(self, path: str) -> None:
        """Read and attach ``path`` off the GUI thread."""
        session = self.env.s()
        nominee, kind = self.nominee, self.kind
        progress = self.panel.start()  # busy until the first page tells how many there are
        self._set_busy(True)
        self.file.setText(Path(path).name)
        self.status.setText(self.env.tr.t("ui.signed.reading"))
        (self.env.op(self, lambda: scans.attach_file(session, path, nominee=nominee,
                                                     progress=progress, kind=kind), report=False)
         .success(self._attached).failure(self._failed).run(self.env.executor))  # fmt: skip

    def _attached(self, res: scans.Attached) -> None:
        t = self.env.tr.t
        self._set_busy(False)
        self.result_ = res
        self.panel.finish(full=True)
        line = t("scan.attached", code=res.code, kind=kind_title(self.env, res.kind), pages=res.pages)
        if res.outdated:
            line += "\n" + t("scan.outdated", fields=", ".join(res.changed) or "—")
            self.status.setStyleSheet("color:#9a4a00;")
        else:
            self.status.setStyleSheet("")
        self.status.setText(line)
        self.done_btn.setVisible(True)
        self.attached.emit(res)

    def _failed(self, e: BaseException) -> None:
        cancelled = self.panel.cancelled()
        self._set_busy(False)
        self.panel.finish()
        self.status.setStyleSheet("color:#a61b1b;" if not cancelled else "")
        self.status.setText(self.env.tr.error(e) if isinstance(e, RezervError)
                            else self.env.tr.t("ui.signed.failed"))  # fmt: skip

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.pick.setEnabled(not busy)
        self.retranslate()

    def cancel_or_close(self) -> None:
        if self._busy:
            self.panel.cancel()  # the worker stops after the page it is reading
            self.status.setText(self.env.tr.t("ui.signed.cancelling"))
            return
        self.reject()

    def reject(self) -> None:
        self.panel.cancel()
        super().reject()

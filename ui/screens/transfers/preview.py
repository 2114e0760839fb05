"""What an import will do, before it does it: sender, kind, counts, warnings and every change.
Nothing is applied until the clerk confirms; then the import runs in the background as a
percentage, the dialog's Cancel stopping it with nothing stored (the bundle can be imported
again), and the dialog shows where the receipt for the sender was written."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QListWidget,
    QVBoxLayout,
    QWidget,
)  # fmt: skip

from app.errors import InvalidInput
from app.services import transfer_bundles
from app.services import transfer_views as data
from app.services.transfer_bundles import ImportResult, Inspection
from ui import fit, icons
from ui.env import Env
from ui.screens.transfers import common
from ui.widgets.common import banner, primary
from ui.widgets.progress import ProgressPanel

ALARM = "bundle.checkpoint_backwards"


class PreviewDialog(QDialog):
    applied = Signal(object)  # ImportResult

    def __init__(self, env: Env, ins: Inspection, path: Path, digest: str,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.env, self.ins, self.path, self.digest = env, ins, path, digest
        self.outcome: ImportResult | None = None
        self.busy = False
        self.apply_failed = False  # a refusal at apply time: inspect the file again
        self.fields = {k: QLabel() for k in ("file", "sender", "fingerprint", "kind", "created",
                                             "seq", "size", "counts")}  # fmt: skip
        self.names = {k: QLabel() for k in self.fields}
        form = QFormLayout()
        for k, lbl in self.fields.items():
            lbl.setWordWrap(True)
            form.addRow(self.names[k], lbl)
        self.refusal = banner()
        self.alarm = banner()
        self.warnings = QListWidget()
        self.warnings.setMaximumHeight(110)
        self.warnings.setWordWrap(True)  # a long warning wraps instead of scrolling sideways
        self.warnings.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.warn_label = QLabel()
        self.changes_label = QLabel()
        self.changes = common.table(stretch=2)
        self.changes.setSelectionMode(self.changes.SelectionMode.NoSelection)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.panel = ProgressPanel(env.tr, button=False)  # the dialog's Cancel stops the import
        self.buttons = QDialogButtonBox()
        self.apply_button = primary(self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole))
        self.cancel = self.buttons.addButton("", QDialogButtonBox.ButtonRole.RejectRole)
        self.apply_button.clicked.connect(self.confirm)
        self.cancel.clicked.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(self.refusal)
        lay.addWidget(self.alarm)
        lay.addLayout(form)
        lay.addWidget(self.warn_label)
        lay.addWidget(self.warnings)
        lay.addWidget(self.changes_label)
        lay.addWidget(self.changes, 1)
        lay.addWidget(self.panel)
        lay.addWidget(self.status)
        lay.addWidget(self.buttons)
        fit.cap_to_screen(self, 820, 640)
        self.retranslate()
        self.cancel.setFocus()

    @property
    def can_apply(self) -> bool:
        return (
            self.ins.verified and self.ins.refusal is None and self.outcome is None and not self.apply_failed
        )

    def retranslate(self) -> None:
        t, ins, tr = self.env.tr.t, self.ins, self.env.tr
        self.setWindowTitle(t("uitransfer.preview.title"))
        for k, lbl in self.names.items():
            lbl.setText(t(f"uitransfer.preview.{k}"))
            self.fields[k].setAccessibleName(t(f"uitransfer.preview.{k}"))
        state = t("uitransfer.preview.verified" if ins.verified else "uitransfer.preview.unverified")
        self.fields["file"].setText(self.path.name)
        self.fields["sender"].setText(f"{common.peer_text(tr, ins.sender, ins.sender_role)} — {state}")
        self.fields["sender"].setStyleSheet(f"color: {icons.OK if ins.verified else icons.BLOCKER};")
        self.fields["fingerprint"].setText(ins.sender_fingerprint)
        self.fields["kind"].setText(common.kind_text(tr, ins.kind))
        self.fields["created"].setText(common.when(ins.created))
        self.fields["seq"].setText(str(ins.seq))
        self.fields["size"].setText(t("uitransfer.preview.size_value", items=ins.items,
                                      kb=f"{ins.size / 1024:.0f}"))  # fmt: skip
        counts_key = "uitransfer.preview.reported" if ins.kind == "receipt" else "uitransfer.preview.will"
        self.fields["counts"].setText(t(counts_key, counts=common.counts_text(tr, ins.counts))
                                      if ins.counts else "—")  # fmt: skip
        if ins.refusal is not None:
            self.refusal.setText(t("uitransfer.preview.refused", reason=tr.error(ins.refusal)))
            self.refusal.show()
        alarms = [n for n in ins.notices if n.key == ALARM]
        if alarms:
            self.alarm.setText(t("uitransfer.preview.alarm", text=common.notice_text(tr, alarms[0])))
            self.alarm.show()
        self.warn_label.setText(t("uitransfer.preview.warnings", count=len(ins.notices)))
        self.warnings.clear()
        for n in ins.notices:
            self.warnings.addItem(common.notice_text(tr, n))
        self.warnings.setAccessibleName(t("uitransfer.preview.warnings", count=len(ins.notices)))
        self.warnings.setVisible(bool(ins.notices))
        self.changes_label.setText(t("uitransfer.preview.changes", count=len(ins.changes)))
        self.changes.setAccessibleName(t("uitransfer.preview.changes", count=len(ins.changes)))
        headers = [t(f"uitransfer.preview.col.{c}") for c in ("action", "entity", "name")]
        rows = [[common.action_text(tr, c.action), c.entity.split(":", 1)[-1], c.label]
                for c in ins.changes]  # fmt: skip
        colors = [common.ACTION_COLORS.get(c.action) for c in ins.changes]
        common.fill(self.changes, headers, rows, [c.entity for c in ins.changes], colors)
        self.apply_button.setText(t("uitransfer.preview.apply"))
        self.apply_button.setAccessibleName(t("uitransfer.preview.apply"))
        self._buttons()
        self._show_result()

    def _buttons(self) -> None:
        self.apply_button.setVisible(self.outcome is None)
        self.apply_button.setEnabled(self.can_apply and not self.busy)
        self.cancel.setEnabled(not self.busy or not self.panel.cancelled())
        self.cancel.setText(self.env.tr.t("ui.common.close" if self.outcome or not self.can_apply
                                          else "ui.common.cancel"))  # fmt: skip

    def reject(self) -> None:
        """Cancel (or Esc) while importing stops the import; otherwise the dialog closes."""
        if self.busy:
            self.panel.cancel()
            self.status.setText(self.env.tr.t("ui.progress.cancelling"))
            self._buttons()
            return
        super().reject()

    def confirm(self) -> None:
        """The clerk confirmed: import the same file (checked by its hash) in the background."""
        if not self.can_apply or self.busy:
            return
        session, path, digest = self.env.s(), self.path, self.digest
        progress = self.panel.start()
        self.busy = True
        self.status.setText(self.env.tr.t("uitransfer.preview.applying"))
        self.status.setStyleSheet("")
        self._buttons()

        def work() -> ImportResult:
            if data.file_digest(path) != digest:
                raise InvalidInput("uitransfer.preview.file_changed")
            return transfer_bundles.import_bundle(
                session, path, receipt_out=data.receipt_path(path), expected_sha256=digest,
                progress=progress,
            )  # fmt: skip

        def done(r: ImportResult) -> None:
            self.panel.finish(full=True)
            self.outcome = r
            self._show_result()
            self.applied.emit(r)

        def failed(e: BaseException) -> None:
            cancelled = self.panel.cancelled()
            self.panel.finish()
            if cancelled:  # asked for: the same file may be applied again
                self.status.setText(self.env.tr.t("ui.progress.cancelled"))
                self.status.setStyleSheet("")
                return
            self.apply_failed = True
            self.status.setText(self.env.tr.t("uitransfer.preview.refused", reason=self.env.tr.error(e)))
            self.status.setStyleSheet(f"color: {icons.BLOCKER}; font-weight: 600;")

        def always() -> None:
            self.busy = False
            self._buttons()

        self.env.op(self, work, report=False).success(done).failure(failed).always(always).run(
            self.env.executor
        )

    def _show_result(self) -> None:
        r, t, tr = self.outcome, self.env.tr.t, self.env.tr
        if r is None:
            return
        lines = [t("uitransfer.preview.applied", kind=common.kind_text(tr, r.kind),
                   counts=common.counts_text(tr, r.counts))]  # fmt: skip
        if r.receipt_path:
            lines.append(t("uitransfer.preview.receipt_written", path=r.receipt_path))
        elif r.receipt_id:
            lines.append(t("uitransfer.preview.receipt_kept"))
        lines += [common.notice_text(tr, n) for n in r.notices if n.key == "bundle.receipt_not_written"]
        self.status.setText("\n".join(lines))
        self.status.setStyleSheet(f"color: {icons.OK}; font-weight: 600;")
        self._buttons()

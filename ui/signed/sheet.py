"""The quarter's signed decision sheet (p.12) in one line, with the button that opens its scan in
the scan viewer: at the Department (Decisions screen) "signed scan attached", at a body (quarter
board) "signed scan received" from the extract bundle; matched against the records held here,
or outdated with the fields changed since printing. Read off the GUI thread."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from app.services import scans
from ui.env import Env
from ui.signed.checklist import ScanViewer
from ui.widgets.common import hint

SHEET = "decision-sheet"


def sheet_line(env: Env, sheets: list[scans.Sheet], *, department: bool) -> str:
    """The latest signed decision sheet of the quarter in words ('' at a body without one)."""
    t = env.tr.t
    if not sheets:
        return t("decision.ui.sheet_none") if department else ""
    s = sheets[0]
    key = "decision.ui.sheet_received" if s.received else "decision.ui.sheet_attached"
    line = t(key, code=s.scan.code, pages=s.scan.pages, persons=s.persons)
    if s.outdated:
        return f"{line}; {t('decision.ui.sheet_outdated', fields=', '.join(s.changed) or '—')}"
    return f"{line}; {t('decision.ui.sheet_matched')}"


class SheetStrip(QWidget):
    loaded = Signal(object)  # list[scans.Sheet]

    def __init__(self, env: Env, parent: QWidget | None = None, *, department: bool) -> None:
        super().__init__(parent)
        self.env = env
        self.department = department
        self.quarter = ""
        self.sheets: list[scans.Sheet] = []
        self._gen = 0
        self.label = hint()
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.attach = QPushButton()  # the screen connects it to its guarded handler
        self.attach.setVisible(department)
        self.view = QPushButton()
        self.view.clicked.connect(self.open_viewer)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.label, 1)
        lay.addWidget(self.attach)
        lay.addWidget(self.view)
        env.tr.changed.connect(self.retranslate)
        self.retranslate()

    def retranslate(self) -> None:
        t = self.env.tr.t
        self.attach.setText(t("decision.ui.sheet_attach"))
        self.attach.setAccessibleName(t("decision.ui.sheet_attach"))
        self.view.setText(t("decision.ui.sheet_view"))
        self.view.setAccessibleName(t("decision.ui.sheet_view"))
        self._show(self.sheets)

    def load(self, quarter: str) -> None:
        self.quarter = quarter
        self._gen += 1
        gen, session = self._gen, self.env.s()

        def done(found: list[scans.Sheet]) -> None:
            if gen == self._gen:
                self._show(found)
                self.loaded.emit(found)

        self.env.op(self, lambda: scans.sheets(session, quarter)).success(done).run(self.env.executor)

    def _show(self, sheets: list[scans.Sheet]) -> None:
        self.sheets = sheets
        self.label.setText(sheet_line(self.env, sheets, department=self.department))
        outdated = bool(sheets) and sheets[0].outdated
        self.label.setStyleSheet("color:#a61b1b;" if outdated else "")
        self.view.setEnabled(bool(sheets))
        if self.parentWidget() is not None:  # never shown as a window of its own
            self.setVisible(self.department or bool(sheets))

    def open_viewer(self) -> ScanViewer | None:
        if not self.sheets:
            return None
        dlg = ScanViewer(self.env, [s.scan for s in self.sheets], self)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.open()
        return dlg

"""Decisions of the Head of PA (Rules-2025 p.12), from the signed paper: the Secretary of the
Security Council's agreement first (Department), then one row per nominee of the list with its
decision (enrol, refuse, or leave for later) under one decision number and date — bulk entry
with per-row exceptions; the decision sheet; the extract bundle per body (p.13, p.11(3))."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)  # fmt: skip

from app.domain import quarter as q
from app.i18n import fmt_date
from app.security.roles import Permission
from app.services import decisions, quarter, review
from app.services.scans import ExtractSheet
from app.services.transfer_bundles import ExportResult
from ui.env import Env
from ui.screens.quarter.common import (
    ask_save_path,
    bundle_filter,
    fill,
    quarter_combo,
    recipient,
    table,
    write_file,
)  # fmt: skip
from ui.signed.attach import AttachScanDialog
from ui.signed.sheet import SHEET, SheetStrip
from ui.widgets.common import day_of, hint, primary
from ui.widgets.progress import ProgressPanel, Run

COLUMNS = ("name", "body", "position", "decision")
CHOICES = ("enrol", "refuse", "skip")


def _dropped_file(event: QDragEnterEvent | QDropEvent) -> str | None:
    """The one local file dragged onto the screen (else None)."""
    urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
    if len(urls) != 1 or not urls[0].isLocalFile():
        return None
    return urls[0].toLocalFile()


def _date_edit(env: Env) -> QDateEdit:
    d = env.s().clock.today()
    e = QDateEdit(QDate(d.year, d.month, d.day))
    e.setCalendarPopup(True)
    e.setDisplayFormat("dd.MM.yyyy")
    return e


class DecisionsScreen(QWidget):
    loaded = Signal()

    def __init__(self, env: Env, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.env = env
        self.department = env.s().body is None
        self.quarter = quarter_combo(env)
        self.agreement = hint()
        self.agree_date = _date_edit(env)
        self.agree_ref = QLineEdit()
        self.agree_button = QPushButton()
        self.table = table(len(COLUMNS))
        self.choices: dict[int, QComboBox] = {}
        self.number = QLineEdit()
        self.day = _date_edit(env)
        self.record_button = primary(QPushButton())
        self.sheet_button = QPushButton()
        self.extract_body = QComboBox()
        self.extract_button = QPushButton()
        # the signed decision sheet: attached here (a file dialog or a file dropped on the screen)
        self.sheet = SheetStrip(env, self, department=True)
        self.sheet.attach.clicked.connect(lambda: self.attach_sheet())
        self.setAcceptDrops(True)
        self.ask_path = lambda filter_text: ask_save_path(self, filter_text)
        top = QHBoxLayout()
        top.addWidget(self.quarter)
        top.addWidget(self.agreement, 1)
        agree = QHBoxLayout()
        w: QWidget
        for w in (self.agree_date, self.agree_ref, self.agree_button):
            agree.addWidget(w)
        bottom = QHBoxLayout()
        for w in (self.number, self.day, self.record_button, self.sheet_button):
            bottom.addWidget(w)
        bottom.addStretch(1)
        bottom.addWidget(self.extract_body)
        bottom.addWidget(self.extract_button)
        for w in (self.agree_date, self.agree_ref, self.agree_button, self.extract_body, self.extract_button):
            w.setVisible(self.department)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(12, 10, 12, 10)
        lay.addLayout(top)
        lay.addLayout(agree)
        lay.addWidget(self.table, 1)
        lay.addLayout(bottom)
        self.panel = ProgressPanel(env.tr)  # sending the extract: a percentage and Cancel
        lay.addWidget(self.panel)
        lay.addWidget(self.sheet)
        self.quarter.currentTextChanged.connect(lambda _t: self.refresh())
        self.agree_button.clicked.connect(self.agree)
        self.record_button.clicked.connect(self.record)
        self.sheet_button.clicked.connect(self.print_sheet)
        self.extract_button.clicked.connect(self.export_extract)
        env.tr.changed.connect(self.retranslate)
        self.retranslate()

    def retranslate(self) -> None:
        t = self.env.tr.t
        self.agree_ref.setPlaceholderText(t("decision.ui.agreement_ref"))
        self.agree_button.setText(t("decision.ui.agree"))
        self.number.setPlaceholderText(t("decision.ui.number"))
        self.record_button.setText(t("decision.ui.record"))
        self.sheet_button.setText(t("decision.ui.sheet"))
        self.extract_button.setText(t("decision.ui.extract"))
        current = self.extract_body.currentData()
        self.extract_body.clear()
        for b in ("knb", "syrbar"):
            self.extract_body.addItem(t("body." + b), b)
        self.extract_body.setCurrentIndex(max(0, self.extract_body.findData(current)))
        self.table.setHorizontalHeaderLabels([t(f"decision.ui.col.{c}") for c in COLUMNS])
        self.refresh()

    def _q(self) -> str:
        return self.quarter.currentText().strip().upper()

    def refresh(self) -> None:
        s, qt = self.env.s(), self._q()
        status = "recommended" if self.department else "sent"

        def load() -> tuple[q.QuarterEvent | None, list[quarter.BoardRow]]:
            from app.store import quarter_repo

            board = quarter.board(s, qt)
            agreed = quarter_repo.event(s.db.connection(), qt, q.Event.AGREED)
            return agreed, [r for r in board.rows if r.status == status]

        self.env.op(self, load).success(self._show).run(self.env.executor)
        self.sheet.load(qt)

    def _show(self, result: tuple[q.QuarterEvent | None, list[quarter.BoardRow]]) -> None:
        t = self.env.tr.t
        agreed, rows = result
        if self.department:
            self.agreement.setText(t("decision.ui.agreed", date=fmt_date(agreed.day), ref=agreed.reference)
                                   if agreed else t("decision.ui.not_agreed"))  # fmt: skip
        fill(self.table, [[r.name, t("body." + r.body), r.intended_position, ""] for r in rows],
             data=[r.id for r in rows])  # fmt: skip
        self.choices = {}
        for i, r in enumerate(rows):
            box = QComboBox()
            for c in CHOICES:
                box.addItem(t(f"decision.ui.choice.{c}"), c)
            self.table.setCellWidget(i, 3, box)
            self.choices[r.id] = box
        self.loaded.emit()

    def set_choice(self, nid: int, choice: str) -> None:
        box = self.choices[nid]
        box.setCurrentIndex(box.findData(choice))

    def agree(self) -> None:
        if not self.env.allowed(self, Permission.EDIT):
            return
        s, qt, ref = self.env.s(), self._q(), self.agree_ref.text()
        day = day_of(self.agree_date)
        (self.env.op(self, lambda: review.record_agreement(s, qt, day=day, reference=ref))
         .success(lambda _r: self.refresh()).run(self.env.executor))  # fmt: skip

    def record(self) -> None:
        if not self.env.allowed(self, Permission.EDIT):
            return
        s, qt, number = self.env.s(), self._q(), self.number.text()
        day = day_of(self.day)
        exceptions = {nid: str(box.currentData()) for nid, box in self.choices.items()}

        def done(recorded: list[decisions.Recorded]) -> None:
            self.env.dialogs.info(self, self.env.tr.t("decision.cli.recorded", n=len(recorded), id=""))
            self.refresh()

        (self.env.op(self, lambda: decisions.record_many(
            s, qt, number=number, day=day, exceptions=exceptions, ids=list(exceptions)))
         .success(done).run(self.env.executor))  # fmt: skip

    def attach_sheet(self, path: str | None = None) -> AttachScanDialog | None:
        """Attach the scan of the decision sheet the Head of PA signed: the file dialog, or
        ``path`` (a file dropped on the screen); another paper's scan is refused."""
        if not self.env.allowed(self, Permission.EDIT):
            return None
        dlg = AttachScanDialog(self.env, self, kind=SHEET)
        dlg.attached.connect(lambda _res: self.sheet.load(self._q()))
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.open()
        if path:
            dlg.start(path)
        return dlg

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if _dropped_file(event) is not None:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        path = _dropped_file(event)
        if path is not None:
            event.acceptProposedAction()
            self.attach_sheet(path)

    def print_sheet(self) -> None:
        if not self.env.allowed(self, Permission.EDIT):
            return
        path = self.ask_path("PDF (*.pdf)")
        if not path:
            return
        s, qt, lang = self.env.s(), self._q(), self.env.tr.lang

        def work() -> None:
            write_file(path, decisions.print_sheet(s, qt, lang=lang).pdf)

        (self.env.op(self, work).success(lambda _r: self.env.dialogs.info(
            self, self.env.tr.t("quarter.ui.printed", n=1, path=path))).run(self.env.executor))  # fmt: skip

    def export_extract(self) -> None:
        if not self.env.allowed(self, Permission.EXCHANGE):
            return
        s, qt, body = self.env.s(), self._q(), str(self.extract_body.currentData())
        peer = recipient(self.env, self, body)
        if peer is None:
            return
        path = self.ask_path(bundle_filter(self.env))
        if not path:
            return
        def work(run: Run) -> tuple[ExportResult, ExtractSheet | None]:
            r = decisions.send_extract(s, qt, peer_id=peer, out=Path(path), progress=run)
            return r, decisions.extract_sheet(s, qt, peer_id=peer)

        def done(result: tuple[ExportResult, ExtractSheet | None]) -> None:
            r, sheet = result
            t = self.env.tr.t
            lines = [t("quarter.cli.exported", kind=r.kind, count=r.count, path=r.path,
                       bundle=r.bundle_id)]  # fmt: skip
            if sheet is not None:
                key = "decision.cli.sheet_carried" if sheet.carried else "decision.cli.sheet_not_carried"
                lines.append(t(key, code=sheet.code, pages=sheet.pages))
            self.env.dialogs.info(self, "\n".join(lines))

        self.panel.op(self.env, self, work, done)  # a percentage and Cancel (nothing sent then)

"""The Department's review workspace, due by day 15 of the last month (Rules-2025 p.11(1)):
nominees under review per quarter; for the selected one the rules engine's checklist, the
reviewer's own marks (accuracy, completeness, compliance), deficiencies and requests for
information, and what a re-imported correction changed. Forming the list (p.11(2))."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)  # fmt: skip

from app.domain.quarter import MARK_ASPECTS, REVIEWABLE
from app.i18n import fmt_date
from app.rules.citation import cite
from app.security.roles import Permission
from app.services import quarter, review
from app.services.quarter_deadlines import days_left_text
from app.services.review import Checklist
from ui.env import Env
from ui.screens.quarter.common import OVERDUE, fill, quarter_combo, selected_data, table
from ui.widgets.common import busy_bar, hint, primary

COLUMNS = ("name", "body", "state", "blockers", "marks")
MARKS = ("", "ok", "fail")


class ReviewWorkspace(QWidget):
    loaded = Signal()
    changed = Signal(int)

    def __init__(self, env: Env, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.env = env
        self.current: Checklist | None = None
        self.quarter = quarter_combo(env)
        self.refresh_button = QPushButton()
        self.form_button = primary(QPushButton())
        self.bar = busy_bar()
        self.deadline = QLabel()
        self.deadline.setWordWrap(True)
        self.inbox = hint()
        self.table = table(len(COLUMNS))
        self.rules = QListWidget()
        self.marks = {a: QComboBox() for a in MARK_ASPECTS}
        self.note = QLineEdit()
        self.save_button = QPushButton()
        self.finding_text = QLineEdit()
        self.finding_kind = QComboBox()
        self.raise_button = QPushButton()
        self.raised = QListWidget()
        self.changes = hint()
        self.signed = hint()  # the signed scans received with the dossier (issue 19)
        self.signed_button = QPushButton()
        self.signed_button.clicked.connect(self.open_signed)
        self.marks_form = QFormLayout()
        for box in self.marks.values():
            self.marks_form.addRow(QLabel(), box)
        self.marks_form.addRow(QLabel(), self.note)
        right = QWidget()
        rl = QVBoxLayout(right)
        signed_row = QHBoxLayout()
        signed_row.addWidget(self.signed, 1)
        signed_row.addWidget(self.signed_button)
        rl.addLayout(signed_row)
        rl.addWidget(self.rules, 2)
        rl.addLayout(self.marks_form)
        rl.addWidget(self.save_button)
        row = QHBoxLayout()
        row.addWidget(self.finding_kind)
        row.addWidget(self.finding_text, 1)
        row.addWidget(self.raise_button)
        rl.addLayout(row)
        rl.addWidget(self.raised, 1)
        rl.addWidget(self.changes)
        split = QSplitter()
        split.addWidget(self.table)
        split.addWidget(right)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        top = QHBoxLayout()
        top.addWidget(self.quarter)
        top.addWidget(self.refresh_button)
        top.addWidget(self.deadline, 1)
        top.addWidget(self.bar)
        top.addWidget(self.form_button)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(12, 10, 12, 10)
        lay.addLayout(top)
        lay.addWidget(self.inbox)
        lay.addWidget(split, 1)
        self.refresh_button.clicked.connect(self.refresh)
        self.form_button.clicked.connect(self.form_list)
        self.save_button.clicked.connect(self.save_marks)
        self.raise_button.clicked.connect(self.raise_finding)
        self.quarter.currentTextChanged.connect(lambda _t: self.refresh())
        self.table.itemSelectionChanged.connect(self.load_selected)
        env.tr.changed.connect(self.retranslate)
        self.retranslate()

    # -- texts --------------------------------------------------------------------------------
    def retranslate(self) -> None:
        t = self.env.tr.t
        self.refresh_button.setText(t("quarter.ui.refresh"))
        self.form_button.setText(t("review.ui.form_list"))
        self.save_button.setText(t("review.ui.save_marks"))
        self.raise_button.setText(t("review.ui.raise"))
        self.signed_button.setText(t("ui.signed.open"))
        self.signed_button.setToolTip(t("ui.signed.open_hint"))
        self.finding_text.setPlaceholderText(t("review.ui.finding_text"))
        self.note.setPlaceholderText(t("review.ui.note"))
        self.finding_kind.clear()
        for k in ("deficiency", "request"):
            self.finding_kind.addItem(t("review.kind." + k), k)
        for i, a in enumerate(MARK_ASPECTS):
            item = self.marks_form.itemAt(i, QFormLayout.ItemRole.LabelRole)
            label = item.widget() if item is not None else None
            assert isinstance(label, QLabel)
            label.setText(t("review.aspect." + a))
            box = self.marks[a]
            current = box.currentData()
            box.clear()
            for m in MARKS:
                box.addItem(t(f"review.ui.mark.{m or 'none'}"), m)
            box.setCurrentIndex(max(0, box.findData(current)))
        self.table.setHorizontalHeaderLabels([t(f"review.ui.col.{c}") for c in COLUMNS])
        self.refresh()

    # -- loading ------------------------------------------------------------------------------
    def refresh(self) -> None:
        s, q = self.env.s(), self.quarter.currentText().strip().upper()

        def load() -> tuple[object, list[tuple[int, str, str, str, int, str]], list[review.InboxLine]]:
            board = quarter.board(s, q)
            rows = []
            for r in board.rows:
                if r.status not in REVIEWABLE and r.status != "recommended":
                    continue
                m = review.checklist(s, r.id).marks
                marks = "".join({"ok": "✓", "fail": "✗"}.get(getattr(m, a), "·") for a in MARK_ASPECTS)
                rows.append((r.id, r.name, r.body, r.status, r.blockers, marks))
            return board, rows, review.inbox(s, q)

        self.bar.show()
        self.env.op(self, load).success(self._show).always(self.bar.hide).run(self.env.executor)

    def _show(
        self,
        result: tuple[quarter.Board, list[tuple[int, str, str, str, int, str]], list[review.InboxLine]],
    ) -> None:
        t = self.env.tr.t
        board, rows, inbox = result
        self.inbox.setText("   ".join(
            t("review.ui.inbox", body=t("body." + x.body), packages=len(x.packages),
              dossiers=sum(x.counts.values())) for x in inbox) or t("review.ui.inbox_empty"))  # fmt: skip
        dl = board.deadline
        lang = self.env.tr.lang
        left = days_left_text(board.workdays_left, lang)
        self.deadline.setText(t("quarter.ui.deadline", clause=cite(dl.clause, lang),
                                wording=t(dl.wording_key), due=fmt_date(dl.due), left=left))  # fmt: skip
        self.deadline.setStyleSheet(f"color: {OVERDUE.name()}" if board.workdays_left < 0 else "")
        keep = selected_data(self.table)
        fill(self.table, [[n, t("body." + b), t("status." + st), str(bl or ""), mk]
                          for _i, n, b, st, bl, mk in rows],
             data=[r[0] for r in rows], colors=[OVERDUE if r[4] else None for r in rows])  # fmt: skip
        for i, r in enumerate(rows):
            if r[0] == keep:
                self.table.selectRow(i)
        self.loaded.emit()

    def select(self, nid: int) -> None:
        for i in range(self.table.rowCount()):
            item = self.table.item(i, 0)
            if item is not None and item.data(256) == nid:
                self.table.selectRow(i)
                self.load_selected()
                return

    def load_selected(self) -> None:
        nid = selected_data(self.table)
        self.signed_button.setEnabled(isinstance(nid, int))
        if not isinstance(nid, int):
            self.current = None
            self.signed.clear()
            return
        self.current = c = review.checklist(self.env.s(), nid)
        t = self.env.tr.t
        from app.services import scans

        items = scans.checklist(self.env.s(), nid)
        ok = sum(1 for i in items if i.state is scans.State.SIGNED)
        outdated = sum(1 for i in items if i.state is scans.State.OUTDATED)
        self.signed.setText(t("ui.signed.summary", ok=ok, total=len(items), outdated=outdated))
        self.rules.clear()
        for f in c.findings:
            severity = t("review.ui.severity." + f.severity.value)
            self.rules.addItem(f"{severity} · {cite(f.clause, self.env.tr.lang)} · "
                               f"{f.message(self.env.tr.lang)}")  # fmt: skip
        if not c.findings:
            self.rules.addItem(t("review.ui.no_findings"))
        for a in MARK_ASPECTS:
            self.marks[a].setCurrentIndex(max(0, self.marks[a].findData(getattr(c.marks, a))))
        self.note.setText(c.marks.note)
        self.raised.clear()
        for rf in c.raised:
            state = t("quarter.cli.resolved") if rf.resolved else (
                t("review.ui.sent") if rf.sent else t("quarter.cli.open"))  # fmt: skip
            self.raised.addItem(f"{t('review.kind.' + rf.kind)}: {rf.text} ({state})")
        self.changes.setText("\n".join(t("review.cli.changed", when=when, fields=", ".join(fields))
                                       for _b, when, fields in c.changes))  # fmt: skip

    # -- actions ------------------------------------------------------------------------------
    def open_signed(self) -> QWidget | None:
        """The signed scans received with the dossier, matched to the record received."""
        if self.current is None:
            return None
        from PySide6.QtCore import Qt

        from ui.signed.checklist import ChecklistDialog

        dlg = ChecklistDialog(self.env, self.current.nominee_id, self)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.open()
        return dlg

    def _after(self, nid: int) -> None:
        self.changed.emit(nid)
        self.refresh()
        self.select(nid)
        self.load_selected()

    def save_marks(self) -> None:
        if not self.env.allowed(self, Permission.EDIT):
            return
        if self.current is None:
            return
        s, nid = self.env.s(), self.current.nominee_id
        marks = {a: str(self.marks[a].currentData() or "") for a in MARK_ASPECTS}
        note = self.note.text()
        (self.env.op(self, lambda: review.set_marks(s, nid, **marks, note=note))
         .success(lambda _m: self._after(nid)).run(self.env.executor))  # fmt: skip

    def raise_finding(self) -> None:
        if not self.env.allowed(self, Permission.EDIT):
            return
        if self.current is None:
            return
        s, nid = self.env.s(), self.current.nominee_id
        text, kind = self.finding_text.text(), str(self.finding_kind.currentData())

        def done(_fid: int) -> None:
            self.finding_text.clear()
            self._after(nid)

        self.env.op(self, lambda: review.raise_finding(s, nid, text, kind=kind)).success(done).run(
            self.env.executor
        )

    def form_list(self) -> None:
        if not self.env.allowed(self, Permission.EDIT):
            return
        s, q = self.env.s(), self.quarter.currentText().strip().upper()
        if not self.env.dialogs.confirm(self, self.env.tr.t("review.ui.confirm_form", quarter=q)):
            return

        def done(result: tuple[list[int], dict[int, str]]) -> None:
            ok, skipped = result
            self.env.dialogs.info(self, self.env.tr.t("review.ui.formed", n=len(ok), skipped=len(skipped)))
            self.refresh()

        (self.env.op(self, lambda: review.form_list(s, q, day=s.clock.today())).success(done)
         .run(self.env.executor))  # fmt: skip

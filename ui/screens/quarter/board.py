"""The body's quarter board (issue 7): dossiers by state, the p.10 deadline counted down in
working days with reminders at the offsets set in Settings, additional candidates (p.15) and
seconded employees' paths (p.8); building the list. At the Department the same board shows every
body's dossiers with the p.11(1) deadline."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import QLabel, QPushButton, QTableWidgetItem, QVBoxLayout, QWidget

from app.i18n import fmt_date
from app.rules.citation import cite
from app.security.roles import Permission
from app.services import positions_transfer, quarter
from app.services.quarter import Board
from app.services.quarter_deadlines import days_left_text
from app.services.transfer_bundles import ExportResult
from ui.env import Env
from ui.screens.quarter.common import (
    OVERDUE,
    ask_save_path,
    ask_text,
    bundle_filter,
    fill,
    quarter_combo,
    recipient,
    selected_data,
    table,
    write_file,
)  # fmt: skip
from ui.signed.sheet import SheetStrip
from ui.widgets.common import busy_bar, hint, primary
from ui.widgets.flow import FlowLayout
from ui.widgets.progress import ProgressPanel, Run

COLUMNS = ("name", "iin", "body", "state", "blockers", "additional", "secondment", "findings",
           "need")  # fmt: skip
NEED = COLUMNS.index("need")


class _NeedItem(QTableWidgetItem):
    """The need column sorts by the need the nominee covers (``quarter.need_order``): the
    positions short of candidates first, positions outside the catalogue last."""

    def __init__(self, text: str, key: tuple[object, ...]) -> None:
        super().__init__(text)
        self.key = key

    def __lt__(self, other: QTableWidgetItem) -> bool:
        if isinstance(other, _NeedItem):
            return self.key < other.key
        return super().__lt__(other)


class QuarterBoard(QWidget):
    loaded = Signal(object)  # Board

    def __init__(self, env: Env, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.env = env
        self.board: Board | None = None
        self.quarter = quarter_combo(env)
        self.refresh_button = QPushButton()
        body = env.s().body
        self.build_button = primary(QPushButton())
        self.print_button = QPushButton()
        self.send_button = QPushButton()  # KNB, Syrbar: the bundle (p.10); SGS: to the Head of PA
        self.corrections_button = QPushButton()
        self.sort_need_button = QPushButton()  # the body's list sorted by the need it covers
        for b in (self.build_button, self.print_button, self.send_button, self.corrections_button):
            b.setVisible(body is not None)
        self.corrections_button.setVisible(body not in (None, "sgs"))
        # choices asked of the user; replaceable in tests
        self.ask_path = lambda filter_text: ask_save_path(self, filter_text)
        self.ask_text = lambda label: ask_text(self, label)
        self.bar = busy_bar()
        self.panel = ProgressPanel(env.tr)  # sending a bundle
        self.deadline = QLabel()
        self.deadline.setWordWrap(True)
        self.reminder = QLabel()
        self.reminder.setStyleSheet(f"color: {OVERDUE.name()}; font-weight: bold")
        self.counts = hint()
        self.detail = hint()
        self.need = hint()  # at the Department: each body's need (p.11(2), p.8 part 1)
        self.need.setVisible(body is None)
        # a body: the signed decision sheet the extract bundle carried (p.12, p.13)
        self.sheet = SheetStrip(env, self, department=False)
        self.table = table(len(COLUMNS))
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        # shown right after the state, where it is seen without scrolling (the logical order stays)
        self.table.horizontalHeader().moveSection(NEED, COLUMNS.index("state") + 1)
        self.table.setSortingEnabled(True)
        top = FlowLayout()  # the buttons wrap to a second row instead of widening the window
        for wdg in (self.quarter, self.refresh_button, self.sort_need_button, self.bar, self.build_button,
                    self.print_button, self.send_button, self.corrections_button):  # fmt: skip
            top.addWidget(wdg)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(12, 10, 12, 10)
        lay.addLayout(top)
        lay.addWidget(self.panel)
        lay.addWidget(self.deadline)
        lay.addWidget(self.reminder)
        lay.addWidget(self.counts)
        lay.addWidget(self.need)
        lay.addWidget(self.sheet)
        lay.addWidget(self.table, 1)
        lay.addWidget(self.detail)
        self.refresh_button.clicked.connect(self.refresh)
        self.sort_need_button.clicked.connect(self.sort_by_need)
        self.build_button.clicked.connect(self.build_list)
        self.print_button.clicked.connect(self.print_list)
        self.send_button.clicked.connect(self.send)
        self.corrections_button.clicked.connect(self.send_corrections)
        self.quarter.currentTextChanged.connect(lambda _text: self.refresh())
        self.table.itemSelectionChanged.connect(self._show_detail)
        env.tr.changed.connect(self.retranslate)
        self.retranslate()

    def retranslate(self) -> None:
        t = self.env.tr.t
        self.refresh_button.setText(t("quarter.ui.refresh"))
        self.sort_need_button.setText(t("quarter.ui.sort_need"))
        self.sort_need_button.setToolTip(t("quarter.ui.sort_need_tip"))
        self.build_button.setText(t("quarter.ui.build_list"))
        self.print_button.setText(t("quarter.ui.print_list"))
        sgs = self.env.s().body == "sgs"
        self.send_button.setText(t("quarter.ui.submit" if sgs else "quarter.ui.send"))
        self.corrections_button.setText(t("quarter.ui.send_corrections"))
        self.quarter.setAccessibleName(t("quarter.ui.quarter"))
        self.table.setHorizontalHeaderLabels([t(f"quarter.ui.col.{c}") for c in COLUMNS])
        self.refresh()

    def refresh(self) -> None:
        s, q = self.env.s(), self.quarter.currentText().strip().upper()
        self.bar.show()
        (self.env.op(self, lambda: quarter.board(s, q)).success(self._show)
         .always(self.bar.hide).run(self.env.executor))  # fmt: skip
        if s.body is None:
            (self.env.op(self, lambda: positions_transfer.need_by_body(s)).success(self._show_need)
             .run(self.env.executor))  # fmt: skip
        else:
            self.sheet.load(q)

    def sort_by_need(self) -> None:
        self.table.sortItems(NEED, Qt.SortOrder.AscendingOrder)

    def _show_need(self, found: list[positions_transfer.BodyNeed]) -> None:
        t, lang = self.env.tr.t, self.env.tr.lang
        lines = [] if any(b.as_of for b in found) else [t("quarter.ui.need_none")]
        lines.append(t("quarter.ui.need_heading", clause=cite("Rules-2025 p.11(2)", lang)))
        for b in found:
            key = "quarter.ui.need_body" if b.as_of else "quarter.ui.need_body_local"
            lines.append(t(key, body=t("body." + b.body), positions=b.positions, need=b.need,
                           ready=b.ready, gap=b.gap, as_of=fmt_date(b.as_of) if b.as_of else ""))  # fmt: skip
        self.need.setText("\n".join(lines))

    def _show(self, b: Board) -> None:
        t = self.env.tr.t
        self.board = b
        dl = b.deadline
        lang = self.env.tr.lang
        left = days_left_text(b.workdays_left, lang)
        self.deadline.setText(t("quarter.ui.deadline", clause=cite(dl.clause, lang),
                                wording=t(dl.wording_key), due=fmt_date(dl.due), left=left))  # fmt: skip
        overdue = b.workdays_left < 0
        self.reminder.setVisible(b.reminder is not None or overdue)
        self.reminder.setText(t("quarter.ui.overdue") if overdue else
                              t("quarter.reminder", left=b.workdays_left, offset=b.reminder))  # fmt: skip
        self.counts.setText("   ".join(f"{t('status.' + k)}: {n}" for k, n in b.counts.items() if n)
                            or t("quarter.ui.empty"))  # fmt: skip
        yes = t("quarter.ui.yes")
        rows = [[
            r.name, r.iin, t("body." + r.body), t("status." + r.state), str(r.blockers or ""),
            yes if r.additional else "",
            "" if r.secondment == "none" else t(f"quarter.ui.secondment.{r.secondment}")
            + ("" if r.path_ok else " ⚠"),
            str(r.open_findings or ""),
            "—" if r.need_gap is None else t("quarter.ui.need_gap", position=r.intended_position,
                                              need=r.need or 0, gap=r.need_gap),
        ] for r in b.rows]  # fmt: skip
        colors = [OVERDUE if r.blockers or r.appointment_pending else None for r in b.rows]
        self.table.setSortingEnabled(False)  # rows are placed as given, then sorted as asked
        fill(self.table, rows, data=[r.id for r in b.rows], colors=colors)
        for i, r in enumerate(b.rows):
            item = _NeedItem(rows[i][NEED], quarter.need_order(r))
            color = colors[i]
            if color is not None:
                item.setForeground(QBrush(color))
            self.table.setItem(i, NEED, item)
        self.table.setSortingEnabled(True)
        self.loaded.emit(b)

    def _show_detail(self) -> None:
        nid = selected_data(self.table)
        if self.board is None or nid is None:
            self.detail.setText("")
            return
        t = self.env.tr.t
        row = next(r for r in self.board.rows if r.id == nid)
        lines = []
        if row.appointment_pending:
            lines.append(t("quarter.appointment_pending", id=nid))
        found = [
            f for f in quarter.findings_received(self.env.s(), self.board.quarter) if f.nominee_id == nid
        ]
        lines += [f"{t('review.kind.' + f.kind)}: {f.text}" for f in found if f.resolved is None]
        self.detail.setText("\n".join(lines))

    def build_list(self) -> None:
        if not self.env.allowed(self, Permission.EDIT):
            return
        s, q = self.env.s(), self.quarter.currentText().strip().upper()

        def done(result: tuple[list[int], dict[int, str]]) -> None:
            added, skipped = result
            self.env.dialogs.info(
                self, self.env.tr.t("quarter.ui.listed", n=len(added), skipped=len(skipped))
            )
            self.refresh()

        self.env.op(self, lambda: quarter.build_list(s, q)).success(done).run(self.env.executor)

    def _q(self) -> str:
        return self.quarter.currentText().strip().upper()

    def _done(self, key: str, **params: object) -> None:
        self.env.dialogs.info(self, self.env.tr.t(key, **params))
        self.refresh()

    def print_list(self) -> None:
        if not self.env.allowed(self, Permission.EDIT):
            return
        from app.services import printing

        path = self.ask_path("PDF (*.pdf)")
        if not path:
            return
        s, q, lang = self.env.s(), self._q(), self.env.tr.lang

        def work() -> int:
            ids = quarter.list_ids(s, q)
            rendered = printing.print_documents(s, printing.Request(
                kind="body-list", lang=lang, ids=tuple(ids), quarter=q, body=s.body or ""))
            write_file(path, rendered.pdf)
            return len(ids)

        self.env.op(self, work).success(lambda n: self._done("quarter.ui.printed", n=n, path=path)).run(
            self.env.executor
        )

    def send(self) -> None:
        if not self.env.allowed(self, Permission.EXCHANGE):
            return
        s, q = self.env.s(), self._q()
        if s.body == "sgs":
            ref = self.ask_text(self.env.tr.t("quarter.ui.submit_reference"))
            if not ref:
                return
            op = self.env.op(
                self, lambda: quarter.submit_to_head_pa(s, q, day=s.clock.today(), reference=ref)
            )
            op.success(lambda ids: self._done("quarter.cli.submitted", n=len(ids))).run(self.env.executor)
            return
        peer = recipient(self.env, self, "department")
        if peer is None:
            return
        path = self.ask_path(bundle_filter(self.env))
        if not path:
            return
        self._export(lambda run: quarter.send(s, q, peer_id=peer, out=Path(path), progress=run))

    def send_corrections(self) -> None:
        if not self.env.allowed(self, Permission.EXCHANGE):
            return
        s, q = self.env.s(), self._q()
        peer = recipient(self.env, self, "department")
        if peer is None:
            return
        path = self.ask_path(bundle_filter(self.env))
        if not path:
            return
        self._export(lambda run: quarter.send_corrections(s, q, peer_id=peer, out=Path(path),
                                                          progress=run))  # fmt: skip

    def _export(self, work: Callable[[Run], ExportResult]) -> None:
        """A bundle written off the GUI thread, as a percentage with Cancel (nothing sent then)."""

        def done(r: ExportResult) -> None:
            self._done("quarter.cli.exported", kind=r.kind, count=r.count, path=r.path,
                       bundle=r.bundle_id)  # fmt: skip

        self.panel.op(self.env, self, work, done)

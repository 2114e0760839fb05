"""The reserve register (Rules-2025 p.12-p.14, p.18) with filters, and the export of the filtered
selection to CSV or XLSX — a file the user chooses, written atomically. Under the list, the
selected member's life: appointment, override, training, acting duty, timeline (``life.py``)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.quarter import Member
from app.i18n import fmt_date
from app.services import register_export, reserve, reserve_life
from app.services.reserve import RegisterFilter
from ui.env import Env
from ui.screens.quarter.common import OVERDUE, fill, selected_data, table
from ui.screens.reserve.life import LifeActions
from ui.widgets.common import hint

COLUMNS = ("name", "iin", "body", "position", "enrolled_on", "term_ends", "excluded_on", "state", "training")


class ReserveScreen(QWidget):
    def __init__(self, env: Env, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.env = env
        self.search = QLineEdit()
        self.body = QComboBox()
        self.state = QComboBox()
        self.export_button = QPushButton()
        self.count = hint()
        self.table = table(len(COLUMNS))
        self.life = LifeActions(env, self.selected, self.refresh)
        # the save dialog, replaceable in tests
        self.ask_path = lambda: QFileDialog.getSaveFileName(self, "", "", "XLSX (*.xlsx);;CSV (*.csv)")[0]
        top = QHBoxLayout()
        for w in (self.search, self.body, self.state):
            top.addWidget(w)
        top.addStretch(1)
        top.addWidget(self.export_button)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(12, 10, 12, 10)
        lay.addLayout(top)
        lay.addWidget(self.table, 1)
        lay.addWidget(self.life)
        lay.addWidget(self.count)
        self.search.editingFinished.connect(self.refresh)
        self.body.currentIndexChanged.connect(lambda _i: self.refresh())
        self.state.currentIndexChanged.connect(lambda _i: self.refresh())
        self.export_button.clicked.connect(self.export)
        env.tr.changed.connect(self.retranslate)
        self.retranslate()

    def retranslate(self) -> None:
        t = self.env.tr.t
        for box, values, key in ((self.body, ("", "knb", "syrbar", "sgs"), "body."),
                                 (self.state, reserve.STATES, "reserve.state.")):  # fmt: skip
            current = box.currentData()
            box.blockSignals(True)
            box.clear()
            for v in values:
                box.addItem(t(key + v) if v else t("reserve.ui.all"), v)
            box.setCurrentIndex(max(0, box.findData(current)))
            box.blockSignals(False)
        self.body.setVisible(self.env.s().body is None)
        self.search.setPlaceholderText(t("reserve.ui.search"))
        self.export_button.setText(t("reserve.ui.export"))
        self.table.setHorizontalHeaderLabels([t(f"reserve.ui.col.{c}") if c != "training" else
                                              t("life.ui.col.training") for c in COLUMNS])  # fmt: skip
        self.refresh()

    def filters(self) -> RegisterFilter:
        body, state = str(self.body.currentData() or ""), str(self.state.currentData() or "")
        return RegisterFilter(body=body, state=state, search=self.search.text())

    def selected(self) -> tuple[int, str] | None:
        nid = selected_data(self.table)
        item = self.table.item(self.table.currentRow(), 0)
        return (nid, item.text()) if isinstance(nid, int) and item is not None else None

    def refresh(self) -> None:
        s, f = self.env.s(), self.filters()
        self.env.op(self, lambda: (reserve.members(s, f), reserve_life.trained(s))).success(
            lambda r: self._show(*r)).run(self.env.executor)  # fmt: skip

    def _show(self, members: list, trained: set[int] | None = None) -> None:
        t, today = self.env.tr.t, self.env.s().clock.today()
        trained = trained or set()
        states = [reserve.state_of(m, today) for m in members]

        def training(m: Member, st: str) -> str:  # p.16: a member in the reserve without a course
            if m.nominee_id in trained:
                return "✓"
            return t("life.ui.no_training") if st == "active" else ""

        fill(self.table, [[m.name, m.iin, t("body." + m.body), m.position, fmt_date(m.enrolled_on),
                           fmt_date(m.term_ends), fmt_date(m.excluded_on), t("reserve.state." + st),
                           training(m, st)]
                          for m, st in zip(members, states, strict=True)],
             data=[m.nominee_id for m in members],
             colors=[OVERDUE if st == "expired" else None for st in states])  # fmt: skip
        self.count.setText(t("reserve.ui.count", n=len(members)))

    def export(self) -> None:
        path = self.ask_path()
        if not path:
            return
        s, f, lang = self.env.s(), self.filters(), self.env.tr.lang
        out = Path(path)
        (self.env.op(self, lambda: register_export.export(s, out, f, lang=lang))
         .success(lambda n: self.env.dialogs.info(self, self.env.tr.t("reserve.cli.exported", n=n,
                                                                      path=str(out))))
         .run(self.env.executor))  # fmt: skip

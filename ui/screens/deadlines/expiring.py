"""Terms in the reserve ending ahead (Rules-2025 p.14: at most three years; p.18(5)): every member
still in the reserve whose last day in it falls within the chosen number of days, soonest first,
with the days left — so the body can propose the appointment or the re-nomination in time. The
boundary rule (is the anniversary day still in the reserve?) is the rule-set parameter
``anniversary_in_reserve``; ``rezerv reserve list --expiring-within DAYS`` lists the same."""

from __future__ import annotations

from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QSpinBox, QVBoxLayout, QWidget

from app.i18n import fmt_date
from app.rules.citation import cite
from app.services import reserve_life
from ui.env import Env
from ui.screens.quarter.common import OVERDUE, fill, table

COLUMNS = ("name", "iin", "enrolled_on", "last_day", "days_left")
SOON = 30  # days: shown in red


class ExpiringTerms(QGroupBox):
    def __init__(self, env: Env, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.env = env
        self.days = QSpinBox()
        self.days.setRange(1, 3660)
        self.days.setValue(90)
        self.days_label = QLabel()
        self.table = table(len(COLUMNS))
        self.rows: list[tuple[object, object]] = []
        top = QHBoxLayout()
        top.addWidget(self.days_label)
        top.addWidget(self.days)
        top.addStretch(1)
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(self.table, 1)
        self.days.editingFinished.connect(self.refresh)
        env.tr.changed.connect(self.retranslate)
        self.retranslate()

    def retranslate(self) -> None:
        t = self.env.tr.t
        self.setTitle(t("life.ui.expiring", clause=cite("Rules-2025 p.14", self.env.tr.lang)))
        self.days_label.setText(t("life.ui.expiring_days"))
        self.table.setHorizontalHeaderLabels([t(f"life.ui.ecol.{c}") for c in COLUMNS])
        self.refresh()

    def refresh(self) -> None:
        s, days = self.env.s(), self.days.value()
        self.env.op(self, lambda: reserve_life.expiring(s, days)).success(self._show).run(self.env.executor)

    def _show(self, found: list) -> None:
        today = self.env.s().clock.today()
        self.rows = found
        left = [(end - today).days for _, end in found]
        fill(self.table, [[m.name, m.iin, fmt_date(m.enrolled_on), fmt_date(end), str(n)]
                          for (m, end), n in zip(found, left, strict=True)],
             data=[m.nominee_id for m, _ in found],
             colors=[OVERDUE if n <= SOON else None for n in left])  # fmt: skip

"""The Reg-2000 steps of this workstation from its records, counted as p.4 says (civil law): at
the authority the answer to each list request due two weeks from receipt (p.34) and each enrolled
reservist's last day in the reserve (p.10; exclusion from the next day, p.39(4)); at a state body
the reservists' last days and the report of each placement within ten days (p.36 part 3). Done,
pending, or overdue in red, the clause in words beside every date."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.i18n import fmt_date
from app.rules.citation import cite
from app.services import r2k
from app.services.quarter_deadlines import Item, days_left_text
from ui.env import Env
from ui.screens.quarter.common import DONE, OVERDUE, fill, table

COLUMNS = ("due", "state", "clause", "actor", "subject", "wording")  # the long wording last


class R2kDeadlinesScreen(QWidget):
    def __init__(self, env: Env, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.env = env
        self.items: list[Item] = []
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.refresh_button = QPushButton()
        self.table = table(len(COLUMNS))
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.refresh_button)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(12, 10, 12, 10)
        lay.addLayout(top)
        lay.addWidget(self.table, 1)
        self.refresh_button.clicked.connect(self.refresh)
        env.tr.changed.connect(self.retranslate)
        self.retranslate()

    def retranslate(self) -> None:
        t, lang = self.env.tr.t, self.env.tr.lang
        self.heading.setText(t("r2k.ui.deadlines_heading", act=t("rules.act.reg_2000"),
                               p4=cite("Reg-2000 p.4", lang)))  # fmt: skip
        self.refresh_button.setText(t("quarter.ui.refresh"))
        self.table.setHorizontalHeaderLabels([t(f"quarter.ui.dcol.{c}") for c in COLUMNS])
        self.refresh()

    def refresh(self) -> None:
        s = self.env.s()
        self.env.op(self, lambda: r2k.deadlines(s)).success(self._show).run(self.env.executor)

    def _show(self, items: list[Item]) -> None:
        t, lang = self.env.tr.t, self.env.tr.lang
        self.items = items

        def state(i: Item) -> str:
            if i.done:
                return t("quarter.cli.done")
            if i.overdue:
                return t("quarter.cli.overdue")
            return days_left_text(i.workdays_left or 0, lang)

        fill(self.table, [[fmt_date(i.due) or "—", state(i), cite(i.clause, lang), t(i.actor_key),
                           i.subject, t(i.wording_key)] for i in items],
             colors=[OVERDUE if i.overdue else DONE if i.done else None for i in items])  # fmt: skip

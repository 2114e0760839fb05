"""Every dated step of Rules-2025 p.10-p.13 for every quarter, and each notice's p.13 deadline:
done, pending, or overdue in red; the clause and the act's wording beside every date. Below, the
terms in the reserve ending ahead (p.14, ``expiring.py``)."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from app.i18n import fmt_date
from app.rules.citation import cite
from app.security.roles import Permission
from app.services import quarter, quarter_deadlines
from app.services.quarter_deadlines import Item, days_left_text
from ui.env import Env
from ui.screens.deadlines.expiring import ExpiringTerms
from ui.screens.quarter.common import DONE, OVERDUE, fill, table

COLUMNS = ("quarter", "due", "state", "clause", "actor", "wording", "subject")


class DeadlinesScreen(QWidget):
    def __init__(self, env: Env, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.env = env
        self.items: list[Item] = []
        self.own_only = QCheckBox()
        self.refresh_button = QPushButton()
        self.reminders_label = QLabel()
        self.reminders = QLineEdit()  # filled by refresh(), off the GUI thread
        self.reminders.setMaximumWidth(120)
        self.reminders_button = QPushButton()
        self.table = table(len(COLUMNS))
        self.expiring = ExpiringTerms(env)  # terms in the reserve ending ahead (p.14)
        top = QHBoxLayout()
        top.addWidget(self.own_only)
        top.addStretch(1)
        for w in (self.reminders_label, self.reminders, self.reminders_button):
            top.addWidget(w)
        top.addWidget(self.refresh_button)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(12, 10, 12, 10)
        lay.addLayout(top)
        lay.addWidget(self.table, 2)
        lay.addWidget(self.expiring, 1)
        self.own_only.toggled.connect(lambda _b: self._show(self.items))
        self.refresh_button.clicked.connect(self.refresh)
        self.reminders_button.clicked.connect(self.save_reminders)
        env.tr.changed.connect(self.retranslate)
        self.retranslate()

    def retranslate(self) -> None:
        t = self.env.tr.t
        self.own_only.setText(t("quarter.ui.own_only"))
        self.refresh_button.setText(t("quarter.ui.refresh"))
        self.reminders_label.setText(t("quarter.ui.reminders"))
        self.reminders_button.setText(t("quarter.ui.save"))
        self.table.setHorizontalHeaderLabels([t(f"quarter.ui.dcol.{c}") for c in COLUMNS])
        self.refresh()

    def refresh(self) -> None:
        s = self.env.s()
        self.expiring.refresh()
        self.env.op(self, lambda: quarter_deadlines.overview(s)).success(self._show).run(self.env.executor)
        self.env.op(self, lambda: quarter.reminder_offsets(s)).success(
            lambda v: self.reminders.setText(", ".join(str(n) for n in v))
        ).run(self.env.executor)

    def _show(self, items: list[Item]) -> None:
        t = self.env.tr.t
        self.items = items
        shown = [i for i in items if i.own or not self.own_only.isChecked()]

        def state(i: Item) -> str:
            if i.done:
                return t("quarter.cli.done")
            if i.overdue:
                return t("quarter.cli.overdue")
            if i.workdays_left is None:
                return t("deadlines.cli.pending")
            return days_left_text(i.workdays_left, self.env.tr.lang)

        lang = self.env.tr.lang
        fill(self.table, [[i.quarter, fmt_date(i.due) or "—", state(i), cite(i.clause, lang),
                           t(i.actor_key), t(i.wording_key), i.subject] for i in shown],
             colors=[OVERDUE if i.overdue else DONE if i.done else None for i in shown])  # fmt: skip

    def save_reminders(self) -> None:
        """The reminder offsets in working days before a deadline (kept in Settings)."""
        if not self.env.allowed(self, Permission.EDIT):
            return
        from app.errors import InvalidInput

        s, text = self.env.s(), self.reminders.text()

        def work() -> tuple[int, ...]:
            try:
                values = [int(x) for x in text.replace(" ", "").split(",") if x]
            except ValueError:
                raise InvalidInput("quarter.bad_reminders") from None
            quarter.set_reminder_offsets(s, values)
            return quarter.reminder_offsets(s)

        def done(values: tuple[int, ...]) -> None:
            self.reminders.setText(", ".join(str(n) for n in values))

        self.env.op(self, work).success(done).run(self.env.executor)

"""Quarter reminders: how many working days before the p.10 deadline the board reminds
(``app.services.quarter.reminder_offsets``, the same setting the Deadlines screen edits)."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit

from app.security.roles import Permission
from app.services import quarter
from ui.env import Env
from ui.screens.settings.base import OptionsPage

PROBLEM = "quarter.bad_reminders"


def parse(text: str) -> list[int] | None:
    """``"10, 5, 2"`` -> [10, 5, 2]; None when it is not a list of 0..60."""
    try:
        values = [int(x) for x in text.replace(" ", "").split(",") if x]
    except ValueError:
        return None
    return values if values and all(0 <= n <= 60 for n in values) else None


def show(values: tuple[int, ...] | list[int]) -> str:
    return ", ".join(str(n) for n in values)


class RemindersPage(OptionsPage):
    NAME = "reminders"
    TITLE_KEY = "ui.settings.reminders"
    HINT_KEY = "ui.settings.reminders_hint"

    def __init__(self, env: Env) -> None:
        super().__init__(env)
        self.loaded: tuple[int, ...] = quarter.REMINDERS_DEFAULT
        self.offsets = QLineEdit(show(self.loaded))
        self.offsets.setMaximumWidth(160)
        self.offsets.setEnabled(env.can(Permission.EDIT))
        self.label = QLabel()
        self.label.setBuddy(self.offsets)
        form = QFormLayout()
        form.addRow(self.label, self.offsets)
        self.body.addLayout(form)
        self.body.addStretch(1)
        self.retranslate()
        self.load()

    def retranslate(self) -> None:
        super().retranslate()
        t = self.env.tr.t
        self.label.setText(t("quarter.ui.reminders"))
        self.offsets.setAccessibleName(t("quarter.ui.reminders"))
        self.offsets.setPlaceholderText("10, 5, 2")

    def load(self) -> None:
        session = self.env.s()
        self.env.op(self, lambda: quarter.reminder_offsets(session)).success(self.load_done).run(
            self.env.executor
        )

    def check(self) -> str | None:
        return None if parse(self.offsets.text()) is not None else PROBLEM

    def save(self) -> None:
        values = parse(self.offsets.text())
        if values is None or not self.env.can(Permission.EDIT):
            return
        if tuple(sorted(set(values), reverse=True)) == self.loaded:
            return
        session = self.env.s()

        def work() -> tuple[int, ...]:
            quarter.set_reminder_offsets(session, values)
            return quarter.reminder_offsets(session)

        self.env.op(self, work).success(self.load_done).run(self.env.executor)

    def load_done(self, values: tuple[int, ...]) -> None:
        self.loaded = values
        self.offsets.setText(show(values))

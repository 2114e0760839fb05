"""Idle lock time (kept in the encrypted database by ``app.services.settings``)."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLabel, QSpinBox

from app.security.roles import Permission
from app.services import settings
from ui.env import Env
from ui.screens.settings.base import OptionsPage


class LockPage(OptionsPage):
    NAME = "lock"
    TITLE_KEY = "ui.settings.lock"
    HINT_KEY = "ui.settings.lock_hint"

    def __init__(self, env: Env) -> None:
        super().__init__(env)
        self.minutes = QSpinBox()
        self.minutes.setRange(settings.IDLE_MIN, settings.IDLE_MAX)
        self.minutes.setValue(settings.IDLE_DEFAULT)
        self.minutes.setEnabled(env.can(Permission.EDIT))
        self.loaded = settings.IDLE_DEFAULT
        self.label = QLabel()
        self.label.setBuddy(self.minutes)
        form = QFormLayout()
        form.addRow(self.label, self.minutes)
        self.body.addLayout(form)
        self.body.addStretch(1)
        self.retranslate()
        self.load()

    def retranslate(self) -> None:
        super().retranslate()
        t = self.env.tr.t
        self.label.setText(t("ui.settings.idle_minutes"))
        self.minutes.setSuffix(" " + t("ui.settings.minutes"))
        self.minutes.setAccessibleName(t("ui.settings.idle_minutes"))

    def load(self) -> None:
        session = self.env.s()

        def done(m: int) -> None:
            self.loaded = m
            self.minutes.setValue(m)

        self.env.op(self, lambda: settings.get_idle_minutes(session)).success(done).run(
            self.env.executor
        )

    def check(self) -> str | None:
        m = self.minutes.value()
        return None if settings.IDLE_MIN <= m <= settings.IDLE_MAX else "settings.idle_out_of_range"

    def save(self) -> None:
        m = self.minutes.value()
        if m == self.loaded or not self.env.can(Permission.EDIT):
            return
        session = self.env.s()

        def done(_: object) -> None:
            self.loaded = m
            self.env.set_idle_minutes(m)

        self.env.op(self, lambda: settings.set_idle_minutes(session, m)).success(done).run(
            self.env.executor
        )

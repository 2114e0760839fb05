"""Idle lock time (kept in the encrypted database by ``app.services.settings``) and, for a
supervisor, how many failed unlocks in a row lock a user (``workstation.set_lock_after``, kept in
the key file, audited)."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLabel, QSpinBox

from app.security.keyslots import LOCK_AFTER_DEFAULT
from app.security.roles import Permission
from app.services import settings, workstation
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
        self.attempts = QSpinBox()
        self.attempts.setRange(*workstation.LOCK_AFTER_RANGE)
        self.attempts.setValue(LOCK_AFTER_DEFAULT)
        self.attempts.setEnabled(env.can(Permission.MANAGE_USERS))
        self.attempts_loaded = LOCK_AFTER_DEFAULT
        self.attempts_label = QLabel()
        self.attempts_label.setWordWrap(True)
        self.attempts_label.setBuddy(self.attempts)
        form = QFormLayout()
        form.addRow(self.label, self.minutes)
        form.addRow(self.attempts_label, self.attempts)
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
        self.attempts_label.setText(t("ui.settings.lock_after"))
        self.attempts.setAccessibleName(t("ui.settings.lock_after"))
        self.attempts.setToolTip("" if self.attempts.isEnabled() else t("ui.users.supervisor_only"))

    def load(self) -> None:
        session = self.env.s()

        def done(got: tuple[int, int]) -> None:
            self.loaded, self.attempts_loaded = got
            self.minutes.setValue(self.loaded)
            self.attempts.setValue(self.attempts_loaded)

        self.env.op(self, lambda: (settings.get_idle_minutes(session), workstation.lock_after(session))
                    ).success(done).run(self.env.executor)  # fmt: skip

    def check(self) -> str | None:
        m = self.minutes.value()
        return None if settings.IDLE_MIN <= m <= settings.IDLE_MAX else "settings.idle_out_of_range"

    def save(self) -> None:
        self._save_attempts()
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

    def _save_attempts(self) -> None:
        n = self.attempts.value()
        if n == self.attempts_loaded or not self.env.can(Permission.MANAGE_USERS):
            return
        session = self.env.s()

        def done(_: object) -> None:
            self.attempts_loaded = n

        self.env.op(self, lambda: workstation.set_lock_after(session, n)).success(done).run(
            self.env.executor
        )

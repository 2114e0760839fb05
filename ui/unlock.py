"""The unlock screen: user and passphrase; the KDF runs off the GUI thread with a busy bar, the
passphrase field is emptied the moment it is handed to the key derivation, and a wrong
passphrase gives a clear message (the growing delay is in ``workstation.unlock``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)  # fmt: skip

from ui import icons
from ui.env import Env
from ui.widgets.common import LanguageSwitch, banner, busy_bar, hint, primary
from ui.widgets.passphrase import secret_field

if TYPE_CHECKING:  # the services load when the key is derived, off the GUI thread
    from app.services.workstation import Session


class UnlockScreen(QWidget):
    unlocked = Signal(object, int)  # Session, idle minutes

    def __init__(self, env: Env, user: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.env = env
        self.busy = False
        card = QWidget()
        card.setObjectName("Card")
        card.setFixedWidth(440)
        logo = QLabel()
        logo.setPixmap(icons.pixmap("logo", icons.ACCENT, 48))
        self.title = QLabel()
        self.title.setObjectName("Heading")
        self.subtitle = hint()
        self.user = QLineEdit(user)
        self.user.setMaxLength(64)
        self.passphrase = secret_field(env.tr)
        self.user_label = QLabel()
        self.user_label.setBuddy(self.user)
        self.pass_label = QLabel()
        self.pass_label.setBuddy(self.passphrase)
        self.button = primary(QPushButton())
        self.button.setDefault(True)
        self.button.clicked.connect(self.submit)
        self.passphrase.returnPressed.connect(self.submit)
        self.user.returnPressed.connect(self.passphrase.setFocus)
        self.bar = busy_bar()
        self.error = banner()
        self.lang = LanguageSwitch(env.tr)

        head = QHBoxLayout()
        head.addWidget(logo)
        head.addWidget(self.title, 1)
        form = QFormLayout()
        form.addRow(self.user_label, self.user)
        form.addRow(self.pass_label, self.passphrase)
        inner = QVBoxLayout(card)
        inner.setContentsMargins(28, 24, 28, 24)
        inner.setSpacing(12)
        inner.addLayout(head)
        inner.addWidget(self.subtitle)
        inner.addLayout(form)
        inner.addWidget(self.error)
        inner.addWidget(self.bar)
        inner.addWidget(self.button)
        inner.addWidget(self.lang, 0, Qt.AlignmentFlag.AlignRight)
        # the wrapped subtitle must not squeeze the fields: the card keeps at least its height
        for field in (self.user, self.passphrase):
            field.setMinimumHeight(field.sizeHint().height())
        card.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(card, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(2)
        env.tr.changed.connect(self.retranslate)
        self.retranslate()

    def retranslate(self) -> None:
        t = self.env.tr.t
        self.title.setText(t("ui.app.title"))
        self.subtitle.setText(t("ui.unlock.subtitle"))
        self.user_label.setText(t("ui.unlock.user"))
        self.pass_label.setText(t("ui.unlock.passphrase"))
        self.user.setAccessibleName(t("ui.unlock.user"))
        self.passphrase.setAccessibleName(t("ui.unlock.passphrase"))
        self.button.setText(t("ui.unlock.busy") if self.busy else t("ui.unlock.button"))
        self.bar.setAccessibleName(t("ui.unlock.busy"))

    def focus(self) -> None:
        (self.passphrase if self.user.text() else self.user).setFocus()

    def show_message(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))

    def submit(self) -> None:
        if self.busy:
            return
        user, secret = self.user.text().strip(), self.passphrase.text()
        if not user or not secret:
            self.show_message(self.env.tr.t("ui.unlock.fill_both"))
            return
        self.passphrase.clear()  # the worker holds the only copy from here on
        self._set_busy(True)
        self.show_message("")
        path, clock = self.env.db_path, self.env.clock

        def work() -> tuple[Session, int]:
            from app.services import settings, workstation

            s = workstation.unlock(path, user=user, passphrase=secret, clock=clock)
            return s, settings.get_idle_minutes(s)

        (
            self.env.op(self, work, report=False)
            .success(lambda r: self.unlocked.emit(r[0], r[1]))
            .failure(lambda e: self.show_message(self.env.tr.error(e)))
            .always(lambda: self._set_busy(False))
            .run(self.env.executor)
        )

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.bar.setVisible(busy)
        for w in (self.user, self.passphrase, self.button):
            w.setEnabled(not busy)
        self.retranslate()
        if not busy:
            self.passphrase.setFocus()

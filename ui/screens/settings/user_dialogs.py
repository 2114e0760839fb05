"""Adding a user and changing one's own passphrase; the Argon2 work runs in the background."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)  # fmt: skip

from app.security.roles import Role
from app.services import workstation
from ui.env import Env
from ui.widgets.common import banner, busy_bar
from ui.widgets.passphrase import NewPassphrase, secret_field


class _KdfDialog(QDialog):
    # each dialog below defines it: starts its own work through ``run``
    submit: Callable[[], None]

    def __init__(self, env: Env, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.env = env
        self.form = QFormLayout()
        self.secret = NewPassphrase(env.tr)
        self.error = banner()
        self.bar = busy_bar()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addLayout(self.form)
        lay.addWidget(self.secret)
        lay.addWidget(self.error)
        lay.addWidget(self.bar)
        lay.addWidget(self.buttons)
        self.secret.changed.connect(self._update)
        self.setMinimumWidth(480)

    def _update(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(self.ready() and not self.bar.isVisible())

    def ready(self) -> bool:
        return self.secret.problem() is None

    def run(self, work: Callable[[], object]) -> None:
        self.bar.show()
        self.error.hide()
        self._update()

        def failed(e: BaseException) -> None:
            self.error.setText(self.env.tr.error(e))
            self.error.show()

        def always() -> None:
            self.bar.hide()
            self._update()

        self.env.op(self, work, report=False).success(lambda _: self.accept()).failure(
            failed
        ).always(always).run(self.env.executor)



class AddUserDialog(_KdfDialog):
    def __init__(self, env: Env, parent: QWidget | None = None) -> None:
        super().__init__(env, parent)
        t = env.tr.t
        self.setWindowTitle(t("ui.users.add"))
        self.name = QLineEdit()
        self.name.setMaxLength(64)
        self.name.setAccessibleName(t("ui.users.name"))
        self.role = QComboBox()
        for r in Role:
            self.role.addItem(t(f"ui.role.{r.value}"), r.value)
        self.role.setAccessibleName(t("ui.users.role"))
        self.form.addRow(t("ui.users.name"), self.name)
        self.form.addRow(t("ui.users.role"), self.role)
        self.name.textChanged.connect(self._update)
        self._update()

    def ready(self) -> bool:
        return bool(self.name.text().strip()) and super().ready()

    def submit(self) -> None:
        s, kdf = self.env.s(), self.env.kdf
        name, role, secret = self.name.text().strip(), self.role.currentData(), self.secret.value()
        self.secret.clear()
        self.run(lambda: workstation.add_user(s, name, role, secret, kdf=kdf))


class ChangePassphraseDialog(_KdfDialog):
    def __init__(self, env: Env, parent: QWidget | None = None) -> None:
        super().__init__(env, parent)
        t = env.tr.t
        self.setWindowTitle(t("ui.users.change_passphrase"))
        self.old = secret_field(env.tr)
        self.old.setAccessibleName(t("ui.users.old_passphrase"))
        self.form.addRow(QLabel(t("ui.users.old_passphrase")), self.old)
        self.old.textChanged.connect(self._update)
        self._update()

    def ready(self) -> bool:
        return bool(self.old.text()) and super().ready()

    def submit(self) -> None:
        s, kdf = self.env.s(), self.env.kdf
        old, new = self.old.text(), self.secret.value()
        self.old.clear()
        self.secret.clear()
        self.run(lambda: workstation.change_passphrase(s, old, new, kdf=kdf))

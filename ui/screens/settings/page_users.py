"""Users: list (with who is locked after too many failed unlocks), add, remove and unlock
(supervisor), change one's own passphrase (everyone)."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QPushButton, QTableWidget, QTableWidgetItem

from app.security.roles import Permission
from app.services import workstation
from ui import icons
from ui.env import Env
from ui.screens.settings.base import OptionsPage
from ui.screens.settings.user_dialogs import AddUserDialog, ChangePassphraseDialog


class UsersPage(OptionsPage):
    NAME = "users"
    TITLE_KEY = "ui.settings.users"
    HINT_KEY = "ui.settings.users_hint"

    def __init__(self, env: Env) -> None:
        super().__init__(env)
        self.users: list[tuple[str, str]] = []
        self.locked: set[str] = set()
        self.table = QTableWidget(0, 3)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setColumnWidth(0, 220)
        self.table.setColumnWidth(1, 200)
        self.add = QPushButton(icons.icon("add"), "")
        self.remove = QPushButton(icons.icon("delete"), "")
        self.passwd = QPushButton(icons.icon("lock"), "")
        self.unlock = QPushButton(icons.icon("user"), "")
        self.add.clicked.connect(self.add_user)
        self.remove.clicked.connect(self.remove_user)
        self.passwd.clicked.connect(self.change_passphrase)
        self.unlock.clicked.connect(self.unlock_user)
        manage = env.can(Permission.MANAGE_USERS)
        self.add.setEnabled(manage)
        self.remove.setEnabled(manage)
        self.unlock.setEnabled(manage)
        bar = QHBoxLayout()
        for b in (self.add, self.remove, self.unlock, self.passwd):
            bar.addWidget(b)
        bar.addStretch(1)
        self.body.addLayout(bar)
        self.body.addWidget(self.table, 1)
        self.retranslate()
        self.load()

    def retranslate(self) -> None:
        super().retranslate()
        t = self.env.tr.t
        self.table.setHorizontalHeaderLabels([t("ui.users.name"), t("ui.users.role"),
                                              t("ui.users.state")])  # fmt: skip
        self.table.setAccessibleName(t("ui.settings.users"))
        for b, key in ((self.add, "ui.users.add"), (self.remove, "ui.users.remove"),
                       (self.unlock, "ui.users.unlock"),
                       (self.passwd, "ui.users.change_passphrase")):  # fmt: skip
            b.setText(t(key))
            b.setAccessibleName(t(key))
            if not b.isEnabled():
                b.setToolTip(t("ui.users.supervisor_only"))
        self._fill()

    def load(self) -> None:
        session = self.env.s()

        def done(got: tuple[list[tuple[str, str]], set[str]]) -> None:
            self.users, self.locked = got
            self._fill()

        self.env.op(self, lambda: (workstation.list_users(session), workstation.locked_users(session))
                    ).success(done).run(self.env.executor)  # fmt: skip

    def _fill(self) -> None:
        t = self.env.tr.t
        self.table.setRowCount(len(self.users))
        for r, (name, role) in enumerate(self.users):
            self.table.setItem(r, 0, QTableWidgetItem(name))
            self.table.setItem(r, 1, QTableWidgetItem(t(f"ui.role.{role}")))
            self.table.setItem(r, 2, QTableWidgetItem(t("ui.users.locked") if name in self.locked else ""))

    def add_user(self) -> None:
        if not self.env.allowed(self, Permission.MANAGE_USERS):
            return
        dialog = AddUserDialog(self.env, self)
        dialog.accepted.connect(self.load)
        dialog.open()

    def remove_user(self) -> None:
        if not self.env.allowed(self, Permission.MANAGE_USERS):
            return
        row = self.table.currentRow()
        if row < 0:
            return
        name = self.users[row][0]
        if not self.env.dialogs.confirm(self, self.env.tr.t("ui.users.confirm_remove", name=name)):
            return
        session = self.env.s()
        self.env.op(self, lambda: workstation.remove_user(session, name)).success(
            lambda _: self.load()
        ).run(self.env.executor)

    def unlock_user(self) -> None:
        """A supervisor lifts the lock of the chosen user after too many failed unlocks."""
        if not self.env.allowed(self, Permission.MANAGE_USERS):
            return
        row = self.table.currentRow()
        if row < 0:
            return
        name = self.users[row][0]
        t = self.env.tr.t
        if name not in self.locked:
            self.env.dialogs.info(self, t("user.not_locked", name=name))
            return
        if not self.env.dialogs.confirm(self, t("ui.users.confirm_unlock", name=name)):
            return
        session = self.env.s()

        def done(_: object) -> None:
            self.env.dialogs.info(self, t("ui.users.unlocked", name=name))
            self.load()

        self.env.op(self, lambda: workstation.unlock_user(session, name)).success(done).run(
            self.env.executor
        )

    def change_passphrase(self) -> None:
        dialog = ChangePassphraseDialog(self.env, self)
        dialog.accepted.connect(
            lambda: self.env.dialogs.info(self, self.env.tr.t("ui.users.passphrase_changed"))
        )
        dialog.open()

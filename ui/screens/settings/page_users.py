"""Users: list, add and remove (supervisor), change one's own passphrase (everyone)."""

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
        self.table = QTableWidget(0, 2)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setColumnWidth(0, 220)
        self.add = QPushButton(icons.icon("add"), "")
        self.remove = QPushButton(icons.icon("delete"), "")
        self.passwd = QPushButton(icons.icon("lock"), "")
        self.add.clicked.connect(self.add_user)
        self.remove.clicked.connect(self.remove_user)
        self.passwd.clicked.connect(self.change_passphrase)
        manage = env.can(Permission.MANAGE_USERS)
        self.add.setEnabled(manage)
        self.remove.setEnabled(manage)
        bar = QHBoxLayout()
        for b in (self.add, self.remove, self.passwd):
            bar.addWidget(b)
        bar.addStretch(1)
        self.body.addLayout(bar)
        self.body.addWidget(self.table, 1)
        self.retranslate()
        self.load()

    def retranslate(self) -> None:
        super().retranslate()
        t = self.env.tr.t
        self.table.setHorizontalHeaderLabels([t("ui.users.name"), t("ui.users.role")])
        self.table.setAccessibleName(t("ui.settings.users"))
        for b, key in ((self.add, "ui.users.add"), (self.remove, "ui.users.remove"),
                       (self.passwd, "ui.users.change_passphrase")):  # fmt: skip
            b.setText(t(key))
            b.setAccessibleName(t(key))
            if not b.isEnabled():
                b.setToolTip(t("ui.users.supervisor_only"))
        self._fill()

    def load(self) -> None:
        session = self.env.s()

        def done(users: list[tuple[str, str]]) -> None:
            self.users = users
            self._fill()

        self.env.op(self, lambda: workstation.list_users(session)).success(done).run(
            self.env.executor
        )

    def _fill(self) -> None:
        self.table.setRowCount(len(self.users))
        for r, (name, role) in enumerate(self.users):
            self.table.setItem(r, 0, QTableWidgetItem(name))
            self.table.setItem(r, 1, QTableWidgetItem(self.env.tr.t(f"ui.role.{role}")))

    def add_user(self) -> None:
        dialog = AddUserDialog(self.env, self)
        dialog.accepted.connect(self.load)
        dialog.open()

    def remove_user(self) -> None:
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

    def change_passphrase(self) -> None:
        dialog = ChangePassphraseDialog(self.env, self)
        dialog.accepted.connect(
            lambda: self.env.dialogs.info(self, self.env.tr.t("ui.users.passphrase_changed"))
        )
        dialog.open()

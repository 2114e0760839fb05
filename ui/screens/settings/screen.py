"""The settings screen: a list of declarative pages; Save checks every page before saving any."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)  # fmt: skip

from ui.env import Env
from ui.screens.settings.base import OptionsPage
from ui.screens.settings.page_calendar import CalendarPage
from ui.screens.settings.page_language import LanguagePage
from ui.screens.settings.page_lock import LockPage
from ui.screens.settings.page_reminders import RemindersPage
from ui.screens.settings.page_users import UsersPage
from ui.widgets.common import banner, primary

PAGES: list[type[OptionsPage]] = [LanguagePage, LockPage, UsersPage, CalendarPage, RemindersPage]


class SettingsScreen(QWidget):
    def __init__(self, env: Env, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.env = env
        self.pages = [cls(env) for cls in PAGES]
        self.list = QListWidget()
        self.list.setFixedWidth(220)
        self.stack = QStackedWidget()
        for p in self.pages:
            self.list.addItem("")
            self.list.item(self.list.count() - 1).setSizeHint(QSize(0, 34))
            self.stack.addWidget(p)
        self.list.currentRowChanged.connect(self.stack.setCurrentIndex)
        self.save_button = primary(QPushButton())
        self.save_button.clicked.connect(self.save)
        self.error = banner()
        right = QVBoxLayout()
        right.addWidget(self.stack, 1)
        right.addWidget(self.error)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.save_button)
        right.addLayout(bottom)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(12, 10, 12, 10)
        lay.addWidget(self.list)
        lay.addLayout(right, 1)
        self.list.setCurrentRow(0)
        env.tr.changed.connect(self.retranslate)
        self.retranslate()

    def page(self, name: str) -> OptionsPage:
        return next(p for p in self.pages if name == p.NAME)

    def show_page(self, name: str) -> OptionsPage:
        p = self.page(name)
        self.list.setCurrentRow(self.pages.index(p))
        return p

    def retranslate(self) -> None:
        t = self.env.tr.t
        for i, p in enumerate(self.pages):
            self.list.item(i).setText(t(p.TITLE_KEY))
        self.list.setAccessibleName(t("ui.screen.settings"))
        self.save_button.setText(t("ui.common.save"))
        self.save_button.setAccessibleName(t("ui.common.save"))

    def save(self) -> None:
        for p in self.pages:
            problem = p.check()
            if problem:
                self.show_page(p.NAME)
                self.error.setText(self.env.tr.t(problem))
                self.error.show()
                return
        self.error.hide()
        for p in self.pages:
            p.save()

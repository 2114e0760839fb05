"""Calendar overrides: the government's day transfers the offline holidays package does not know
(extra days off, working Saturdays). Everyone reads them; only a supervisor adds or removes
(``app.services.calendar``). A check line answers "is this a working day?"."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
)  # fmt: skip

from app.calendar import Override, OverrideKind
from app.calendar.workdays import MAX_YEAR, MIN_YEAR
from app.i18n import fmt_date
from app.security.roles import Permission
from app.services import calendar
from app.services.calendar import MAX_TEXT, DayInfo
from ui import icons
from ui.env import Env
from ui.screens.settings.base import OptionsPage
from ui.widgets.common import day_of, hint

KINDS = (OverrideKind.DAY_OFF, OverrideKind.WORKDAY)


def date_edit() -> QDateEdit:
    edit = QDateEdit()
    edit.setDisplayFormat("dd.MM.yyyy")
    edit.setCalendarPopup(True)
    edit.setMaximumWidth(150)
    edit.setMinimumDate(QDate(MIN_YEAR, 1, 1))
    edit.setMaximumDate(QDate(MAX_YEAR, 12, 31))
    return edit


class CalendarPage(OptionsPage):
    NAME = "calendar"
    TITLE_KEY = "ui.settings.calendar"
    HINT_KEY = "ui.settings.calendar_hint"

    def __init__(self, env: Env) -> None:
        super().__init__(env)
        self.items: list[Override] = []
        self.info: DayInfo | None = None
        today = env.s().clock.today()
        self.year = QSpinBox()
        self.year.setRange(MIN_YEAR, MAX_YEAR)
        self.year.setValue(today.year)
        self.year_label = QLabel()
        self.year_label.setBuddy(self.year)
        self.table = QTableWidget(0, 4)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        for col, width in enumerate((110, 230, 300)):
            self.table.setColumnWidth(col, width)
        self.remove = QPushButton(icons.icon("delete"), "")
        self.remove.clicked.connect(self.remove_selected)
        # the add form (supervisor)
        self.day = date_edit()
        self.day.setDate(QDate(today.year, today.month, today.day))
        self.kind = QComboBox()
        for k in KINDS:
            self.kind.addItem("", k.value)
        self.reason = QLineEdit()
        self.reason.setMaxLength(MAX_TEXT)
        self.reference = QLineEdit()
        self.reference.setMaxLength(MAX_TEXT)
        self.add = QPushButton(icons.icon("add"), "")
        self.add.clicked.connect(self.add_override)
        self.reference.returnPressed.connect(self.add.click)
        delete = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.table)
        delete.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        delete.activated.connect(self.remove.click)
        self.labels = {k: QLabel() for k in ("day", "kind", "reason", "reference")}
        form = QFormLayout()
        for key, w in (("day", self.day), ("kind", self.kind), ("reason", self.reason),
                       ("reference", self.reference)):  # fmt: skip
            self.labels[key].setBuddy(w)
            form.addRow(self.labels[key], w)
        self.kind.setMaximumWidth(300)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add)
        buttons.addStretch(1)
        form.addRow("", buttons)
        # the check line
        self.check_day = date_edit()
        self.check_day.setDate(self.day.date())
        self.check_label = QLabel()
        self.check_label.setBuddy(self.check_day)
        self.answer = hint()
        self.check_day.dateChanged.connect(lambda _d: self.ask())

        top = QHBoxLayout()
        top.addWidget(self.year_label)
        top.addWidget(self.year)
        top.addStretch(1)
        top.addWidget(self.remove)
        checkline = QHBoxLayout()
        checkline.addWidget(self.check_label)
        checkline.addWidget(self.check_day)
        checkline.addWidget(self.answer, 1)
        self.body.addLayout(top)
        self.body.addWidget(self.table, 1)
        self.body.addLayout(form)
        self.body.addLayout(checkline)
        manage = env.can(Permission.MANAGE_CALENDAR)
        for control in (self.remove, self.day, self.kind, self.reason, self.reference, self.add):
            control.setEnabled(manage)
        self.year.valueChanged.connect(lambda _y: self.load())
        self.retranslate()
        self.load()
        self.ask()

    def retranslate(self) -> None:
        super().retranslate()
        t = self.env.tr.t
        self.year_label.setText(t("ui.calendar.year"))
        self.year.setAccessibleName(t("ui.calendar.year"))
        self.table.setHorizontalHeaderLabels(
            [t(f"ui.calendar.{c}") for c in ("day", "kind", "reason", "reference")]
        )
        self.table.setAccessibleName(t("ui.settings.calendar"))
        for key, w in (("day", self.day), ("kind", self.kind), ("reason", self.reason),
                       ("reference", self.reference)):  # fmt: skip
            self.labels[key].setText(t(f"ui.calendar.{key}"))
            w.setAccessibleName(t(f"ui.calendar.{key}"))
        for i, k in enumerate(KINDS):
            self.kind.setItemText(i, t(f"ui.calendar.kind.{k.value}"))
        self.reason.setPlaceholderText(t("ui.calendar.reason_placeholder"))
        self.reference.setPlaceholderText(t("ui.calendar.reference_placeholder"))
        for b, key in ((self.add, "ui.calendar.add"), (self.remove, "ui.calendar.remove")):
            b.setText(t(key))
            b.setAccessibleName(t(key))
            b.setToolTip("" if b.isEnabled() else t("ui.users.supervisor_only"))
        self.check_label.setText(t("ui.calendar.check"))
        self.check_day.setAccessibleName(t("ui.calendar.check"))
        self._fill()
        self._show_answer()

    # --- reading ------------------------------------------------------------------------------
    def load(self) -> None:
        session, year = self.env.s(), self.year.value()

        def done(items: list[Override]) -> None:
            if year == self.year.value():
                self.items = items
                self._fill()

        self.env.op(self, lambda: calendar.overrides(session, year)).success(done).run(
            self.env.executor
        )

    def _fill(self) -> None:
        t = self.env.tr.t
        self.table.setRowCount(len(self.items))
        for r, o in enumerate(self.items):
            cells = (fmt_date(o.day), t(f"ui.calendar.kind.{o.kind.value}"), o.reason, o.reference)
            for c, text in enumerate(cells):
                self.table.setItem(r, c, QTableWidgetItem(text))

    def ask(self) -> None:
        """Is the check line's day a working day? (the package plus the overrides)"""
        session, day = self.env.s(), day_of(self.check_day)

        def done(info: DayInfo) -> None:
            if info.day == day_of(self.check_day):
                self.info = info
                self._show_answer()

        self.env.op(self, lambda: calendar.day_info(session, day)).success(done).run(
            self.env.executor
        )

    def _show_answer(self) -> None:
        i = self.info
        if i is None:
            self.answer.setText("")
            return
        t = self.env.tr.t
        text = t("ui.calendar.workday" if i.workday else "ui.calendar.day_off", date=fmt_date(i.day))
        if i.override is not None:
            text += " — " + t("ui.calendar.by_override")
        elif i.holiday:
            text += " — " + t("ui.calendar.by_holiday")
        self.answer.setText(text)

    # --- changing (supervisor) ----------------------------------------------------------------
    def add_override(self) -> None:
        if not self.env.allowed(self, Permission.MANAGE_CALENDAR):
            return
        session = self.env.s()
        day = day_of(self.day)
        kind, reason, reference = self.kind.currentData(), self.reason.text(), self.reference.text()

        def done(_: Override) -> None:
            self.reason.clear()
            self.reference.clear()
            self._changed(day)

        self.env.op(
            self,
            lambda: calendar.add_override(session, day, kind, reason=reason, reference=reference),
        ).success(done).run(self.env.executor)

    def remove_selected(self) -> None:
        if not self.env.allowed(self, Permission.MANAGE_CALENDAR):
            return
        row = self.table.currentRow()
        if not 0 <= row < len(self.items):
            return
        day = self.items[row].day
        t = self.env.tr.t
        if not self.env.dialogs.confirm(self, t("ui.calendar.confirm_remove", date=fmt_date(day))):
            return
        session = self.env.s()
        self.env.op(self, lambda: calendar.remove_override(session, day)).success(
            lambda _: self._changed(day)
        ).run(self.env.executor)

    def _changed(self, day: dt.date) -> None:
        if self.year.value() != day.year:
            self.year.setValue(day.year)  # reloads
        else:
            self.load()
        self.ask()

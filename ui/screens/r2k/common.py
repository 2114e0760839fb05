"""What the Reg-2000 screens share: a date field, the decision dialog, the findings in words."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)  # fmt: skip

from app.rules.base import Finding
from app.rules.citation import cite
from ui.env import Env


def date_edit(day: dt.date) -> QDateEdit:
    e = QDateEdit(QDate(day.year, day.month, day.day))
    e.setCalendarPopup(True)
    e.setDisplayFormat("dd.MM.yyyy")
    return e


def day_of(e: QDateEdit) -> dt.date:
    d = e.date()
    return dt.date(d.year(), d.month(), d.day())


def findings_text(found: list[Finding], env: Env) -> str:
    """One line per finding: its severity, the clause in words, the reason."""
    t, lang = env.tr.t, env.tr.lang
    return "\n".join(f"{t('r2k.cli.severity.' + f.severity.value)}: {cite(f.clause, lang)}: {f.message(lang)}"
                     for f in found) or t("r2k.ui.no_findings")  # fmt: skip


class Form(QDialog):
    """A small form: rows are added by the screen (a date, a choice, a text, a yes/no)."""

    def __init__(self, env: Env, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.env = env
        self.setWindowTitle(title)
        self.form = QFormLayout()
        std = QDialogButtonBox.StandardButton
        buttons = QDialogButtonBox(std.Ok | std.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addLayout(self.form)
        lay.addWidget(buttons)

    def date(self, label: str, day: dt.date) -> QDateEdit:
        e = date_edit(day)
        self.form.addRow(label, e)
        return e

    def choice(self, label: str, items: list[tuple[str, object]]) -> QComboBox:
        box = QComboBox()
        for text, data in items:
            box.addItem(text, data)
        self.form.addRow(label, box)
        return box

    def text(self, label: str) -> QLineEdit:
        e = QLineEdit()
        e.setMaxLength(4000)
        self.form.addRow(label, e)
        return e

    def check(self, label: str, on: bool = False) -> QCheckBox:
        c = QCheckBox(label)
        c.setChecked(on)
        self.form.addRow("", c)
        return c

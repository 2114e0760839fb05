"""Small shared widgets: a language switch, a busy bar, a message banner."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDateEdit, QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from ui.i18n import UI_LANGS, Translator

LANG_NAMES = {"kk": "Қазақша", "ru": "Русский"}  # each in its own language, never translated


class LanguageSwitch(QWidget):
    def __init__(self, tr: Translator, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tx = tr
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.buttons: dict[str, QPushButton] = {}
        for lang in UI_LANGS:
            b = QPushButton(LANG_NAMES[lang])
            b.setCheckable(True)
            b.setFlat(True)
            b.clicked.connect(lambda _=False, lang=lang: tr.set_lang(lang))
            lay.addWidget(b)
            self.buttons[lang] = b
        tr.changed.connect(self.retranslate)
        self.retranslate()

    def retranslate(self) -> None:
        for lang, b in self.buttons.items():
            b.setChecked(lang == self.tx.lang)
            b.setAccessibleName(self.tx.t("ui.common.language") + ": " + LANG_NAMES[lang])


def busy_bar() -> QProgressBar:
    bar = QProgressBar()
    bar.setRange(0, 0)
    bar.setTextVisible(False)
    bar.setFixedHeight(6)
    bar.hide()
    return bar


def banner() -> QLabel:
    label = QLabel()
    label.setObjectName("Banner")
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.hide()
    return label


def hint(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setObjectName("Hint")
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def primary(button: QPushButton) -> QPushButton:
    button.setProperty("primary", True)
    return button


def day_of(edit: QDateEdit) -> dt.date:
    """The day a date field shows (``QDate.toPython`` is typed as returning ``object``)."""
    q = edit.date()
    return dt.date(q.year(), q.month(), q.day())

"""Interface language: Kazakh (default) or Russian, switched at once without a restart."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel

from ui.env import Env
from ui.i18n import UI_LANGS
from ui.screens.settings.base import OptionsPage
from ui.widgets.common import LANG_NAMES


class LanguagePage(OptionsPage):
    NAME = "language"
    TITLE_KEY = "ui.settings.language"
    HINT_KEY = "ui.settings.language_hint"

    def __init__(self, env: Env) -> None:
        super().__init__(env)
        self.combo = QComboBox()
        for lang in UI_LANGS:
            self.combo.addItem(LANG_NAMES[lang], lang)
        self.label = QLabel()
        self.label.setBuddy(self.combo)
        form = QFormLayout()
        form.addRow(self.label, self.combo)
        self.body.addLayout(form)
        self.body.addStretch(1)
        self.retranslate()
        self.load()
        # the language applies at once, as the hint says (Save is not needed for it)
        self.combo.activated.connect(lambda _i: self.save())

    def retranslate(self) -> None:
        super().retranslate()
        self.label.setText(self.env.tr.t("ui.settings.language"))
        self.combo.setAccessibleName(self.env.tr.t("ui.settings.language"))

    def load(self) -> None:
        self.combo.setCurrentIndex(max(0, self.combo.findData(self.env.tr.lang)))

    def save(self) -> None:
        self.env.tr.set_lang(self.combo.currentData())

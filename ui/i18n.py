"""The interface language, switchable at run time: widgets connect ``changed`` to their
``retranslate()``; texts come from ``resources/i18n/ui.<lang>.json`` via ``app.i18n.tr``."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QObject, Signal

from app import i18n
from app.errors import RezervError

UI_LANGS = ("kk", "ru")


class Translator(QObject):
    changed = Signal()

    def __init__(self, lang: str = i18n.DEFAULT_LANG) -> None:
        super().__init__()
        self.lang = lang if lang in UI_LANGS else i18n.DEFAULT_LANG

    def t(self, key: str, /, **params: object) -> str:
        return i18n.tr(key, self.lang, **params)

    def set_lang(self, lang: str) -> None:
        if lang in UI_LANGS and lang != self.lang:
            self.lang = lang
            self.changed.emit()

    def error(self, exc: BaseException) -> str:
        """A translated message for any failure; never a traceback or a raw English text."""
        if isinstance(exc, RezervError):
            return exc.message(self.lang)
        return self.t("ui.error.internal", kind=type(exc).__name__)

    @staticmethod
    def date(value: dt.date | None) -> str:
        return i18n.fmt_date(value)

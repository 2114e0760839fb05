"""The interface language, switchable at run time: widgets connect ``changed`` to their
``retranslate()``; texts come from ``resources/i18n/ui.<lang>.json`` via ``app.i18n.tr``."""

from __future__ import annotations

import contextlib
import datetime as dt
import warnings
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QObject, QTranslator, Signal

from app import i18n
from app.errors import RezervError

UI_LANGS = ("kk", "ru")
QT_LOCALES = {"kk": "kk_KZ", "ru": "ru_RU"}


class Translator(QObject):
    changed = Signal()

    def __init__(self, lang: str = i18n.DEFAULT_LANG) -> None:
        super().__init__()
        self.lang = lang if lang in UI_LANGS else i18n.DEFAULT_LANG
        self.qt = QTranslator(self)
        self._install_qt()

    def _install_qt(self) -> None:
        """Qt's own texts (file dialogs, message box buttons, context menus) in the same language:
        PySide6 ships qtbase_kk.qm and qtbase_ru.qm."""
        app = QCoreApplication.instance()
        if app is None:
            return
        app.removeTranslator(self.qt)
        folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if self.qt.load(f"qtbase_{self.lang}", folder):
            app.installTranslator(self.qt)
        QLocale.setDefault(QLocale(QT_LOCALES[self.lang]))

    def t(self, key: str, /, **params: object) -> str:
        return i18n.tr(key, self.lang, **params)

    def set_lang(self, lang: str) -> None:
        if lang in UI_LANGS and lang != self.lang:
            self.lang = lang
            self._install_qt()
            self.changed.emit()

    def on_change(self, owner: QObject, fn: Callable[[], object]) -> None:
        """Call ``fn`` on every language change while ``owner`` lives. A lambda or a local
        function has no receiver Qt could disconnect when its widget is deleted; this ties the
        connection to ``owner``'s lifetime (bound methods of QObjects need no help)."""
        connection = self.changed.connect(fn)

        def forget(*_: object) -> None:
            # RuntimeError: the translator went first (at exit); RuntimeWarning: Qt disconnected it
            # already (a slot PySide ties to the destroyed object itself), which is all we wanted
            with contextlib.suppress(RuntimeError), warnings.catch_warnings():
                warnings.simplefilter("ignore", RuntimeWarning)
                self.changed.disconnect(connection)

        owner.destroyed.connect(forget)

    def error(self, exc: BaseException) -> str:
        """A translated message for any failure; never a traceback or a raw English text."""
        if isinstance(exc, RezervError):
            return exc.message(self.lang)
        return self.t("ui.error.internal", kind=type(exc).__name__)

    @staticmethod
    def date(value: dt.date | None) -> str:
        return i18n.fmt_date(value)

"""Qt's own texts (file dialogs, message box buttons, context menus) follow the interface
language: qtbase_kk.qm and qtbase_ru.qm from PySide6 are loaded and switched with it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QDialogButtonBox

from ui.i18n import Translator

pytestmark = pytest.mark.gui


def _cancel_text() -> str:
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    return box.button(QDialogButtonBox.StandardButton.Cancel).text()


def test_qt_texts_follow_the_language(qapp) -> None:
    tr = Translator("ru")
    try:
        assert _cancel_text() == "Отмена"
        assert QCoreApplication.translate("QFileDialog", "File &name:") == "&Имя файла:"
        assert QCoreApplication.translate("QLineEdit", "&Copy") == "&Копировать"
        assert QLocale().name() == "ru_RU"
        tr.set_lang("kk")
        assert _cancel_text() == "Бас тарту"
        assert QCoreApplication.translate("QLineEdit", "&Copy") == "&Көшіру"
        assert QLocale().name() == "kk_KZ"
    finally:
        QCoreApplication.removeTranslator(tr.qt)

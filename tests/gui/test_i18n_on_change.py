"""``Translator.on_change``: a language change reaches a widget's texts while the widget lives;
when the widget goes, its tie is cut without a word from Qt, even when Qt cut it already (in the
GUI benchmark each closed wizard's section titles printed "libpyside: Failed to disconnect" to
stderr: 90 lines for 41 wizards)."""

from __future__ import annotations

import warnings

import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QGroupBox

from ui.i18n import Translator

pytestmark = pytest.mark.gui


def _delete(box: QGroupBox) -> None:
    box.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.mark.parametrize("cut_before", [False, True])
def test_a_deleted_owner_leaves_no_warning(qapp, cut_before: bool) -> None:
    tr = Translator("ru")
    try:
        box = QGroupBox()
        tr.on_change(box, lambda: box.setTitle(tr.t("ui.audit.verify")))
        tr.set_lang("kk")
        assert box.title() == tr.t("ui.audit.verify")
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            if cut_before:  # as Qt does when the slot's context object goes first
                tr.changed.disconnect()
            _delete(box)
            tr.set_lang("ru")  # nothing of the box is called
        assert [str(w.message) for w in caught] == []
    finally:
        QCoreApplication.removeTranslator(tr.qt)

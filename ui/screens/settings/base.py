"""A declarative options page (after Picard's ``OptionsPage``): ``NAME``, ``TITLE_KEY``,
``load()``, ``check()`` (a translation key or None) and ``save()``. The screen checks every page
before saving any."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from ui.env import Env
from ui.widgets.common import hint


class OptionsPage(QWidget):
    NAME = ""
    TITLE_KEY = ""
    HINT_KEY = ""

    def __init__(self, env: Env) -> None:
        super().__init__()
        self.env = env
        self.hint = hint()
        self.body = QVBoxLayout(self)
        self.body.setContentsMargins(16, 8, 16, 8)
        self.body.addWidget(self.hint)
        env.tr.changed.connect(self.retranslate)

    def retranslate(self) -> None:
        self.hint.setText(self.env.tr.t(self.HINT_KEY) if self.HINT_KEY else "")

    def load(self) -> None:
        pass

    def check(self) -> str | None:
        return None

    def save(self) -> None:
        pass

"""Passphrase entry with a strength meter (NIST SP 800-63B: length, blocklist, no composition
rules, never truncated). The policy itself is ``app.security.passphrase``."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QProgressBar, QWidget

from app.security import passphrase as policy
from ui import icons
from ui.i18n import Translator

_COLORS = ["#c0392b", "#c0392b", "#d68910", "#2e86c1", "#1e8449"]


def secret_field(tr: Translator) -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setMaxLength(policy.MAX_LENGTH)
    show = QAction(icons.icon("eye"), "", field)
    show.setCheckable(True)
    show.toggled.connect(
        lambda on: field.setEchoMode(
            QLineEdit.EchoMode.Normal if on else QLineEdit.EchoMode.Password
        )
    )
    field.addAction(show, QLineEdit.ActionPosition.TrailingPosition)
    field.setProperty("reveal", show)
    return field


class NewPassphrase(QWidget):
    """Two fields, a meter and the first thing wrong; ``changed`` on every keystroke."""

    changed = Signal()

    def __init__(self, tr: Translator, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tx = tr
        self.first = secret_field(tr)
        self.second = secret_field(tr)
        self.meter = QProgressBar()
        self.meter.setRange(0, 4)
        self.meter.setTextVisible(False)
        self.meter.setFixedHeight(8)
        self.verdict = QLabel()
        self.verdict.setObjectName("Hint")
        self.verdict.setWordWrap(True)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        self.label_first = QLabel()
        self.label_second = QLabel()
        self.label_first.setBuddy(self.first)
        self.label_second.setBuddy(self.second)
        form.addRow(self.label_first, self.first)
        form.addRow(self.label_second, self.second)
        form.addRow("", self.meter)
        form.addRow("", self.verdict)
        self.first.textChanged.connect(self._update)
        self.second.textChanged.connect(self._update)
        tr.changed.connect(self.retranslate)
        self.retranslate()

    def retranslate(self) -> None:
        t = self.tx.t
        self.label_first.setText(t("ui.passphrase.new"))
        self.label_second.setText(t("ui.passphrase.repeat"))
        self.first.setAccessibleName(t("ui.passphrase.new"))
        self.second.setAccessibleName(t("ui.passphrase.repeat"))
        self.first.setPlaceholderText(t("ui.passphrase.placeholder", minimum=policy.MIN_LENGTH))
        self.meter.setAccessibleName(t("ui.passphrase.strength"))
        self._update()

    def problem(self) -> str | None:
        """A translation key, or None when the two entries are acceptable and equal."""
        text = self.first.text()
        key = policy.policy_problem(text)
        if key:
            return key
        if text != self.second.text():
            return "ui.passphrase.mismatch"
        return None

    def value(self) -> str:
        return self.first.text()

    def clear(self) -> None:
        self.first.clear()
        self.second.clear()

    def _update(self) -> None:
        text = self.first.text()
        score = policy.strength(text)
        self.meter.setValue(score)
        self.meter.setStyleSheet(f"QProgressBar::chunk {{ background: {_COLORS[score]}; }}")
        if not text:
            msg = self.tx.t("ui.passphrase.rules", minimum=policy.MIN_LENGTH)
        else:
            key = self.problem()
            n = policy.length(text)
            msg = (
                self.tx.t(key, minimum=policy.MIN_LENGTH, length=n)
                if key
                else self.tx.t(f"ui.passphrase.strength{score}")
            )
        self.verdict.setText(msg)
        self.changed.emit()

"""The findings panel: blockers, warnings and input problems, each with its clause; activating a
line emits the dossier field path it concerns (the wizard jumps there)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from app.i18n import tr as translate
from app.rules.citation import cite
from app.services.dossier_flow import Issue
from ui import icons
from ui.dossier.labels import field_label
from ui.i18n import Translator

FieldRole = Qt.ItemDataRole.UserRole + 1
_ICON = {
    "blocker": ("blocker", icons.BLOCKER),
    "warning": ("warning", icons.WARNING),
    "info": ("problem", icons.ACCENT),
    "input": ("problem", icons.BLOCKER),
}


def issue_text(tr: Translator, issue: Issue) -> str:
    named = {name: translate(key, tr.lang) for name, key in issue.refs.items()}
    params = {"field": field_label(tr, issue.field), **issue.params, **named}
    text = translate(issue.key, tr.lang, **params)
    return f"{text}\n{cite(issue.clause, tr.lang)}" if issue.clause else text


class FindingsPanel(QWidget):
    jump = Signal(str)  # the field path

    def __init__(self, tr: Translator, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tx = tr
        self.issues: list[Issue] = []
        self.loaded = False
        self.heading = QLabel()
        self.heading.setObjectName("Heading")
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.list.itemActivated.connect(self._activated)
        self.list.itemClicked.connect(self._activated)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.heading)
        lay.addWidget(self.summary)
        lay.addWidget(self.list, 1)
        tr.changed.connect(self.retranslate)
        self.retranslate()

    def set_issues(self, issues: Sequence[Issue]) -> None:
        self.issues = list(issues)
        self.loaded = True
        self._fill()

    def clear(self) -> None:
        self.issues = []
        self.loaded = False
        self._fill()

    def retranslate(self) -> None:
        self.heading.setText(self.tx.t("ui.findings.title"))
        self.list.setAccessibleName(self.tx.t("ui.findings.title"))
        self._fill()

    def counts(self) -> dict[str, int]:
        out = {"blocker": 0, "warning": 0, "input": 0, "info": 0}
        for i in self.issues:
            out[i.kind] = out.get(i.kind, 0) + 1
        return out

    def texts(self) -> list[str]:
        return [self.list.item(i).text() for i in range(self.list.count())]

    def _fill(self) -> None:
        t = self.tx.t
        self.list.clear()
        for issue in self.issues:
            name, color = _ICON.get(issue.kind, _ICON["info"])
            item = QListWidgetItem(icons.icon(name, color), issue_text(self.tx, issue))
            item.setData(FieldRole, issue.field)
            item.setToolTip(t("ui.findings.jump_hint"))
            self.list.addItem(item)
        c = self.counts()
        if not self.loaded:
            self.summary.setText("")
        elif not self.issues:
            self.summary.setText(t("ui.findings.none"))
            self.summary.setStyleSheet(f"color: {icons.OK};")
        else:
            self.summary.setText(
                t(
                    "ui.findings.summary",
                    blockers=c["blocker"],
                    warnings=c["warning"],
                    problems=c["input"],
                )
            )
            color = icons.BLOCKER if c["blocker"] or c["input"] else icons.WARNING
            self.summary.setStyleSheet(f"color: {color}; font-weight: 600;")

    def _activated(self, item: QListWidgetItem) -> None:
        self.jump.emit(str(item.data(FieldRole) or ""))

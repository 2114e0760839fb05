"""Review: the whole dossier as it will be saved, with every finding; Finish saves it."""

from __future__ import annotations

from PySide6.QtWidgets import QTextBrowser

from ui.dossier.page import FlowPage
from ui.dossier.summary import dossier_html


class ReviewPage(FlowPage):
    STEP = "review"

    def build(self) -> None:
        self.text = QTextBrowser()
        self.layout_.addWidget(self.text, 1)
        self.finish()

    def load(self) -> None:
        if not self.built:
            return
        d = self.flow.dossier()
        if d is None:
            self.text.setPlainText(self.env.tr.t("ui.review.incomplete"))
        else:
            self.text.setHtml(dossier_html(self.env.tr, d))
        self.text.setAccessibleName(self.env.tr.t("ui.step.review"))

    def retranslate(self) -> None:
        super().retranslate()
        self.load()

    def isComplete(self) -> bool:
        return self.flow.can_save()

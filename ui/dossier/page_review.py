"""Review: the whole dossier as it will be saved, with every finding; Finish saves it."""

from __future__ import annotations

from PySide6.QtWidgets import QTextBrowser

from app.services.dossier_flow import DossierFlow
from ui.dossier.page import FlowPage
from ui.dossier.summary import dossier_html
from ui.env import Env


class ReviewPage(FlowPage):
    STEP = "review"

    def __init__(self, env: Env, flow: DossierFlow) -> None:
        super().__init__(env, flow)
        self.text = QTextBrowser()
        self.layout_.addWidget(self.text, 1)
        self.finish()

    def load(self) -> None:
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

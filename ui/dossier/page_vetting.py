"""Mandatory special vetting (Rules-2025 p.10(3))."""

from __future__ import annotations

from app.services.dossier_flow import DossierFlow
from ui.dossier.page import FlowPage, form
from ui.env import Env


class VettingPage(FlowPage):
    STEP = "vetting"

    def __init__(self, env: Env, flow: DossierFlow) -> None:
        super().__init__(env, flow)
        b = self.binder
        f = form()
        b.row(f, "vetting.passed", b.yes_no("vetting.passed"))
        b.row(f, "vetting.date", b.date("vetting.date"))
        b.row(f, "vetting.reference", b.text("vetting.reference"))
        self.layout_.addLayout(f)
        self.layout_.addStretch(1)
        self.finish()

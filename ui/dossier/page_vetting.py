"""Mandatory special vetting (Rules-2025 p.10(3))."""

from __future__ import annotations

from ui.dossier.page import FlowPage, form


class VettingPage(FlowPage):
    STEP = "vetting"

    def build(self) -> None:
        b = self.binder
        f = form()
        b.row(f, "vetting.passed", b.yes_no("vetting.passed"))
        b.row(f, "vetting.date", b.date("vetting.date"))
        b.row(f, "vetting.reference", b.text("vetting.reference"))
        self.layout_.addLayout(f)
        self.layout_.addStretch(1)
        self.finish()

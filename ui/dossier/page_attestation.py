"""Attestation (Rules-2025 p.8(2)); for those not subject to it, concrete service results."""

from __future__ import annotations

from app.domain.dossier import AttestationDecision
from ui.dossier.page import FlowPage, form, options


class AttestationPage(FlowPage):
    STEP = "attestation"

    def build(self) -> None:
        b = self.binder
        f = form()
        f.addRow(b.check("attestation.subject"))
        b.row(f, "attestation.date", b.date("attestation.date"))
        b.row(
            f,
            "attestation.decision",
            b.choice("attestation.decision", options(AttestationDecision, "ui.attestation")),
        )
        b.row(f, "attestation.protocol_ref", b.text("attestation.protocol_ref"))
        b.row(
            f, "attestation.service_results", b.text("attestation.service_results", multiline=True)
        )
        self.layout_.addLayout(f)
        self.layout_.addStretch(1)
        self.finish()

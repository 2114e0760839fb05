"""Attestation (Rules-2025 p.8(2)); for those not subject to it, concrete service results.

p.10(1) asks for the attestation commission's decision or, for those not subject to attestation,
the concrete results of service: one or the other. Ticking "subject to attestation" enables the
attestation fields and disables the service results, and the other way round, so the submission
prints exactly one of the two sections."""

from __future__ import annotations

from app.domain.dossier import AttestationDecision
from ui.dossier.page import FlowPage, form, options

ATTESTATION_FIELDS = ("attestation.date", "attestation.decision", "attestation.protocol_ref")
RESULTS_FIELDS = ("attestation.service_results",)


class AttestationPage(FlowPage):
    STEP = "attestation"

    def build(self) -> None:
        b = self.binder
        f = form()
        subject = b.check("attestation.subject")
        f.addRow(subject)
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
        subject.toggled.connect(lambda _on: self._exclusive())
        self.layout_.addLayout(f)
        self.layout_.addStretch(1)
        self.finish()

    def load(self) -> None:
        super().load()
        if self.built:
            self._exclusive()

    def _exclusive(self) -> None:
        subject = bool(self.flow.get("attestation.subject"))
        for path in ATTESTATION_FIELDS:
            self.binder.widgets[path].setEnabled(subject)
        for path in RESULTS_FIELDS:
            self.binder.widgets[path].setEnabled(not subject)

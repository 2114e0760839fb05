"""Indicators by year (Rules-2025 p.10(1)) and the first head's submission."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout

from app.rules.deadlines import quarter_of
from ui.dossier.list_editor import Column, ListEditor
from ui.dossier.page import FlowPage, form
from ui.widgets.quarters import quarter_choices


class SubmissionPage(FlowPage):
    STEP = "submission"

    def build(self) -> None:
        env, flow = self.env, self.flow
        b = self.binder
        left, right = form(), form()
        b.row(left, "nomination.intended_position", b.text("nomination.intended_position"))
        now = quarter_of(flow.today)
        known = {q for q in (flow.get("nomination.quarter"),) if isinstance(q, str) and q}
        quarters = [("", "ui.common.not_set")] + [(q, q) for q in quarter_choices(now, known)]
        b.row(left, "nomination.quarter", b.choice("nomination.quarter", quarters, empty=None))
        b.row(left, "nomination.required_service_years",
              b.integer("nomination.required_service_years", 0, 60))  # fmt: skip
        b.row(left, "nomination.required_training", b.text("nomination.required_training"))
        b.row(left, "nomination.qualification_met", b.yes_no("nomination.qualification_met"))
        b.row(left, "nomination.qualities", b.text("nomination.qualities", multiline=True))
        b.row(left, "nomination.compliance", b.text("nomination.compliance", multiline=True))
        b.row(right, "nomination.first_head_name", b.text("nomination.first_head_name"))
        b.row(right, "nomination.first_head_title", b.text("nomination.first_head_title"))
        b.row(right, "nomination.submission_date", b.date("nomination.submission_date"))
        for name in (
            "first_head_position",
            "additional_candidate",
            "appointment_submission_pending",
        ):
            right.addRow(b.check(f"nomination.{name}"))
        top = QHBoxLayout()
        top.addLayout(left, 3)
        top.addWidget(self.section("ui.submission.first_head", right), 2)
        self.layout_.addLayout(top)
        self.layout_.addWidget(self.list_editor(ListEditor(
            flow, env.tr, "indicators", [Column("year", "int", width=80), Column("text")],
            {"year": None, "text": ""})), 1)  # fmt: skip
        self.finish()

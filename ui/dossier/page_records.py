"""Disciplinary sanctions, administrative and corruption liability, career events."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QTabWidget

from app.domain.dossier import CareerEventKind, LiabilityKind, SanctionKind
from ui.dossier.list_editor import Column, ListEditor
from ui.dossier.page import FlowPage, options

LISTS: dict[str, tuple[list[Column], dict[str, Any]]] = {
    "disciplinary": ([Column("kind", "choice", options(SanctionKind, "ui.sanction"), width=220),
                      Column("imposed", "date", width=105), Column("lifted", "date", width=105),
                      Column("corruption", "bool", width=90), Column("order_ref", width=100),
                      Column("grounds")],
                     {"kind": "reprimand", "imposed": None, "lifted": None, "corruption": False,
                      "order_ref": "", "grounds": ""}),
    "liabilities": ([Column("kind", "choice", options(LiabilityKind, "ui.liability"), width=200),
                     Column("date", "date", width=105), Column("by_court", "bool", width=90),
                     Column("intentional", "bool", width=90), Column("reference", width=110),
                     Column("description")],
                    {"kind": "administrative", "date": None, "by_court": False,
                     "intentional": False, "reference": "", "description": ""}),
    "career_events": ([Column("kind", "choice", options(CareerEventKind, "ui.event"), width=220),
                       Column("date", "date", width=105), Column("reference", width=120),
                       Column("note")],
                      {"kind": "transfer", "date": None, "reference": "", "note": ""}),
}  # fmt: skip


class RecordsPage(FlowPage):
    STEP = "records"

    def build(self) -> None:
        env, flow = self.env, self.flow
        self.tabs = QTabWidget()
        self.tab_paths = list(LISTS)
        for path, (columns, template) in LISTS.items():
            self.tabs.addTab(
                self.list_editor(ListEditor(flow, env.tr, path, columns, template)), ""
            )
        self.layout_.addWidget(self.tabs, 1)
        self.finish()

    def retranslate(self) -> None:
        super().retranslate()
        for i, path in enumerate(self.tab_paths):
            n = len(self.flow.items(path))
            label = self.env.tr.t(f"ui.field.{path}")
            self.tabs.setTabText(i, f"{label} ({n})" if n else label)

    def load(self) -> None:
        if not self.built:
            return
        super().load()
        self.retranslate()

    def focus_field(self, path: str) -> None:
        head = path.split("[")[0].split(".")[0]
        if head in self.tab_paths:
            self.tabs.setCurrentIndex(self.tab_paths.index(head))
        super().focus_field(path)

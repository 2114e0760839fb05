"""Service: current post and unit (in Kazakh and, for Russian papers, in Russian), rank,
secondment, and the service record (add, edit, reorder), with education (its Russian forms
beside the Kazakh ones), training and awards in tabs."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QTabWidget

from app.domain.dossier import SecondmentKind
from ui.dossier.list_editor import Column, ListEditor
from ui.dossier.page import FlowPage, form, options

LISTS = {
    "service_record": (
        [
            Column("start", "date", width=110),
            Column("end", "date", width=110),
            Column("position"),
            Column("unit"),
            Column("order_ref", width=110),
        ],
        {"start": None, "end": None, "position": "", "unit": "", "order_ref": ""},
    ),
    "education": (
        [
            Column("institution"),
            Column("institution_ru"),
            Column("year", "int", width=70),
            Column("speciality"),
            Column("speciality_ru"),
            Column("qualification"),
            Column("qualification_ru"),
        ],
        {"institution": "", "institution_ru": "", "year": None, "speciality": "",
         "speciality_ru": "", "qualification": "", "qualification_ru": ""},
    ),
    "training": (
        [
            Column("title"),
            Column("institution"),
            Column("completed", "date", width=110),
            Column("hours", "int", width=70),
        ],
        {"title": "", "institution": "", "completed": None, "hours": None},
    ),
    "awards": ([Column("title"), Column("date", "date", width=110)], {"title": "", "date": None}),
}


class ServicePage(FlowPage):
    STEP = "service"

    def build(self) -> None:
        env, flow = self.env, self.flow
        b = self.binder
        left, right = form(), form()
        b.row(left, "current_position", b.text("current_position"))
        b.row(left, "current_position_ru", b.text("current_position_ru"))
        b.row(left, "unit", b.text("unit"))
        b.row(left, "unit_ru", b.text("unit_ru"))
        b.row(left, "rank", b.text("rank", max_len=200))
        b.row(left, "service_start", b.date("service_start"))
        b.row(left, "academic_degree", b.text("academic_degree"))
        b.row(left, "languages", b.text("languages"))
        b.row(
            right,
            "secondment.kind",
            b.choice("secondment.kind", options(SecondmentKind, "ui.secondment"), empty=None),
        )
        b.row(right, "secondment.host", b.text("secondment.host"))
        b.row(right, "secondment.since", b.date("secondment.since"))
        for name in ("pa_submission", "agreed_with_first_head", "characterising_materials"):
            right.addRow(b.check(f"secondment.{name}"))
        top = QHBoxLayout()
        top.addLayout(left, 1)
        top.addWidget(self.section("ui.service.secondment", right), 1)
        self.tabs = QTabWidget()
        self.tab_paths = list(LISTS)
        for path, (columns, template) in LISTS.items():
            self.tabs.addTab(
                self.list_editor(ListEditor(flow, env.tr, path, columns, template)), ""
            )
        self.layout_.addLayout(top)
        self.layout_.addWidget(self.tabs, 1)
        self.finish()

    def retranslate(self) -> None:
        super().retranslate()
        for i, path in enumerate(self.tab_paths):
            self.tabs.setTabText(i, self.env.tr.t(f"ui.field.{path}"))

    def focus_field(self, path: str) -> None:
        head = path.split("[")[0].split(".")[0]
        if head in self.tab_paths:
            self.tabs.setCurrentIndex(self.tab_paths.index(head))
        super().focus_field(path)

"""Positions and bench strength (Rules-2025 p.4, p.8 part 1): the catalogue's positions with their
need, the members ready, the nominees of the quarter and the gap; a coverage chart per body.
Read and drawn off the GUI thread."""

from __future__ import annotations

from PySide6.QtCore import QByteArray
from PySide6.QtSvgWidgets import QSvgWidget
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.domain.positions import Bench
from app.i18n import fmt_date
from app.rules.citation import cite
from app.services import bench, bench_export
from ui.env import Env
from ui.screens.quarter.common import OVERDUE, fill, table


class BenchScreen(QWidget):
    def __init__(self, env: Env, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.env = env
        self.bench: Bench | None = None
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.refresh_button = QPushButton()
        self.table = table(len(bench_export.COLUMNS))
        self.chart = QSvgWidget()
        self.chart.setFixedSize(420, 200)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.refresh_button)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(12, 10, 12, 10)
        lay.addLayout(top)
        lay.addWidget(self.table, 1)
        lay.addWidget(self.chart)
        self.refresh_button.clicked.connect(self.refresh)
        env.tr.changed.connect(self.retranslate)
        self.retranslate()

    def retranslate(self) -> None:
        t = self.env.tr.t
        self.refresh_button.setText(t("quarter.ui.refresh"))
        self.table.setHorizontalHeaderLabels([t(f"bench.col.{c}") for c in bench_export.COLUMNS])
        self.refresh()

    def refresh(self) -> None:
        s, lang = self.env.s(), self.env.tr.lang

        def work() -> tuple[Bench, bytes]:
            from app.documents import bench_chart

            b = bench.bench(s)
            return b, bench_chart.svg(b, lang)

        self.env.op(self, work).success(self._show).run(self.env.executor)

    def _show(self, result: tuple[Bench, bytes]) -> None:
        t, lang = self.env.tr.t, self.env.tr.lang
        b, svg = result
        self.bench = b
        self.heading.setText(t("bench.ui.heading", at=fmt_date(b.at), horizon=fmt_date(b.horizon),
                               clause=cite("Rules-2025 p.8(1)", lang)))  # fmt: skip
        rows = bench_export.table(b, lang)[1:]
        fill(self.table, rows, data=[r.position_id for r in b.rows],
             colors=[OVERDUE if r.flagged else None for r in b.rows])  # fmt: skip
        self.chart.load(QByteArray(svg))

"""Positions and bench strength (Rules-2025 p.4, p.8 part 1): the catalogue's positions with their
need, the members ready, the nominees of the quarter and the gap; a coverage chart per body.
Read and drawn off the GUI thread. At a body, the catalogue and need are sent to the Department
from here (the ``positions`` bundle; p.11(2))."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray
from PySide6.QtSvgWidgets import QSvgWidget
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.domain.positions import Bench
from app.i18n import fmt_date
from app.rules.citation import cite
from app.security.roles import Permission
from app.services import bench, bench_export
from ui.env import Env
from ui.screens.quarter.common import OVERDUE, ask_save_path, bundle_filter, fill, recipient, table
from ui.widgets.progress import ProgressPanel, Run


class BenchScreen(QWidget):
    def __init__(self, env: Env, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.env = env
        self.bench: Bench | None = None
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.refresh_button = QPushButton()
        self.send_button = QPushButton()  # a body's catalogue and need to the Department
        self.send_button.setVisible(env.s().body is not None and env.can(Permission.EXCHANGE))
        self.ask_path = lambda filter_text: ask_save_path(self, filter_text)  # replaceable in tests
        self.table = table(len(bench_export.COLUMNS))
        self.chart = QSvgWidget()
        self.chart.setFixedSize(420, 200)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.refresh_button)
        top.addWidget(self.send_button)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(12, 10, 12, 10)
        lay.addLayout(top)
        self.panel = ProgressPanel(env.tr)  # sending the catalogue: a percentage and Cancel
        lay.addWidget(self.panel)
        lay.addWidget(self.table, 1)
        lay.addWidget(self.chart)
        self.refresh_button.clicked.connect(self.refresh)
        self.send_button.clicked.connect(self.send)
        env.tr.changed.connect(self.retranslate)
        self.retranslate()

    def retranslate(self) -> None:
        t = self.env.tr.t
        self.refresh_button.setText(t("quarter.ui.refresh"))
        self.send_button.setText(t("bench.ui.send"))
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

    def send(self) -> None:
        if not self.env.allowed(self, Permission.EXCHANGE):
            return
        from app.services import positions, positions_transfer

        peer = recipient(self.env, self, "department")
        if peer is None:
            return
        path = self.ask_path(bundle_filter(self.env))
        if not path:
            return
        s = self.env.s()

        def work(run: Run) -> tuple[str, str, int]:
            r = positions_transfer.send(s, peer_id=peer, out=Path(path), progress=run)
            return r.path, r.bundle_id, len(positions.catalogue(s))

        def done(result: tuple[str, str, int]) -> None:
            out, bundle_id, n = result
            self.env.dialogs.info(self, self.env.tr.t("positions.cli.sent", path=out, id=bundle_id,
                                                      count=n))  # fmt: skip

        self.panel.op(self.env, self, work, done)  # nothing sent when cancelled

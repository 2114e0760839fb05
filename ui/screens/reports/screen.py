"""The Reports screen: a report, a period and (at the Department) a body; the chart drawn from the
same reportlab definition as the paper (as SVG in a ``QSvgWidget``) with its tables beside it;
Print… (the registered PDF, painted page by page to the printer) and Export… (JSON, CSV, XLSX).
Every figure is computed off the GUI thread; a body workstation sees its own body only."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QRectF, Qt
from PySide6.QtGui import QFontDatabase, QPainter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtSvgWidgets import QSvgWidget
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from app import resources
from app.documents import charts
from app.rules.deadlines import parse_quarter, quarter_of
from app.services import report_output, report_text, reports
from ui.env import Env
from ui.screens.quarter.common import ask_save_path, fill, table
from ui.widgets.common import hint
from ui.widgets.flow import FlowLayout

CHART_WIDTH = 520.0  # points: the drawing is scaled to the widget, keeping its proportions
_FONT_LOADED: list[int] = []


def _load_font() -> None:
    """The chart's SVG names the documents' font family; Qt gets it from the same file."""
    if not _FONT_LOADED:
        _FONT_LOADED.append(QFontDatabase.addApplicationFont(str(resources.path("fonts", "DejaVuSerif.ttf"))))


def quarters_around(today_quarter: str, back: int = 19, ahead: int = 4) -> list[str]:
    y, n = parse_quarter(today_quarter)
    index = y * 4 + n - 1
    return [f"{i // 4}Q{i % 4 + 1}" for i in range(index - back, index + ahead + 1)]


def compute(s: Any, kind: str, first: str, last: str, body: str, lang: str) -> tuple[Any, Any, bytes]:
    """Off the GUI thread: the figures, their words and the chart as SVG."""
    r = reports.build(s, kind, reports.period(first, last), body=body)
    text = report_text.present(r, lang)
    height = 150.0 if len(text.panels) > 2 else 230.0
    return r, text, charts.svg(charts.drawing(text.panels, CHART_WIDTH, panel_height=height))


class ReportsScreen(QWidget):
    def __init__(self, env: Env, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.env = env
        _load_font()
        self.report: Any = None
        self.text: Any = None
        self.kind = QComboBox()
        self.first = QComboBox()
        self.last = QComboBox()
        self.body = QComboBox()
        self.kind_label, self.first_label, self.last_label, self.body_label = (QLabel() for _ in range(4))
        self.print_button = QPushButton()
        self.export_button = QPushButton()
        self.status = hint()
        self.chart = QSvgWidget()
        self.chart.setMinimumSize(360, 260)
        self.tables_box = QVBoxLayout()
        self.tables: list[QTableWidget] = []
        self.titles: list[QLabel] = []
        self.notes = hint()
        self.notes.setWordWrap(True)
        # the file and print dialogs, replaceable in tests
        self.ask_path = lambda: ask_save_path(self, "XLSX (*.xlsx);;CSV (*.csv);;JSON (*.json)")
        self.ask_printer = self._ask_printer
        for box, chars in ((self.kind, 22), (self.body, 12)):
            box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            box.setMinimumContentsLength(chars)
        now = quarter_of(env.s().clock.today())
        for box in (self.first, self.last):
            box.addItems(quarters_around(now))
        self.first.setCurrentText(quarters_around(now, back=3, ahead=0)[0])
        self.last.setCurrentText(now)
        filters = QWidget()  # wraps onto a second line rather than widen the window
        top = FlowLayout(filters)
        for label, w in ((self.kind_label, self.kind), (self.first_label, self.first),
                         (self.last_label, self.last), (self.body_label, self.body)):  # fmt: skip
            label.setBuddy(w)
            pair = QWidget()
            pair_lay = QHBoxLayout(pair)
            pair_lay.setContentsMargins(0, 0, 0, 0)
            pair_lay.addWidget(label)
            pair_lay.addWidget(w)
            top.addWidget(pair)
        top.addWidget(self.print_button)
        top.addWidget(self.export_button)
        right = QWidget()
        right_lay = QVBoxLayout(right)
        right_lay.setContentsMargins(0, 0, 0, 0)
        right_lay.addLayout(self.tables_box, 1)
        right_lay.addWidget(self.notes)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(right)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.chart)
        split.addWidget(scroll)
        split.setStretchFactor(0, 5)
        split.setStretchFactor(1, 6)
        split.setSizes([5000, 6000])  # scaled to the width the splitter gets
        lay = QVBoxLayout(self)
        lay.setContentsMargins(12, 10, 12, 10)
        lay.addWidget(filters)
        lay.addWidget(split, 1)
        lay.addWidget(self.status)
        for box in (self.kind, self.first, self.last, self.body):
            box.currentIndexChanged.connect(lambda _i: self.refresh())
        self.print_button.clicked.connect(self.print_report)
        self.export_button.clicked.connect(self.export)
        env.tr.changed.connect(self.retranslate)
        self.retranslate()

    def retranslate(self) -> None:
        t = self.env.tr.t
        choices = ((self.kind, [(k, t(f"report.kind.{k}")) for k in reports.KINDS]),
                   (self.body, [(b, t(f"body.{b}") if b else t("report.all_bodies"))
                                for b in ("", *reports.BODIES)]))  # fmt: skip
        for box, items in choices:
            current = box.currentData()
            box.blockSignals(True)
            box.clear()
            for v, text in items:
                box.addItem(text, v)
            box.setCurrentIndex(max(0, box.findData(current)))
            box.blockSignals(False)
        own_body = self.env.s().body is not None
        self.body.setVisible(not own_body)
        self.body_label.setVisible(not own_body)
        for caption, key in ((self.kind_label, "report.ui.kind"), (self.first_label, "report.ui.from"),
                             (self.last_label, "report.ui.to"),
                             (self.body_label, "report.ui.body")):  # fmt: skip
            caption.setText(t(key))
        self.print_button.setText(t("report.ui.print"))
        self.export_button.setText(t("report.ui.export"))
        self.refresh()

    def doc_lang(self) -> str:
        return self.env.tr.lang if self.env.tr.lang in ("kk", "ru") else "kk"

    def selection(self) -> tuple[str, str, str, str]:
        return (str(self.kind.currentData() or "flow"), self.first.currentText().strip(),
                self.last.currentText().strip(), str(self.body.currentData() or ""))  # fmt: skip

    def refresh(self) -> None:
        s, lang = self.env.s(), self.doc_lang()
        kind, first, last, body = self.selection()
        self.status.setText(self.env.tr.t("report.ui.loading"))
        self.print_button.setEnabled(False)
        self.export_button.setEnabled(False)
        (self.env.op(self, lambda: compute(s, kind, first, last, body, lang))
         .success(self._show).run(self.env.executor))  # fmt: skip

    def _show(self, result: tuple[Any, Any, bytes]) -> None:
        self.report, self.text, svg = result
        self.chart.load(QByteArray(svg))
        self.chart.renderer().setAspectRatioMode(Qt.AspectRatioMode.KeepAspectRatio)  # load() resets it
        while len(self.tables) < len(self.text.tables):
            title, grid = QLabel(), table(1)
            title.setObjectName("SectionTitle")
            title.setWordWrap(True)
            self.tables_box.addWidget(title)
            self.tables_box.addWidget(grid, 1)
            self.titles.append(title)
            self.tables.append(grid)
        for i, (title, grid) in enumerate(zip(self.titles, self.tables, strict=True)):
            shown = i < len(self.text.tables)
            title.setVisible(shown)
            grid.setVisible(shown)
            if shown:
                tt = self.text.tables[i]
                title.setText(tt.title)
                grid.setColumnCount(len(tt.headers))
                grid.setHorizontalHeaderLabels(tt.headers)
                fill(grid, tt.rows)
                for r in range(grid.rowCount()):
                    for c, numeric in enumerate(tt.numeric):
                        item = grid.item(r, c)
                        if numeric and item is not None:
                            item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                grid.setMinimumHeight(min(220, 32 + 26 * grid.rowCount()))
        self.notes.setText("\n".join(self.text.notes))
        self.status.setText(self.text.subtitle)
        self.print_button.setEnabled(True)
        self.export_button.setEnabled(True)

    # -- printing and export ---------------------------------------------------------------------
    def _ask_printer(self) -> QPrinter | None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        return printer if dialog.exec() == QPrintDialog.DialogCode.Accepted else None

    def print_report(self) -> None:
        if self.report is None:
            return
        printer = self.ask_printer()
        if printer is None:
            return
        s, r, lang = self.env.s(), self.report, self.doc_lang()
        (self.env.op(self, lambda: report_output.print_report(s, r, lang))
         .success(lambda rendered: self._paint(printer, rendered)).run(self.env.executor))  # fmt: skip

    def _paint(self, printer: QPrinter, rendered: Any) -> None:
        from ui.print.render import PdfPages

        pages = PdfPages(rendered.pdf)
        painter = QPainter(printer)
        try:
            for i in range(len(pages)):
                if i:
                    printer.newPage()
                pages.paint(painter, i, QRectF(printer.pageRect(QPrinter.Unit.DevicePixel)))
        finally:
            painter.end()
        self.status.setText(self.env.tr.t("report.ui.printed", code=rendered.docs[0].code))

    def export(self) -> None:
        if self.report is None:
            return
        path = self.ask_path()
        if not path:
            return
        s, r, out = self.env.s(), self.report, Path(path)
        lang = self.doc_lang()

        def done(n: int) -> None:
            self.env.dialogs.info(self, self.env.tr.t("report.ui.exported", path=str(out), n=n))

        (self.env.op(self, lambda: report_output.export(s, r, out, lang=lang)).success(done)
         .run(self.env.executor))  # fmt: skip

"""The Reports screen over the scripted world, offscreen: every report's chart is drawn (the SVG of
the same reportlab drawing as the paper), its tables beside it; Print… and Export…; it fits
1366x768 in Kazakh and Russian; a body workstation has no body filter."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QColor, QImage, QPageSize
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QWidget

from app.i18n import tr
from app.services import reports
from tests.gui.conftest import unlock

pytestmark = pytest.mark.gui


def _ink(image: QImage, rect: QRect) -> int:
    """Pixels in ``rect`` that are clearly not background: the chart's bars and text."""
    n = 0
    for x in range(rect.left(), rect.right(), 3):
        for y in range(rect.top(), rect.bottom(), 3):
            c = QColor(image.pixel(x, y))
            n += c.saturation() > 80 and c.value() < 230
    return n


def _open(make_window, path, lang):
    w = make_window(path, lang=lang)
    w.resize(1366, 768)
    unlock(w)
    screen = w.main.show_screen("reports")
    screen.first.setCurrentText("2025Q2")
    screen.last.setCurrentText("2025Q4")
    return w, screen


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_every_report_draws_its_chart_and_fills_its_tables(make_window, world_db, lang, qtbot):
    w, screen = _open(make_window, world_db, lang)
    for kind in reports.KINDS:
        screen.kind.setCurrentIndex(screen.kind.findData(kind))
        screen.refresh()
        assert screen.report is not None and screen.report.kind == kind
        assert screen.chart.renderer().isValid()
        image = w.grab().toImage()
        area = QRect(screen.chart.mapTo(w, screen.chart.rect().topLeft()), screen.chart.size())
        assert _ink(image, area) > 20, kind
        shown = [t for t in screen.tables if t.isVisible()]
        assert [t.rowCount() for t in shown] == [len(t.rows) for t in screen.report.tables]
        assert shown[0].horizontalHeaderItem(0).text() == screen.text.tables[0].headers[0]
        assert screen.status.text() == screen.text.subtitle
    # the figures on screen are the service's: the flow total row
    screen.kind.setCurrentIndex(screen.kind.findData("flow"))
    last = screen.tables[0].rowCount() - 1
    assert screen.tables[0].item(last, 0).text() == tr("report.total", lang)
    assert screen.tables[0].item(last, 2).text() == "13"


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_the_screen_fits_1366x768(make_window, world_db, lang):
    w, screen = _open(make_window, world_db, lang)
    for kind in reports.KINDS:
        screen.kind.setCurrentIndex(screen.kind.findData(kind))
        rail = w.main.findChild(QWidget, "Rail").width()
        top = w.main.findChild(QWidget, "TopBar").sizeHint().height()
        hint = screen.minimumSizeHint()
        assert rail + hint.width() <= 1366 and top + hint.height() <= 768, (kind, hint)
        assert screen.print_button.isVisible() and screen.export_button.isVisible()
        right = screen.export_button.mapTo(w, screen.export_button.rect().bottomRight())
        assert right.x() <= w.width() and right.y() <= w.height()


def test_print_and_export(make_window, world_db, tmp_path, dialogs):
    _w, screen = _open(make_window, world_db, "ru")
    screen.kind.setCurrentIndex(screen.kind.findData("exclusions"))
    target = tmp_path / "printed.pdf"
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(target))
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    screen.ask_printer = lambda: printer
    screen.print_report()
    assert target.read_bytes().startswith(b"%PDF") and target.stat().st_size > 5000
    assert "RZ-" in screen.status.text()
    out = tmp_path / "exclusions.xlsx"
    screen.ask_path = lambda: str(out)
    screen.export()
    assert out.read_bytes()[:2] == b"PK"
    assert dialogs.infos and str(out) in dialogs.infos[-1]
    assert not dialogs.errors


def test_a_body_workstation_has_no_body_filter(make_window, workstation_path):
    w = make_window(workstation_path, lang="kk")
    unlock(w)
    screen = w.main.show_screen("reports")
    assert not screen.body.isVisibleTo(screen)
    assert screen.report is not None and screen.report.body == "knb"

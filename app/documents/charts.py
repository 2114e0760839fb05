"""One chart definition, two outputs: a report's panels become one reportlab ``Drawing`` — a
flowable in the printed report (vector graphics in the PDF) and, through reportlab's SVG renderer
(``svg``), the picture the Reports screen shows in a ``QSvgWidget``.

A panel is a bar chart: grouped or stacked bars of one or more series over categories, with its
title above and a legend below when there is more than one series. Several panels are laid out in
a grid, two to a row."""

from __future__ import annotations

import math

import msgspec
from reportlab.graphics import renderSVG
from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, Group, Rect, String
from reportlab.lib import colors

from app.documents import fonts

FONT = fonts.REGULAR
SVG_FAMILY = "DejaVu Serif"  # the family of resources/fonts/DejaVuSerif.ttf, as Qt knows it
PALETTE = ["#2f5d8a", "#e08a2c", "#3f8f4f", "#b3261e", "#7b5ea7", "#8c6d3f", "#c75d9b", "#6b7b8c"]
LABEL_MAX = 24  # characters of a category label before it is shortened


class ChartPanel(msgspec.Struct, frozen=True, kw_only=True):
    title: str
    categories: list[str]
    series: list[str]
    values: list[list[float]]  # [series][category]
    stacked: bool = False


def _short(text: str) -> str:
    text = fonts.printable(text).replace("\n", " ")
    return text if len(text) <= LABEL_MAX else text[: LABEL_MAX - 1] + "…"


def _step(top: float) -> float:
    """A round value-axis step giving about five gridlines; whole numbers (the figures are counts)."""
    raw = max(top, 1.0) / 5
    mag = 10 ** math.floor(math.log10(raw))
    return max(1.0, next(m * mag for m in (1, 2, 5, 10) if m * mag >= raw))


def _panel(p: ChartPanel, w: float, h: float) -> Group:
    g = Group()
    g.add(String(w / 2, h - 11, _short(p.title) if len(p.title) > 60 else fonts.printable(p.title),
                 fontName=FONT, fontSize=9, textAnchor="middle"))  # fmt: skip
    legend_h = 0.0 if len(p.series) < 2 else 11.0 * math.ceil(len(p.series) / 2) + 6
    many = len(p.categories) > 6 or any(len(c) > 8 for c in p.categories)
    longest = max((fonts.string_width(_short(c), 7, FONT) for c in p.categories), default=0.0)
    label_h = min(longest * math.sin(math.radians(35)) + 12, h * 0.4) if many else 16.0
    chart = VerticalBarChart()
    chart.x, chart.y = 30, legend_h + label_h + 4
    chart.width, chart.height = w - 40, max(h - chart.y - 20, 30)
    data = [tuple(v) for v in p.values] or [(0.0,)]
    chart.data = data
    columns = list(zip(*data, strict=True))
    sums = [sum(col) for col in columns] if p.stacked else [max(col) for col in columns]
    top = max(sums or [0.0])
    step = _step(top)
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = step * max(1, math.ceil(top / step))
    chart.valueAxis.valueStep = step
    chart.valueAxis.labels.fontName = FONT
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.labelTextFormat = "%d"
    chart.valueAxis.visibleGrid = 1
    chart.valueAxis.gridStrokeColor = colors.Color(0.85, 0.85, 0.85)
    chart.categoryAxis.categoryNames = [_short(c) for c in p.categories] or [""]
    chart.categoryAxis.labels.fontName = FONT
    chart.categoryAxis.labels.fontSize = 7
    if many:
        chart.categoryAxis.labels.angle = 35
        chart.categoryAxis.labels.boxAnchor = "ne"
        chart.categoryAxis.labels.dx, chart.categoryAxis.labels.dy = 4, -2
    if p.stacked:
        chart.categoryAxis.style = "stacked"
    chart.barSpacing = 1
    chart.groupSpacing = 6
    chart.strokeColor = None
    for i in range(len(data)):
        chart.bars[i].fillColor = colors.HexColor(PALETTE[i % len(PALETTE)])
        chart.bars[i].strokeColor = None
    g.add(chart)
    if legend_h:
        legend = Legend()
        legend.x, legend.y = 30, legend_h - 4
        legend.deltay = 11
        legend.yGap = 0
        legend.dy = legend.dx = 6
        legend.fontName, legend.fontSize = FONT, 7
        legend.alignment = "right"
        legend.columnMaximum = math.ceil(len(p.series) / 2)
        legend.deltax = (w - 40) / 2
        legend.dxTextSpace = 4
        legend.boxAnchor = "nw"
        legend.colorNamePairs = [(colors.HexColor(PALETTE[i % len(PALETTE)]), _short(s) if len(s) > 44 else s)
                                 for i, s in enumerate(p.series)]  # fmt: skip
        g.add(legend)
    return g


def drawing(panels: list[ChartPanel], width: float, *, panel_height: float = 170.0) -> Drawing:
    """The panels in a grid (one panel: the full width; more: two to a row), in points."""
    fonts.register()
    cols = 1 if len(panels) == 1 else 2
    rows = max(1, math.ceil(len(panels) / cols))
    w = width / cols
    d = Drawing(width, panel_height * rows)
    d.initialFontName, d.initialFontSize = FONT, 7  # never reportlab's Helvetica, not even unused
    d.add(Rect(0, 0, width, panel_height * rows, fillColor=colors.white, strokeColor=None))  # paper
    for i, p in enumerate(panels):
        g = _panel(p, w, panel_height)
        g.translate((i % cols) * w, (rows - 1 - i // cols) * panel_height)
        d.add(g)
    return d


def svg(d: Drawing) -> bytes:
    """The drawing as SVG, its text in the font family Qt has from the same font file."""
    text = renderSVG.drawToString(d)
    return text.replace(FONT, SVG_FAMILY).encode("utf-8")

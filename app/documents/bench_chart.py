"""The coverage chart of bench strength (Rules-2025 p.8 part 1): per body, the need within the
horizon, the members ready and the gap, as reportlab graphics — drawn into the printed bench and
rendered to SVG for the screen."""

from __future__ import annotations

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, Rect, String
from reportlab.lib import colors

from app.documents import fonts
from app.domain.positions import Bench
from app.i18n import tr

SERIES = ("need", "ready", "gap")
COLORS = (colors.HexColor("#7a8ba6"), colors.HexColor("#2e7d32"), colors.HexColor("#c62828"))


def drawing(b: Bench, lang: str, *, width: float = 420, height: float = 200) -> Drawing:
    fonts.register()
    totals = b.by_body()
    bodies = sorted(totals)
    d = Drawing(width, height, initialFontName=fonts.REGULAR)
    d.add(Rect(0, 0, width, height, fillColor=colors.white, strokeColor=None))
    if not bodies:
        d.add(String(width / 2, height / 2, tr("bench.ui.empty", lang), fontName=fonts.REGULAR,
                     fontSize=10, textAnchor="middle"))  # fmt: skip
        return d
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 40, 30, width - 170, height - 50
    chart.data = [[totals[body][s] for body in bodies] for s in SERIES]
    chart.categoryAxis.categoryNames = [tr(f"body.{body}", lang)[:28] for body in bodies]
    chart.categoryAxis.labels.fontName = fonts.REGULAR
    chart.categoryAxis.labels.fontSize = 7
    chart.valueAxis.labels.fontName = fonts.REGULAR
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.valueMin = 0
    chart.barLabels.fontName = fonts.REGULAR
    top = max(max(row) for row in chart.data)
    chart.valueAxis.valueMax = max(1, top)
    chart.valueAxis.valueStep = max(1, (top + 4) // 5)
    for i, c in enumerate(COLORS):
        chart.bars[i].fillColor = c
        chart.bars[i].strokeColor = None
    d.add(chart)
    legend = Legend()
    legend.x, legend.y = width - 120, height - 30
    legend.fontName = fonts.REGULAR
    legend.fontSize = 8
    legend.colorNamePairs = [(c, tr(f"bench.col.{s}", lang)) for c, s in zip(COLORS, SERIES, strict=True)]
    d.add(legend)
    return d


def svg(b: Bench, lang: str) -> bytes:
    from reportlab.graphics import renderSVG

    return renderSVG.drawToString(drawing(b, lang)).encode("utf-8")

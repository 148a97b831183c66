"""Shared PDF pieces (reportlab): styles, tables, the trend chart, the sample banner."""

from __future__ import annotations

from collections.abc import Sequence
from typing import IO, Any
from xml.sax.saxutils import escape

from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from ucj.monev.reports.data import bulan

_base = getSampleStyleSheet()
STYLES = {
    "title": ParagraphStyle(
        "t", parent=_base["Title"], fontSize=16, leading=20, alignment=TA_LEFT, spaceAfter=2 * mm
    ),
    "sub": ParagraphStyle(
        "s", parent=_base["Normal"], fontSize=9.5, leading=12, textColor=colors.HexColor("#444444")
    ),
    "h2": ParagraphStyle(
        "h",
        parent=_base["Heading2"],
        fontSize=12,
        leading=15,
        spaceBefore=4 * mm,
        spaceAfter=1.5 * mm,
        keepWithNext=1,  # a heading never ends a page alone
    ),
    "body": ParagraphStyle("b", parent=_base["Normal"], fontSize=9.5, leading=12.5),
    "small": ParagraphStyle(
        "x", parent=_base["Normal"], fontSize=8, leading=10, textColor=colors.HexColor("#555555")
    ),
    "cell": ParagraphStyle("c", parent=_base["Normal"], fontSize=8.5, leading=10.5),
    "banner": ParagraphStyle(
        "w",
        parent=_base["Normal"],
        fontSize=10,
        leading=13,
        textColor=colors.white,
        backColor=colors.HexColor("#b2182b"),
        borderPadding=(4, 4, 4, 4),
        spaceAfter=3 * mm,
    ),
}
GRID = TableStyle(
    [
        ("FONT", (0, 0), (-1, -1), "Helvetica", 8.5),
        ("FONT", (0, 0), (-1, 0), "Helvetica-Bold", 8.5),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef4")),
        ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#9aa5b1")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]
)
KEY_VALUE = TableStyle(
    [
        ("FONT", (0, 0), (0, -1), "Helvetica", 9),
        ("FONT", (1, 0), (1, -1), "Helvetica-Bold", 9),
        ("LINEBELOW", (0, 0), (-1, -1), 0.3, colors.HexColor("#d0d7de")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]
)
WIDTH = A4[0] - 30 * mm


def p(text: Any, style: str = "body") -> Paragraph:
    """A paragraph of user or data text (escaped: a '<' in a title must not break it)."""
    return Paragraph(escape(str(text)), STYLES[style])


def markup(text: str, style: str = "body") -> Paragraph:
    """A paragraph of our own markup (<b>, <i>); never pass user text here unescaped."""
    return Paragraph(text, STYLES[style])


def grid(
    header: Sequence[str], rows: Sequence[Sequence[Any]], widths: Sequence[float] | None = None
) -> Table:
    body = [
        [p(c, "cell") if isinstance(c, str) and len(c) > 12 else c for c in row] for row in rows
    ]
    table = Table([list(header), *body], colWidths=widths, repeatRows=1, hAlign="LEFT")
    table.setStyle(GRID)
    return table


def key_values(pairs: Sequence[tuple[str, Any]]) -> Table:
    table = Table(
        [[k, p(v, "cell") if len(str(v)) > 60 else str(v)] for k, v in pairs],
        colWidths=[68 * mm, WIDTH - 68 * mm],
    )
    table.setStyle(KEY_VALUE)
    return table


def sample_banner() -> Paragraph:
    return markup(
        "<b>DATA CONTOH</b> — sebagian angka di laporan ini adalah data contoh (bukan angka "
        "resmi) / <i>sample data, not official figures</i>",
        "banner",
    )


def trend_chart(
    series: Sequence[dict[str, Any]], width: float = WIDTH, height: float = 62 * mm
) -> Drawing:
    """Coverage % per month with the target as a second line (reportlab graphics)."""
    points = [s for s in series if s.get("coverage_pct") is not None][-24:]
    drawing = Drawing(width, height)
    if not points:
        drawing.add(
            String(
                10,
                height / 2,
                "Belum ada data deret waktu / no series yet",
                fontName="Helvetica",
                fontSize=9,
            )
        )
        return drawing
    chart = HorizontalLineChart()
    chart.x, chart.y = 32, 28
    chart.width, chart.height = width - 50, height - 48
    coverage = [float(s["coverage_pct"]) for s in points]
    target = [float(s["target_pct"]) if s.get("target_pct") is not None else None for s in points]
    chart.data = [coverage, target] if any(t is not None for t in target) else [coverage]
    values = coverage + [t for t in target if t is not None]
    chart.valueAxis.valueMin = max(0.0, min(values) - 5)
    chart.valueAxis.valueMax = min(100.0, max(values) + 5) if max(values) <= 95 else max(values)
    chart.valueAxis.labels.fontName = "Helvetica"
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.labelTextFormat = lambda v: f"{v:.0f}%"
    step = max(1, len(points) // 8)
    chart.categoryAxis.categoryNames = [
        bulan(s["period"])[:3] + " " + s["period"][2:4] if i % step == 0 else ""
        for i, s in enumerate(points)
    ]
    chart.categoryAxis.labels.fontName = "Helvetica"
    chart.categoryAxis.labels.fontSize = 7
    chart.lines[0].strokeColor = colors.HexColor("#1f5f99")
    chart.lines[0].strokeWidth = 1.8
    if len(chart.data) > 1:
        chart.lines[1].strokeColor = colors.HexColor("#d7301f")
        chart.lines[1].strokeDashArray = (3, 2)
    drawing.add(chart)
    legend = Legend()
    legend.x, legend.y = 36, height - 6
    legend.fontName, legend.fontSize = "Helvetica", 7.5
    legend.alignment = "right"
    legend.columnMaximum = 1
    legend.colorNamePairs = [(colors.HexColor("#1f5f99"), "Cakupan (%)")]
    if len(chart.data) > 1:
        legend.colorNamePairs.append((colors.HexColor("#d7301f"), "Target (%)"))
    drawing.add(legend)
    return drawing


def build(out: str | IO[bytes], story: list[Flowable], title: str, footer: str) -> None:
    def on_page(canvas: Any, doc: Any) -> None:
        canvas.saveState()
        canvas.setFont("Helvetica", 7.5)
        canvas.setFillColor(colors.HexColor("#666666"))
        canvas.drawString(15 * mm, 10 * mm, footer)
        canvas.drawRightString(A4[0] - 15 * mm, 10 * mm, f"hal. {doc.page}")
        canvas.restoreState()

    doc = SimpleDocTemplate(
        out,
        pagesize=A4,
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        topMargin=14 * mm,
        bottomMargin=16 * mm,
        title=title,
        author="UCJ Monev",
        lang="id",
    )
    doc.build(story, onFirstPage=on_page, onLaterPages=on_page)


__all__ = ["Spacer"]

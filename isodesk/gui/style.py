"""Colours and small visual helpers shared by the views (light and dark palettes)."""
from __future__ import annotations

from PySide6.QtGui import QColor, QGuiApplication, QPalette

from isodesk.domain.scales import Result, compliance_band

# Same meaning as in the report and the workbook: green, amber, red, grey, light grey.
RESULT_COLOURS = {
    Result.CONFORM: ("#c8e6c9", "#2e5e31"),
    Result.PARTIAL: ("#ffe0a3", "#6b5213"),
    Result.NONCONFORM: ("#f8b4b4", "#7a2626"),
    Result.NA: ("#dddddd", "#4a4a4a"),
    Result.OPEN: (None, None),
}
CHART_COLOURS = {"compliance": "#2f6f9f", "maturity": "#e08a1e"}


def is_dark() -> bool:
    app = QGuiApplication.instance()
    if app is None:
        return False
    return app.palette().color(QPalette.ColorRole.Window).lightness() < 128


def result_colour(result: Result) -> QColor | None:
    light, dark = RESULT_COLOURS[result]
    value = dark if is_dark() else light
    return QColor(value) if value else None


BAND_COLOURS = {"none": "#9e9e9e", "good": "#388e3c", "fair": "#f0a30a", "poor": "#d32f2f"}


def score_colour(compliance: float | None) -> QColor:
    return QColor(BAND_COLOURS[compliance_band(compliance)])


def enlarge_font(widget, factor: float, bold: bool = False) -> None:
    """Headings and key figures: the widget's own font (the user's size) scaled, not a fixed
    point size, so they grow with the desktop's text size."""
    font = widget.font()
    font.setPointSizeF(font.pointSizeF() * factor)
    font.setBold(bold)
    widget.setFont(font)

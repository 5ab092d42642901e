"""Colours and small visual helpers shared by the views (light and dark palettes)."""
from __future__ import annotations

from PySide6.QtGui import QColor, QGuiApplication, QPalette

from isodesk.domain.scales import Result

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


def score_colour(compliance: float | None) -> QColor:
    if compliance is None:
        return QColor("#9e9e9e")
    if compliance >= 80:
        return QColor("#388e3c")
    if compliance >= 50:
        return QColor("#f0a30a")
    return QColor("#d32f2f")

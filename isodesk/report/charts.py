"""Charts as reportlab Drawings, so the report and the GUI dashboard show the same picture.

``chapter_chart`` draws one standard: compliance per chapter as horizontal bars (coloured by the
report's bands) and maturity per chapter as a radar on a fixed 0–5 scale. A chapter nobody
judged shows "not yet assessed" instead of a zero bar, and the radar only connects the chapters
that have a maturity. The GUI can render the Drawing with ``reportlab.graphics.renderSVG`` /
``renderPM``.
"""
from __future__ import annotations

from math import cos, pi, sin
from typing import Mapping

from reportlab.graphics.shapes import (
    Circle,
    Drawing,
    Line,
    Polygon,
    PolyLine,
    Rect,
    String,
)
from reportlab.lib import colors

from isodesk.domain.model import text as localized
from isodesk.domain.scoring import Score
from isodesk.report import fonts
from isodesk.report.styles import (
    ACCENT,
    CONTENT_WIDTH,
    INK,
    LIGHT_GREY,
    MUTED,
    NAVY,
    RULE,
    compliance_colour,
)
from isodesk.report.tables import fit_line
from isodesk.report.texts import Texts

LABEL_SIZE = 7.5
TITLE_SIZE = 8.5
ROW = 17.0  # height of one chapter row in the bar panel
BAR = 10.0
RADAR_FILL = colors.HexColor("#CFE4EC")
MATURITY_MAX = 5


def chapter_chart(scores: Mapping[str, Score], titles: Mapping[str, str], language: str = "nl",
                  width: float = CONTENT_WIDTH) -> Drawing:
    """The chart of one standard's chapters.

    ``scores``: chapter ("4", "A.5") -> Score, in display order (``ProjectData.chapter_scores``);
    ``titles``: chapter -> short title in ``language`` (missing titles print as the number only);
    ``width``: points (1/72 inch); the height follows from the number of chapters.
    """
    fonts.register()
    t = Texts(language)
    chapters = list(scores)
    labels_width = width * 0.31
    bars_width = width * 0.31
    radar_width = width - labels_width - bars_width
    bars_height = max(len(chapters), 1) * ROW
    radar = len(chapters) >= 3  # a radar needs three spokes; fewer chapters read fine as bars
    height = max(bars_height + 34, 190.0 if radar else 0.0)
    drawing = Drawing(width, height)
    top = height - 22  # below the panel titles

    drawing.add(String(0, height - 10, t["chart_compliance"], fontName=fonts.BOLD,
                       fontSize=TITLE_SIZE, fillColor=NAVY))
    _bars(drawing, chapters, scores, titles, t, labels_width, bars_width, top)

    radar_x = labels_width + bars_width + 12
    drawing.add(String(radar_x, height - 10, t["chart_maturity"], fontName=fonts.BOLD,
                       fontSize=TITLE_SIZE, fillColor=NAVY))
    values = [scores[c].maturity for c in chapters]
    if all(v is None for v in values):
        drawing.add(String(radar_x + (radar_width - 12) / 2, top / 2, t["chart_no_maturity"],
                           fontName=fonts.ITALIC, fontSize=LABEL_SIZE, fillColor=MUTED,
                           textAnchor="middle"))
    elif not radar:
        _maturity_bars(drawing, chapters, values, t, radar_x, radar_width - 12, top)
    else:
        radius = min((radar_width - 12) / 2 - 24, (top - 12) / 2 - 4)
        _radar(drawing, chapters, values, radar_x + (radar_width - 12) / 2, top / 2 + 2, radius)
    return drawing


def _bars(drawing, chapters, scores, titles, t: Texts, labels_width, bars_width, top) -> None:
    track = bars_width - 30  # room for the value label after the bar
    x0 = labels_width
    for i, chapter in enumerate(chapters):
        y = top - (i + 1) * ROW + (ROW - BAR) / 2
        number = fonts.printable(chapter)
        drawing.add(String(0, y + 2, number, fontName=fonts.BOLD, fontSize=LABEL_SIZE,
                           fillColor=INK))
        title = fit_line(fonts.printable(titles.get(chapter, "")), labels_width - 30, fonts.REGULAR,
                     LABEL_SIZE)
        drawing.add(String(24, y + 2, title, fontName=fonts.REGULAR, fontSize=LABEL_SIZE,
                           fillColor=INK))
        drawing.add(Rect(x0, y, track, BAR, fillColor=LIGHT_GREY, strokeColor=None))
        value = scores[chapter].compliance
        if value is None:
            drawing.add(String(x0 + 4, y + 2.5, t["not_assessed"], fontName=fonts.ITALIC,
                               fontSize=LABEL_SIZE - 0.5, fillColor=MUTED))
            continue
        if value > 0:
            drawing.add(Rect(x0, y, track * value / 100, BAR, fillColor=compliance_colour(value),
                             strokeColor=None))
        drawing.add(String(x0 + track * value / 100 + 3, y + 2, t.percent(value),
                           fontName=fonts.BOLD, fontSize=LABEL_SIZE, fillColor=INK))
    axis_y = top - len(chapters) * ROW - 2
    for tick in (0, 25, 50, 75, 100):
        x = x0 + track * tick / 100
        drawing.add(Line(x, axis_y, x, axis_y - 3, strokeColor=MUTED, strokeWidth=0.5))
        drawing.add(String(x, axis_y - 10, str(tick), fontName=fonts.REGULAR, fontSize=6.5,
                           fillColor=MUTED, textAnchor="middle"))
    drawing.add(Line(x0, axis_y, x0 + track, axis_y, strokeColor=MUTED, strokeWidth=0.5))


def _maturity_bars(drawing, chapters, values, t: Texts, x0, width, top) -> None:
    track = width - 60
    for i, (chapter, value) in enumerate(zip(chapters, values)):
        y = top - (i + 1) * ROW + (ROW - BAR) / 2
        drawing.add(String(x0, y + 2, fonts.printable(chapter), fontName=fonts.BOLD,
                           fontSize=LABEL_SIZE, fillColor=INK))
        drawing.add(Rect(x0 + 30, y, track, BAR, fillColor=LIGHT_GREY, strokeColor=None))
        if value is None:
            drawing.add(String(x0 + 34, y + 2.5, t["dash"], fontName=fonts.ITALIC,
                               fontSize=LABEL_SIZE, fillColor=MUTED))
            continue
        if value > 0:
            drawing.add(Rect(x0 + 30, y, track * value / MATURITY_MAX, BAR, fillColor=ACCENT,
                             strokeColor=None))
        drawing.add(String(x0 + 33 + track * value / MATURITY_MAX, y + 2, t.maturity(value),
                           fontName=fonts.BOLD, fontSize=LABEL_SIZE, fillColor=INK))


def _radar(drawing, chapters, values, cx, cy, radius) -> None:
    n = len(chapters)
    angles = [pi / 2 - 2 * pi * i / n for i in range(n)]  # clockwise from the top

    def point(angle: float, value: float) -> tuple[float, float]:
        r = radius * value / MATURITY_MAX
        return cx + r * cos(angle), cy + r * sin(angle)

    defined = [(a, v) for a, v in zip(angles, values) if v is not None]
    shape = [c for a, v in defined for c in point(a, v)]
    if len(defined) >= 3:
        drawing.add(Polygon(shape, fillColor=RADAR_FILL, strokeColor=None))
    # ring values sit halfway between the first two spokes, clear of the chapter labels
    middle = pi / 2 - pi / n
    for level in range(1, MATURITY_MAX + 1):
        ring = [c for a in angles for c in point(a, level)]
        drawing.add(Polygon(ring, fillColor=None, strokeColor=MUTED if level == MATURITY_MAX
                            else RULE, strokeWidth=0.5 if level == MATURITY_MAX else 0.4))
        x, y = point(middle, level * cos(pi / n))
        drawing.add(String(x, y - 2, str(level), fontName=fonts.REGULAR, fontSize=5.5,
                           fillColor=MUTED, textAnchor="middle"))
    for angle, value in zip(angles, values):
        x, y = point(angle, MATURITY_MAX)
        drawing.add(Line(cx, cy, x, y, strokeColor=RULE, strokeWidth=0.4))
    for chapter, angle, value in zip(chapters, angles, values):
        lx, ly = cx + (radius + 9) * cos(angle), cy + (radius + 9) * sin(angle)
        anchor = "middle" if abs(cos(angle)) < 0.3 else "start" if cos(angle) > 0 else "end"
        drawing.add(String(lx, ly - 2.5, fonts.printable(chapter), textAnchor=anchor,
                           fontName=fonts.BOLD if value is not None else fonts.REGULAR,
                           fontSize=LABEL_SIZE, fillColor=INK if value is not None else MUTED))
    if len(defined) >= 2:
        outline = shape + shape[:2] if len(defined) >= 3 else shape
        drawing.add(PolyLine(outline, strokeColor=ACCENT, strokeWidth=1.4))
    for angle, value in defined:
        x, y = point(angle, value)
        drawing.add(Circle(x, y, 2.2, fillColor=ACCENT, strokeColor=colors.white,
                           strokeWidth=0.6))


def chapter_titles(session, catalog_id: str, language: str) -> dict[str, str]:
    """Chapter ("7", "A.5") -> the title of that chapter's item in the catalog ("" if none)."""
    titles = {}
    for chapter in session.chapter_scores(catalog_id):
        req = session.by_key.get(f"{catalog_id}:{chapter}")
        titles[chapter] = localized(req.title, language) if req is not None else ""
    return titles


def standard_chart(session, catalog_id: str, language: str = "nl",
                   width: float = CONTENT_WIDTH) -> Drawing:
    """``chapter_chart`` for one standard of a project snapshot, titles from its catalog."""
    return chapter_chart(session.chapter_scores(catalog_id),
                         chapter_titles(session, catalog_id, language), language, width)

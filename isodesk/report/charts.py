"""Charts as reportlab Drawings: vectors in the PDF, a picture in the Word file (``raster.py``),
and the same picture in the GUI's dashboard.

``chapter_chart`` draws one standard: compliance per chapter as horizontal bars (coloured by the
report's bands, the value inside the plot) and maturity per chapter as a radar on a fixed 0–5
scale. Chapter titles wrap instead of being cut. A chapter nobody judged says "not yet assessed"
instead of a zero bar, and shows as an open circle on the radar. ``heat_map`` is the 5 × 5 risk
matrix, ``timeline_chart`` the roadmap: the consultant's phases and the action deadlines.
"""
from __future__ import annotations

from datetime import date
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
from reportlab.pdfbase.pdfmetrics import stringWidth

from isodesk.domain.model import text as localized
from isodesk.domain.scales import Priority
from isodesk.domain.scoring import Score
from isodesk.report import fonts
from isodesk.report.styles import (
    ACCENT,
    CONTENT_WIDTH,
    DARK_TEXT,
    INK,
    LIGHT_GREY,
    MUTED,
    NAVY,
    PRIORITY_COLOURS,
    RED,
    RULE,
    WHITE,
    compliance_colour,
    risk_colours,
    text_colour_on,
)
from isodesk.report.tables import wrap_lines
from isodesk.report.texts import Texts

LABEL_SIZE = 7.5
SMALL_SIZE = 6.5
TITLE_SIZE = 8.5
LINE = 8.6  # leading of wrapped labels
BAR = 10.0
RADAR_FILL = colors.HexColor("#CFE4EC")
MATURITY_MAX = 5
MAX_LABEL_LINES = 3


def _label_lines(text: str, width: float, lang: str) -> tuple[list[str], float]:
    """A label wrapped into at most MAX_LABEL_LINES lines; the font shrinks before it would
    need more (never cut with an ellipsis)."""
    for size in (LABEL_SIZE, SMALL_SIZE):
        lines = wrap_lines(text, width, fonts.REGULAR, size, lang)
        if len(lines) <= MAX_LABEL_LINES - (1 if size == LABEL_SIZE else 0):
            return lines, size
    return lines, SMALL_SIZE


def chapter_chart(scores: Mapping[str, Score], titles: Mapping[str, str], language: str = "nl",
                  width: float = CONTENT_WIDTH) -> Drawing:
    """The chart of one standard's chapters.

    ``scores``: chapter ("4", "A.5") -> Score, in display order (``ProjectData.chapter_scores``);
    ``titles``: chapter -> short title in ``language`` (missing titles print as the number only);
    ``width``: points (1/72 inch); the height follows from the chapters and their titles.
    """
    fonts.register()
    t = Texts(language)
    chapters = list(scores)
    labels_width = width * 0.34
    bars_width = width * 0.30
    radar_width = width - labels_width - bars_width
    labels = {c: _label_lines(fonts.printable(titles.get(c, "")), labels_width - 30, language)
              for c in chapters}
    heights = [max(len(labels[c][0]), 1) * LINE + 7 for c in chapters]
    bars_height = sum(heights) or LINE + 7
    radar = len(chapters) >= 3  # a radar needs three spokes; fewer chapters read fine as bars
    height = max(bars_height + 36, 200.0 if radar else 0.0)
    drawing = Drawing(width, height)
    top = height - 22  # below the panel titles

    drawing.add(String(0, height - 10, t["chart_compliance"], fontName=fonts.BOLD,
                       fontSize=TITLE_SIZE, fillColor=NAVY))
    _bars(drawing, chapters, scores, labels, heights, t, labels_width, bars_width, top)

    radar_x = labels_width + bars_width + 14
    drawing.add(String(width, height - 10, t["chart_maturity"], fontName=fonts.BOLD,
                       fontSize=TITLE_SIZE, fillColor=NAVY, textAnchor="end"))
    values = [scores[c].maturity for c in chapters]
    if all(v is None for v in values):
        drawing.add(String(radar_x + (radar_width - 14) / 2, top / 2, t["chart_no_maturity"],
                           fontName=fonts.ITALIC, fontSize=LABEL_SIZE, fillColor=MUTED,
                           textAnchor="middle"))
    elif not radar:
        _maturity_bars(drawing, chapters, values, t, radar_x, radar_width - 14, top)
    else:
        radius = min((radar_width - 14) / 2 - 20, (top - 30) / 2 - 4)
        _radar(drawing, chapters, values, t, radar_x + (radar_width - 14) / 2, top / 2 + 8,
               radius)
    return drawing


def _bars(drawing, chapters, scores, labels, heights, t: Texts, labels_width, bars_width,
          top) -> None:
    track = bars_width - 6
    x0 = labels_width
    y_top = top
    for chapter, row in zip(chapters, heights):
        lines, size = labels[chapter]
        y = y_top - row / 2 - BAR / 2  # the bar in the middle of its row
        first = y + BAR / 2 + (len(lines) - 1) * LINE / 2 - size / 3
        drawing.add(String(0, first, fonts.printable(chapter), fontName=fonts.BOLD,
                           fontSize=LABEL_SIZE, fillColor=INK))
        for n, line in enumerate(lines):
            drawing.add(String(26, first - n * LINE, line, fontName=fonts.REGULAR, fontSize=size,
                               fillColor=INK))
        drawing.add(Rect(x0, y, track, BAR, fillColor=LIGHT_GREY, strokeColor=None))
        value = scores[chapter].compliance
        y_top -= row
        if value is None:
            drawing.add(String(x0 + 4, y + 2.6, t["not_assessed"], fontName=fonts.ITALIC,
                               fontSize=SMALL_SIZE, fillColor=INK))
            continue
        end = x0 + track * value / 100
        colour = compliance_colour(value)
        if value > 0:
            drawing.add(Rect(x0, y, end - x0, BAR, fillColor=colour, strokeColor=None))
        label = t.percent(value)
        label_width = stringWidth(label, fonts.BOLD, LABEL_SIZE)
        if end - x0 >= label_width + 6:  # inside the bar, at its end
            drawing.add(String(end - 3, y + 2.4, label, fontName=fonts.BOLD, fontSize=LABEL_SIZE,
                               fillColor=text_colour_on(colour), textAnchor="end"))
        else:  # just after a short bar, still inside the grey track
            drawing.add(String(end + 3, y + 2.4, label, fontName=fonts.BOLD, fontSize=LABEL_SIZE,
                               fillColor=INK))
    _percent_axis(drawing, x0, track, y_top - 2)


def _maturity_bars(drawing, chapters, values, t: Texts, x0, width, top) -> None:
    track = width - 34
    for i, (chapter, value) in enumerate(zip(chapters, values)):
        y = top - (i + 1) * 17 + 3.5
        drawing.add(String(x0, y + 2, fonts.printable(chapter), fontName=fonts.BOLD,
                           fontSize=LABEL_SIZE, fillColor=INK))
        drawing.add(Rect(x0 + 30, y, track, BAR, fillColor=LIGHT_GREY, strokeColor=None))
        if value is None:
            drawing.add(String(x0 + 34, y + 2.5, t["dash"], fontName=fonts.ITALIC,
                               fontSize=LABEL_SIZE, fillColor=INK))
            continue
        end = x0 + 30 + track * value / MATURITY_MAX
        if value > 0:
            drawing.add(Rect(x0 + 30, y, end - x0 - 30, BAR, fillColor=ACCENT, strokeColor=None))
        label = t.maturity(value)
        if end - x0 - 30 >= stringWidth(label, fonts.BOLD, LABEL_SIZE) + 6:
            drawing.add(String(end - 3, y + 2.4, label, fontName=fonts.BOLD,
                               fontSize=LABEL_SIZE, fillColor=WHITE, textAnchor="end"))
        else:
            drawing.add(String(end + 3, y + 2.4, label, fontName=fonts.BOLD,
                               fontSize=LABEL_SIZE, fillColor=INK))


def _radar(drawing, chapters, values, t: Texts, cx, cy, radius) -> None:
    n = len(chapters)
    angles = [pi / 2 - 2 * pi * i / n for i in range(n)]  # clockwise from the top

    def point(angle: float, value: float) -> tuple[float, float]:
        r = radius * value / MATURITY_MAX
        return cx + r * cos(angle), cy + r * sin(angle)

    defined = [(a, v) for a, v in zip(angles, values) if v is not None]
    shape = [c for a, v in defined for c in point(a, v)]
    if len(defined) >= 3:
        drawing.add(Polygon(shape, fillColor=RADAR_FILL, strokeColor=None))
    for level in range(1, MATURITY_MAX + 1):
        ring = [c for a in angles for c in point(a, level)]
        drawing.add(Polygon(ring, fillColor=None, strokeColor=MUTED if level == MATURITY_MAX
                            else RULE, strokeWidth=0.5 if level == MATURITY_MAX else 0.4))
    for angle, value in zip(angles, values):
        x, y = point(angle, MATURITY_MAX)
        drawing.add(Line(cx, cy, x, y, strokeColor=RULE, strokeWidth=0.4,
                         strokeDashArray=None if value is not None else [2, 2]))
    if len(defined) >= 2:
        outline = shape + shape[:2] if len(defined) >= 3 else shape
        drawing.add(PolyLine(outline, strokeColor=ACCENT, strokeWidth=1.4))
    for angle, value in defined:
        x, y = point(angle, value)
        drawing.add(Circle(x, y, 2.2, fillColor=ACCENT, strokeColor=WHITE, strokeWidth=0.6))
    # ring values on a white ground beside the top spoke, where no chapter label is
    for level in range(1, MATURITY_MAX + 1):
        x, y = cx + 3, cy + radius * level / MATURITY_MAX - 3.2
        drawing.add(Rect(x - 1, y - 1.2, 6, 7.4, fillColor=WHITE, strokeColor=None))
        drawing.add(String(x + 2, y, str(level), fontName=fonts.REGULAR, fontSize=SMALL_SIZE,
                           fillColor=INK, textAnchor="middle"))
    unassessed = False
    for chapter, angle, value in zip(chapters, angles, values):
        lx, ly = cx + (radius + 8) * cos(angle), cy + (radius + 8) * sin(angle)
        anchor = "middle" if abs(cos(angle)) < 0.3 else "start" if cos(angle) > 0 else "end"
        if value is None:
            unassessed = True
            x, y = point(angle, MATURITY_MAX)
            drawing.add(Circle(x, y, 2.4, fillColor=WHITE, strokeColor=MUTED, strokeWidth=0.8))
        drawing.add(String(lx, ly - 2.5, fonts.printable(chapter), textAnchor=anchor,
                           fontName=fonts.BOLD if value is not None else fonts.ITALIC,
                           fontSize=LABEL_SIZE, fillColor=INK if value is not None else MUTED))
    if unassessed:
        bottom = cy - radius - 22
        drawing.add(Circle(cx - 40, bottom + 2.5, 2.4, fillColor=WHITE, strokeColor=MUTED,
                           strokeWidth=0.8))
        drawing.add(String(cx - 34, bottom, t["radar_unassessed"], fontName=fonts.ITALIC,
                           fontSize=SMALL_SIZE, fillColor=MUTED))


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


# ------------------------------------------------------------------------------ risks
HEAT_CELL = 34.0
HEAT_LABELS_PER_CELL = 8


def heat_map(risks, language: str = "nl", width: float = CONTENT_WIDTH * 0.72) -> Drawing:
    """The 5 × 5 risk matrix: likelihood across, impact up, each cell coloured by its score
    (likelihood × impact) and holding the numbers of its risks."""
    fonts.register()
    t = Texts(language)
    left, bottom = 46.0, 30.0
    cell_w = (width - left) / 5
    height = bottom + 5 * HEAT_CELL + 18
    drawing = Drawing(width, height)
    cells: dict[tuple[int, int], list[str]] = {}
    for risk in risks:
        cells.setdefault((risk.likelihood, risk.impact), []).append(risk.label)
    for likelihood in range(1, 6):
        for impact in range(1, 6):
            x = left + (likelihood - 1) * cell_w
            y = bottom + (impact - 1) * HEAT_CELL
            background, ink = risk_colours(likelihood * impact)
            labels = cells.get((likelihood, impact), [])
            drawing.add(Rect(x, y, cell_w, HEAT_CELL, fillColor=background if labels else
                             _tint(background), strokeColor=WHITE, strokeWidth=1.5))
            if not labels:
                continue
            shown = labels[:HEAT_LABELS_PER_CELL]
            if len(labels) > len(shown):
                shown[-1] = f"+{len(labels) - len(shown) + 1}"
            lines = wrap_lines(", ".join(shown), cell_w - 6, fonts.BOLD, SMALL_SIZE, language)
            first = y + HEAT_CELL / 2 + (len(lines) - 1) * 4 - 2.2
            for n, line in enumerate(lines[:3]):
                drawing.add(String(x + cell_w / 2, first - n * 8, line, fontName=fonts.BOLD,
                                   fontSize=SMALL_SIZE, fillColor=ink, textAnchor="middle"))
    for n in range(1, 6):
        drawing.add(String(left + (n - 0.5) * cell_w, bottom - 10, str(n), fontName=fonts.BOLD,
                           fontSize=LABEL_SIZE, fillColor=INK, textAnchor="middle"))
        drawing.add(String(left - 6, bottom + (n - 0.5) * HEAT_CELL - 2.5, str(n),
                           fontName=fonts.BOLD, fontSize=LABEL_SIZE, fillColor=INK,
                           textAnchor="end"))
    drawing.add(String(left + 5 * cell_w / 2, 2, f"{t['likelihood']} →", fontName=fonts.REGULAR,
                       fontSize=LABEL_SIZE, fillColor=MUTED, textAnchor="middle"))
    drawing.add(String(0, bottom + 5 * HEAT_CELL + 6, f"↑ {t['impact']}",
                       fontName=fonts.REGULAR, fontSize=LABEL_SIZE, fillColor=MUTED))
    return drawing


def _tint(colour) -> object:
    """A pale version of a cell colour, for the cells no risk is in."""
    return colors.Color(0.82 + 0.18 * colour.red, 0.82 + 0.18 * colour.green,
                        0.82 + 0.18 * colour.blue)


# --------------------------------------------------------------------------- roadmap
DAYS_PER_MONTH = 30.44
TIMELINE_ROW = 15.0
MAX_MONTHS = 24


def timeline_chart(phases, actions, report_date: date, language: str = "nl",
                   width: float = CONTENT_WIDTH) -> Drawing:
    """The roadmap on a month axis from the report date: the consultant's phases as bands, the
    deadlines of open actions as dots per priority (overdue ones at the start, in red)."""
    fonts.register()
    t = Texts(language)
    left = 104.0
    months = max([6, *(p.end for p in phases),
                  *(_month_of(a.deadline, report_date) + 1 for a in actions if a.deadline)])
    months = min(int(months), MAX_MONTHS)
    span = width - left - 8
    x_of = lambda month: left + span * min(max(month, 0), months) / months  # noqa: E731

    rows: list[tuple[list[str], float, list]] = []  # label lines, height, painter arguments
    for phase in phases:
        lines = wrap_lines(phase.title, left - 8, fonts.BOLD, SMALL_SIZE, language)
        rows.append((lines, max(len(lines) * 8 + 6, TIMELINE_ROW), ["phase", phase]))
    for priority in (Priority.HIGH, Priority.MEDIUM, Priority.LOW):
        dated = sorted((a for a in actions if a.deadline and a.priority is priority),
                       key=lambda a: a.deadline)
        if not dated:
            continue
        placed = _place_labels(dated, report_date, x_of)
        tiers = 1 + max(tier for _, _, tier in placed)
        rows.append(([priority.label(language)], 14 + tiers * 8.5, ["actions", priority, placed]))
    axis = 26.0
    height = axis + sum(h for _, h, _ in rows) + 6
    drawing = Drawing(width, height)
    y = height - 4
    for lines, row_height, (kind, *args) in rows:
        top = y
        y -= row_height
        drawing.add(Line(left, y, width - 8, y, strokeColor=RULE, strokeWidth=0.3))
        for n, line in enumerate(lines):
            drawing.add(String(0, top - 9 - n * 8, line, fontName=fonts.BOLD, fontSize=SMALL_SIZE,
                               fillColor=INK))
        if kind == "phase":
            phase = args[0]
            x1, x2 = x_of(phase.start - 1), x_of(phase.end)
            drawing.add(Rect(x1, y + 3, max(x2 - x1, 2), row_height - 6, fillColor=RADAR_FILL,
                             strokeColor=ACCENT, strokeWidth=0.6))
        else:
            priority, placed = args
            colour = PRIORITY_COLOURS[priority][0]
            for action, x, tier in placed:
                overdue = action.deadline < report_date
                drawing.add(Circle(x, top - 6, 2.6, fillColor=RED if overdue else colour,
                                   strokeColor=INK, strokeWidth=0.4))
                drawing.add(String(x, top - 15 - tier * 8.5, action.label, fontName=fonts.REGULAR,
                                   fontSize=SMALL_SIZE, fillColor=RED if overdue else INK,
                                   textAnchor="middle"))
    # a label every ``step`` months, as often as the labels fit side by side
    widest = max(stringWidth(t.plain("month_short", n=n), fonts.REGULAR, SMALL_SIZE)
                 for n in range(1, months + 1))
    step = next(s for s in range(1, months + 1) if span / months * s >= widest + 4)
    for month in range(0, months + 1):
        x = x_of(month)
        drawing.add(Line(x, axis - 2, x, height - 4, strokeColor=RULE, strokeWidth=0.25))
        if month and month % step == 0:
            drawing.add(String(x_of(month - 0.5), axis - 11, t.plain("month_short", n=month),
                               fontName=fonts.REGULAR, fontSize=SMALL_SIZE, fillColor=MUTED,
                               textAnchor="middle"))
    drawing.add(Line(left, axis - 2, width - 8, axis - 2, strokeColor=MUTED, strokeWidth=0.5))
    drawing.add(String(left, 2, t.long_date(report_date), fontName=fonts.REGULAR,
                       fontSize=SMALL_SIZE, fillColor=MUTED))
    return drawing


def _month_of(deadline: date, report_date: date) -> float:
    return (deadline - report_date).days / DAYS_PER_MONTH


def _place_labels(actions, report_date: date, x_of) -> list[tuple[object, float, int]]:
    """Each action's x on the axis and the label tier that keeps it clear of its neighbours."""
    placed = []
    ends: list[float] = []  # right edge of the last label in each tier
    for action in actions:
        x = x_of(_month_of(action.deadline, report_date))
        half = stringWidth(action.label, fonts.REGULAR, SMALL_SIZE) / 2 + 2
        tier = next((i for i, end in enumerate(ends) if end < x - half), len(ends))
        if tier == len(ends):
            ends.append(0.0)
        ends[tier] = x + half
        placed.append((action, x, tier))
    return placed


# ----------------------------------------------------------------- progress (follow-up)
BASELINE_BAR = 7.5
BASELINE_GREY = colors.HexColor("#B4BCC5")  # dark text on it: contrast above 4.5:1


def progress_chart(pairs: Mapping[str, object], titles: Mapping[str, str], language: str = "nl",
                   width: float = CONTENT_WIDTH) -> Drawing:
    """One standard's chapters at the baseline and now: per chapter a thin grey bar (the
    baseline's compliance) above a bar in the report's colour bands (now), and the maturity
    then → now beside them.

    ``pairs``: chapter -> ``domain.progress.ScorePair`` (before, after), in display order.
    """
    fonts.register()
    t = Texts(language)
    chapters = list(pairs)
    labels_width = width * 0.34
    maturity_width = width * 0.17
    track = width - labels_width - maturity_width - 12
    labels = {c: _label_lines(fonts.printable(titles.get(c, "")), labels_width - 30, language)
              for c in chapters}
    rows = [max(max(len(labels[c][0]), 1) * LINE, BASELINE_BAR + BAR + 2) + 8 for c in chapters]
    height = sum(rows) + 52
    drawing = Drawing(width, height)
    drawing.add(String(0, height - 10, t["progress_chart"], fontName=fonts.BOLD,
                       fontSize=TITLE_SIZE, fillColor=NAVY))
    legend_y = height - 24
    x = labels_width
    # "now" in the three colour bands its bars are drawn in
    for colours, label in (((BASELINE_GREY,), t["progress_baseline"]),
                           ((compliance_colour(90), compliance_colour(60), compliance_colour(10)),
                            t["progress_now"])):
        for n, colour in enumerate(colours):
            drawing.add(Rect(x + n * 9 / len(colours), legend_y, 9 / len(colours), 7,
                             fillColor=colour, strokeColor=None))
        drawing.add(String(x + 12, legend_y + 0.5, label, fontName=fonts.REGULAR,
                           fontSize=SMALL_SIZE, fillColor=INK))
        x += 24 + stringWidth(label, fonts.REGULAR, SMALL_SIZE)
    drawing.add(String(width, legend_y + 0.5, t["progress_maturity_column"],
                       fontName=fonts.BOLD, fontSize=SMALL_SIZE, fillColor=INK,
                       textAnchor="end"))
    y_top = height - 32
    x0 = labels_width
    for chapter, row in zip(chapters, rows):
        pair = pairs[chapter]
        lines, size = labels[chapter]
        middle = y_top - row / 2
        first = middle + (len(lines) - 1) * LINE / 2 - size / 3
        drawing.add(String(0, first, fonts.printable(chapter), fontName=fonts.BOLD,
                           fontSize=LABEL_SIZE, fillColor=INK))
        for n, line in enumerate(lines):
            drawing.add(String(26, first - n * LINE, line, fontName=fonts.REGULAR, fontSize=size,
                               fillColor=INK))
        now_y = middle - (BASELINE_BAR + BAR + 2) / 2
        then_y = now_y + BAR + 2
        _progress_bar(drawing, x0, then_y, BASELINE_BAR, track,
                      None if pair.before is None else pair.before.compliance, BASELINE_GREY,
                      t["not_in_baseline"] if pair.before is None else t["not_assessed"], t,
                      6.0, ink=DARK_TEXT)
        now = None if pair.after is None else pair.after.compliance
        _progress_bar(drawing, x0, now_y, BAR, track, now, compliance_colour(now),
                      t["not_assessed"], t, LABEL_SIZE)
        before_mat = None if pair.before is None else pair.before.maturity
        after_mat = None if pair.after is None else pair.after.maturity
        drawing.add(String(width, middle - 2.6,
                           f"{t.maturity(before_mat)} → {t.maturity(after_mat)}",
                           fontName=fonts.BOLD, fontSize=LABEL_SIZE, fillColor=INK,
                           textAnchor="end"))
        y_top -= row
    _percent_axis(drawing, x0, track, y_top - 2)
    return drawing


def _percent_axis(drawing: Drawing, x0: float, track: float, axis_y: float) -> None:
    """The 0–100 % scale under horizontal compliance bars."""
    for tick in (0, 25, 50, 75, 100):
        x = x0 + track * tick / 100
        drawing.add(Line(x, axis_y, x, axis_y - 3, strokeColor=MUTED, strokeWidth=0.5))
        drawing.add(String(x, axis_y - 10, f"{tick}%", fontName=fonts.REGULAR,
                           fontSize=SMALL_SIZE, fillColor=MUTED,
                           textAnchor="start" if tick == 0 else "end" if tick == 100
                           else "middle"))
    drawing.add(Line(x0, axis_y, x0 + track, axis_y, strokeColor=MUTED, strokeWidth=0.5))


def _progress_bar(drawing, x0, y, height, track, value, colour, missing: str, t: Texts,
                  size: float, ink=None) -> None:
    """One bar of ``progress_chart``: the value inside its end when it fits, else after it.
    ``ink``: the text colour inside the bar (default: the one that reads on ``colour``)."""
    drawing.add(Rect(x0, y, track, height, fillColor=LIGHT_GREY, strokeColor=None))
    if value is None:
        drawing.add(String(x0 + 4, y + height / 2 - size / 3, missing, fontName=fonts.ITALIC,
                           fontSize=size - 1, fillColor=INK))
        return
    end = x0 + track * value / 100
    if value > 0:
        drawing.add(Rect(x0, y, end - x0, height, fillColor=colour, strokeColor=None))
    label = t.percent(value)
    baseline = y + height / 2 - size / 3
    if end - x0 >= stringWidth(label, fonts.BOLD, size) + 6:
        drawing.add(String(end - 3, baseline, label, fontName=fonts.BOLD, fontSize=size,
                           fillColor=ink or text_colour_on(colour), textAnchor="end"))
    else:
        drawing.add(String(end + 3, baseline, label, fontName=fonts.BOLD, fontSize=size,
                           fillColor=INK))

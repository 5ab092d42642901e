"""Small helpers the sections share."""
from __future__ import annotations

from reportlab.lib.units import cm
from reportlab.platypus import Paragraph, Table, TableStyle

from isodesk.report.escape import markup
from isodesk.report.styles import (
    AMBER,
    CONTENT_WIDTH,
    DARK_TEXT,
    LIGHT_GREY,
    MUTED,
    RULE,
    WHITE,
)


def text_colour_on(background) -> object:
    """Dark text on the light fills (amber, light grey), white on the others."""
    if background == AMBER:
        return DARK_TEXT
    return MUTED if background == LIGHT_GREY else WHITE


def definition_table(ctx, rows: list[tuple[str, str]]):
    """Label / value pairs (user text in the values) as a two-column table."""
    s = ctx.styles
    data = [[Paragraph(f"<b>{markup(label)}</b>", s.cell), Paragraph(markup(value), s.cell)]
            for label, value in rows]
    # splitInRow: a long scope text continues on the next page instead of not fitting at all
    table = Table(data, colWidths=[4 * cm, CONTENT_WIDTH - 4 * cm], hAlign="LEFT", splitInRow=1)
    table.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
        ("LINEABOVE", (0, 0), (-1, 0), 0.8, RULE),
    ]))
    return table

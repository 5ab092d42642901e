"""Page geometry, colours and paragraph styles: one place for the report's look.

Result colours are the same everywhere (tables, charts, legends): conform green, partially
conform amber, not conform red, not applicable grey, not assessed light grey.
"""
from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm

from isodesk.domain.scales import (
    ActionStatus,
    Implementation,
    Priority,
    Result,
    compliance_band,
)
from isodesk.report import fonts

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_LEFT = MARGIN_RIGHT = 2.0 * cm
MARGIN_TOP = 2.4 * cm  # room for the running header
MARGIN_BOTTOM = 2.0 * cm  # room for the footer
CONTENT_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT
COVER_LEFT = 3.4 * cm  # left edge of the cover's text, clear of its navy band

NAVY = colors.HexColor("#1F3A5F")
ACCENT = colors.HexColor("#2A7F9E")
INK = colors.HexColor("#222B36")
MUTED = colors.HexColor("#6B7785")
RULE = colors.HexColor("#C9D1DA")
ZEBRA = colors.HexColor("#F4F6F9")
GROUP = colors.HexColor("#E3E9F0")
WHITE = colors.white

GREEN = colors.HexColor("#2E7D32")
AMBER = colors.HexColor("#F2A900")
RED = colors.HexColor("#C62828")
GREY = colors.HexColor("#8E969E")
LIGHT_GREY = colors.HexColor("#E2E5E9")
DARK_TEXT = colors.HexColor("#2B2B2B")

# (background, text colour) of a cell that shows a result
RESULT_COLOURS: dict[Result, tuple] = {
    Result.CONFORM: (GREEN, WHITE),
    Result.PARTIAL: (AMBER, DARK_TEXT),
    Result.NONCONFORM: (RED, WHITE),
    Result.NA: (GREY, WHITE),
    Result.OPEN: (LIGHT_GREY, MUTED),
}
PRIORITY_COLOURS: dict[Priority, tuple] = {
    Priority.HIGH: (RED, WHITE),
    Priority.MEDIUM: (AMBER, DARK_TEXT),
    Priority.LOW: (LIGHT_GREY, DARK_TEXT),
}
IMPLEMENTATION_COLOURS: dict[Implementation | None, tuple] = {
    Implementation.IMPLEMENTED: (GREEN, WHITE),
    Implementation.PARTIAL: (AMBER, DARK_TEXT),
    Implementation.NOT_IMPLEMENTED: (RED, WHITE),
    Implementation.UNDETERMINED: (LIGHT_GREY, MUTED),
    None: (LIGHT_GREY, MUTED),
}
STATUS_COLOURS: dict[ActionStatus, tuple] = {
    ActionStatus.OPEN: (LIGHT_GREY, DARK_TEXT),
    ActionStatus.IN_PROGRESS: (AMBER, DARK_TEXT),
    ActionStatus.DONE: (GREEN, WHITE),
}

RISK_HIGH = 15
RISK_MEDIUM = 8


def compliance_colour(value: float | None):
    return {"none": LIGHT_GREY, "good": GREEN, "fair": AMBER, "poor": RED}[compliance_band(value)]


def risk_colours(score: int) -> tuple:
    if score >= RISK_HIGH:
        return RED, WHITE
    return (AMBER, DARK_TEXT) if score >= RISK_MEDIUM else (GREEN, WHITE)


TABLE_FONT_SIZE = 7.8
TABLE_LEADING = 9.6
TABLE_PADDING = 3.0


@dataclass(frozen=True)
class Styles:
    body: ParagraphStyle
    small: ParagraphStyle
    bullet: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    h3: ParagraphStyle
    lead: ParagraphStyle  # the line under a standard's heading
    cell: ParagraphStyle
    kpi_value: ParagraphStyle
    kpi_label: ParagraphStyle
    toc: tuple[ParagraphStyle, ...]
    cover_kind: ParagraphStyle
    cover_title: ParagraphStyle
    cover_client: ParagraphStyle
    cover_label: ParagraphStyle
    cover_value: ParagraphStyle


def make_styles() -> Styles:
    fonts.register()
    base = ParagraphStyle("body", fontName=fonts.FAMILY, fontSize=9.5, leading=13.5,
                          textColor=INK, spaceAfter=6, alignment=TA_LEFT)

    def derive(name: str, **kw) -> ParagraphStyle:
        return ParagraphStyle(name, parent=base, **kw)

    return Styles(
        body=base,
        small=derive("small", fontSize=8, leading=10.5, textColor=MUTED, spaceAfter=4),
        bullet=derive("bullet", leftIndent=14, bulletIndent=3, spaceAfter=3),
        h1=derive("h1", fontName=fonts.BOLD, fontSize=17, leading=21, textColor=NAVY,
                  spaceBefore=0, spaceAfter=10, keepWithNext=1),
        h2=derive("h2", fontName=fonts.BOLD, fontSize=12, leading=15, textColor=NAVY,
                  spaceBefore=12, spaceAfter=6, keepWithNext=1),
        h3=derive("h3", fontName=fonts.BOLD, fontSize=9.5, leading=12, textColor=ACCENT,
                  spaceBefore=8, spaceAfter=4, keepWithNext=1),
        lead=derive("lead", fontSize=10, leading=13, textColor=MUTED, spaceAfter=10),
        cell=derive("cell", fontSize=TABLE_FONT_SIZE, leading=TABLE_LEADING, spaceAfter=0),
        kpi_value=derive("kpi_value", fontName=fonts.BOLD, fontSize=17, leading=20,
                         textColor=NAVY, spaceAfter=0),
        kpi_label=derive("kpi_label", fontSize=7.5, leading=9, textColor=MUTED, spaceAfter=0),
        toc=(
            derive("toc0", fontName=fonts.BOLD, fontSize=10, leading=14, spaceBefore=6,
                   spaceAfter=0, leftIndent=0, firstLineIndent=0),
            derive("toc1", fontSize=9, leading=12.5, spaceAfter=0, leftIndent=18,
                   firstLineIndent=0),
        ),
        cover_kind=derive("cover_kind", fontName=fonts.BOLD, fontSize=11, leading=14,
                          textColor=ACCENT, spaceAfter=10),
        cover_title=derive("cover_title", fontName=fonts.BOLD, fontSize=25, leading=30,
                           textColor=NAVY, spaceAfter=14),
        cover_client=derive("cover_client", fontSize=15, leading=19, textColor=INK,
                            spaceAfter=26),
        cover_label=derive("cover_label", fontSize=8.5, leading=12, textColor=MUTED,
                           spaceAfter=0),
        cover_value=derive("cover_value", fontSize=10, leading=13, textColor=INK, spaceAfter=0),
    )


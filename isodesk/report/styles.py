"""Page geometry, colours and paragraph styles: one place for the report's look.

Result colours are the same everywhere (tables, charts, legends): conform green, partially
conform amber, not conform red, not applicable grey, not assessed light grey. Every text colour
on a coloured cell has a contrast of at least 4.5:1 (WCAG AA for normal text; tested).
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
from isodesk.report.gaps import RISK_HIGH, RISK_MEDIUM
from isodesk.report.hyphen import DICTIONARIES

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_LEFT = MARGIN_RIGHT = 2.0 * cm
MARGIN_TOP = 2.4 * cm  # room for the running header
MARGIN_BOTTOM = 2.0 * cm  # room for the footer
CONTENT_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT
COVER_LEFT = 3.4 * cm  # left edge of the cover's text, clear of its navy band

NAVY = colors.HexColor("#1F3A5F")
ACCENT = colors.HexColor("#2A7F9E")
INK = colors.HexColor("#222B36")
MUTED = colors.HexColor("#5F6B79")
RULE = colors.HexColor("#C9D1DA")
ZEBRA = colors.HexColor("#F4F6F9")
GROUP = colors.HexColor("#E3E9F0")
WHITE = colors.white

GREEN = colors.HexColor("#2E7D32")
AMBER = colors.HexColor("#F2A900")
RED = colors.HexColor("#C62828")
GREY = colors.HexColor("#6E757C")
LIGHT_GREY = colors.HexColor("#E2E5E9")
DARK_TEXT = colors.HexColor("#2B2B2B")
SOFT_TEXT = colors.HexColor("#4A5461")  # "not assessed" on light grey: quiet but readable

# (background, text colour) of a cell that shows a result
RESULT_COLOURS: dict[Result, tuple] = {
    Result.CONFORM: (GREEN, WHITE),
    Result.PARTIAL: (AMBER, DARK_TEXT),
    Result.NONCONFORM: (RED, WHITE),
    Result.NA: (GREY, WHITE),
    Result.OPEN: (LIGHT_GREY, SOFT_TEXT),
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
    Implementation.UNDETERMINED: (LIGHT_GREY, SOFT_TEXT),
    None: (LIGHT_GREY, SOFT_TEXT),
}
STATUS_COLOURS: dict[ActionStatus, tuple] = {
    ActionStatus.OPEN: (LIGHT_GREY, DARK_TEXT),
    ActionStatus.IN_PROGRESS: (AMBER, DARK_TEXT),
    ActionStatus.DONE: (GREEN, WHITE),
}

def compliance_colour(value: float | None):
    return {"none": LIGHT_GREY, "good": GREEN, "fair": AMBER, "poor": RED}[compliance_band(value)]


def text_colour_on(background) -> object:
    """The text colour for a cell filled with ``background``."""
    if background in (AMBER, LIGHT_GREY):
        return DARK_TEXT
    return WHITE


def hex_colour(colour) -> str:
    """"#2E7D32" for a reportlab colour."""
    return "#" + colour.hexval()[2:].upper()


def contrast(first, second) -> float:
    """WCAG contrast ratio of two colours (1 to 21)."""
    def luminance(colour) -> float:
        channels = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
                    for c in (colour.red, colour.green, colour.blue)]
        return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]

    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


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
    own: ParagraphStyle  # the consultant's own words
    label: ParagraphStyle  # a bold line that belongs to the paragraph after it
    note: ParagraphStyle  # a remark boxed under a chapter, or "provisional" warnings
    cell: ParagraphStyle
    kpi_value: ParagraphStyle
    kpi_label: ParagraphStyle
    toc: tuple[ParagraphStyle, ...]
    cover_kind: ParagraphStyle
    cover_title: ParagraphStyle
    cover_client: ParagraphStyle
    cover_label: ParagraphStyle
    cover_value: ParagraphStyle


def make_styles(lang: str = "nl") -> Styles:
    """The paragraph styles; running text is hyphenated in ``lang`` (pyphen), with a visible
    hyphen, where a word does not fit the line."""
    fonts.register()
    base = ParagraphStyle("body", fontName=fonts.FAMILY, fontSize=9.5, leading=13.5,
                          textColor=INK, spaceAfter=6, alignment=TA_LEFT, bulletFontName=fonts.REGULAR,
                          hyphenationLang=DICTIONARIES.get(lang, "nl_NL"), embeddedHyphenation=1,
                          uriWasteReduce=0.3)

    def derive(name: str, **kw) -> ParagraphStyle:
        return ParagraphStyle(name, parent=base, **kw)

    return Styles(
        body=base,
        small=derive("small", fontSize=8, leading=10.5, textColor=MUTED, spaceAfter=4),
        bullet=derive("bullet", leftIndent=14, bulletIndent=3, spaceAfter=3),
        h1=derive("h1", fontName=fonts.BOLD, fontSize=17, leading=21, textColor=NAVY,
                  spaceBefore=0, spaceAfter=10),
        h2=derive("h2", fontName=fonts.BOLD, fontSize=12, leading=15, textColor=NAVY,
                  spaceBefore=12, spaceAfter=6),
        h3=derive("h3", fontName=fonts.BOLD, fontSize=9.5, leading=12, textColor=ACCENT,
                  spaceBefore=8, spaceAfter=4),
        lead=derive("lead", fontSize=10, leading=13, textColor=MUTED, spaceAfter=10),
        label=derive("label", fontName=fonts.BOLD, spaceAfter=2, keepWithNext=1),
        own=derive("own", leftIndent=8, borderPadding=(2, 0, 2, 6), borderColor=ACCENT,
                   borderWidth=0, spaceBefore=2, spaceAfter=8),
        note=derive("note", fontSize=9, leading=12.5, backColor=ZEBRA, borderPadding=5,
                    spaceBefore=4, spaceAfter=10, leftIndent=5, rightIndent=5),
        cell=derive("cell", fontSize=TABLE_FONT_SIZE, leading=TABLE_LEADING, spaceAfter=0),
        kpi_value=derive("kpi_value", fontName=fonts.BOLD, fontSize=17, leading=20,
                         textColor=NAVY, spaceAfter=0),
        kpi_label=derive("kpi_label", fontSize=7.5, leading=9, textColor=MUTED, spaceAfter=0),
        toc=(
            derive("toc0", fontName=fonts.BOLD, fontSize=10, leading=13, spaceBefore=4,
                   spaceAfter=0, leftIndent=0, firstLineIndent=0),
            derive("toc1", fontSize=8.5, leading=11, spaceAfter=0, leftIndent=18,
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


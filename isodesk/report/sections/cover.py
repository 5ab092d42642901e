"""The cover page: report title, client, sites, standards, date, assessors, the consultant's logo
and the confidentiality line."""
from __future__ import annotations

from io import BytesIO

from reportlab.lib.units import cm
from reportlab.lib.utils import ImageReader
from reportlab.platypus import Image, Paragraph, Spacer, Table, TableStyle

from isodesk.report import fonts
from isodesk.report.context import ReportContext
from isodesk.report.escape import Markup, markup
from isodesk.report.styles import (
    ACCENT,
    COVER_LEFT,
    MUTED,
    NAVY,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    RULE,
)
from isodesk.report.tables import wrap_lines

LOGO_WIDTH = 6 * cm
LOGO_HEIGHT = 2.4 * cm
BAND = 1.5 * cm  # the navy band along the left edge


def cover(ctx: ReportContext) -> list:
    s, t, info = ctx.styles, ctx.t, ctx.info
    story: list = [_logo(ctx.logo) or Spacer(1, LOGO_HEIGHT), Spacer(1, 3.2 * cm)]
    story.append(Paragraph(markup(t["report_kind"].upper()), s.cover_kind))
    story.append(Paragraph(markup(ctx.title), s.cover_title))
    story.append(Paragraph(markup(info.client), s.cover_client))

    # the catalog title up to its first dash: "Kwaliteitsmanagementsystemen", without "— Eisen"
    standards = "<br/>".join(
        f"{markup(std.info.name)} <font color='#6B7785'>— "
        f"{markup(ctx.catalog_title(std).split(' — ')[0])}</font>" for std in ctx.standards)
    date_text = t.long_date(ctx.report_date)
    if info.started_on and info.started_on != ctx.report_date:
        period = f"{t.long_date(info.started_on)} – {t.long_date(ctx.report_date)}"
    else:
        period = ""
    rows = [(t["client"], markup(info.client)),
            (t["sites"], Markup("<br/>".join(markup(site) for site in info.sites))),
            (t["standards"], Markup(standards)),
            (t["date"], markup(date_text)),
            (t["period"], markup(period)),
            (t["assessors"], Markup("<br/>".join(markup(a) for a in info.assessors)))]
    data = [[Paragraph(markup(label), s.cover_label), Paragraph(value, s.cover_value)]
            for label, value in rows if value]
    # splitInRow: an overlong client name or list of sites runs on instead of not fitting
    table = Table(data, colWidths=[3.4 * cm, None], hAlign="LEFT", splitInRow=1)
    table.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ("LINEABOVE", (0, 0), (-1, 0), 1.2, ACCENT),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
    ]))
    story.append(table)
    return story


def _logo(data: bytes | None) -> Image | None:
    """The logo scaled into its box, or None when there is none or it is no readable image.
    (A broken logo must not stop the report; the project keeps it for the user to replace.)"""
    if not data:
        return None
    try:
        width, height = ImageReader(BytesIO(data)).getSize()
    except Exception:  # noqa: BLE001 - Pillow raises many types for unreadable images
        return None
    if width <= 0 or height <= 0:
        return None
    scale = min(LOGO_WIDTH / width, LOGO_HEIGHT / height)
    image = Image(BytesIO(data), width=width * scale, height=height * scale)
    image.hAlign = "RIGHT"
    return image


def cover_painter(ctx: ReportContext):
    """The cover's decoration: a navy band on the left and the confidentiality line."""
    confidentiality = fonts.printable(ctx.info.confidentiality.strip())
    lines = wrap_lines(confidentiality, PAGE_WIDTH - COVER_LEFT - 2 * cm, fonts.ITALIC, 8.5)[:4]

    def paint(canvas, doc) -> None:
        canvas.saveState()
        canvas.setFillColor(NAVY)
        canvas.rect(0, 0, BAND, PAGE_HEIGHT, stroke=0, fill=1)
        canvas.setFillColor(ACCENT)
        canvas.rect(BAND, 0, 0.18 * cm, PAGE_HEIGHT, stroke=0, fill=1)
        if confidentiality:
            x = COVER_LEFT
            y = 2.6 * cm
            canvas.setStrokeColor(RULE)
            canvas.setLineWidth(0.5)
            canvas.line(x, y + 16, PAGE_WIDTH - 2 * cm, y + 16)
            canvas.setFont(fonts.ITALIC, 8.5)
            canvas.setFillColor(MUTED)
            for i, line in enumerate(lines):
                canvas.drawString(x, y - i * 11, line)
        canvas.restoreState()

    return paint

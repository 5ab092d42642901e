"""The report model as a PDF (reportlab): blocks become flowables, the document template adds
the page furniture, the outline, the table of contents and the file's properties."""
from __future__ import annotations

from io import BytesIO

from reportlab.lib.units import cm
from reportlab.lib.utils import ImageReader
from reportlab.platypus import (
    Image,
    NextPageTemplate,
    PageBreak,
    Paragraph,
    Spacer,
    TableStyle,
)
from reportlab.platypus import Table as PlainTable
from reportlab.platypus.tableofcontents import TableOfContents

from isodesk.report import fonts, model
from isodesk.report.document import (
    BODY,
    Heading,
    PageCounter,
    PageText,
    Progress,
    ReportDocument,
    heading_break,
    paint_draft_mark,
)
from isodesk.report.escape import Markup, markup
from isodesk.report.images import fit_image
from isodesk.report.styles import (
    ACCENT,
    CONTENT_WIDTH,
    COVER_LEFT,
    MUTED,
    NAVY,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    RULE,
    ZEBRA,
    Styles,
    hex_colour,
    make_styles,
)
from isodesk.report.tables import RowTable, wrap_lines

LOGO_WIDTH = 6 * cm
LOGO_HEIGHT = 2.4 * cm
BAND = 1.5 * cm  # the navy band along the left edge of the cover
GUTTER = 8


def render_pdf(report: model.Report, progress: Progress) -> bytes:
    styles = make_styles(report.language)
    cover = next((b for b in report.blocks if isinstance(b, model.Cover)), None)
    story = []
    for block in report.blocks:
        story += _flowables(block, styles, report.language)
    counter = PageCounter()
    story.append(counter)
    buffer = BytesIO()
    page_text = PageText(client=fonts.printable(report.client),
                         title=fonts.printable(report.title),
                         footer_left=fonts.printable(report.footer), page_of=report.page_of,
                         page_only=report.page_only, draft_mark=report.draft_mark)
    doc = ReportDocument(buffer, page_text, progress, counter,
                         _cover_painter(cover, report.draft_mark), _weight,
                         sum(_weight(f) for f in story),
                         title=fonts.printable(report.title),
                         author=fonts.printable(report.author),
                         subject=fonts.printable(report.subject),
                         keywords=fonts.printable(report.keywords),
                         lang=report.language, displayDocTitle=True)
    doc.multiBuild(story)
    return buffer.getvalue()


def _weight(flowable) -> int:
    """A flowable's share of the layout progress: its rows for tables, else one."""
    return getattr(flowable, "progress_rows", 1)


def _flowables(block, s: Styles, lang: str) -> list:
    if isinstance(block, model.Heading):
        style = (s.h1, s.h2, s.h3)[block.level]
        return [heading_break(block.keep),
                Heading(block.number, block.title, block.level, style, block.key,
                        in_toc=block.in_toc)]
    if isinstance(block, model.Para):
        if block.bullet:
            return [Paragraph(block.text, s.bullet, bulletText="•")]
        return [Paragraph(block.text, getattr(s, block.style))]
    if isinstance(block, model.Table):
        return [RowTable(block.columns, block.rows, lang=lang)]
    if isinstance(block, model.Chart):
        return [Spacer(1, 6), block.drawing, Spacer(1, 8)]
    if isinstance(block, model.Figures):
        return [_figures(block, s), Spacer(1, 14)]
    if isinstance(block, model.Definitions):
        return [_definitions(block, s), Spacer(1, 10)]
    if isinstance(block, model.PageBreak):
        return [PageBreak()]
    if isinstance(block, model.Contents):
        toc = TableOfContents(dotsMinLevel=0)
        toc.levelStyles = list(s.toc)
        toc.tableStyle = _style([("VALIGN", (0, 0), (-1, -1), "TOP"),
                                 ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                 ("RIGHTPADDING", (0, 0), (-1, -1), 0)])
        return [Paragraph(markup(block.title), s.h1), toc]
    if isinstance(block, model.Cover):
        return [*_cover(block, s), NextPageTemplate(BODY), PageBreak()]
    raise TypeError(f"no PDF rendering for {type(block).__name__}")


def _style(commands: list) -> TableStyle:
    """A table style in the embedded font: reportlab's Table sets its cells' font (Helvetica by
    default) even where every cell is a Paragraph, which would reference an unembedded font."""
    return TableStyle([("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR), *commands])


def _definitions(block: model.Definitions, s: Styles) -> PlainTable:
    """Label / value pairs as a two-column table."""
    data = [[Paragraph(f"<b>{markup(label)}</b>", s.cell), Paragraph(value, s.cell)]
            for label, value in block.rows]
    # splitInRow: a long scope text continues on the next page instead of not fitting at all
    table = PlainTable(data, colWidths=[4 * cm, CONTENT_WIDTH - 4 * cm], hAlign="LEFT",
                       splitInRow=1)
    table.setStyle(_style([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
        ("LINEABOVE", (0, 0), (-1, 0), 0.8, RULE),
    ]))
    return table


def _figures(block: model.Figures, s: Styles) -> PlainTable:
    values, labels = [], []
    for index, figure in enumerate(block.items):
        if index:  # an empty gutter column between the boxes
            values.append("")
            labels.append("")
        text = markup(figure.value)
        if figure.note:
            text = Markup(f"{text} <font size='9' color='{hex_colour(MUTED)}'>"
                          f"{markup(figure.note)}</font>")
        values.append(Paragraph(text, s.kpi_value))
        labels.append(Paragraph(markup(figure.label), s.kpi_label))
    count = len(block.items)
    box = (CONTENT_WIDTH - GUTTER * (count - 1)) / count
    widths = [box if i % 2 == 0 else GUTTER for i in range(2 * count - 1)]
    table = PlainTable([values, labels], colWidths=widths, hAlign="LEFT")
    commands = [
        ("LEFTPADDING", (0, 0), (-1, -1), 9),
        ("TOPPADDING", (0, 0), (-1, 0), 7),
        ("BOTTOMPADDING", (0, 1), (-1, 1), 7),
        ("TOPPADDING", (0, 1), (-1, 1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, 0), 1),
    ]
    for index, figure in enumerate(block.items):
        column = 2 * index
        commands += [("BACKGROUND", (column, 0), (column, -1), ZEBRA),
                     ("LINEBEFORE", (column, 0), (column, -1), 2.5, figure.accent)]
    table.setStyle(_style(commands))
    return table


# ---------------------------------------------------------------------------- cover
def _cover(block: model.Cover, s: Styles) -> list:
    story: list = [_logo(block.logo) or Spacer(1, LOGO_HEIGHT), Spacer(1, 3.2 * cm)]
    story.append(Paragraph(markup(block.kind), s.cover_kind))
    story.append(Paragraph(markup(block.title), s.cover_title))
    story.append(Paragraph(markup(block.client), s.cover_client))
    rows = list(block.rows)
    consultancy = [x for x in (block.consultancy, block.contact) if x]
    data = [[Paragraph(markup(label), s.cover_label),
             Paragraph(Markup("<br/>".join(markup(line) for line in lines)), s.cover_value)]
            for label, lines in rows]
    # splitInRow: an overlong client name or list of sites runs on instead of not fitting
    table = PlainTable(data, colWidths=[3.4 * cm, None], hAlign="LEFT", splitInRow=1)
    table.setStyle(_style([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ("LINEABOVE", (0, 0), (-1, 0), 1.2, ACCENT),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
    ]))
    story.append(table)
    if consultancy:
        story += [Spacer(1, 0.9 * cm), Paragraph(
            Markup("<br/>".join(markup(line) for line in consultancy)), s.cover_value)]
    return story


def _logo(data: bytes | None) -> Image | None:
    """The logo scaled into its box, or None when there is none or it is no readable image.
    (A broken logo must not stop the report; the project keeps it for the user to replace.)"""
    data = fit_image(data) if data else None
    if not data:
        return None
    width, height = ImageReader(BytesIO(data)).getSize()
    if width <= 0 or height <= 0:
        return None
    scale = min(LOGO_WIDTH / width, LOGO_HEIGHT / height)
    image = Image(BytesIO(data), width=width * scale, height=height * scale)
    image.hAlign = "RIGHT"
    return image


def _cover_painter(block: model.Cover | None, draft_mark: str):
    """The cover's decoration: a navy band on the left, the confidentiality line, the draft
    mark."""
    confidentiality = fonts.printable(block.confidentiality if block else "")
    lines = wrap_lines(confidentiality, PAGE_WIDTH - COVER_LEFT - 2 * cm, fonts.ITALIC, 8.5)[:4]

    def paint(canvas, doc) -> None:
        paint_draft_mark(canvas, draft_mark)
        canvas.saveState()
        canvas.setFillColor(NAVY)
        canvas.rect(0, 0, BAND, PAGE_HEIGHT, stroke=0, fill=1)
        canvas.setFillColor(ACCENT)
        canvas.rect(BAND, 0, 0.18 * cm, PAGE_HEIGHT, stroke=0, fill=1)
        if confidentiality:
            x, y = COVER_LEFT, 2.6 * cm
            canvas.setStrokeColor(RULE)
            canvas.setLineWidth(0.5)
            canvas.line(x, y + 16, PAGE_WIDTH - 2 * cm, y + 16)
            canvas.setFont(fonts.ITALIC, 8.5)
            canvas.setFillColor(MUTED)
            for i, line in enumerate(lines):
                canvas.drawString(x, y - i * 11, line)
        canvas.restoreState()

    return paint

"""The report model as an editable Word file (python-docx).

Consultants adjust a report before it goes out, so everything is real text in real styles:
chapters are Heading 1–3 (Word's navigation pane and its table of contents work), the contents
is a TOC field Word refreshes on opening, tables repeat their header row on every page, the
consultant's own words have a style of their own, and a draft says "CONCEPT" in every page's
header. The charts are pictures of the same Drawings the PDF draws (``raster.py``).

The long tables are written as WordprocessingML directly: python-docx's cell-by-cell API takes
seconds for the checklist's thousand rows.
"""
from __future__ import annotations

import re
from io import BytesIO
from xml.sax.saxutils import escape, unescape

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt, RGBColor

from isodesk.report import fonts, model
from isodesk.report.document import Progress
from isodesk.report.images import fit_image
from isodesk.report.raster import drawing_png
from isodesk.report.styles import (
    ACCENT,
    CONTENT_WIDTH,
    GROUP,
    INK,
    MUTED,
    NAVY,
    RED,
    RULE,
    WHITE,
    ZEBRA,
    hex_colour,
)

FONT = "Calibri"  # Word's own; LibreOffice shows it as the metric-compatible Carlito
LANG_TAGS = {"nl": "nl-NL", "en": "en-GB"}
TABLE_SIZE = 15  # half-points: 7.5 pt
TWIPS = 20  # per point
OWN_STYLE = "Consultant text"


def render_docx(report: model.Report, progress: Progress) -> bytes:
    document = Document()
    writer = _Writer(document, report)
    blocks = report.blocks
    for index, block in enumerate(blocks):
        writer.add(block)
        progress.laying_out(1, index + 1, len(blocks))
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _hex(colour) -> str:
    return hex_colour(colour)[1:]


class _Writer:
    def __init__(self, document, report: model.Report):
        self.doc = document
        self.report = report
        self.headings: list[model.Heading] = [b for b in report.blocks
                                              if isinstance(b, model.Heading) and b.in_toc]
        self._pending_break = False
        self._setup()

    # ------------------------------------------------------------------ document set-up
    def _setup(self) -> None:
        doc, report = self.doc, self.report
        props = doc.core_properties
        props.title, props.author = report.title, report.author
        props.subject, props.keywords = report.subject, report.keywords
        props.language = LANG_TAGS[report.language]
        section = doc.sections[0]
        section.page_width, section.page_height = Cm(21), Cm(29.7)
        section.left_margin = section.right_margin = Cm(2)
        section.top_margin, section.bottom_margin = Cm(2.2), Cm(2)
        styles = doc.styles
        normal = styles["Normal"]
        normal.font.name, normal.font.size = FONT, Pt(10)
        normal.font.color.rgb = RGBColor.from_string(_hex(INK))
        normal.paragraph_format.space_after = Pt(6)
        rpr = normal.element.get_or_add_rPr()
        lang = OxmlElement("w:lang")
        lang.set(qn("w:val"), LANG_TAGS[report.language])
        rpr.append(lang)
        for level, size in ((1, 17), (2, 13), (3, 10.5)):
            style = styles[f"Heading {level}"]
            style.font.name, style.font.size = FONT, Pt(size)
            style.font.color.rgb = RGBColor.from_string(_hex(NAVY if level < 3 else ACCENT))
        own = styles.add_style(OWN_STYLE, WD_STYLE_TYPE.PARAGRAPH)
        own.base_style = normal
        own.paragraph_format.left_indent = Cm(0.3)
        _border(own.element.get_or_add_pPr(), "left", ACCENT, 18)
        small = styles.add_style("Small", WD_STYLE_TYPE.PARAGRAPH)
        small.base_style = normal
        small.font.size = Pt(8)
        small.font.color.rgb = RGBColor.from_string(_hex(MUTED))
        note = styles.add_style("Note", WD_STYLE_TYPE.PARAGRAPH)
        note.base_style = normal
        _shade(note.element.get_or_add_pPr(), ZEBRA)
        lead = styles.add_style("Lead", WD_STYLE_TYPE.PARAGRAPH)
        lead.base_style = normal
        lead.font.size = Pt(11)
        lead.font.color.rgb = RGBColor.from_string(_hex(MUTED))
        # Word hyphenates automatically (in the document's language); fields refresh on opening
        settings = doc.settings.element
        settings.append(parse_xml(f'<w:autoHyphenation {nsdecls("w")}/>'))
        settings.append(parse_xml(f'<w:updateFields {nsdecls("w")} w:val="true"/>'))
        self._furniture(section)

    def _furniture(self, section) -> None:
        """Header (client, title, draft mark) and footer (date, confidentiality, page x of y)."""
        report = self.report
        header = section.header.paragraphs[0]
        header.text = f"{report.client} · {report.title}"
        header.style = self.doc.styles["Header"]
        for run in header.runs:
            run.font.size, run.font.color.rgb = Pt(8), RGBColor.from_string(_hex(MUTED))
        if report.draft_mark:
            mark = section.header.add_paragraph()
            mark.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run = mark.add_run(report.draft_mark)
            run.bold, run.font.size = True, Pt(20)
            run.font.color.rgb = RGBColor.from_string(_hex(RED))
        footer = section.footer.paragraphs[0]
        footer.style = self.doc.styles["Footer"]
        run = footer.add_run(report.footer + "\t")
        run.font.size = Pt(8)
        before, _, rest = report.page_of.partition("{page}")
        middle, _, after = rest.partition("{total}")
        for text, field in ((before, "PAGE"), (middle, "NUMPAGES"), (after, None)):
            if text:
                footer.add_run(text).font.size = Pt(8)
            if field:
                _field(footer, field, "1")

    # ------------------------------------------------------------------------- blocks
    def add(self, block) -> None:
        if isinstance(block, model.PageBreak):
            self._pending_break = True
            return
        handler = getattr(self, f"_{type(block).__name__.lower()}", None)
        if handler is None:
            raise TypeError(f"no Word rendering for {type(block).__name__}")
        handler(block)

    def _paragraph(self, style: str | None = None):
        paragraph = self.doc.add_paragraph(style=style)
        if self._pending_break:
            paragraph.paragraph_format.page_break_before = True
            self._pending_break = False
        return paragraph

    def _heading(self, block: model.Heading) -> None:
        paragraph = self._paragraph(f"Heading {block.level + 1}")
        paragraph.add_run(block.label)
        paragraph.paragraph_format.keep_with_next = True
        _bookmark(paragraph, block.key)

    def _para(self, block: model.Para) -> None:
        style = {"body": None, "small": "Small", "lead": "Lead", "own": OWN_STYLE,
                 "note": "Note", "label": None}[block.style]
        paragraph = self._paragraph("List Bullet" if block.bullet else style)
        _runs(paragraph, block.text)
        if block.style == "label":
            paragraph.paragraph_format.keep_with_next = True
            for run in paragraph.runs:
                run.bold = True

    def _table(self, block: model.Table) -> None:
        self._before_table()
        self.doc.element.body.sectPr.addprevious(parse_xml(_table_xml(block.columns,
                                                                      block.rows)))

    def _before_table(self) -> None:
        """A page break due before a table goes on an empty paragraph (a table has none)."""
        if self._pending_break:
            self._paragraph().paragraph_format.space_after = Pt(0)

    def _figures(self, block: model.Figures) -> None:
        columns = [model.Column(f.label, CONTENT_WIDTH / len(block.items), "LEFT")
                   for f in block.items]
        rows = [model.Row([f"{f.value} {f.note}".strip() for f in block.items], bold=True)]
        self._before_table()
        self.doc.element.body.sectPr.addprevious(parse_xml(_table_xml(columns, rows, size=26)))
        self.doc.add_paragraph().paragraph_format.space_after = Pt(2)

    def _definitions(self, block: model.Definitions) -> None:
        columns = [model.Column("", 4 * 28.35), model.Column("", CONTENT_WIDTH - 4 * 28.35)]
        rows = [model.Row([label, _plain(value)]) for label, value in block.rows]
        self._before_table()
        self.doc.element.body.sectPr.addprevious(parse_xml(
            _table_xml(columns, rows, header=False, size=18, bold_first=True)))
        self.doc.add_paragraph().paragraph_format.space_after = Pt(2)

    def _chart(self, block: model.Chart) -> None:
        paragraph = self._paragraph()
        width = Cm(17 * block.drawing.width / CONTENT_WIDTH)
        paragraph.add_run().add_picture(BytesIO(drawing_png(block.drawing)), width=width)
        for prop in paragraph._p.iter(qn("wp:docPr")):
            prop.set("descr", block.description)

    def _contents(self, block: model.Contents) -> None:
        paragraph = self._paragraph("TOC Heading")
        paragraph.add_run(block.title)
        field = self.doc.add_paragraph()
        _field(field, 'TOC \\o "1-2" \\h \\z \\u', "")
        # the field's current result, until Word refreshes it: the headings, without pages
        result_at = field._p
        for heading in self.headings:
            entry = self.doc.add_paragraph()
            entry.add_run(heading.label).font.size = Pt(9)
            entry.paragraph_format.left_indent = Cm(0.6 * heading.level)
            entry.paragraph_format.space_after = Pt(0)
            result_at.addnext(entry._p)
            result_at = entry._p
        end = self.doc.add_paragraph()
        _field_end(end)
        result_at.addnext(end._p)

    def _cover(self, block: model.Cover) -> None:
        logo = fit_image(block.logo) if block.logo else None
        if logo:
            picture = self.doc.add_paragraph()
            picture.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            picture.add_run().add_picture(BytesIO(logo), height=Cm(2.4))
        for _ in range(3):
            self.doc.add_paragraph()
        kind = self.doc.add_paragraph()
        run = kind.add_run(block.kind)
        run.bold, run.font.size = True, Pt(11)
        run.font.color.rgb = RGBColor.from_string(_hex(ACCENT))
        title = self.doc.add_paragraph(style="Title")
        title.add_run(block.title)
        client = self.doc.add_paragraph()
        run = client.add_run(block.client)
        run.font.size = Pt(15)
        columns = [model.Column("", 3.4 * 28.35), model.Column("", CONTENT_WIDTH - 3.4 * 28.35)]
        rows = [model.Row([label, "\n".join(lines)]) for label, lines in block.rows]
        self.doc.element.body.sectPr.addprevious(parse_xml(
            _table_xml(columns, rows, header=False, size=19, bold_first=False)))
        for line in (block.consultancy, block.contact, "", block.confidentiality):
            paragraph = self.doc.add_paragraph(line)
            paragraph.paragraph_format.space_after = Pt(0)
        self.doc.paragraphs[-1].runs[0].italic = True
        self._pending_break = True


# ------------------------------------------------------------------------- XML helpers
_TAG = re.compile(r"<(/?)(b|i|font)(?:\s[^>]*)?>|<br/>")
_COLOUR = re.compile(r"color=['\"]#?([0-9A-Fa-f]{6})['\"]")


def _runs(paragraph, text: str) -> None:
    """Our Paragraph markup (``<b>``, ``<i>``, ``<font color>``, ``<br/>``) as Word runs."""
    bold = italic = 0
    colours: list[str | None] = []
    position = 0
    for match in _TAG.finditer(text):
        _add_run(paragraph, text[position:match.start()], bold, italic, colours)
        position = match.end()
        if match.group(0) == "<br/>":
            paragraph.add_run().add_break(WD_BREAK.LINE)
            continue
        closing, tag = match.group(1) == "/", match.group(2)
        step = -1 if closing else 1
        if tag == "b":
            bold += step
        elif tag == "i":
            italic += step
        elif closing:
            colours.pop() if colours else None
        else:
            found = _COLOUR.search(match.group(0))
            colours.append(found.group(1) if found else None)
    _add_run(paragraph, text[position:], bold, italic, colours)


def _add_run(paragraph, text: str, bold: int, italic: int, colours) -> None:
    if not text:
        return
    run = paragraph.add_run(unescape(text))
    run.bold = bold > 0 or None
    run.italic = italic > 0 or None
    colour = next((c for c in reversed(colours) if c), None)
    if colour:
        run.font.color.rgb = RGBColor.from_string(colour.upper())


def _plain(text: str) -> str:
    return unescape(_TAG.sub(lambda m: "\n" if m.group(0) == "<br/>" else "", text))


def _table_xml(columns: list[model.Column], rows: list[model.Row], header: bool = True,
               size: int = TABLE_SIZE, bold_first: bool = False) -> str:
    grid = "".join(f'<w:gridCol w:w="{round(c.width * TWIPS)}"/>' for c in columns)
    parts = [f'<w:tbl {nsdecls("w")}><w:tblPr><w:tblW w:w="{round(CONTENT_WIDTH * TWIPS)}" '
             'w:type="dxa"/><w:tblLayout w:type="fixed"/>'
             f'<w:tblBorders><w:bottom w:val="single" w:sz="4" w:color="{_hex(RULE)}"/>'
             f'<w:insideH w:val="single" w:sz="2" w:color="{_hex(RULE)}"/></w:tblBorders>'
             '<w:tblCellMar><w:top w:w="30" w:type="dxa"/><w:left w:w="60" w:type="dxa"/>'
             '<w:bottom w:w="30" w:type="dxa"/><w:right w:w="60" w:type="dxa"/></w:tblCellMar>'
             f'<w:tblLook w:val="0020" w:firstRow="{1 if header else 0}"/></w:tblPr>'
             f'<w:tblGrid>{grid}</w:tblGrid>']
    if header:
        cells = [_cell(c.title, c.width, c.header[0] if c.header else NAVY,
                       c.header[1] if c.header else WHITE, True, c.align, size)
                 for c in columns]
        # repeated at the top of every page Word continues the table on
        parts.append(f'<w:tr><w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>{"".join(cells)}'
                     '</w:tr>')
    total = sum(c.width for c in columns)
    for number, row in enumerate(rows):
        if row.group:
            parts.append(f'<w:tr><w:trPr><w:cantSplit/></w:trPr>'
                         f'{_cell(row.cells[0], total, GROUP, INK, True, "LEFT", size, len(columns))}'
                         '</w:tr>')
            continue
        zebra = ZEBRA if number % 2 else None
        cells = []
        for index, (text, column) in enumerate(zip(row.cells, columns)):
            background, ink = row.colours.get(index, (None, None))
            cells.append(_cell(text, column.width, background or zebra, ink or INK,
                               row.bold or (bold_first and index == 0), column.align, size))
        parts.append(f'<w:tr>{"".join(cells)}</w:tr>')
    parts.append("</w:tbl>")
    return "".join(parts)


def _cell(text: str, width: float, background, ink, bold: bool, align: str, size: int,
          span: int = 1) -> str:
    shading = (f'<w:shd w:val="clear" w:color="auto" w:fill="{_hex(background)}"/>'
               if background is not None else "")
    grid_span = f'<w:gridSpan w:val="{span}"/>' if span > 1 else ""
    justify = {"LEFT": "left", "RIGHT": "right", "CENTER": "center"}[align]
    run_props = (f'<w:rPr>{"<w:b/>" if bold else ""}<w:color w:val="{_hex(ink)}"/>'
                 f'<w:sz w:val="{size}"/><w:szCs w:val="{size}"/></w:rPr>')
    lines = fonts.printable(text).split("\n")
    runs = "<w:br/>".join(f'<w:t xml:space="preserve">{escape(line)}</w:t>' for line in lines)
    return (f'<w:tc><w:tcPr><w:tcW w:w="{round(width * TWIPS)}" w:type="dxa"/>{grid_span}'
            f'{shading}</w:tcPr><w:p><w:pPr><w:spacing w:before="0" w:after="0"/>'
            f'<w:jc w:val="{justify}"/></w:pPr><w:r>{run_props}{runs}</w:r></w:p></w:tc>')


def _field(paragraph, instruction: str, result: str) -> None:
    """A field (PAGE, NUMPAGES, TOC) Word computes; ``result`` shows until it does. A field
    with an empty result is left open: its end follows later (``_field_end``)."""
    paragraph._p.append(parse_xml(
        f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="begin" w:dirty="true"/></w:r>'))
    paragraph._p.append(parse_xml(
        f'<w:r {nsdecls("w")}><w:instrText xml:space="preserve"> {escape(instruction)} '
        '</w:instrText></w:r>'))
    paragraph._p.append(parse_xml(
        f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="separate"/></w:r>'))
    if result:
        paragraph.add_run(result)
        _field_end(paragraph)


def _field_end(paragraph) -> None:
    paragraph._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="end"/></w:r>'))


_bookmarks = iter(range(1, 1 << 30))


def _bookmark(paragraph, name: str) -> None:
    ident = str(next(_bookmarks))
    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), ident)
    start.set(qn("w:name"), f"_{name}")
    end = OxmlElement("w:bookmarkEnd")
    end.set(qn("w:id"), ident)
    paragraph._p.insert(1 if paragraph._p.pPr is not None else 0, start)
    paragraph._p.append(end)


def _border(ppr, side: str, colour, size: int) -> None:
    ppr.append(parse_xml(f'<w:pBdr {nsdecls("w")}><w:{side} w:val="single" w:sz="{size}" '
                         f'w:space="6" w:color="{_hex(colour)}"/></w:pBdr>'))


def _shade(ppr, colour) -> None:
    ppr.append(parse_xml(f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" '
                         f'w:fill="{_hex(colour)}"/>'))

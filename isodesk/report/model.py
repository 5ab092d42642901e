"""The report as a list of blocks, rendered twice: by reportlab (PDF) and by python-docx (Word).

The sections (``report/sections``) decide what the report says and build these blocks; the
renderers (``pdf_render``, ``word``) only decide how a block looks. A new chapter is therefore
written once and appears in both files.

Text in ``Para`` and ``Definitions`` is ``Markup``: escaped user text plus a small set of our own
tags (``<b>``, ``<i>``, ``<font color>``, ``<br/>``), which reportlab's Paragraph reads and the
Word renderer translates into runs. Table cells are plain text.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from isodesk.report.escape import Markup


@dataclass(frozen=True, slots=True)
class Column:
    title: str
    width: float  # points, on the PDF page; the Word table keeps the proportions
    align: str = "LEFT"
    header: tuple | None = None  # (background, text) of the header cell; None: navy and white


@dataclass(slots=True)
class Row:
    """One table row: cell texts plus colours per column."""

    cells: list[str]
    colours: dict[int, tuple] = field(default_factory=dict)  # column -> (background, text)
    group: bool = False  # a sub-heading spanning all columns
    bold: bool = False


@dataclass(frozen=True)
class Heading:
    number: str  # "1", "2.3", "Bijlage A", "A.1"; "" for unnumbered headings
    title: str
    level: int  # 0 chapter, 1 section, 2 sub-section
    key: str  # anchor for the contents and the PDF outline
    in_toc: bool = True
    keep: float = 0.0  # points of what follows that must fit below the heading on its page

    @property
    def label(self) -> str:
        return f"{self.number} {self.title}".strip()


@dataclass(frozen=True)
class Para:
    text: Markup
    style: str = "body"  # body, small, lead, label (bold, with the next), own (the
    # consultant's own words), note (a boxed warning)
    bullet: bool = False


@dataclass(frozen=True)
class Table:
    columns: list[Column]
    rows: list[Row]


@dataclass(frozen=True)
class Figure:
    """A key figure box: "63%" above "Compliance", with an accent colour on its left edge."""

    value: str
    note: str  # smaller text after the value ("/ 65"), may be ""
    label: str
    accent: object


@dataclass(frozen=True)
class Figures:
    items: list[Figure]


@dataclass(frozen=True)
class Definitions:
    """Label / value pairs (scope statement, document control)."""

    rows: list[tuple[str, Markup]]


@dataclass(frozen=True)
class Chart:
    """A chart as a reportlab Drawing: drawn as vectors in the PDF, as a picture in Word."""

    drawing: object
    description: str  # what the chart shows, the picture's alternative text


@dataclass(frozen=True)
class PageBreak:
    pass


@dataclass(frozen=True)
class Contents:
    title: str


@dataclass(frozen=True)
class Cover:
    kind: str  # "NULMETINGSRAPPORT"
    title: str
    client: str
    rows: list[tuple[str, list[str]]]  # label, lines
    logo: bytes | None
    confidentiality: str
    consultancy: str
    contact: str


@dataclass(frozen=True)
class Report:
    """Everything both renderers need: the blocks and what goes on every page."""

    blocks: list  # Heading, Para, Table, Figures, Definitions, Chart, PageBreak, Contents, Cover
    language: str
    title: str
    client: str
    footer: str  # date and confidentiality line
    draft_mark: str  # "CONCEPT" / "DRAFT", or "" for a final report
    author: str
    subject: str
    keywords: str
    page_of: str  # "Pagina {page} van {total}"
    page_only: str

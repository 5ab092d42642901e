"""Long tables that paginate in linear time, with the header repeated on every page.

reportlab's Table re-measures every remaining row each time it splits at a page end, so one
table of thousands of Paragraph rows takes quadratic time. Here cells are plain strings wrapped
beforehand (simpleSplit-style, by font metrics), so every row's height is known up front:
``RowTable`` finds each page's rows by bisection and builds one small Table per page. Plain
strings are drawn as-is, so user text needs no markup escaping (only ``fonts.printable``).
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Table, TableStyle

from isodesk.report import fonts
from isodesk.report.styles import (
    GROUP,
    INK,
    NAVY,
    RULE,
    TABLE_FONT_SIZE,
    TABLE_LEADING,
    TABLE_PADDING,
    WHITE,
    ZEBRA,
)

# A row taller than this many lines is cut into continuation rows, so every row fits a page.
MAX_ROW_LINES = 48
ROW_PADDING = 2 * TABLE_PADDING


@dataclass(frozen=True, slots=True)
class Column:
    title: str
    width: float
    align: str = "LEFT"
    header: tuple | None = None  # (background, text) of the header cell; None: navy and white


@dataclass(slots=True)
class Row:
    """One row as given by a section: cell texts plus colours per column."""

    cells: list[str]
    colours: dict[int, tuple] = field(default_factory=dict)  # column -> (background, text)
    group: bool = False  # a sub-heading spanning all columns
    bold: bool = False


@lru_cache(maxsize=65536)
def _word_width(word: str, font: str, size: float) -> float:
    """Widths of words, cached: findings repeat their words a lot, and measuring is slow."""
    return stringWidth(word, font, size)


def wrap_lines(text: str, width: float, font: str = fonts.REGULAR,
               size: float = TABLE_FONT_SIZE) -> list[str]:
    """``text`` broken into lines no wider than ``width`` points; words longer than a line are
    broken inside the word. Explicit newlines are kept."""
    space = _word_width(" ", font, size)
    lines: list[str] = []
    for paragraph in text.split("\n"):
        current: list[str] = []
        used = 0.0
        for word in paragraph.split():
            w = _word_width(word, font, size)
            if current and used + space + w <= width:
                current.append(word)
                used += space + w
                continue
            if current:
                lines.append(" ".join(current))
            if w <= width:
                current, used = [word], w
            else:
                pieces = _break_word(word, width, font, size)
                lines.extend(pieces[:-1])
                current, used = [pieces[-1]], stringWidth(pieces[-1], font, size)
        lines.append(" ".join(current))
    return lines


def fit_line(text: str, width: float, font: str = fonts.REGULAR,
             size: float = TABLE_FONT_SIZE) -> str:
    """``text`` on one line, cut with an ellipsis where it would be wider than ``width``."""
    text = " ".join(text.split())
    if stringWidth(text, font, size) <= width:
        return text
    low, high = 0, len(text)  # longest prefix that fits together with the ellipsis
    while low < high:
        middle = (low + high + 1) // 2
        if stringWidth(text[:middle].rstrip() + "…", font, size) <= width:
            low = middle
        else:
            high = middle - 1
    return text[:low].rstrip() + "…"


def _break_word(word: str, width: float, font: str, size: float) -> list[str]:
    pieces, start = [], 0
    for end in range(1, len(word) + 1):
        if end - start > 1 and stringWidth(word[start:end], font, size) > width:
            pieces.append(word[start:end - 1])
            start = end - 1
    pieces.append(word[start:])
    return pieces


@dataclass(slots=True)
class _Prepared:
    cells: list[str]
    lines: int
    colours: dict[int, tuple]
    group: bool
    bold: bool


def _prepare(columns: list[Column], rows: list[Row]) -> list[_Prepared]:
    """Wrap every cell to its column and cut rows that would not fit a page."""
    prepared: list[_Prepared] = []
    total_width = sum(c.width for c in columns)
    for row in rows:
        if row.group:
            lines = wrap_lines(fonts.printable(row.cells[0]), total_width - ROW_PADDING, fonts.BOLD)
            prepared.append(_Prepared(["\n".join(lines)], len(lines), row.colours, True, True))
            continue
        font = fonts.BOLD if row.bold else fonts.REGULAR
        wrapped = [wrap_lines(fonts.printable(text), col.width - ROW_PADDING, font)
                   for text, col in zip(row.cells, columns)]
        height = max(len(cell) for cell in wrapped)
        for start in range(0, height, MAX_ROW_LINES):
            cells = ["\n".join(cell[start:start + MAX_ROW_LINES]) for cell in wrapped]
            lines = max(1, min(height - start, MAX_ROW_LINES))
            prepared.append(_Prepared(cells, lines, row.colours, False, row.bold))
    return prepared


def _row_height(lines: int) -> float:
    return lines * TABLE_LEADING + ROW_PADDING


class RowTable(Flowable):
    """A table of pre-wrapped rows that splits at page ends without re-measuring everything.

    Every piece starts with the header row, so the header repeats at the top of each page and
    never appears in the middle of one. A sub-heading row is not left alone at a page end.
    Each drawn piece carries ``progress_rows``, the number of rows it put on the page.
    """

    def __init__(self, columns: list[Column], rows: list[Row] | None = None,
                 prepared: list[_Prepared] | None = None):
        super().__init__()
        self.columns = columns
        self.rows = prepared if prepared is not None else _prepare(columns, rows or [])
        header = [wrap_lines(c.title, c.width - ROW_PADDING, fonts.BOLD) for c in columns]
        self._header = ["\n".join(h) for h in header]
        self._header_height = _row_height(max(len(h) for h in header))
        self._ends = list(accumulate(_row_height(r.lines) for r in self.rows))
        self.progress_rows = len(self.rows)

    def wrap(self, available_width, available_height):
        self.width = sum(c.width for c in self.columns)
        self.height = self._header_height + (self._ends[-1] if self._ends else 0)
        return self.width, self.height

    def split(self, available_width, available_height):
        fit = bisect_right(self._ends, available_height - self._header_height)
        if fit >= len(self.rows):
            return [self._table(self.rows)]
        if fit > 1 and self.rows[fit - 1].group:
            fit -= 1
        if fit == 0:
            return []
        return [self._table(self.rows[:fit]),
                RowTable(self.columns, prepared=self.rows[fit:])]

    def draw(self):
        if _layout_only(self.canv):
            return
        table = self._table(self.rows)
        table.wrapOn(self.canv, self.width, self.height)
        table.drawOn(self.canv, 0, 0)

    def _table(self, rows: list[_Prepared]) -> Table:
        data = [self._header] + [r.cells if not r.group else r.cells + [""] * (len(self.columns) - 1)
                                 for r in rows]
        table = _Piece(data, colWidths=[c.width for c in self.columns],
                      rowHeights=[self._header_height] + [_row_height(r.lines) for r in rows],
                      repeatRows=1, hAlign="LEFT")
        table.setStyle(TableStyle(_style(self.columns, rows)))
        table.progress_rows = len(rows)
        return table


def _layout_only(canvas) -> bool:
    """True in a build pass whose pages are thrown away (see ReportDocument.layout_only)."""
    return getattr(getattr(canvas, "_doctemplate", None), "layout_only", False)


class _Piece(Table):
    """One page's part of a RowTable; skips the (costly) drawing in a layout-only pass."""

    def draw(self):
        if not _layout_only(self.canv):
            super().draw()


def _style(columns: list[Column], rows: list[_Prepared]) -> list[tuple]:
    commands: list[tuple] = [
        ("FONT", (0, 0), (-1, -1), fonts.REGULAR, TABLE_FONT_SIZE, TABLE_LEADING),
        ("FONT", (0, 0), (-1, 0), fonts.BOLD, TABLE_FONT_SIZE, TABLE_LEADING),
        ("TEXTCOLOR", (0, 0), (-1, -1), INK),
        ("TEXTCOLOR", (0, 0), (-1, 0), WHITE),
        ("BACKGROUND", (0, 0), (-1, 0), NAVY),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), TABLE_PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), TABLE_PADDING),
        ("TOPPADDING", (0, 0), (-1, -1), TABLE_PADDING),
        ("BOTTOMPADDING", (0, 0), (-1, -1), TABLE_PADDING),
        ("ROWBACKGROUNDS", (0, 1), (-1, -1), [WHITE, ZEBRA]),
        ("LINEBELOW", (0, 1), (-1, -1), 0.25, RULE),
    ]
    for index, column in enumerate(columns):
        if column.align != "LEFT":
            commands.append(("ALIGN", (index, 0), (index, -1), column.align))
        if column.header is not None:
            commands += [("BACKGROUND", (index, 0), (index, 0), column.header[0]),
                         ("TEXTCOLOR", (index, 0), (index, 0), column.header[1])]
    for number, row in enumerate(rows, start=1):
        if row.group:
            commands += [("SPAN", (0, number), (-1, number)),
                         ("BACKGROUND", (0, number), (-1, number), GROUP),
                         ("FONT", (0, number), (-1, number), fonts.BOLD, TABLE_FONT_SIZE,
                          TABLE_LEADING),
                         ("ALIGN", (0, number), (-1, number), "LEFT")]
            continue
        if row.bold:
            commands.append(("FONT", (0, number), (-1, number), fonts.BOLD, TABLE_FONT_SIZE,
                             TABLE_LEADING))
        for index, (background, text) in row.colours.items():
            if background is not None:
                commands.append(("BACKGROUND", (index, number), (index, number), background))
            if text is not None:
                commands.append(("TEXTCOLOR", (index, number), (index, number), text))
    return commands

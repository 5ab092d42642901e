"""Long tables that paginate in linear time, with the header repeated on every page.

reportlab's Table re-measures every remaining row each time it splits at a page end, so one
table of thousands of Paragraph rows takes quadratic time. Here cells are plain strings wrapped
beforehand by font metrics (words wider than their column hyphenated, ``hyphen.py``), so every
row's height is known up front: ``RowTable`` finds each
page's rows by bisection and builds one small Table per page for the fills and rules, drawing
the text itself in one text object. Plain strings are drawn as-is, so user text needs no markup
escaping (only ``fonts.printable``).
"""
from __future__ import annotations

from bisect import bisect_right
from functools import lru_cache
from itertools import accumulate

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, PageBreak, Table, TableStyle

from isodesk.report import fonts
from isodesk.report.hyphen import break_word
from isodesk.report.model import Column, Row
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

# A row of at least this many lines may be cut at a page end (shorter rows move to the next
# page whole), leaving at least MIN_PART_LINES lines on either side.
SPLIT_ROW_LINES = 8
MIN_PART_LINES = 3
ROW_PADDING = 2 * TABLE_PADDING


__all__ = ["Column", "Row", "RowTable", "fit_line", "wrap_lines"]


@lru_cache(maxsize=65536)
def _word_width(word: str, font: str, size: float) -> float:
    """Widths of words, cached: findings repeat their words a lot, and measuring is slow."""
    return stringWidth(word, font, size)


def wrap_lines(text: str, width: float, font: str = fonts.REGULAR,
               size: float = TABLE_FONT_SIZE, lang: str = "nl") -> list[str]:
    """``text`` broken into lines no wider than ``width`` points; words longer than a line are
    hyphenated (``hyphen.break_word``). Explicit newlines are kept."""
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
                pieces = break_word(word, width, font, size, lang)
                lines.extend(pieces[:-1])
                current, used = [pieces[-1]], stringWidth(pieces[-1], font, size)
        lines.append(" ".join(current))
    return lines


# No glyph of the report's font is narrower than this share of the font size.
NARROWEST_GLYPH = 0.2


def fit_line(text: str, width: float, font: str = fonts.REGULAR,
             size: float = TABLE_FONT_SIZE) -> str:
    """``text`` on one line, cut with an ellipsis where it would be wider than ``width``.

    Characters beyond what could fit even at the narrowest glyph are never measured: a page
    header repeats the client's name on every page, however long that name is.
    """
    room = int(width / (NARROWEST_GLYPH * size)) + 1
    cut = len(text) > 4 * room
    text = " ".join(text[:4 * room].split())
    if not cut and stringWidth(text, font, size) <= width:
        return text
    text = text[:room]
    low, high = 0, len(text)  # longest prefix that fits together with the ellipsis
    while low < high:
        middle = (low + high + 1) // 2
        if stringWidth(text[:middle].rstrip() + "…", font, size) <= width:
            low = middle
        else:
            high = middle - 1
    return text[:low].rstrip() + "…"


class _Prepared:
    """A row with every cell wrapped into lines.

    A row taller than a page is cut at every page end; the continuation keeps the same line
    lists and only moves ``first`` on, so cutting a row of n lines over p pages costs O(n), not
    O(n × p) (copying the rest at every page end made a 10 MB finding take minutes and GBs).
    """

    __slots__ = ("all_lines", "first", "colours", "group", "bold", "lines")

    def __init__(self, cells: list[list[str]], colours: dict[int, tuple], group: bool,
                 bold: bool, first: int = 0):
        self.all_lines = cells
        self.first = first  # lines before this one were drawn on earlier pages
        self.colours = colours
        self.group = group
        self.bold = bold
        self.lines = max(1, max(len(cell) - first for cell in cells))

    @property
    def cells(self) -> list[list[str]]:
        """The lines of each cell in this row (or in this part of a cut row)."""
        return [cell[self.first:] for cell in self.all_lines] if self.first else self.all_lines

    def cut(self, lines: int) -> tuple["_Prepared", "_Prepared"]:
        """The first ``lines`` lines of the row, and the rest as a continuation row."""
        end = self.first + lines
        return (_Prepared([c[self.first:end] for c in self.all_lines], self.colours, False,
                          self.bold),
                _Prepared(self.all_lines, self.colours, False, self.bold, first=end))


def _prepare(columns: list[Column], rows: list[Row], lang: str) -> list[_Prepared]:
    """Wrap every cell to its column."""
    prepared: list[_Prepared] = []
    total_width = sum(c.width for c in columns)
    size = TABLE_FONT_SIZE
    for row in rows:
        if row.group:
            lines = wrap_lines(fonts.printable(row.cells[0]), total_width - ROW_PADDING,
                               fonts.BOLD, size, lang)
            prepared.append(_Prepared([lines], row.colours, True, True))
            continue
        font = fonts.BOLD if row.bold else fonts.REGULAR
        prepared.append(_Prepared([wrap_lines(fonts.printable(text), col.width - ROW_PADDING,
                                              font, size, lang)
                                   for text, col in zip(row.cells, columns)],
                                  row.colours, False, row.bold))
    return prepared


def _row_height(lines: int) -> float:
    return lines * TABLE_LEADING + ROW_PADDING


class _Body:
    """The rows of a RowTable with their running heights, shared by all its pieces, so a split
    costs a bisection instead of re-measuring the rows still to come."""

    def __init__(self, columns: list[Column], rows: list[_Prepared], lang: str):
        self.columns = columns
        self.rows = rows
        self.ends = list(accumulate(_row_height(r.lines) for r in rows))
        header = [wrap_lines(c.title, c.width - ROW_PADDING, fonts.BOLD, TABLE_FONT_SIZE, lang)
                  for c in columns]
        self.header = _Prepared(header, {i: (None, c.header[1]) for i, c in enumerate(columns)
                                         if c.header is not None}, False, True)
        self.header_height = _row_height(self.header.lines)
        self.width = sum(c.width for c in columns)


class RowTable(Flowable):
    """A table of pre-wrapped rows that splits at page ends without re-measuring everything.

    Every piece starts with the header row, so the header repeats at the top of each page and
    never appears in the middle of one. A sub-heading row is not left alone at a page end; a
    tall row (a long finding) is cut at the page end and continues on the next page.
    Each drawn piece carries ``progress_rows``, the number of rows it finished on the page.
    """

    def __init__(self, columns: list[Column], rows: list[Row] | None = None, *,
                 lang: str = "nl", body: _Body | None = None, start: int = 0,
                 lead: _Prepared | None = None):
        super().__init__()
        self._body = body or _Body(columns, _prepare(columns, rows or [], lang), lang)
        self._start = start  # the first of the body's rows in this piece
        self._lead = lead  # the continuation of a row cut at the previous page end, or None
        self.progress_rows = len(self._body.rows) - start + (1 if lead else 0)

    def _lead_height(self) -> float:
        return _row_height(self._lead.lines) if self._lead else 0.0

    def _base(self) -> float:
        return self._body.ends[self._start - 1] if self._start else 0.0

    def _items(self, count: int) -> list[_Prepared]:
        lead = [self._lead] if self._lead else []
        return (lead + self._body.rows[self._start:self._start + count - len(lead)])[:count]

    def wrap(self, available_width, available_height):
        body = self._body
        rest = body.ends[-1] - self._base() if self._start < len(body.rows) else 0.0
        self.width = body.width
        self.height = body.header_height + self._lead_height() + rest
        return self.width, self.height

    def split(self, available_width, available_height):
        body, start = self._body, self._start
        room = available_height - body.header_height
        lead = 1 if self._lead else 0
        count = lead + len(body.rows) - start
        if self._lead and self._lead_height() > room:
            fit, used, candidate = 0, 0.0, self._lead
        else:
            whole = bisect_right(body.ends, self._base() + room - self._lead_height(), lo=start)
            fit = lead + whole - start
            used = self._lead_height() + (body.ends[whole - 1] - self._base() if whole > start
                                          else 0.0)
            candidate = body.rows[whole] if whole < len(body.rows) else None
        if fit >= count:
            return [self._table(self._items(count))]
        spare = int((room - used - ROW_PADDING) // TABLE_LEADING)
        cut = 0 if candidate is None else min(spare, candidate.lines - MIN_PART_LINES)
        if (candidate is not None and not candidate.group and candidate.lines >= SPLIT_ROW_LINES
                and cut >= MIN_PART_LINES):
            head, tail = candidate.cut(cut)
            next_start = start if candidate is self._lead else start + fit - lead + 1
            return [self._table(self._items(fit) + [head], finished=fit),
                    RowTable(body.columns, body=body, start=next_start, lead=tail)]
        items = self._items(fit)
        if fit > 1 and items[-1].group:
            fit -= 1
        widow = count - fit == 1 and fit - lead > 2
        if widow:
            fit -= 1  # no widow: the last row does not go to the next page alone
        if fit == 0:
            return []
        rest = RowTable(body.columns, body=body, start=start + fit - lead)
        # after a widow's row is held back, the page has room for it again: end the page
        return [self._table(items[:fit]), *([PageBreak()] if widow else []), rest]

    def draw(self):
        if _layout_only(self.canv):
            return
        table = self._table(self._items(self.progress_rows))
        table.wrapOn(self.canv, self.width, self.height)
        table.drawOn(self.canv, 0, 0)

    def _table(self, rows: list[_Prepared], finished: int | None = None) -> Table:
        body = self._body
        empty = [[""] * len(body.columns) for _ in range(len(rows) + 1)]
        table = _Piece(empty, colWidths=[c.width for c in body.columns],
                       rowHeights=[body.header_height] + [_row_height(r.lines) for r in rows],
                       hAlign="LEFT")
        table.setStyle(TableStyle(_style(body.columns, rows)))
        table.texts = [body.header, *rows]
        table.aligns = [c.align for c in body.columns]
        table.progress_rows = len(rows) if finished is None else finished
        return table


def _layout_only(canvas) -> bool:
    """True in a build pass whose pages are thrown away (see ReportDocument.layout_only)."""
    return getattr(getattr(canvas, "_doctemplate", None), "layout_only", False)


class _Piece(Table):
    """One page's part of a RowTable. reportlab's Table draws the fills and rules; the text is
    drawn here in one text object, a third faster than a drawString per line. Nothing is drawn
    in a layout-only pass."""

    texts: list[_Prepared]
    aligns: list[str]

    def _drawCell(self, cellval, cellstyle, pos, size):
        """The cells are empty placeholders (the text is drawn below): reportlab would still
        set a font and draw an empty string in every one of them."""

    def draw(self):
        if _layout_only(self.canv):
            return
        super().draw()
        text = self.canv.beginText()
        font = colour = None
        xs, tops = self._colpositions, self._rowpositions
        for number, row in enumerate(self.texts):
            row_font = fonts.BOLD if row.bold else fonts.REGULAR
            default = WHITE if number == 0 else INK
            for index, lines in enumerate(row.cells):
                if not any(lines):
                    continue
                cell_colour = row.colours.get(index, (None, None))[1] or default
                if row_font != font:
                    font = row_font
                    text.setFont(font, TABLE_FONT_SIZE, TABLE_LEADING)
                if cell_colour != colour:
                    colour = cell_colour
                    text.setFillColor(colour)
                y = tops[number] - TABLE_PADDING - TABLE_FONT_SIZE
                align = "LEFT" if row.group else self.aligns[index]
                if align == "LEFT":
                    text.setTextOrigin(xs[index] + TABLE_PADDING, y)
                    for line in lines:
                        text.textLine(line)
                    continue
                for line in lines:
                    width = _word_width(line, font, TABLE_FONT_SIZE)
                    x = (xs[index + 1] - TABLE_PADDING - width if align == "RIGHT"
                         else (xs[index] + xs[index + 1] - width) / 2)
                    text.setTextOrigin(x, y)
                    text.textOut(line)
                    y -= TABLE_LEADING
        self.canv.drawText(text)


def _style(columns: list[Column], rows: list[_Prepared]) -> list[tuple]:
    """Fills and rules of a piece (its text is drawn by _Piece)."""
    commands: list[tuple] = [
        ("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR),  # not reportlab's unembedded Helvetica
        ("BACKGROUND", (0, 0), (-1, 0), NAVY),
        ("ROWBACKGROUNDS", (0, 1), (-1, -1), [WHITE, ZEBRA]),
        ("LINEBELOW", (0, 1), (-1, -1), 0.25, RULE),
    ]
    for index, column in enumerate(columns):
        if column.header is not None:
            commands.append(("BACKGROUND", (index, 0), (index, 0), column.header[0]))
    for number, row in enumerate(rows, start=1):
        if row.group:
            commands += [("SPAN", (0, number), (-1, number)),
                         ("BACKGROUND", (0, number), (-1, number), GROUP)]
            continue
        for index, (background, _) in row.colours.items():
            if background is not None:
                commands.append(("BACKGROUND", (index, number), (index, number), background))
    return commands

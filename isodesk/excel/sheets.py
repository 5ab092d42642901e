"""Reading the rows of one sheet as {field: raw value}, the same way for every importer.

The header row is found by the key column's header (either language) within the first rows;
the other columns by their headers, wherever they are. Rows stream from openpyxl's read-only
mode with a row limit, progress and Cancel, so a huge or hostile sheet cannot hold the program.
Problems are collected with their sheet, row and column, and reported together, so the user
fixes them all in one go instead of one per attempt.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Iterator

from isodesk.domain.errors import Cancelled, DataError
from isodesk.excel import layout as L
from isodesk.excel.cells import is_empty
from isodesk.excel.messages import Msg, at, where
from isodesk.support.i18n import N_

MAX_ROWS = 100_000  # per sheet: far beyond any assessment, and it bounds time and memory
MAX_COLUMNS = 200  # cells further right are never read
HEADER_SEARCH_ROWS = 10  # the header may sit below a few rows a user inserted
STEP = 250  # rows between progress reports and Cancel checks
# LibreOffice stores a yes/no cell as the formula TRUE() or FALSE() with a cached value; these
# are constants, not calculations, so they are read as the booleans they are.
BOOLEAN_FORMULAS = {"=TRUE()": True, "=FALSE()": False, "=TRUE": True, "=FALSE": False}
# Columns rows are matched by: read as strictly as the imported ones.
MATCHED_KINDS = ("key", "id", "number", "ref")


MAX_LISTED = 1000  # problems kept word for word; beyond that they are counted
SHOWN = 25  # problems a dialog lists (a dialog is no place for hundreds of lines)


class WorkbookError(DataError):
    """Problems in a workbook, every one of them: ``problems`` (Msg each, with its place) of
    ``count`` in all.

    Its sentence is one line, the first problem and how many more there are (what the command
    line ends with on stderr, after printing them all); ``listing()`` is the error a dialog
    shows: the problems one per line, the first SHOWN of them.
    """

    def __init__(self, problems: list[Msg], count: int):
        self.problems = problems
        self.count = count
        if count == 1:
            super().__init__(N_("{problem}."), problem=problems[0])
        elif count == 2:
            super().__init__(N_("{problem} (and 1 more problem in the workbook)."),
                             problem=problems[0])
        else:
            super().__init__(N_("{problem} (and {more} more problems in the workbook)."),
                             problem=problems[0], more=count - 1)

    def listing(self) -> DataError:
        if self.count == 1:
            return self
        shown = self.problems[:SHOWN]
        more = self.count - len(shown)
        # Assembled from fixed pieces, so that each piece is translated by itself.
        lines = "".join(f"\n• {{p{i}}}" for i in range(len(shown)))
        tail = Msg(N_("… and {more} more."), more=more) if more else ""
        return DataError("{heading}" + lines + ("\n{tail}" if tail else ""),
                         heading=Msg(N_("The workbook has {count} problems; nothing was "
                                        "imported:"), count=self.count),
                         tail=tail, **{f"p{i}": p for i, p in enumerate(shown)})


class Problems:
    """Collects every problem (with its place), then raises them together."""

    def __init__(self):
        self.items: list[Msg] = []
        self.count = 0

    @property
    def first(self) -> Msg | None:
        return self.items[0] if self.items else None

    def add(self, place: Msg, problem: Msg | str, **params) -> None:
        """``problem``: a Msg, or a template with ``params``."""
        self.count += 1
        if len(self.items) < MAX_LISTED:
            self.items.append(at(place, problem if isinstance(problem, Msg)
                                 else Msg(problem, **params)))

    def raise_if_any(self) -> None:
        if self.items:
            raise WorkbookError(self.items, self.count)


@dataclass
class Table:
    """A sheet's columns as found in its header row."""

    title: str
    layout: L.Layout
    positions: dict[str, int]  # field → 0-based position in the row
    headers: dict[str, str]  # field → header text as in the workbook
    missing: list[L.Column] = field(default_factory=list)  # imported columns not found
    # Columns a client added: 0-based position → header, and the rows with text in them.
    extra: dict[int, str] = field(default_factory=dict)
    extra_rows: dict[int, list[int]] = field(default_factory=dict)

    def where(self, row: int, field_name: str | None = None) -> Msg:
        """"Sheet ISO 9001, row 14, column F (Resultaat)" for messages."""
        if field_name is None or field_name not in self.positions:
            return where(self.title, row)
        return where(self.title, row, self.letter(field_name), self.headers[field_name])

    def letter(self, field_name: str) -> str:
        return L.letter_of(self.positions[field_name] + 1)


class SheetReader:
    """Reads tables from sheets of one workbook; counts rows for progress and Cancel."""

    def __init__(self, lang: str, problems: Problems,
                 progress: Callable[[int, int], None] | None = None,
                 cancel: Callable[[], bool] | None = None, total: int = 1,
                 cancelled: str = N_("Import cancelled; nothing was changed.")):
        self.lang = lang
        self.problems = problems
        self.progress = progress
        self.cancel = cancel
        self.total = max(1, total)
        self.cancelled = cancelled
        self.done = 0
        self.tables: list[Table] = []

    def rows(self, ws, title: str, layout: L.Layout) -> Iterator[tuple[int, dict, Table]]:
        """(row number, {field: raw value}, table) for every non-empty row below the header.

        Formulas and error values in the columns that are read become problems, and their rows
        are skipped; DataError when there is no header or more than MAX_ROWS rows.
        """
        index = L.header_index(layout)
        ws.reset_dimensions()  # some writers store a wrong size; read what is really there
        table = None
        columns: list[tuple[str, int, bool]] = []  # field, position, whether it is read
        for number, row in enumerate(ws.iter_rows(max_col=MAX_COLUMNS), 1):
            self.tick()
            if table is None:
                if number > HEADER_SEARCH_ROWS:
                    break
                table = self._header(row, title, layout, index)
                if table is not None:
                    columns = [(name, position, layout.column(name).imported
                                or layout.column(name).kind in MATCHED_KINDS)
                               for name, position in table.positions.items()]
                continue
            values, formula, width = {}, None, len(row)
            for name, position, checked in columns:
                if position >= width:
                    continue
                cell = row[position]
                if checked:
                    kind = cell.data_type
                    if kind == "f":
                        constant = BOOLEAN_FORMULAS.get(str(cell.value).replace(" ", "").upper())
                        if constant is not None:
                            values[name] = constant
                            continue
                        formula = formula or name
                    elif kind == "e":
                        self.problems.add(table.where(number, name), N_(
                            "contains the error value {value}; type a value instead"),
                            value=cell.value)
                        continue
                values[name] = cell.value
            for position in table.extra:
                if position < width and not is_empty(row[position].value):
                    table.extra_rows.setdefault(position, []).append(number)
            if all(is_empty(v) for v in values.values()):
                continue
            if number > MAX_ROWS + 1:
                raise DataError("Sheet {sheet} has more than {limit} rows; isodesk imports at "
                                "most that many per sheet.", sheet=title, limit=f"{MAX_ROWS:,}")
            if formula:
                text = " ".join(str(values[formula]).split())
                self.problems.add(table.where(number, formula),
                                  N_("contains a formula ({formula}); replace it by its value "
                                     "(Copy, then Paste special → Values)"), formula=text[:40])
                continue
            yield number, values, table
        if table is None:
            raise DataError("Sheet {sheet} has no column '{column}' in its first {n} rows, so its "
                            "rows cannot be matched.", sheet=title,
                            column=layout.key.title(self.lang), n=HEADER_SEARCH_ROWS)

    def _header(self, row, title: str, layout: L.Layout, index: dict) -> Table | None:
        found: dict[str, int] = {}
        headers: dict[str, str] = {}
        extra: dict[int, str] = {}
        for position, cell in enumerate(row):
            column = index.get(L.normalize(cell.value)) if isinstance(cell.value, str) else None
            if column is None:
                if not is_empty(cell.value):
                    extra[position] = str(cell.value).strip()
                continue
            if column.field in found:
                raise DataError("Sheet {sheet} has two '{header}' columns ({first} and "
                                "{second}); delete one of them.", sheet=title,
                                header=headers[column.field],
                                first=L.letter_of(found[column.field] + 1),
                                second=L.letter_of(position + 1))
            found[column.field] = position
            headers[column.field] = str(cell.value).strip()
        if layout.key.field not in found:
            return None
        missing = [c for c in layout.imported if c.field not in found]
        table = Table(title, layout, found, headers, missing, extra)
        self.tables.append(table)
        return table

    def tick(self) -> None:
        self.done += 1
        if self.done % STEP:
            return
        if self.cancel is not None and self.cancel():
            raise Cancelled(self.cancelled)
        if self.progress is not None:
            self.progress(min(self.done, self.total), self.total)

    def finish(self) -> None:
        if self.progress is not None:
            self.progress(self.total, self.total)

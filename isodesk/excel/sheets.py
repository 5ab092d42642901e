"""Reading the rows of one sheet as {field: raw value}, the same way for every importer.

The header row is found by the key column's header (either language) within the first rows;
the other columns by their headers, wherever they are. Rows stream from openpyxl's read-only
mode with a row limit, progress and Cancel, so a huge or hostile sheet cannot hold the program.
Problems are collected with their sheet, row and column, so the user gets one sentence about
the first one (and how many more there are) instead of one error per attempt.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Iterator

from isodesk.domain.errors import Cancelled, DataError
from isodesk.excel import layout as L
from isodesk.excel.cells import is_empty

MAX_ROWS = 100_000  # per sheet: far beyond any assessment, and it bounds time and memory
MAX_COLUMNS = 200  # cells further right are never read
HEADER_SEARCH_ROWS = 10  # the header may sit below a few rows a user inserted
STEP = 250  # rows between progress reports and Cancel checks
# LibreOffice stores a yes/no cell as the formula TRUE() or FALSE() with a cached value; these
# are constants, not calculations, so they are read as the booleans they are.
BOOLEAN_FORMULAS = {"=TRUE()": True, "=FALSE()": False, "=TRUE": True, "=FALSE": False}


class Problems:
    """Collects every problem, then reports the first one with a count of the rest."""

    def __init__(self):
        self.first: str | None = None
        self.count = 0

    def add(self, message: str) -> None:
        if self.first is None:
            self.first = message
        self.count += 1

    def raise_if_any(self) -> None:
        if self.first is None:
            return
        more = self.count - 1
        suffix = f" (and {more} more problem{'s' if more > 1 else ''} in the workbook)" if more else ""
        raise DataError(f"{self.first}{suffix}.")


@dataclass
class Table:
    """A sheet's columns as found in its header row."""

    title: str
    layout: L.Layout
    positions: dict[str, int]  # field → 0-based position in the row
    headers: dict[str, str]  # field → header text as in the workbook
    missing: list[L.Column] = field(default_factory=list)  # imported columns not found

    def where(self, row: int, field_name: str | None = None) -> str:
        """"Sheet ISO 9001, row 14, column F (Resultaat)" for messages."""
        if field_name is None or field_name not in self.positions:
            return f"Sheet {self.title}, row {row}"
        letter = L.letter_of(self.positions[field_name] + 1)
        return f"Sheet {self.title}, row {row}, column {letter} ({self.headers[field_name]})"


class SheetReader:
    """Reads tables from sheets of one workbook; counts rows for progress and Cancel."""

    def __init__(self, lang: str, problems: Problems,
                 progress: Callable[[int, int], None] | None = None,
                 cancel: Callable[[], bool] | None = None, total: int = 1,
                 cancelled: str = "Import cancelled; nothing was changed."):
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
        for number, row in enumerate(ws.iter_rows(max_col=MAX_COLUMNS), 1):
            self.tick()
            if table is None:
                if number > HEADER_SEARCH_ROWS:
                    break
                table = self._header(row, title, layout, index)
                continue
            values, formula = {}, None
            for name, position in table.positions.items():
                if position >= len(row):
                    continue
                cell = row[position]
                checked = layout.column(name).imported or name == layout.key.field
                if checked and cell.data_type == "f":
                    constant = BOOLEAN_FORMULAS.get(str(cell.value).replace(" ", "").upper())
                    if constant is not None:
                        values[name] = constant
                        continue
                    formula = formula or name
                elif checked and cell.data_type == "e":
                    self.problems.add(f"{table.where(number, name)}: contains the error value "
                                      f"{cell.value}; type a value instead")
                    continue
                values[name] = cell.value
            if all(is_empty(v) for v in values.values()):
                continue
            if number > MAX_ROWS + 1:
                raise DataError(f"Sheet {title} has more than {MAX_ROWS:,} rows; isodesk imports "
                                "at most that many per sheet.")
            if formula:
                text = " ".join(str(values[formula]).split())
                self.problems.add(f"{table.where(number, formula)}: contains a formula "
                                  f"({text[:40]}); replace it by its value (Copy, then Paste "
                                  "special → Values)")
                continue
            yield number, values, table
        if table is None:
            raise DataError(f"Sheet {title} has no column '{layout.key.title(self.lang)}' in its "
                            f"first {HEADER_SEARCH_ROWS} rows, so its rows cannot be matched.")

    def _header(self, row, title: str, layout: L.Layout, index: dict) -> Table | None:
        found: dict[str, int] = {}
        headers: dict[str, str] = {}
        for position, cell in enumerate(row):
            column = index.get(L.normalize(cell.value)) if isinstance(cell.value, str) else None
            if column is None:
                continue
            if column.field in found:
                raise DataError(f"Sheet {title} has two '{headers[column.field]}' columns "
                                f"({L.letter_of(found[column.field] + 1)} and "
                                f"{L.letter_of(position + 1)}); delete one of them.")
            found[column.field] = position
            headers[column.field] = str(cell.value).strip()
        if layout.key.field not in found:
            return None
        missing = [c for c in layout.imported if c.field not in found]
        table = Table(title, layout, found, headers, missing)
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

"""The columns of every exported sheet, shared by the exporter and the importer.

Both sides read these definitions, so a column the exporter writes is always a column the
importer recognises. The importer finds columns by their header text in either language (so
columns may be moved, and unknown columns are ignored) and matches rows by the ``key`` column.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from isodesk.domain.model import CatalogInfo
from isodesk.excel.texts import SHEETS


@dataclass(frozen=True)
class Column:
    field: str  # attribute of the record (or an informational name)
    header: dict[str, str]  # {"nl": ..., "en": ...}
    width: float
    kind: str  # how cells are written and read, see cells.py and export.py
    imported: bool = False  # read back on import; the others are for information only
    hidden: bool = False
    printed: bool = False  # in the print area (the columns a client reads and fills in)
    # Workbooks of isodesk before the base sheet lack this column: its absence is no news.
    new: bool = False

    def title(self, lang: str) -> str:
        return self.header[lang]


@dataclass(frozen=True)
class Layout:
    name: str  # "checklist", "soa", "actions", "risks"
    columns: tuple[Column, ...]
    # The column that marks the header row and that rows are matched by; actions and risks
    # are matched by their hidden id where the workbook has one, else by this number.
    key_field: str = "key"

    @property
    def key(self) -> Column:
        return self._by_field[self.key_field]

    @property
    def imported(self) -> tuple[Column, ...]:
        return tuple(c for c in self.columns if c.imported)

    @cached_property
    def _by_field(self) -> dict[str, Column]:
        return {c.field: c for c in self.columns}

    def column(self, field: str) -> Column:
        return self._by_field[field]

    def has(self, field: str) -> bool:
        return field in self._by_field

    def position(self, field: str) -> int:
        """1-based column number of ``field`` in an exported sheet."""
        return next(n for n, c in enumerate(self.columns, 1) if c.field == field)

    @property
    def print_columns(self) -> tuple[int, int]:
        """First and last column number of the print area (the printed columns are adjacent)."""
        numbers = [n for n, c in enumerate(self.columns, 1) if c.printed]
        return numbers[0], numbers[-1]


def letter_of(number: int) -> str:
    """Spreadsheet column letter of a 1-based column number (1 → A, 27 → AA)."""
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _c(field, nl, en, width, kind, imported=False, hidden=False, printed=True,
       new=False) -> Column:
    return Column(field, {"nl": nl, "en": en}, width, kind, imported, hidden,
                  printed and not hidden, new)


# The columns a client fills in sit right of the number and title (frozen while scrolling), in
# the print area; the requirement text and audit questions follow, outside it. The widths keep
# the print area within A4 landscape at a readable size (test_print_area_is_readable).
CHECKLIST = Layout("checklist", (
    _c("key", "Sleutel", "Key", 24, "key", hidden=True),
    _c("ref", "Nr.", "Ref", 7, "ref"),
    _c("title", "Titel", "Title", 26, "title"),
    _c("result", "Resultaat", "Result", 14, "result", imported=True),
    _c("maturity", "Volwassenheid", "Maturity", 16, "maturity", imported=True),
    _c("findings", "Bevindingen", "Findings", 42, "text", imported=True),
    _c("evidence", "Bewijs", "Evidence", 26, "text", imported=True),
    _c("interviewee", "Geïnterviewde", "Interviewee", 15, "text", imported=True),
    _c("finding_type", "Soort bevinding", "Finding type", 15, "finding_type", imported=True),
    _c("assessed_on", "Datum", "Date", 11, "date", imported=True),
    _c("client_comment", "Toelichting klant", "Client comment", 28, "text", imported=True,
       new=True),
    _c("summary", "Eis (samenvatting)", "Requirement (summary)", 55, "info", printed=False),
    _c("questions", "Auditvragen", "Audit questions", 60, "info", printed=False),
    # Which photos and documents back the answer: the files are in the project, the workbook
    # only names them (a client sees what was seen without the file growing by megabytes).
    _c("attachments", "Bijlagen", "Evidence files", 34, "info", printed=False),
))

SOA = Layout("soa", (
    _c("key", "Sleutel", "Key", 24, "key", hidden=True),
    _c("ref", "Nr.", "Ref", 8, "ref"),
    _c("title", "Beheersmaatregel", "Control", 45, "info"),
    _c("theme", "Thema", "Theme", 16, "info"),
    _c("applicable", "Van toepassing", "Applicable", 14, "bool", imported=True),
    _c("justification", "Rechtvaardiging", "Justification", 60, "text", imported=True),
    # Follows from the control's result in the checklist (one truth): shown, not imported.
    _c("implementation", "Implementatie", "Implementation", 22, "info"),
))

ACTIONS = Layout("actions", (
    _c("id", "Sleutel", "Key", 38, "id", hidden=True, new=True),
    _c("number", "Nr.", "No.", 6, "number"),
    _c("title", "Actie", "Action", 50, "text", imported=True),
    _c("owner", "Eigenaar", "Owner", 20, "text", imported=True),
    _c("deadline", "Deadline", "Deadline", 12, "date", imported=True),
    _c("priority", "Prioriteit", "Priority", 12, "priority", imported=True),
    _c("status", "Status", "Status", 14, "status", imported=True),
    _c("quick_win", "Quick win", "Quick win", 10, "bool", imported=True),
    _c("keys", "Gekoppelde eisen", "Linked requirements", 30, "keys", imported=True),
), key_field="number")

RISKS = Layout("risks", (
    _c("id", "Sleutel", "Key", 38, "id", hidden=True, new=True),
    _c("number", "Nr.", "No.", 6, "number"),
    _c("description", "Risico", "Risk", 50, "text", imported=True),
    _c("likelihood", "Kans (1-5)", "Likelihood (1-5)", 11, "level", imported=True),
    _c("impact", "Impact (1-5)", "Impact (1-5)", 11, "level", imported=True),
    # likelihood × impact as a formula, so it follows what the client changes; not imported
    _c("score", "Score", "Score", 8, "score"),
    _c("treatment", "Behandeling", "Treatment", 14, "treatment", imported=True),
    _c("owner", "Eigenaar", "Owner", 20, "text", imported=True),
    _c("keys", "Gekoppelde eisen", "Linked requirements", 30, "keys", imported=True),
), key_field="number")

# A custom catalog's items (docs/excel-catalog-layout.md); every column is read.
CATALOG_ITEMS = Layout("catalog", (
    _c("ref", "Nr.", "Ref", 10, "ref", imported=True),
    _c("parent", "Bovenliggend", "Parent", 12, "ref", imported=True),
    _c("title_nl", "Titel nl", "Title nl", 40, "text", imported=True),
    _c("title_en", "Titel en", "Title en", 40, "text", imported=True),
    _c("summary_nl", "Samenvatting nl", "Summary nl", 60, "text", imported=True),
    _c("summary_en", "Samenvatting en", "Summary en", 60, "text", imported=True),
    _c("questions_nl", "Vragen nl", "Questions nl", 60, "text", imported=True),
    _c("questions_en", "Vragen en", "Questions en", 60, "text", imported=True),
    _c("evidence_nl", "Bewijs nl", "Evidence nl", 40, "text", imported=True),
    _c("evidence_en", "Bewijs en", "Evidence en", 40, "text", imported=True),
    _c("kind", "Soort", "Kind", 16, "text", imported=True),
    _c("theme", "Thema", "Theme", 16, "text", imported=True),
    _c("hs", "HS", "HS", 8, "ref", imported=True),
    _c("amendment", "Amendement", "Amendment", 14, "text", imported=True),
), key_field="ref")

# Characters Excel does not allow in sheet names.
_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
MAX_SHEET_NAME = 31


def normalize(text: object) -> str:
    """Header and sheet-name comparison: case, surrounding and repeated spaces do not count."""
    return " ".join(str(text or "").split()).casefold()


def header_index(layout: Layout) -> dict[str, Column]:
    """Normalised header text (either language, or the field name) → column."""
    index: dict[str, Column] = {}
    for column in layout.columns:
        for text in (*column.header.values(), column.field, column.field.replace("_", " ")):
            index.setdefault(normalize(text), column)
    return index


def catalog_sheet_names(catalogs: list[CatalogInfo]) -> dict[str, str]:
    """Catalog id → its checklist sheet name: the standard ("ISO 9001", "ISO-IEC 27001"), with
    the edition added when a project holds two editions of one standard."""
    standards = [c.standard for c in catalogs]
    names = {}
    for cat in catalogs:
        name = cat.standard if standards.count(cat.standard) == 1 else f"{cat.standard} {cat.edition}"
        names[cat.id] = _FORBIDDEN.sub("-", name).strip("'")[:MAX_SHEET_NAME]
    return names


def fixed_sheet_names(role: str) -> set[str]:
    """Normalised names the cover, SoA, action and risk sheets may have (both languages)."""
    return {normalize(name) for name in SHEETS[role].values()}

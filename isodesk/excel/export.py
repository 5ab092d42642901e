"""Export a project to an Excel workbook a client can fill in and send back.

Sheets: a cover (client, standards, how to fill in), one checklist per standard, the SoA when
the project has Annex A controls, the action plan and the risk register, plus a hidden sheet
with the drop-down lists. Column definitions are shared with the importer (layout.py).

Every user text is written as a text cell, never as a formula (OWASP formula injection); text
that a spreadsheet would turn into a formula when the cell is edited also gets Excel's
"quote prefix" flag. The file is written to a temp file and moved into place.
"""
from __future__ import annotations

from copy import copy
from datetime import date
from pathlib import Path
from typing import Callable, Iterable

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from isodesk.domain.errors import Cancelled
from isodesk.domain.model import Requirement, text
from isodesk.domain.scales import Result
from isodesk.domain.snapshot import ProjectData
from isodesk.excel import layout as L
from isodesk.excel.cells import Vocabulary, clean_text, needs_text_guard
from isodesk.excel.texts import COVER, INSTRUCTIONS, SHEETS, THEMES
from isodesk.excel.workbook_file import check_destination, write_workbook
from isodesk.support.i18n import format_date

Progress = Callable[[int, int], None] | None
Cancel = Callable[[], bool] | None

RESULT_COLOURS = {
    Result.CONFORM: "C6EFCE",
    Result.PARTIAL: "FFEB9C",
    Result.NONCONFORM: "FFC7CE",
    Result.NA: "D9D9D9",
}
INPUT_TINT = "FFFCE8"  # the columns a client fills in
HEADER_FILL = "1F4E79"
HEADING_FILL = "E7E6E6"
EXTRA_ROWS = 200  # drop-downs reach this far below the last action or risk, for new rows
PROGRESS_STEP = 250
VALIDATION_ERROR = {"nl": "Kies een waarde uit de lijst.", "en": "Pick a value from the list."}
DATE_FORMAT = {"nl": "dd-mm-yyyy", "en": "yyyy-mm-dd"}
# Column kinds with a drop-down list; their order is the column order of the hidden lists sheet.
LIST_KINDS = ("result", "maturity", "finding_type", "bool", "priority", "status", "treatment",
              "implementation", "level")
# Spreadsheets do not grow a row for wrapped text a program wrote, so the exporter estimates
# the lines itself (a column width unit holds about one average character).
LINE_HEIGHT = 15
MAX_ROW_HEIGHT = 409  # Excel's limit, in points
COVER_WIDTH = 90


def export_workbook(session: ProjectData, out: Path, progress: Progress = None,
                    cancel: Cancel = None, language: str | None = None) -> None:
    """Write ``out`` (.xlsx) for ``session`` in ``language`` (default: the project's).

    Raises ProjectFileError when ``out`` cannot be written (an existing file stays intact) and
    Cancelled when ``cancel()`` turns true (nothing is written).
    """
    out = Path(out)
    check_destination(out)  # fail before the work, not after it
    lang = language if language in ("nl", "en") else session.info.language
    workbook = _Writer(session, lang, progress, cancel).build()
    write_workbook(out, workbook)


class _Writer:
    def __init__(self, session: ProjectData, lang: str, progress: Progress, cancel: Cancel):
        self.session = session
        self.lang = lang
        self.words = Vocabulary(lang, session.info.maturity_labels)
        self.progress = progress
        self.cancel = cancel
        self.controls = session.controls()
        self.total = (len(session.requirements) + len(self.controls) + len(session.actions)
                      + len(session.risks))
        self.done = 0
        self._row_styles: dict[tuple, list[str | None]] = {}  # (layout, heading, level) → styles

    def build(self) -> Workbook:
        self.workbook = Workbook()
        self.workbook.remove(self.workbook.active)
        self._add_styles()
        self._cover()
        names = L.catalog_sheet_names(self.session.catalogs)
        for cat in self.session.catalogs:
            self._checklist(names[cat.id], self.session.items_of(cat.id))
        if self.controls:
            self._soa()
        self._actions()
        self._risks()
        self._lists()
        if self.progress is not None:
            self.progress(self.total, self.total)
        return self.workbook

    def _tick(self) -> None:
        self.done += 1
        if self.done % PROGRESS_STEP:
            return
        if self.cancel is not None and self.cancel():
            raise Cancelled("Export cancelled; no workbook was written.")
        if self.progress is not None:
            self.progress(self.done, self.total)

    def _add_styles(self) -> None:
        thin = Side(style="thin", color="BFBFBF")
        top = Alignment(vertical="top", wrap_text=True)
        tint = PatternFill("solid", start_color=INPUT_TINT, end_color=INPUT_TINT)
        styles = [
            NamedStyle("iso-header", font=Font(bold=True, color="FFFFFF"),
                       fill=PatternFill("solid", start_color=HEADER_FILL, end_color=HEADER_FILL),
                       alignment=Alignment(vertical="center", wrap_text=True),
                       border=Border(bottom=thin)),
            NamedStyle("iso-text", alignment=top),
            NamedStyle("iso-input", alignment=top, fill=tint),
            NamedStyle("iso-date", alignment=top, fill=tint, number_format=DATE_FORMAT[self.lang]),
            NamedStyle("iso-heading", font=Font(bold=True), alignment=top,
                       fill=PatternFill("solid", start_color=HEADING_FILL, end_color=HEADING_FILL)),
            NamedStyle("iso-cover-title", font=Font(bold=True, size=16)),
            NamedStyle("iso-bold", font=Font(bold=True), alignment=top),
            NamedStyle("iso-plain"),
        ]
        styles += [NamedStyle(f"iso-title-{level}", alignment=Alignment(
            vertical="top", wrap_text=True, indent=2 * (level - 1))) for level in range(1, 7)]
        for style in styles:
            self.workbook.add_named_style(style)
        # Assigning a style by name costs a search per cell. Cells share their style's array
        # instead (openpyxl only reads it when saving); a cell whose style changes later gets
        # its own copy first, see _cell.
        self.styles = {style.name: style.as_tuple() for style in styles}

    # -------------------------------------------------------------------------------- cells
    def _cell(self, ws, value, style: str | None = "iso-plain") -> Cell:
        """A cell; text is always stored as text, never as a formula (formula injection)."""
        if isinstance(value, str):
            value = clean_text(value) or None
            if value and needs_text_guard(value):
                cell = Cell(ws, value=value, style_array=copy(self.styles[style or "iso-plain"]))
                cell.data_type = "s"
                cell.quotePrefix = True  # stays text when someone edits the cell in Excel
                return cell
        return Cell(ws, value=value, style_array=self.styles[style] if style else None)

    def _sheet(self, name: str, layout: L.Layout) -> "_Sheet":
        sheet = _Sheet(self.workbook.create_sheet(name))
        ws = sheet.ws
        for number, column in enumerate(layout.columns, 1):
            dim = ws.column_dimensions[L.letter_of(number)]
            dim.width = column.width
            dim.hidden = column.hidden
        ws.freeze_panes = "C2"  # header row, and the key (hidden) and number columns
        _fit_to_width(ws, landscape=True)
        ws.print_title_rows = "1:1"
        ws.print_options.gridLines = True
        ws.oddHeader.left.text = "&A"
        ws.oddHeader.right.text = self.session.info.client.replace("&", "&&")
        ws.oddFooter.center.text = "&P / &N"
        sheet.append([self._cell(ws, c.title(self.lang), "iso-header") for c in layout.columns],
                     height=2 * LINE_HEIGHT)
        return sheet

    def _row(self, sheet: "_Sheet", layout: L.Layout, values: dict, heading: bool = False,
             level: int = 1) -> None:
        styles = self._row_styles.get((layout.name, heading, level))
        if styles is None:
            styles = [_style_of(c, heading, level) for c in layout.columns]
            self._row_styles[(layout.name, heading, level)] = styles
        cells = []
        lines = 1
        for column, style in zip(layout.columns, styles):
            value = values.get(column.field)
            cells.append(self._cell(sheet.ws, value, style))
            if style and isinstance(value, str):
                lines = max(lines, _lines(value, column.width))
        sheet.append(cells, height=LINE_HEIGHT * lines if lines > 1 else None)
        self._tick()

    def _finish(self, sheet: "_Sheet", layout: L.Layout, extra_rows: int = 0) -> None:
        """Autofilter, drop-downs and result colours over the data rows (plus ``extra_rows``
        empty ones where a client may add records)."""
        ws, last_row = sheet.ws, max(sheet.rows + extra_rows, 2)
        ws.auto_filter.ref = f"A1:{L.letter_of(len(layout.columns))}{last_row}"
        for number, column in enumerate(layout.columns, 1):
            if not column.imported or column.kind not in LIST_KINDS:
                continue
            letter = L.letter_of(number)
            area = f"{letter}2:{letter}{last_row}"
            check = DataValidation(type="list", formula1=self._list_range(column.kind),
                                   allow_blank=True, showErrorMessage=True,
                                   error=VALIDATION_ERROR[self.lang])
            check.add(area)
            ws.add_data_validation(check)
            if column.kind == "result":
                for result, colour in RESULT_COLOURS.items():
                    ws.conditional_formatting.add(area, CellIsRule(
                        operator="equal", formula=[f'"{result.label(self.lang)}"'],
                        fill=PatternFill("solid", start_color=colour, end_color=colour)))

    # ------------------------------------------------------------------------------- sheets
    def _cover(self) -> None:
        lang, info = self.lang, self.session.info
        sheet = _Sheet(self.workbook.create_sheet(SHEETS["cover"][lang]))
        ws = sheet.ws
        ws.column_dimensions["A"].width = 24
        ws.column_dimensions["B"].width = COVER_WIDTH
        _fit_to_width(ws, landscape=False)
        sheet.append([self._cell(ws, COVER["title"][lang], "iso-cover-title")],
                     height=2 * LINE_HEIGHT)
        sheet.append([])
        facts = [
            ("client", info.client),
            ("project", info.title),
            ("standards", ", ".join(c.name for c in self.session.catalogs)),
            ("sites", ", ".join(info.sites)),
            ("assessors", ", ".join(info.assessors)),
            ("exported", format_date(date.today(), lang)),
        ]
        for label, value in facts:
            sheet.append([self._cell(ws, COVER[label][lang], "iso-bold"),
                          self._cell(ws, value, "iso-text")])
        sheet.append([])
        sheet.append([self._cell(ws, COVER["how"][lang], "iso-bold")])
        for number, line in enumerate(INSTRUCTIONS[lang], 1):
            sheet.append([self._cell(ws, f"{number}.", "iso-text"), self._cell(ws, line, "iso-text")],
                         height=LINE_HEIGHT * _lines(line, COVER_WIDTH))
        sheet.append([])
        sheet.append([self._cell(ws, COVER["legend"][lang], "iso-bold")])
        for result, colour in RESULT_COLOURS.items():
            swatch = self._cell(ws, result.label(lang))
            swatch.fill = PatternFill("solid", start_color=colour, end_color=colour)
            sheet.append([None, swatch])

    def _checklist(self, name: str, items: Iterable[Requirement]) -> None:
        lang, layout = self.lang, L.CHECKLIST
        sheet = self._sheet(name, layout)
        for req in items:
            values = {"key": req.key, "ref": req.ref, "title": text(req.title, lang),
                      "summary": text(req.summary, lang)}
            if req.assessable:
                answer = self.session.answer(req.key)
                questions = req.questions.get(lang) or next(
                    (q for q in req.questions.values() if q), [])
                values |= {
                    "questions": "\n".join(f"• {q}" for q in questions),
                    "result": self.words.scale(answer.result),
                    "maturity": self.words.maturity(answer.maturity),
                    "findings": answer.findings,
                    "evidence": answer.evidence,
                    "interviewee": answer.interviewee,
                    "finding_type": self.words.scale(answer.finding_type),
                    "assessed_on": answer.assessed_on,
                }
            self._row(sheet, layout, values, heading=not req.assessable, level=req.level)
        self._finish(sheet, layout)

    def _soa(self) -> None:
        lang, layout = self.lang, L.SOA
        sheet = self._sheet(SHEETS["soa"][lang], layout)
        for req in self.controls:
            line = self.session.soa(req.key)
            values = {"key": req.key, "ref": req.ref, "title": text(req.title, lang),
                      "theme": THEMES.get(req.theme, {}).get(lang),
                      "applicable": self.words.yes_no(line.applicable),
                      "justification": line.justification,
                      "implementation": self.words.scale(line.status)}
            self._row(sheet, layout, values)
        self._finish(sheet, layout)

    def _actions(self) -> None:
        layout = L.ACTIONS
        sheet = self._sheet(SHEETS["actions"][self.lang], layout)
        for action in sorted(self.session.actions.values(), key=lambda a: a.number):
            self._row(sheet, layout, {
                "id": action.number, "title": action.title, "owner": action.owner,
                "deadline": action.deadline, "priority": self.words.scale(action.priority),
                "status": self.words.scale(action.status),
                "quick_win": self.words.yes_no(action.quick_win), "keys": "\n".join(action.keys),
            })
        self._finish(sheet, layout, extra_rows=EXTRA_ROWS)

    def _risks(self) -> None:
        layout = L.RISKS
        sheet = self._sheet(SHEETS["risks"][self.lang], layout)
        for risk in sorted(self.session.risks.values(), key=lambda r: r.number):
            self._row(sheet, layout, {
                "id": risk.number, "description": risk.description, "likelihood": risk.likelihood,
                "impact": risk.impact, "score": risk.score,
                "treatment": self.words.scale(risk.treatment), "owner": risk.owner,
                "keys": "\n".join(risk.keys),
            })
        self._finish(sheet, layout, extra_rows=EXTRA_ROWS)

    # ------------------------------------------------------------------ drop-down list source
    def _list_range(self, kind: str) -> str:
        """Absolute range of ``kind``'s choices on the hidden lists sheet."""
        sheet = SHEETS["lists"][self.lang].replace("'", "''")
        letter = L.letter_of(LIST_KINDS.index(kind) + 1)
        return f"'{sheet}'!${letter}$1:${letter}${len(self.words.choices(kind))}"

    def _lists(self) -> None:
        ws = self.workbook.create_sheet(SHEETS["lists"][self.lang])
        ws.sheet_state = "hidden"
        columns = [self.words.choices(kind) for kind in LIST_KINDS]
        for index in range(max(len(c) for c in columns)):
            ws.append([self._cell(ws, c[index]) if index < len(c) else None for c in columns])


def _style_of(column: L.Column, heading: bool, level: int) -> str | None:
    if column.hidden:
        return None  # the key column: nobody sees it, and unstyled cells save faster
    if heading:
        return "iso-heading"
    if column.kind == "title":
        return f"iso-title-{min(level, 6)}"
    if column.kind == "date":
        return "iso-date"
    return "iso-input" if column.imported else "iso-text"


def _fit_to_width(ws: Worksheet, landscape: bool) -> None:
    ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


class _Sheet:
    """A worksheet and its row count (``Worksheet.max_row`` scans every cell)."""

    def __init__(self, ws: Worksheet):
        self.ws = ws
        self.rows = 0

    def append(self, cells: list, height: float | None = None) -> None:
        self.rows += 1
        if height:
            self.ws.row_dimensions[self.rows].height = min(MAX_ROW_HEIGHT, height)
        self.ws.append(cells)


def _lines(value: str, width: float) -> int:
    """Estimated wrapped lines of ``value`` in a column ``width`` characters wide."""
    per_line = max(1, int(width * 1.1))
    if len(value) <= per_line and "\n" not in value:
        return 1
    return sum(1 + len(part) // per_line for part in value.split("\n"))

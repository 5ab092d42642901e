"""Export a project to an Excel workbook a client can fill in and send back.

Sheets: a cover (client, standards, confidentiality, how to fill in), one checklist per
standard, the SoA when the project has Annex A controls, the action plan and the risk register,
a hidden sheet with the drop-down lists, and the very hidden base sheet (base.py) that lets the
import merge the client's changes instead of pasting the workbook over the project. Column
definitions are shared with the importer (layout.py).

Every sheet is protected without a password: only the cells a client fills in are unlocked
(tinted), so nobody types into a column that is not imported or sorts half a row. Heading
rows carry no input cells and no drop-downs.

Every user text is written as a text cell, never as a formula (OWASP formula injection); text
that a spreadsheet would turn into a formula when the cell is edited also gets Excel's
"quote prefix" flag. Text longer than a cell is cut with a mark (longtext.py); the base holds
it whole. The file is written to a temp file and moved into place.
"""
from __future__ import annotations

import uuid
from copy import copy
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Callable, Iterable

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Protection, Side
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.dimensions import RowDimension
from openpyxl.worksheet.worksheet import Worksheet

from isodesk.domain.errors import Cancelled
from isodesk.domain.model import Requirement
from isodesk.domain.scales import Result
from isodesk.domain.snapshot import ProjectData
from isodesk.excel import base
from isodesk.excel import layout as L
from isodesk.excel.cells import Vocabulary, clean_text, needs_text_guard
from isodesk.excel.longtext import cell_text
from isodesk.excel.texts import COVER, CONFIDENTIAL, INSTRUCTIONS, SHEETS
from isodesk.excel.values import checklist_info, evidence_files, soa_info
from isodesk.excel.workbook_file import check_destination, collector_paused, write_workbook
from isodesk.support.i18n import N_, format_date

Progress = Callable[[int, int], None] | None
Cancel = Callable[[], bool] | None

RESULT_COLOURS = {
    Result.CONFORM: "C6EFCE",
    Result.PARTIAL: "FFEB9C",
    Result.NONCONFORM: "FFC7CE",
    Result.NA: "D9D9D9",
}
INPUT_TINT = "FFF7CC"  # the cells a client fills in ("the yellow cells" on the cover)
HEADER_FILL = "1F4E79"
HEADING_FILL = "E7E6E6"
CONFIDENTIAL_COLOUR = "C00000"
EXTRA_ROWS = 200  # empty input rows below the last action or risk, for new ones
PRINTED_BLANK_ROWS = 8  # of which the print shows these, to write new ones on
PROGRESS_STEP = 250
VALIDATION_ERROR = {"nl": "Kies een waarde uit de lijst.", "en": "Pick a value from the list."}
DATE_FORMAT = {"nl": "dd-mm-yyyy", "en": "yyyy-mm-dd"}
# Column kinds with a drop-down list; their order is the column order of the hidden lists sheet.
LIST_KINDS = ("result", "maturity", "finding_type", "bool", "priority", "status", "treatment",
              "implementation", "level")
# Spreadsheets do not size a row to its wrapped text when they open a file, so the exporter
# estimates the lines itself (a column width unit holds about one average character). The
# height is not marked as set by hand, so the row still grows while someone types in it.
LINE_HEIGHT = 15
MAX_ROW_HEIGHT = 409  # Excel's limit, in points
COVER_WIDTH = 90
# Narrow side margins: the print area of a checklist fits A4 landscape at a readable size.
SIDE_MARGIN = 0.4  # inches
UNLOCKED = Protection(locked=False)
FONT = "Calibri"  # Excel's default; LibreOffice draws it with the metric-compatible Carlito


def export_workbook(data: ProjectData, out: Path, progress: Progress = None,
                    cancel: Cancel = None, language: str | None = None) -> str:
    """Write ``out`` (.xlsx) for ``data`` in ``language`` (default: the project's) and return
    the id of this export (recorded in the workbook's base).

    Raises ProjectFileError when ``out`` cannot be written (an existing file stays intact) and
    Cancelled when ``cancel()`` turns true (nothing is written).
    """
    out = Path(out)
    check_destination(out)  # fail before the work, not after it
    lang = language if language in ("nl", "en") else data.info.language
    export_id = str(uuid.uuid4())
    with collector_paused():
        workbook = _Writer(data, lang, progress, cancel).build(export_id)
        write_workbook(out, workbook)
    return export_id


class _GrowingRow(RowDimension):
    """A row height that is an estimate, not a choice: written without ``customHeight``, so
    Excel and LibreOffice grow the row when its text grows."""

    @property
    def customHeight(self):
        return None


class _Writer:
    def __init__(self, data: ProjectData, lang: str, progress: Progress, cancel: Cancel):
        self.data = data
        self.lang = lang
        self.words = Vocabulary(lang, data.info.maturity_labels)
        self.progress = progress
        self.cancel = cancel
        self.controls = data.controls()
        self.attachments: dict[str, list] = {}  # requirement key → its files, in their order
        for attachment in sorted(data.attachments.values(), key=lambda a: (a.position, a.name)):
            self.attachments.setdefault(attachment.key, []).append(attachment)
        self.total = (len(data.requirements) + len(self.controls) + len(data.actions)
                      + len(data.risks))
        self.done = 0
        # (layout, heading, level) → per column: field, style, width, whether it is our formula
        self._row_plans: dict[tuple, list[tuple]] = {}

    def build(self, export_id: str) -> Workbook:
        self.workbook = Workbook()
        self.workbook.remove(self.workbook.active)
        self._properties()
        self._add_styles()
        self._cover()
        names = L.catalog_sheet_names(self.data.catalogs)
        for cat in self.data.catalogs:
            self._checklist(names[cat.id], self.data.items_of(cat.id))
        if self.controls:
            self._soa()
        self._actions()
        self._risks()
        self._lists()
        base.write(self.workbook, self.data, export_id, self.lang,
                   datetime.now(timezone.utc).isoformat(timespec="seconds"))
        if self.progress is not None:
            self.progress(self.total, self.total)
        return self.workbook

    def _tick(self) -> None:
        self.done += 1
        if self.done % PROGRESS_STEP:
            return
        if self.cancel is not None and self.cancel():
            raise Cancelled(N_("Export cancelled; no workbook was written."))
        if self.progress is not None:
            self.progress(self.done, self.total)

    def _properties(self) -> None:
        """What a file manager, a mail program and Excel's Info pane show about the file."""
        info, props = self.data.info, self.workbook.properties
        props.title = f"{COVER['title'][self.lang]} — {info.client}"
        props.subject = ", ".join(c.name for c in self.data.catalogs)
        props.creator = ", ".join(info.assessors) or "isodesk"
        props.lastModifiedBy = props.creator
        props.description = info.confidentiality or CONFIDENTIAL[self.lang].format(
            client=info.client)
        props.language = self.lang

    def _add_styles(self) -> None:
        thin = Side(style="thin", color="BFBFBF")
        top = Alignment(vertical="top", wrap_text=True)
        tint = PatternFill("solid", start_color=INPUT_TINT, end_color=INPUT_TINT)
        # The workbook's own font, named: a style without one is drawn in whatever font the
        # spreadsheet program falls back to (a serif in LibreOffice).
        plain, bold = Font(name=FONT, size=11), Font(name=FONT, size=11, bold=True)
        styles = [
            NamedStyle("iso-header", font=Font(name=FONT, size=11, bold=True, color="FFFFFF"),
                       fill=PatternFill("solid", start_color=HEADER_FILL, end_color=HEADER_FILL),
                       alignment=Alignment(vertical="center", wrap_text=True),
                       border=Border(bottom=thin)),
            NamedStyle("iso-text", font=plain, alignment=top),
            NamedStyle("iso-input", font=plain, alignment=top, fill=tint, protection=UNLOCKED),
            NamedStyle("iso-date", font=plain, alignment=top, fill=tint, protection=UNLOCKED,
                       number_format=DATE_FORMAT[self.lang]),
            NamedStyle("iso-heading", font=bold, alignment=top,
                       fill=PatternFill("solid", start_color=HEADING_FILL, end_color=HEADING_FILL)),
            NamedStyle("iso-cover-title", font=Font(name=FONT, bold=True, size=16)),
            NamedStyle("iso-confidential", alignment=top,
                       font=Font(name=FONT, size=11, bold=True, color=CONFIDENTIAL_COLOUR)),
            NamedStyle("iso-bold", font=bold, alignment=top),
            NamedStyle("iso-plain", font=plain),
        ]
        styles += [NamedStyle(f"iso-title-{level}", font=plain, alignment=Alignment(
            vertical="top", wrap_text=True, indent=2 * (level - 1))) for level in range(1, 7)]
        for style in styles:
            self.workbook.add_named_style(style)
        # Assigning a style by name costs a search per cell. Cells share their style's array
        # instead (openpyxl only reads it when saving); a cell whose style changes later gets
        # its own copy first, see _cell.
        self.styles = {style.name: style.as_tuple() for style in styles}

    # -------------------------------------------------------------------------------- cells
    def _cell(self, ws, value, style: str | None = "iso-plain", formula: bool = False) -> Cell:
        """A cell; text is always stored as text, never as a formula (formula injection),
        unless it is one of ours (``formula``)."""
        array = self.styles[style] if style else None
        if value.__class__ is not str or formula:
            return Cell(ws, value=value, style_array=array)
        value = cell_text(clean_text(value), self.lang)
        if not value:
            return Cell(ws, style_array=array)
        guarded = needs_text_guard(value)
        cell = Cell(ws, style_array=copy(self.styles[style or "iso-plain"]) if guarded else array)
        # Bound as text directly: clean_text removed what XML cannot hold and cell_text kept it
        # within a cell, which is all openpyxl's check of each value would do (and it would
        # take a leading "=" for a formula).
        cell._value = value
        cell.data_type = "s"
        if guarded:
            cell.quotePrefix = True  # stays text when someone edits the cell in Excel
        return cell

    def _sheet(self, name: str, layout: L.Layout, frozen: str) -> "_Sheet":
        sheet = _Sheet(self.workbook.create_sheet(name))
        ws = sheet.ws
        for number, column in enumerate(layout.columns, 1):
            dim = ws.column_dimensions[L.letter_of(number)]
            dim.width = column.width
            dim.hidden = column.hidden
        ws.freeze_panes = frozen  # the header row, and the columns that say which row it is
        _fit_to_width(ws, landscape=True)
        ws.print_title_rows = "1:1"
        ws.print_options.gridLines = True
        ws.oddHeader.left.text = "&A"
        ws.oddHeader.right.text = self.data.info.client.replace("&", "&&")
        ws.oddFooter.center.text = "&P / &N"
        sheet.append([self._cell(ws, c.title(self.lang), "iso-header") for c in layout.columns],
                     height=2 * LINE_HEIGHT)
        return sheet

    def _row(self, sheet: "_Sheet", layout: L.Layout, values: dict, heading: bool = False,
             level: int = 1) -> None:
        plan = self._row_plans.get((layout.name, heading, level))
        if plan is None:
            plan = [(c.field, _style_of(c, heading, level), c.width, c.kind == "score")
                    for c in layout.columns]
            self._row_plans[(layout.name, heading, level)] = plan
        ws, cell = sheet.ws, self._cell
        cells = []
        lines = 1
        for field, style, width, formula in plan:
            value = values.get(field)
            cells.append(cell(ws, value, style, formula))
            if style and value.__class__ is str and not formula:
                lines = max(lines, _lines(value, width))
        sheet.append(cells, height=LINE_HEIGHT * lines if lines > 1 else None,
                     input_row=not heading)
        self._tick()

    def _blank_rows(self, sheet: "_Sheet", layout: L.Layout, count: int, formulas=None) -> None:
        """Empty input rows where a client adds records (``formulas``: field → row → formula)."""
        styles = [_style_of(c, False, 1) for c in layout.columns]
        formulas = formulas or {}
        sheet.printed_rows = sheet.rows + PRINTED_BLANK_ROWS
        for _ in range(count):
            row = sheet.rows + 1
            cells = [self._cell(sheet.ws, formulas[c.field](row) if c.field in formulas else None,
                                style, formula=True)
                     for c, style in zip(layout.columns, styles)]
            sheet.append(cells, input_row=True)

    def _finish(self, sheet: "_Sheet", layout: L.Layout) -> None:
        """Autofilter, print area, drop-downs and result colours, then the sheet's protection."""
        ws, last_row = sheet.ws, max(sheet.rows, 2)
        ws.auto_filter.ref = f"A1:{L.letter_of(len(layout.columns))}{last_row}"
        first, last = layout.print_columns
        printed = max(sheet.printed_rows or sheet.rows, 2)
        ws.print_area = f"{L.letter_of(first)}1:{L.letter_of(last)}{printed}"
        runs = _runs(sheet.input_rows)
        for number, column in enumerate(layout.columns, 1):
            if not column.imported or column.kind not in LIST_KINDS or not runs:
                continue
            letter = L.letter_of(number)
            area = " ".join(f"{letter}{a}:{letter}{b}" for a, b in runs)
            ws.add_data_validation(DataValidation(
                type="list", formula1=self._list_range(column.kind), allow_blank=True,
                showErrorMessage=True, error=VALIDATION_ERROR[self.lang], sqref=area))
            if column.kind == "result":
                for result, colour in RESULT_COLOURS.items():
                    ws.conditional_formatting.add(f"{letter}2:{letter}{last_row}", CellIsRule(
                        operator="equal", formula=[f'"{result.label(self.lang)}"'],
                        fill=PatternFill("solid", start_color=colour, end_color=colour)))
        _protect(ws)

    # ------------------------------------------------------------------------------- sheets
    def _cover(self) -> None:
        lang, info = self.lang, self.data.info
        sheet = _Sheet(self.workbook.create_sheet(SHEETS["cover"][lang]))
        ws = sheet.ws
        ws.column_dimensions["A"].width = 24
        ws.column_dimensions["B"].width = COVER_WIDTH
        _fit_to_width(ws, landscape=False)
        sheet.append([self._cell(ws, COVER["title"][lang], "iso-cover-title")],
                     height=2 * LINE_HEIGHT)
        confidential = info.confidentiality or CONFIDENTIAL[lang].format(client=info.client)
        sheet.append([self._cell(ws, COVER["confidential"][lang], "iso-confidential"),
                      self._cell(ws, confidential, "iso-confidential")],
                     height=LINE_HEIGHT * _lines(confidential, COVER_WIDTH))
        sheet.append([])
        facts = [
            ("client", info.client),
            ("project", info.title),
            ("standards", ", ".join(c.name for c in self.data.catalogs)),
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
        ws.print_area = f"A1:B{sheet.rows}"
        _protect(ws)

    def _checklist(self, name: str, items: Iterable[Requirement]) -> None:
        lang, layout = self.lang, L.CHECKLIST
        sheet = self._sheet(name, layout, frozen="D2")
        for req in items:
            values = {"key": req.key, **checklist_info(req, lang)}
            if req.assessable:
                answer = self.data.answer(req.key)
                values |= {
                    "result": self.words.scale(answer.result),
                    "maturity": self.words.maturity(answer.maturity),
                    "findings": answer.findings,
                    "evidence": answer.evidence,
                    "interviewee": answer.interviewee,
                    "finding_type": self.words.scale(answer.finding_type),
                    "assessed_on": answer.assessed_on,
                    "client_comment": answer.client_comment,
                    "attachments": evidence_files(self.attachments.get(req.key, [])),
                }
            self._row(sheet, layout, values, heading=not req.assessable, level=req.level)
        self._finish(sheet, layout)

    def _soa(self) -> None:
        lang, layout = self.lang, L.SOA
        sheet = self._sheet(SHEETS["soa"][lang], layout, frozen="D2")
        for req in self.controls:
            answer = self.data.answer(req.key)
            line = self.data.soa(req.key)
            values = {"key": req.key, **soa_info(req, answer, lang),
                      "applicable": self.words.yes_no(line.applicable),
                      "justification": line.justification}
            self._row(sheet, layout, values)
        self._finish(sheet, layout)

    def _actions(self) -> None:
        layout = L.ACTIONS
        sheet = self._sheet(SHEETS["actions"][self.lang], layout, frozen="C2")
        for action in sorted(self.data.actions.values(), key=lambda a: a.number):
            self._row(sheet, layout, {
                "id": action.id, "number": action.number, "title": action.title,
                "owner": action.owner, "deadline": action.deadline,
                "priority": self.words.scale(action.priority),
                "status": self.words.scale(action.status),
                "quick_win": self.words.yes_no(action.quick_win), "keys": "\n".join(action.keys),
            })
        self._blank_rows(sheet, layout, EXTRA_ROWS)
        self._finish(sheet, layout)

    def _risks(self) -> None:
        layout = L.RISKS
        sheet = self._sheet(SHEETS["risks"][self.lang], layout, frozen="C2")
        score = _score_formula(layout)
        for risk in sorted(self.data.risks.values(), key=lambda r: r.number):
            self._row(sheet, layout, {
                "id": risk.id, "number": risk.number, "description": risk.description,
                "likelihood": risk.likelihood, "impact": risk.impact,
                "score": score(sheet.rows + 1),
                "treatment": self.words.scale(risk.treatment), "owner": risk.owner,
                "keys": "\n".join(risk.keys),
            })
        self._blank_rows(sheet, layout, EXTRA_ROWS, formulas={"score": score})
        self._finish(sheet, layout)

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
        _protect(ws)


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


def _score_formula(layout: L.Layout) -> Callable[[int], str]:
    """A risk's score (likelihood × impact) as a formula: it follows what the client changes,
    and stays empty on a row without both numbers."""
    likelihood = L.letter_of(layout.position("likelihood"))
    impact = L.letter_of(layout.position("impact"))
    return lambda row: (f'=IF(COUNT({likelihood}{row}:{impact}{row})=2,'
                        f'{likelihood}{row}*{impact}{row},"")')


def _protect(ws: Worksheet) -> None:
    """Protection without a password: it keeps cells from being typed over by mistake, not
    from a determined user. Widening columns, growing rows and filtering stay possible;
    sorting, inserting columns and cell comments (which would not be imported) do not."""
    protection = ws.protection
    protection.sheet = True
    protection.objects = True
    protection.formatColumns = False
    protection.formatRows = False
    protection.autoFilter = False


def _fit_to_width(ws: Worksheet, landscape: bool) -> None:
    ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins.left = ws.page_margins.right = SIDE_MARGIN


def _runs(rows: list[int]) -> list[tuple[int, int]]:
    """Consecutive row numbers as (first, last) pairs."""
    runs: list[tuple[int, int]] = []
    for row in rows:
        if runs and runs[-1][1] == row - 1:
            runs[-1] = (runs[-1][0], row)
        else:
            runs.append((row, row))
    return runs


class _Sheet:
    """A worksheet, its row count (``Worksheet.max_row`` scans every cell) and its input rows."""

    def __init__(self, ws: Worksheet):
        self.ws = ws
        self.rows = 0
        self.input_rows: list[int] = []
        self.printed_rows: int | None = None  # the print area's last row, when not the last row

    def append(self, cells: list, height: float | None = None, input_row: bool = False) -> None:
        self.rows += 1
        if height:
            self.ws.row_dimensions[self.rows] = _GrowingRow(
                self.ws, index=self.rows, ht=min(MAX_ROW_HEIGHT, height))
        if input_row:
            self.input_rows.append(self.rows)
        self.ws.append(cells)


def _lines(value: str, width: float) -> int:
    """Estimated wrapped lines of ``value`` in a column ``width`` characters wide."""
    per_line = max(1, int(width * 1.1))
    if len(value) <= per_line and "\n" not in value:
        return 1
    return sum(1 + len(part) // per_line for part in value.split("\n"))

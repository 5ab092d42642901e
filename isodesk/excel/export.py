"""Export a project to an Excel workbook a client can fill in and send back.

Sheets: a cover (client, standards, how to fill in), one checklist per standard, the SoA when
the project has Annex A controls, the action plan and the risk register, plus a hidden sheet
with the drop-down lists. Column definitions are shared with the importer (layout.py).

The workbook is written in openpyxl's write-only mode: rows stream to disk, so memory does not
grow with the project and a 5,000-item export stays close to plain openpyxl speed.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Callable, Iterable

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from isodesk.app.i18n import format_date
from isodesk.app.session import ProjectSession
from isodesk.domain.errors import Cancelled
from isodesk.domain.model import Requirement, text
from isodesk.domain.scales import Result
from isodesk.excel import layout as L
from isodesk.excel.cells import Vocabulary, clean_text, needs_text_guard
from isodesk.excel.texts import COVER, INSTRUCTIONS, SHEETS, THEMES

Progress = Callable[[int, int], None] | None
Cancel = Callable[[], bool] | None

RESULT_COLOURS = {
    Result.CONFORM: "C6EFCE",
    Result.PARTIAL: "FFEB9C",
    Result.NONCONFORM: "FFC7CE",
    Result.NA: "D9D9D9",
}
INPUT_TINT = "FFFDF0"  # the columns a client fills in
HEADER_FILL = "1F4E79"
HEADING_FILL = "E7E6E6"
EXTRA_ROWS = 200  # drop-downs reach this far below the last action or risk, for new rows
PROGRESS_STEP = 250
VALIDATION_ERROR = {"nl": "Kies een waarde uit de lijst.", "en": "Pick a value from the list."}
DATE_FORMAT = {"nl": "dd-mm-yyyy", "en": "yyyy-mm-dd"}
# Column kinds whose cells get a drop-down list, and the column of the hidden lists sheet.
LIST_KINDS = ("result", "maturity", "finding_type", "bool", "priority", "status", "treatment",
              "implementation", "level")


def export_workbook(session: ProjectSession, out: Path, progress: Progress = None,
                    cancel: Cancel = None, language: str | None = None) -> None:
    """Write ``out`` (.xlsx) for ``session`` in ``language`` (default: the project's).

    Raises ProjectFileError when ``out`` cannot be written (the old file stays intact) and
    Cancelled when ``cancel()`` turns true (no file is written).
    """
    from isodesk.excel.workbook_file import check_destination, write_atomically

    out = Path(out)
    check_destination(out)  # fail before the work, not after it
    lang = language if language in ("nl", "en") else session.info.language
    writer = _Writer(session, lang, progress, cancel)
    write_atomically(out, writer.save)


class _Writer:
    def __init__(self, session: ProjectSession, lang: str, progress: Progress, cancel: Cancel):
        self.session = session
        self.lang = lang
        self.words = Vocabulary(lang, session.info.maturity_labels)
        self.progress = progress
        self.cancel = cancel
        self.controls = [r for r in session.requirements if r.kind == "control" and r.assessable]
        self.total = (len(session.requirements) + len(self.controls) + len(session.actions)
                      + len(session.risks))
        self.done = 0

    # ------------------------------------------------------------------------------ workbook
    def save(self, path: Path) -> None:
        self.workbook = Workbook(write_only=True)
        self._add_styles()
        self.list_ranges = self._lists_reference()
        self._cover()
        names = L.catalog_sheet_names(self.session.catalogs)
        for cat in self.session.catalogs:
            self._checklist(names[cat.id], self.session.items_of(cat.id))
        if self.controls:
            self._soa()
        self._actions()
        self._risks()
        self._lists()
        self._tick(force=True)
        self.workbook.save(path)

    def _tick(self, force: bool = False) -> None:
        self.done += 0 if force else 1
        if self.cancel is not None and self.done % PROGRESS_STEP == 0 and self.cancel():
            raise Cancelled("Export cancelled; no workbook was written.")
        if self.progress is not None and (force or self.done % PROGRESS_STEP == 0):
            self.progress(self.total if force else self.done, self.total)

    def _add_styles(self) -> None:
        thin = Side(style="thin", color="BFBFBF")
        top = Alignment(vertical="top", wrap_text=True)
        styles = [
            NamedStyle("iso-header", font=Font(bold=True, color="FFFFFF"),
                       fill=PatternFill("solid", start_color=HEADER_FILL, end_color=HEADER_FILL),
                       alignment=Alignment(vertical="center", wrap_text=True),
                       border=Border(bottom=thin)),
            NamedStyle("iso-text", alignment=top),
            NamedStyle("iso-input", alignment=top,
                       fill=PatternFill("solid", start_color=INPUT_TINT, end_color=INPUT_TINT)),
            NamedStyle("iso-date", alignment=top, number_format=DATE_FORMAT[self.lang],
                       fill=PatternFill("solid", start_color=INPUT_TINT, end_color=INPUT_TINT)),
            NamedStyle("iso-heading", font=Font(bold=True), alignment=top,
                       fill=PatternFill("solid", start_color=HEADING_FILL, end_color=HEADING_FILL)),
            NamedStyle("iso-cover-title", font=Font(bold=True, size=16)),
            NamedStyle("iso-bold", font=Font(bold=True), alignment=top),
        ]
        styles += [NamedStyle(f"iso-title-{level}", alignment=Alignment(
            vertical="top", wrap_text=True, indent=level - 1)) for level in range(1, 7)]
        for style in styles:
            self.workbook.add_named_style(style)

    # -------------------------------------------------------------------------------- cells
    def _cell(self, ws, value, style: str | None):
        """A cell; text is always stored as text, never as a formula (formula injection)."""
        if isinstance(value, str):
            value = clean_text(value)
            if not value:
                value = None
        cell = WriteOnlyCell(ws, value)
        if style:
            cell.style = style
        if isinstance(value, str) and needs_text_guard(value):
            cell.data_type = "s"
            cell.quotePrefix = True  # stays text when someone edits the cell in Excel
        return cell

    def _sheet(self, name: str, layout: L.Layout, freeze: str):
        ws = self.workbook.create_sheet(name)
        for number, column in enumerate(layout.columns, 1):
            dim = ws.column_dimensions[L.letter_of(number)]
            dim.width = column.width
            dim.hidden = column.hidden
        ws.freeze_panes = freeze
        ws.append([self._cell(ws, c.title(self.lang), "iso-header") for c in layout.columns])
        self._print_setup(ws)
        return ws

    def _print_setup(self, ws) -> None:
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.print_title_rows = "1:1"
        ws.oddHeader.left.text = "&A"
        ws.oddHeader.right.text = self.session.info.client.replace("&", "&&")
        ws.oddFooter.center.text = "&P / &N"

    def _finish(self, ws, layout: L.Layout, last_row: int) -> None:
        """Autofilter, drop-downs and result colours over rows 2..last_row."""
        last_col = L.letter_of(len(layout.columns))
        ws.auto_filter.ref = f"A1:{last_col}{max(last_row, 2)}"
        for number, column in enumerate(layout.columns, 1):
            if not column.imported or column.kind not in LIST_KINDS:
                continue
            letter = L.letter_of(number)
            area = f"{letter}2:{letter}{max(last_row, 2)}"
            check = DataValidation(type="list", formula1=self.list_ranges[column.kind],
                                   allow_blank=True, showErrorMessage=True,
                                   error=VALIDATION_ERROR[self.lang])
            check.add(area)
            ws.data_validations.append(check)
            if column.kind == "result":
                for result, colour in RESULT_COLOURS.items():
                    ws.conditional_formatting.add(area, CellIsRule(
                        operator="equal", formula=[f'"{result.label(self.lang)}"'],
                        fill=PatternFill("solid", start_color=colour, end_color=colour)))

    def _row(self, ws, layout: L.Layout, values: dict, heading: bool = False,
             level: int = 1) -> None:
        cells = []
        for column in layout.columns:
            value = values.get(column.field)
            if heading:
                style = "iso-heading"
            elif column.kind == "title":
                style = f"iso-title-{min(level, 6)}"
            elif column.kind == "date":
                style = "iso-date"
            elif column.imported:
                style = "iso-input"
            else:
                style = "iso-text"
            cells.append(self._cell(ws, value, style))
        ws.append(cells)
        self._tick()

    # ------------------------------------------------------------------------------- sheets
    def _cover(self) -> None:
        lang, info = self.lang, self.session.info
        ws = self.workbook.create_sheet(SHEETS["cover"][lang])
        ws.column_dimensions["A"].width = 24
        ws.column_dimensions["B"].width = 110
        ws.append([self._cell(ws, COVER["title"][lang], "iso-cover-title")])
        ws.append([])
        facts = [
            ("client", info.client),
            ("project", info.title),
            ("standards", ", ".join(c.name for c in self.session.catalogs)),
            ("sites", ", ".join(info.sites)),
            ("assessors", ", ".join(info.assessors)),
            ("exported", format_date(date.today(), lang)),
        ]
        for label, value in facts:
            ws.append([self._cell(ws, COVER[label][lang], "iso-bold"),
                       self._cell(ws, value, "iso-text")])
        ws.append([])
        ws.append([self._cell(ws, COVER["how"][lang], "iso-bold")])
        for number, line in enumerate(INSTRUCTIONS[lang], 1):
            ws.append([self._cell(ws, f"{number}.", "iso-text"), self._cell(ws, line, "iso-text")])
        ws.append([])
        ws.append([self._cell(ws, COVER["legend"][lang], "iso-bold")])
        for result, colour in RESULT_COLOURS.items():
            swatch = self._cell(ws, result.label(lang), None)
            swatch.fill = PatternFill("solid", start_color=colour, end_color=colour)
            ws.append([None, swatch])
        ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.page_setup.fitToHeight = 0

    def _checklist(self, name: str, items: Iterable[Requirement]) -> None:
        lang, layout = self.lang, L.CHECKLIST
        ws = self._sheet(name, layout, freeze="C2")
        rows = 1
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
            self._row(ws, layout, values, heading=not req.assessable, level=req.level)
            rows += 1
        self._finish(ws, layout, rows)

    def _soa(self) -> None:
        lang, layout = self.lang, L.SOA
        ws = self._sheet(SHEETS["soa"][lang], layout, freeze="C2")
        for req in self.controls:
            entry = self.session.soa.get(req.key)
            values = {"key": req.key, "ref": req.ref, "title": text(req.title, lang),
                      "theme": THEMES.get(req.theme, {}).get(lang)}
            if entry is not None:
                values |= {"applicable": self.words.yes_no(entry.applicable),
                           "justification": entry.justification,
                           "implementation": self.words.scale(entry.implementation)}
            self._row(ws, layout, values)
        self._finish(ws, layout, len(self.controls) + 1)

    def _actions(self) -> None:
        lang, layout = self.lang, L.ACTIONS
        ws = self._sheet(SHEETS["actions"][lang], layout, freeze="C2")
        actions = sorted(self.session.actions.values(), key=lambda a: a.id)
        for action in actions:
            self._row(ws, layout, {
                "id": action.id, "title": action.title, "owner": action.owner,
                "deadline": action.deadline, "priority": self.words.scale(action.priority),
                "status": self.words.scale(action.status),
                "quick_win": self.words.yes_no(action.quick_win), "keys": "\n".join(action.keys),
            })
        self._finish(ws, layout, len(actions) + 1 + EXTRA_ROWS)

    def _risks(self) -> None:
        lang, layout = self.lang, L.RISKS
        ws = self._sheet(SHEETS["risks"][lang], layout, freeze="C2")
        risks = sorted(self.session.risks.values(), key=lambda r: r.id)
        for risk in risks:
            self._row(ws, layout, {
                "id": risk.id, "description": risk.description, "likelihood": risk.likelihood,
                "impact": risk.impact, "score": risk.score,
                "treatment": self.words.scale(risk.treatment), "owner": risk.owner,
                "keys": "\n".join(risk.keys),
            })
        self._finish(ws, layout, len(risks) + 1 + EXTRA_ROWS)

    # ------------------------------------------------------------------ drop-down list source
    def _lists_reference(self) -> dict[str, str]:
        """Kind → absolute range on the hidden lists sheet (written last, referenced first)."""
        sheet = SHEETS["lists"][self.lang].replace("'", "''")
        return {kind: f"'{sheet}'!${L.letter_of(n)}$1:${L.letter_of(n)}${len(self.words.choices(kind))}"
                for n, kind in enumerate(LIST_KINDS, 1)}

    def _lists(self) -> None:
        ws = self.workbook.create_sheet(SHEETS["lists"][self.lang])
        ws.sheet_state = "hidden"
        columns = [self.words.choices(kind) for kind in LIST_KINDS]
        for index in range(max(len(c) for c in columns)):
            ws.append([self._cell(ws, c[index], None) if index < len(c) else None
                       for c in columns])

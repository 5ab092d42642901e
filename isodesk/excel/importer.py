"""Import a workbook made by export.py (and filled in by a client) back into the project.

Two steps, so the GUI can show a preview and the CLI can do a dry run:

* ``plan_import`` reads the workbook (streaming, bounded rows), validates every cell and
  merges it into the project: the workbook's base sheet records what was exported, so only
  the cells the client changed count as changes, and a field the consultant changed after the
  export too is a conflict for the user to decide. A workbook without a base (an older
  isodesk's) is compared with the project as it is now, after a warning. Problems (bad values,
  rows whose number no longer matches their key) raise one WorkbookError listing them all;
  the project is not touched.
* ``app.workbook.apply_import`` executes the plan's Edit: one transaction, one undo step.

Rows are matched by their hidden key (requirement key; an action's or risk's id), never by
position; the visible number must agree with it, which catches a sort of only the visible
columns. Columns are found by their header in either language, so they may be moved, and
unknown columns are ignored. Formulas are refused rather than read from their cached values: a
workbook written by a script has no cached values, and a stale cached value would be imported
silently. The risk score is our own formula, and not imported.
"""
from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable, Iterable

from isodesk.domain import linking, soa
from isodesk.domain.errors import DataError
from isodesk.domain.limits import MAX_TEXT_LENGTH
from isodesk.domain.merge import merge, records
from isodesk.domain.model import Action, Answer, Risk
from isodesk.domain.serial import plain
from isodesk.domain.snapshot import ProjectData
from isodesk.excel import base as base_sheet
from isodesk.excel import layout as L
from isodesk.excel.cells import (
    CellError,
    Vocabulary,
    ambiguous_date,
    clean_text,
    is_empty,
    parse_date,
    parse_text,
    quote,
)
from isodesk.excel.longtext import cell_text, restore
from isodesk.excel.messages import Msg, where
from isodesk.excel.plan import ChangeRow, ConflictRow, ImportPlan, follows, stamp_text
from isodesk.excel.sheets import Problems, SheetReader, Table
from isodesk.excel.texts import SHEETS
from isodesk.excel.values import checklist_info, soa_info
from isodesk.excel.workbook_file import cell_comments, collector_paused, reading
from isodesk.support.i18n import N_, format_date

Progress = Callable[[int, int], None] | None
Cancel = Callable[[], bool] | None

ANSWER_FIELDS = ("result", "maturity", "findings", "evidence", "interviewee", "finding_type",
                 "assessed_on", "client_comment")
SOA_FIELDS = ("applicable", "justification")
# Cells that must not be empty. In a new row, an empty scale cell takes the model's default
# (priority medium, status open, likelihood and impact 3, treatment mitigate); the text may not.
REQUIRED = {"actions": ("title", "priority", "status"),
            "risks": ("description", "likelihood", "impact", "treatment")}
TEXTS = ("title", "description")
RECORD_WORDS = {"actions": {"nl": "Actie", "en": "Action"}, "risks": {"nl": "Risico", "en": "Risk"}}
NEW_WORDS = {"actions": {"nl": "Nieuwe actie (rij {row})", "en": "New action (row {row})"},
             "risks": {"nl": "Nieuw risico (rij {row})", "en": "New risk (row {row})"}}
KIND_OF_ROLE = {"actions": "action", "risks": "risk"}
_WHAT = {"action": N_("action"), "risk": N_("risk")}
# The ids of rows added in a workbook: the same export, sheet and row content give the same id,
# so importing a workbook twice finds its new actions and risks in the project already.
NEW_ROW_NAMESPACE = uuid.UUID("5b0c3f5e-8a57-4c38-9b1e-3f0f6f2f7a11")
CANCELLED = N_("Import cancelled; the project was not changed.")
INFO_FIELDS = {"checklist": ("title", "summary", "questions"),
               "soa": ("title", "theme", "implementation")}


def plan_import(data: ProjectData, workbook: Path, progress: Progress = None,
                cancel: Cancel = None, language: str | None = None, force: bool = False,
                deleted: Iterable[str] = ()) -> ImportPlan:
    """Read ``workbook`` and merge it into ``data`` (the project now); raises DataError and
    leaves the project untouched when the workbook cannot be imported.

    ``force``: read a workbook exported from another project (refused otherwise; the plan's
    ``foreign`` then says whose it is). ``deleted``: ids of actions and risks deleted from the
    project, so a new row imported before and deleted since does not come back.
    """
    workbook = Path(workbook)
    lang = language if language in ("nl", "en") else data.info.language
    with collector_paused():
        with reading(workbook) as wb:
            reader = _Reader(data, workbook, lang, progress, cancel, set(deleted))
            reader.identify(wb, force)
            reader.read(wb)
            reader.comments(cell_comments(workbook))
        return reader.plan()


@dataclass
class _Place:
    sheet: str
    row: int


class _Reader:
    def __init__(self, mine: ProjectData, workbook: Path, lang: str, progress: Progress,
                 cancel: Cancel, deleted: set[str]):
        self.mine = mine
        self.workbook = workbook
        self.lang = lang
        self.words = Vocabulary(lang, mine.info.maturity_labels)
        self.progress = progress
        self.cancel = cancel
        self.deleted = deleted
        self.problems = Problems()
        self.reader: SheetReader | None = None
        self.notes: list[Msg] = []
        self.warnings: list[Msg] = []
        self.base: base_sheet.Base | None = None
        self.foreign: Msg | None = None
        # What the workbook was made from: the base, or (without one) the project now.
        self.reference = mine
        self.wb_lang = lang  # the workbook's own language (marks, informational cells)
        self.sheet_changes: dict[str, dict] = {}  # key → fields the client changed (checklist)
        self.soa_changes: dict[str, dict] = {}
        self.places: dict[tuple[str, str], _Place] = {}  # (sheet role, ident) → where
        self.records: dict[str, dict] = {"actions": {}, "risks": {}}  # theirs, by id
        self.imported_before: dict[str, str] = {}  # id of a new row in the project → role
        self.new_rows: dict[str, int] = {}  # id of a new record → its row
        self.roles: dict[str, str] = {}  # sheet title → role
        self.touched: dict[str, tuple[set[str], list[int]]] = {}  # sheet → (headers, rows)

    # ---------------------------------------------------------------------------- identity
    def identify(self, wb, force: bool) -> None:
        """The base (if any), the workbook's language, and whose workbook it is."""
        name = self.workbook.name
        if base_sheet.find(wb) is None:
            self.warnings.append(Msg(N_(
                "{workbook} was exported by an older isodesk and does not record what was "
                "exported, so it is compared with the project as it is now: a cell that differs "
                "counts as the client's change, also where the project was changed after the "
                "export. Check every change before you apply it."), workbook=name))
            self.wb_lang = _language_of(wb, self.lang)
            return
        try:
            self.base = base_sheet.read(wb)
        except base_sheet.DamagedBase:
            self.warnings.append(Msg(N_(
                "The record of what was exported in {workbook} is damaged, so the workbook is "
                "compared with the project as it is now: a cell that differs counts as the "
                "client's change. Check every change before you apply it."), workbook=name))
            self.wb_lang = _language_of(wb, self.lang)
            return
        self.wb_lang = self.base.language
        if self.base.project_id != self.mine.id:
            self.foreign = Msg(N_("{workbook} was exported from another project ({theirs}), "
                                  "not from this one ({mine})."), workbook=name,
                               theirs=self.base.client or "?", mine=self.mine.info.client)
            if not force:
                raise DataError("{workbook} was exported from another project ({theirs}), not "
                                "from this one ({mine}); it is imported only when forced "
                                "(isodesk import --force).", workbook=name,
                                theirs=self.base.client or "?", mine=self.mine.info.client)
            self.warnings.append(self.foreign)
        self.reference = self.base.as_project(self.mine)

    # ------------------------------------------------------------------------------ sheets
    def read(self, wb) -> None:
        sheets = self._find_sheets(wb)
        total = sum((wb[title].max_row or 1) for title, _ in sheets)
        self.reader = SheetReader(self.lang, self.problems, self.progress, self.cancel, total,
                                  CANCELLED)
        for title, role in sheets:
            ws = wb[title]
            self.roles[title] = role
            if role == "checklist":
                self._read_checklist(ws, title)
            elif role == "soa":
                self._read_soa(ws, title)
            else:
                self._read_records(ws, title, role)
        self.reader.finish()
        self.problems.raise_if_any()
        for table in self.reader.tables:
            for column in table.missing:
                if column.new and self.base is None:
                    continue  # an older isodesk did not write it
                self.notes.append(Msg(N_("Sheet {sheet} has no column '{column}'; those values "
                                         "stay as they are."), sheet=table.title,
                                      column=column.title(self.lang)))
        comment = L.CHECKLIST.column("client_comment").title(self.wb_lang)
        for table in self.reader.tables:
            for position, rows in table.extra_rows.items():
                self.warnings.append(Msg(N_(
                    "Sheet {sheet} has a column '{header}' ({column}) that isodesk does not "
                    "import, with text in rows {rows}; the client's remarks belong in the column "
                    "{comment}."), sheet=table.title, header=table.extra[position],
                    column=L.letter_of(position + 1), rows=_rows_text(rows), comment=comment))
        for sheet, (headers, rows) in self.touched.items():
            self.warnings.append(Msg(N_(
                "Sheet {sheet}: text typed in {columns} (rows {rows}) is not imported, as those "
                "columns are for information; the client's remarks belong in the column "
                "{comment}."), sheet=sheet, columns=", ".join(sorted(headers)),
                rows=_rows_text(rows), comment=comment))

    def comments(self, found: dict[str, list[str]]) -> None:
        for sheet, cells in found.items():
            if sheet in self.roles:
                self.warnings.append(Msg(N_(
                    "Sheet {sheet} has cell comments ({cells}), which are not imported; copy "
                    "what they say into the project by hand."), sheet=sheet,
                    cells=_rows_text(cells)))

    def _find_sheets(self, wb) -> list[tuple[str, str]]:
        by_name = {L.normalize(title): title for title in wb.sheetnames}
        names = L.catalog_sheet_names(self.mine.catalogs)
        wanted = [(names[cat.id], "checklist", cat.name) for cat in self.mine.catalogs]
        sheets = []
        roles = (["soa"] if self.mine.controls() else []) + ["actions", "risks"]
        for role in roles:
            wanted.append((SHEETS[role][self.lang], role, ""))
        for shown, role, what in wanted:
            candidates = L.fixed_sheet_names(role) if role != "checklist" else {L.normalize(shown)}
            title = next((by_name[c] for c in candidates if c in by_name), None)
            if title is None:
                if what:
                    raise DataError("{workbook} has no sheet '{sheet}' for {standard}; import a "
                                    "workbook exported from this project.",
                                    workbook=self.workbook.name, sheet=shown, standard=what)
                raise DataError("{workbook} has no sheet '{sheet}'; import a workbook exported "
                                "from this project.", workbook=self.workbook.name, sheet=shown)
            sheets.append((title, role))
        return sheets

    def _parse(self, table: Table, number: int, values: dict) -> dict | None:
        """Imported fields of one row parsed to model values; None (and a problem) if invalid."""
        parsed, ok = {}, True
        for name, raw in values.items():
            column = table.layout.column(name)
            if not column.imported:
                continue
            try:
                parsed[name] = self.words.parse(column.kind, raw)
            except CellError as e:
                self.problems.add(table.where(number, name), e.msg)
                ok = False
                continue
            if column.kind == "date" and ambiguous_date(raw) and parsed[name] is not None:
                self.notes.append(Msg(N_("{place}: {value} is read day first, as {date}."),
                                      place=table.where(number, name), value=quote(raw),
                                      date=format_date(parse_date(raw), self.lang)))
        return parsed if ok else None

    def _changed(self, table: Table, number: int, parsed: dict, record) -> dict:
        """The fields of ``parsed`` that differ from what the workbook was made with."""
        changed = {}
        for name, value in parsed.items():
            exported = getattr(record, name)
            if table.layout.column(name).kind == "text":
                value = self._text(table, number, name, value, exported)
                if value == exported:
                    continue
            elif value == exported:
                continue
            changed[name] = value
        return changed

    def _text(self, table: Table, number: int, name: str, cell: str, whole: str) -> str:
        """What a text cell means, given the ``whole`` text the workbook was made with."""
        exported = cell_text(clean_text(whole), self.wb_lang)
        if _same_text(cell, exported):
            return whole
        if exported != clean_text(whole):  # the text did not fit its cell
            restored = restore(cell, clean_text(whole), self.wb_lang)
            if restored is None:
                self.notes.append(Msg(N_(
                    "{place}: the text is longer than a cell holds and its end mark was "
                    "removed, so the rest of it cannot be found; the project keeps its text "
                    "(copy the client's change by hand)."), place=table.where(number, name)))
                return whole
            if _same_text(restored, whole):
                return whole
            if len(restored) > MAX_TEXT_LENGTH:  # a text from before the limit, made longer
                self.notes.append(Msg(N_(
                    "{place}: with the client's change the text would be longer than the "
                    "{limit} characters a text may hold; the project keeps its text (copy the "
                    "change by hand)."), place=table.where(number, name),
                    limit=f"{MAX_TEXT_LENGTH:,}"))
                return whole
            return restored
        return cell

    def _key(self, table: Table, number: int, values: dict) -> str | None:
        key = parse_text(values.get("key")).strip()
        has_input = any(not is_empty(v) for name, v in values.items()
                        if table.layout.column(name).imported)
        if not key:
            if has_input:
                self.problems.add(table.where(number, "key"), N_(
                    "this row has answers but no key; rows cannot be added to this sheet"))
            return None
        if key not in self.mine.by_key:
            self.problems.add(table.where(number, "key"),
                              N_("{value} is not an item of this project"), value=quote(key))
            return None
        return key

    def _check_ref(self, table: Table, number: int, values: dict, ref: str,
                   mismatches: list[int]) -> None:
        """The visible number must belong to the row's key: a sort of only the visible columns
        leaves the hidden keys behind, and would attach answers to the wrong clauses."""
        raw = values.get("ref")
        if is_empty(raw):
            return
        if isinstance(raw, (int, float)) and not isinstance(raw, bool):
            try:
                if float(ref) == float(raw):  # a ref retyped as a number: 4 or 7.1
                    return
            except ValueError:
                pass
        if parse_text(raw).strip() != ref:
            mismatches.append(number)

    def _report_sort(self, table: Table | None, mismatches: list[int], number_field: str,
                     key_field: str) -> None:
        if not mismatches or table is None:
            return
        key_column = table.letter(key_field) if key_field in table.positions else "A"
        self.problems.add(where(table.title), N_(
            "the numbers in column {column} do not belong to the hidden keys of rows {rows}, so "
            "the sheet was probably sorted without its hidden column {key}; undo the sort (or "
            "sort whole rows) and import again"), column=table.letter(number_field),
            rows=_rows_text(mismatches), key=key_column)

    def _check_info(self, table: Table, number: int, values: dict, expected: dict,
                    role: str) -> None:
        """Remember text typed into informational columns (they are locked, but a sheet's
        protection can be switched off)."""
        for name in INFO_FIELDS[role]:
            if name not in table.positions:
                continue
            if _normal(parse_text(values.get(name))) != _normal(expected.get(name) or ""):
                headers, rows = self.touched.setdefault(table.title, (set(), []))
                headers.add(table.headers[name])
                if not rows or rows[-1] != number:
                    rows.append(number)

    # ---------------------------------------------------------------------------- checklist
    def _read_checklist(self, ws, title: str) -> None:
        mismatches: list[int] = []
        table = None
        for number, values, table in self.reader.rows(ws, title, L.CHECKLIST):
            key = self._key(table, number, values)
            if key is None:
                continue
            req = self.mine.by_key[key]
            self._check_ref(table, number, values, req.ref, mismatches)
            place = self.places.get(("checklist", key))
            if place is not None:
                self.problems.add(table.where(number, "key"),
                                  N_("{key} appears twice (also sheet {sheet}, row {row})"),
                                  key=key, sheet=place.sheet, row=place.row)
                continue
            self.places[("checklist", key)] = _Place(title, number)
            self._check_info(table, number, values, checklist_info(req, self.wb_lang),
                             "checklist")
            if not req.assessable:
                if any(not is_empty(values.get(f)) for f in ANSWER_FIELDS):
                    self.problems.add(table.where(number), N_(
                        "{ref} is a heading; answer its sub-clauses instead"), ref=req.ref)
                continue
            parsed = self._parse(table, number, values)
            if parsed is not None:
                changed = self._changed(table, number, parsed, self.reference.answer(key))
                if changed:
                    self.sheet_changes[key] = changed
        self._report_sort(table, mismatches, "ref", "key")

    def _read_soa(self, ws, title: str) -> None:
        mismatches: list[int] = []
        table = None
        for number, values, table in self.reader.rows(ws, title, L.SOA):
            key = self._key(table, number, values)
            if key is None:
                continue
            req = self.mine.by_key[key]
            if not soa.is_control(req):
                self.problems.add(table.where(number, "key"),
                                  N_("{key} is not an Annex A control"), key=key)
                continue
            self._check_ref(table, number, values, req.ref, mismatches)
            place = self.places.get(("soa", key))
            if place is not None:
                self.problems.add(table.where(number, "key"),
                                  N_("{key} appears twice (also row {row})"), key=key,
                                  row=place.row)
                continue
            self.places[("soa", key)] = _Place(title, number)
            exported = self.reference.answer(key)
            self._check_info(table, number, values, soa_info(req, exported, self.wb_lang), "soa")
            parsed = self._parse(table, number, values)
            if parsed is None:
                continue
            changed = {}
            if "applicable" in parsed and parsed["applicable"] != soa.applicability(exported):
                changed["applicable"] = parsed["applicable"]
            if "justification" in parsed:
                text = self._text(table, number, "justification", parsed["justification"],
                                  exported.justification)
                if text != exported.justification:
                    changed["justification"] = text
            if changed:
                self.soa_changes[key] = changed
        self._report_sort(table, mismatches, "ref", "key")

    # --------------------------------------------------------------------- actions and risks
    def _read_records(self, ws, title: str, role: str) -> None:
        layout = L.ACTIONS if role == "actions" else L.RISKS
        kind = KIND_OF_ROLE[role]
        exported = getattr(self.reference, role)  # by id
        current = getattr(self.mine, role)
        by_number = {r.number: r for r in exported.values()}
        theirs = dict(exported)
        seen: dict[str, int] = {}
        new_contents: dict[str, int] = {}
        mismatches: list[int] = []
        next_number = max([r.number for r in (*exported.values(), *current.values())],
                          default=0) + 1
        table = None
        for number, values, table in self.reader.rows(ws, title, layout):
            has_input = any(not is_empty(v) for n, v in values.items()
                            if table.layout.column(n).imported)
            try:
                ident = self.words.parse("id", values.get("id")) if "id" in values else None
                visible = self.words.parse("number", values.get("number"))
            except CellError as e:
                self.problems.add(table.where(number, "number"), e.msg)
                continue
            if ident is None and visible is None and not has_input:
                continue  # only informational cells (the score formula) filled in
            record = None
            if ident is not None:
                record = exported.get(ident)
                if record is None and self.base is None:  # compared with the project now
                    self.notes.append(Msg(N_("{place}: this {what} is not in the project (any "
                                             "more); the row is skipped."),
                                          place=table.where(number), what=Msg(_WHAT[kind])))
                    continue
                if record is None:
                    self.problems.add(table.where(number, "id"), N_(
                        "{value} is not the key of a row this workbook was exported with"),
                        value=quote(ident))
                    continue
                if visible is not None and visible != record.number:
                    mismatches.append(number)
                    continue
            elif visible is not None:
                record = by_number.get(visible)
                if record is None:
                    self.problems.add(table.where(number, "number"), N_(
                        "there is no {what} {number} in this workbook (leave the number empty "
                        "for a new {what})"), what=Msg(_WHAT[kind]), number=visible)
                    continue
                if "id" in table.positions:
                    self.problems.add(table.where(number, "number"), N_(
                        "number {number} belongs to another row (this row has no hidden key); "
                        "leave the number empty for a new {what}"), number=visible,
                        what=Msg(_WHAT[kind]))
                    continue
            if record is not None and record.id in seen:
                self.problems.add(table.where(number, "number"), N_(
                    "number {number} appears twice (also row {row})"),
                    number=record.number, row=seen[record.id])
                continue
            if record is not None:
                seen[record.id] = number
                if record.id not in current:
                    self.notes.append(Msg(N_(
                        "{place}: {what} {number} was deleted in the project after the export; "
                        "this row is skipped."), place=table.where(number),
                        what=Msg(_WHAT[kind]), number=record.number))
                    theirs.pop(record.id)
                    continue
            parsed = self._parse(table, number, values)
            if parsed is None:
                continue
            if not self._complete(table, number, role, parsed, new=record is None):
                continue
            if record is not None:
                self.places[(role, record.id)] = _Place(title, number)
                changed = self._changed(table, number, parsed, record)
                if changed:
                    theirs[record.id] = replace(record, **changed)
                continue
            new = self._new_record(table, number, role, parsed, new_contents, next_number)
            if new is not None:
                theirs[new.id] = new
                self.places[(role, new.id)] = _Place(title, number)
                if new.id in self.new_rows:
                    next_number += 1
        self._report_sort(table, mismatches, "number", "id")
        missing = sorted(r.number for i, r in exported.items() if i not in seen and i in current)
        if missing:
            self.notes.append(Msg(N_(
                "Sheet {sheet} has no row for {what} number(s) {numbers}; they stay in the "
                "project (deleting a row does not delete it)."), sheet=title,
                what=Msg(_WHAT[kind]), numbers=", ".join(str(n) for n in missing)))
        self.records[role] = theirs

    def _complete(self, table: Table, number: int, role: str, parsed: dict, new: bool) -> bool:
        """Required cells filled in (a new row gets defaults for its scales), links valid."""
        ok = True
        for name in REQUIRED[role]:
            value = parsed.get(name)
            if value is not None and str(value).strip():
                continue
            if new and name not in TEXTS:
                parsed.pop(name, None)
            elif name in table.positions:
                self.problems.add(table.where(number, name), N_("this cell must not be empty"))
                ok = False
            elif new:  # the column itself was deleted: nothing to fill it
                self.problems.add(table.where(number), N_("a new row needs the column '{column}'"),
                                  column=table.layout.column(name).title(self.lang))
                ok = False
        if "quick_win" in parsed and parsed["quick_win"] is None:
            parsed["quick_win"] = False
        for key in parsed.get("keys", ()):
            if key not in self.mine.by_key:
                self.problems.add(table.where(number, "keys"),
                                  N_("{value} is not an item of this project"), value=quote(key))
                ok = False
        return ok

    def _new_record(self, table: Table, number: int, role: str, parsed: dict,
                    contents: dict[str, int], next_number: int):
        """A row added in the workbook, with an id that is the same each time this workbook
        is imported (once per export and row content)."""
        content = json.dumps({n: plain(v.strip() if isinstance(v, str) else v)
                              for n, v in sorted(parsed.items())}, ensure_ascii=False)
        contents[content] = contents.get(content, 0) + 1  # two identical rows are two records
        origin = self.base.export_id if self.base else f"project {self.mine.id}"
        ident = str(uuid.uuid5(NEW_ROW_NAMESPACE,
                               f"{origin}\n{role}\n{contents[content]}\n{content}"))
        what = Msg(_WHAT[KIND_OF_ROLE[role]])
        if ident in self.deleted:
            self.notes.append(Msg(N_("{place}: this new {what} was imported before and deleted "
                                     "in the project since; it is skipped."),
                                  place=table.where(number), what=what))
            return None
        current = getattr(self.mine, role).get(ident)
        if current is not None:  # imported before: it is in the project, as the base
            self.imported_before[ident] = role
            return replace(current, **parsed)
        record_type = Action if role == "actions" else Risk
        self.new_rows[ident] = number
        return replace(record_type(ident, next_number, ""), **parsed)

    # --------------------------------------------------------------------------- the plan
    def plan(self) -> ImportPlan:
        answers = self._answers()
        theirs = replace(self.reference, answers=answers, actions=self.records["actions"],
                         risks=self.records["risks"])
        reference = self.reference
        if self.imported_before:
            # A row imported before has the workbook's values as its base: importing the
            # workbook again brings nothing, and later edits in the project stay.
            tables = {"actions": dict(reference.actions), "risks": dict(reference.risks)}
            for ident, role in self.imported_before.items():
                tables[role][ident] = self.records[role][ident]
            reference = replace(reference, actions=tables["actions"], risks=tables["risks"])
        result = merge(reference, self.mine, theirs)
        order = {ident: n for n, (role, ident) in enumerate(self.places) if role == "checklist"}
        plan = ImportPlan(self.workbook, self.lang, result, notes=self.notes,
                          warnings=self.warnings, three_way=self.base is not None,
                          foreign=self.foreign,
                          exported_at=self.base.exported_at if self.base else "", order=order)
        plan.rows = [row for change in plan.changes for row in self._rows_of(change)]
        sheets = {title: n for n, title in enumerate(self.roles)}
        judged = {c.ident for c in result.conflicts if c.kind == "answer" and c.field == "result"}
        plan.conflicts = sorted((self._conflict_row(c, result) for c in result.conflicts
                                 if not follows(c, result, judged)),
                                key=lambda c: (sheets.get(c.sheet, len(sheets)), c.row or 0))
        return plan

    def _answers(self) -> dict[str, Answer]:
        """The workbook's answers: the exported ones with the client's changes, the SoA sheet
        deciding on a control's answer, and answers that follow another one (Harmonized
        Structure) mirroring it unless the client gave them other values."""
        reference = self.reference
        edited: dict[str, Answer] = {}
        for key in dict.fromkeys([*self.sheet_changes, *self.soa_changes]):
            answer = reference.answer(key).with_changes(**self.sheet_changes.get(key, {}))
            decided = self.soa_changes.get(key, {})
            if "applicable" in decided:
                answer = soa.with_applicability(answer, decided["applicable"])
            if "justification" in decided:
                answer = answer.with_changes(justification=decided["justification"])
            if soa.is_control(self.mine.by_key[key]):
                answer = answer.with_changes(applicable=soa.applicability(answer))
            edited[key] = answer
        final: dict[str, Answer] = {}
        for key, answer in edited.items():
            before = reference.answer(key)
            if before.linked_to and before.linked_to in edited:
                continue  # decided below, once its source's new answer is known
            if before.linked_to and self._own_values(key):
                answer = answer.with_changes(linked_to=None)
            final[key] = answer
        for source_key in [k for k in final if not final[k].linked_to]:
            for follower in linking.followers(source_key, reference.answers.values()):
                mirrored = replace(edited.get(follower.key, follower), **{
                    n: getattr(final[source_key], n) for n in linking.MIRRORED})
                if follower.key in edited and any(
                        v != getattr(mirrored, n) for n, v in self._own_values(follower.key)):
                    final[follower.key] = edited[follower.key].with_changes(linked_to=None)
                else:
                    final[follower.key] = mirrored
        answers = dict(reference.answers)
        for key, answer in final.items():
            if answer.is_blank:
                answers.pop(key, None)
            else:
                answers[key] = answer
        return answers

    def _own_values(self, key: str) -> list[tuple[str, object]]:
        """The judgement fields the client changed on an answer (not the comment)."""
        return [(n, v) for n, v in self.sheet_changes.get(key, {}).items()
                if n in linking.MIRRORED]

    # ------------------------------------------------------------------------ preview rows
    def _describe(self, record, new_row: int | None = None) -> tuple[str, str, list, str]:
        """(key, ref, [(field, column)], role) of a record for the preview."""
        if isinstance(record, Answer):
            req = self.mine.by_key[record.key]
            cat = self.mine.catalog(req.catalog_id)
            columns = [(n, L.CHECKLIST.column(n)) for n in ANSWER_FIELDS]
            if soa.is_control(req):
                columns += [(n, L.SOA.column(n)) for n in SOA_FIELDS]
            return record.key, f"{cat.name} {req.ref}", columns, "checklist"
        role = "actions" if isinstance(record, Action) else "risks"
        layout = L.ACTIONS if role == "actions" else L.RISKS
        key = f"{KIND_OF_ROLE[role]}:{record.number}"
        if new_row is not None:
            ref = NEW_WORDS[role][self.lang].format(row=new_row)
        else:
            ref = f"{RECORD_WORDS[role][self.lang]} {record.number}"
        return key, ref, [(c.field, c) for c in layout.imported], role

    def _rows_of(self, change) -> list[ChangeRow]:
        after = change.after if change.after is not None else change.before
        before = change.before
        new_row = None
        if before is None:  # a new record: what differs from an empty one
            before = type(after)(after.id, after.number, "")
            new_row = self.new_rows.get(after.id)
        key, ref, columns, _role = self._describe(after, new_row)
        rows = []
        for name, column in columns:
            old, new = getattr(before, name), getattr(after, name)
            if old == new:
                continue
            rows.append(ChangeRow(key, ref, name.replace("_", " "), column.title(self.lang),
                                  self.words.display(column.kind, old),
                                  self.words.display(column.kind, new)))
        return rows

    def _conflict_row(self, conflict, result) -> ConflictRow:
        record = next(r for r in (records(data, conflict.kind).get(conflict.ident)
                                  for data in (result.mine, result.theirs, result.base))
                      if r is not None)
        key, ref, columns, role = self._describe(record)
        column = dict(columns).get(conflict.field)
        kind = column.kind if column is not None else "text"
        place = self.places.get(("soa" if conflict.field in SOA_FIELDS else role,
                                 getattr(record, "key", None) or getattr(record, "id", None)))
        if conflict.kind == "answer":
            place = place or self.places.get(("checklist", conflict.ident))

        def shown(value):
            if conflict.field == "*":
                return "–" if value is None else ref
            return self.words.display(kind, value)

        who, when = stamp_text(conflict.mine_stamp, self.lang)
        return ConflictRow(conflict, key, ref, place.sheet if place else "",
                           place.row if place else None, conflict.field.replace("_", " "),
                           column.title(self.lang) if column is not None else conflict.field,
                           shown(conflict.base), shown(conflict.mine), shown(conflict.theirs),
                           who, when)



def _same_text(a: str, b: str) -> bool:
    """Equal as a workbook can tell: control characters and CR are lost, and where the spaces
    and line breaks fall is no change a person makes on purpose (LibreOffice breaks a line of
    more than about 16,000 characters when it saves)."""
    return a == b or _normal(clean_text(a)) == _normal(clean_text(b))


def _normal(text: str) -> str:
    return " ".join(text.split())


def _rows_text(items: list, limit: int = 12) -> str:
    """"3, 4, 9" or "3, 4, 9, … (71 in all)" for a message."""
    shown = ", ".join(str(i) for i in items[:limit])
    return shown if len(items) <= limit else f"{shown}, … ({len(items)})"


def _language_of(wb, fallback: str) -> str:
    """The language a workbook was exported in, from its sheet names."""
    names = {L.normalize(n) for n in wb.sheetnames}
    for lang in ("nl", "en"):
        if L.normalize(SHEETS["cover"][lang]) in names:
            return lang
    return fallback

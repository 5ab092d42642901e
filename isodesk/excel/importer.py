"""Import a workbook made by export.py (and filled in by a client) back into the project.

Two steps, so the GUI can show a preview and the CLI can do a dry run:

* ``plan_import`` reads the workbook (streaming, bounded rows), validates every cell and
  builds an ``ImportPlan``: one Edit holding every change, plus readable rows for the preview.
  Any problem raises DataError naming sheet, row and column; the project is not touched.
* ``apply_import`` executes that Edit: one transaction, all or nothing, one undo step.

Rows are matched by the key column (requirement key, or action / risk number); refs and titles
shown in the sheet are informational. Columns are found by their header in either language, so
they may be moved, and unknown columns are ignored. Formulas are refused rather than read from
their cached values: a workbook written by a script has no cached values, and a stale cached
value would be imported silently.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Iterator

from isodesk.app.session import ProjectSession
from isodesk.domain import linking
from isodesk.domain.edits import Change, Edit
from isodesk.domain.errors import Cancelled, DataError
from isodesk.domain.model import Action, Answer, Risk, SoAEntry
from isodesk.domain.scales import ActionStatus, Priority, Treatment
from isodesk.excel import layout as L
from isodesk.excel.cells import CellError, Vocabulary, clean_text, is_empty, parse_text, quote
from isodesk.excel.texts import SHEETS
from isodesk.excel.workbook_file import reading

Progress = Callable[[int, int], None] | None
Cancel = Callable[[], bool] | None

MAX_ROWS = 100_000  # per sheet; far beyond any assessment, and it bounds time and memory
MAX_COLUMNS = 200  # cells further right are never read
HEADER_SEARCH_ROWS = 10  # the header may sit below a few rows a user inserted
MAX_PROBLEMS = 1000
STEP = 250
ANSWER_FIELDS = ("result", "maturity", "findings", "evidence", "interviewee", "finding_type",
                 "assessed_on")
NEW_DEFAULTS = {"priority": Priority.MEDIUM, "status": ActionStatus.OPEN, "quick_win": False,
                "likelihood": 3, "impact": 3, "treatment": Treatment.MITIGATE}
REQUIRED = {"actions": ("title", "priority", "status"),
            "risks": ("description", "likelihood", "impact", "treatment")}
RECORD_WORDS = {"actions": {"nl": "Actie", "en": "Action"}, "risks": {"nl": "Risico", "en": "Risk"}}
NEW_WORDS = {"actions": {"nl": "Nieuwe actie (rij {row})", "en": "New action (row {row})"},
             "risks": {"nl": "Nieuw risico (rij {row})", "en": "New risk (row {row})"}}


@dataclass(frozen=True)
class ChangeRow:
    """One changed field, as the import preview lists it."""

    key: str  # requirement key, or "action:<id>" / "risk:<id>" (the id a new record will get)
    ref: str  # what a person recognises: "ISO 9001:2015 7.2", "VvT A.5.15", "Actie 3"
    field: str  # the model's field name in plain English: "result", "finding type", "owner"
    label: str  # the column header in the plan's language: "Resultaat"
    old: str  # readable old value ("–" when empty)
    new: str  # readable new value


@dataclass
class ImportPlan:
    """What importing a workbook would change; made by ``plan_import``.

    * ``rows``: list[ChangeRow], one per changed field in workbook order — the GUI preview table
      (key, ref, label, old, new); ``field`` is the English field name the CLI prints.
    * ``notes``: sentences about what is *not* imported (missing optional columns, actions or
      risks deleted from the sheet, which stay in the project).
    * ``edit``: the one Edit ``apply_import`` executes; ``changes`` is its tuple of Change
      records (truthy when anything changes) and ``change_count`` their number (changed items,
      SoA lines, actions and risks; answers that follow a changed answer count too).
    """

    workbook: Path
    language: str
    edit: Edit
    rows: list[ChangeRow] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def changes(self) -> tuple[Change, ...]:
        return self.edit.changes

    @property
    def change_count(self) -> int:
        return len(self.edit.changes)

    def describe(self) -> list[str]:
        """Lines for the CLI: one per changed field, the notes, and a summary line."""
        lines = [f"{r.key} {r.field}: {_short(r.old)} → {_short(r.new)}" for r in self.rows]
        lines += self.notes
        counts = {"items": 0, "SoA lines": 0, "actions": 0, "risks": 0}
        new = 0
        for change in self.changes:
            record = change.after if change.after is not None else change.before
            kind = {Answer: "items", SoAEntry: "SoA lines", Action: "actions", Risk: "risks"}
            counts[kind[type(record)]] += 1
            new += change.before is None
        if not self.changes:
            lines.append(f"No changes: the project already matches {self.workbook.name}.")
        else:
            parts = ", ".join(f"{n} {name}" for name, n in counts.items() if n)
            added = f", of which {new} new" if new else ""
            lines.append(f"{self.change_count} change(s) from {self.workbook.name}: {parts}{added}.")
        return lines


def _short(text: str, limit: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


def plan_import(session: ProjectSession, workbook: Path, progress: Progress = None,
                cancel: Cancel = None, language: str | None = None) -> ImportPlan:
    """Read ``workbook`` and work out every change; raises DataError (project untouched)."""
    workbook = Path(workbook)
    lang = language if language in ("nl", "en") else session.info.language
    planner = _Planner(session, workbook, lang, progress, cancel)
    with reading(workbook) as wb:
        planner.read(wb)
    return planner.plan()


def apply_import(session: ProjectSession, plan: ImportPlan) -> Edit:
    """Apply ``plan`` as one edit (one transaction, one undo step).

    Refuses when the project changed since the plan was made, because the preview the user
    approved would no longer be what happens.
    """
    for change in plan.changes:
        if _current(session, change) != change.before:
            raise DataError("The project changed after the import preview was made; import the "
                            "workbook again.")
    return session.execute(plan.edit)


def _current(session: ProjectSession, change: Change):
    record = change.after if change.after is not None else change.before
    if isinstance(record, Answer):
        return session.answer(record.key)
    if isinstance(record, SoAEntry):
        return session.soa.get(record.key) or SoAEntry(record.key)
    table = session.actions if isinstance(record, Action) else session.risks
    return table.get(record.id)


# ------------------------------------------------------------------------------- reading
class _Problems:
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
class _Table:
    """A sheet's columns as found in its header row."""

    title: str
    layout: L.Layout
    positions: dict[str, int]  # field → 0-based position in the row
    headers: dict[str, str]  # field → header text as in the workbook

    def where(self, row: int, field_name: str | None = None) -> str:
        if field_name is None:
            return f"Sheet {self.title}, row {row}"
        letter = L.letter_of(self.positions[field_name] + 1)
        return f"Sheet {self.title}, row {row}, column {letter} ({self.headers[field_name]})"


class _Planner:
    def __init__(self, session: ProjectSession, workbook: Path, lang: str, progress: Progress,
                 cancel: Cancel):
        self.session = session
        self.workbook = workbook
        self.lang = lang
        self.words = Vocabulary(lang, session.info.maturity_labels)
        self.progress = progress
        self.cancel = cancel
        self.problems = _Problems()
        self.notes: list[str] = []
        self.done = 0
        self.total = 1
        self.sheet_values: dict[str, dict] = {}  # requirement key → parsed answer fields
        self.seen: dict[str, str] = {}  # requirement key → where it was first seen
        self.soa: dict[str, dict] = {}
        self.records: dict[str, list] = {"actions": [], "risks": []}  # (row, id, fields, table)
        self.where_soa: dict[str, str] = {}

    # ------------------------------------------------------------------------------ sheets
    def read(self, wb) -> None:
        sheets = self._find_sheets(wb)
        self.total = max(1, sum((wb[title].max_row or 1) for title, _ in sheets))
        for title, role in sheets:
            ws = wb[title]
            if role == "checklist":
                self._read_checklist(ws, title)
            elif role == "soa":
                self._read_soa(ws, title)
            else:
                self._read_records(ws, title, role)
        if self.progress is not None:
            self.progress(self.total, self.total)
        self.problems.raise_if_any()

    def _find_sheets(self, wb) -> list[tuple[str, str]]:
        by_name = {L.normalize(title): title for title in wb.sheetnames}
        names = L.catalog_sheet_names(self.session.catalogs)
        wanted = [(names[cat.id], "checklist", cat.name) for cat in self.session.catalogs]
        sheets = []
        has_controls = any(r.kind == "control" and r.assessable for r in self.session.requirements)
        roles = (["soa"] if has_controls else []) + ["actions", "risks"]
        for role in roles:
            wanted.append((SHEETS[role][self.lang], role, ""))
        for shown, role, what in wanted:
            candidates = L.fixed_sheet_names(role) if role != "checklist" else {L.normalize(shown)}
            title = next((by_name[c] for c in candidates if c in by_name), None)
            if title is None:
                about = f" for {what}" if what else ""
                raise DataError(f"{self.workbook.name} has no sheet '{shown}'{about}; import a "
                                "workbook exported from this project.")
            sheets.append((title, role))
        return sheets

    def _rows(self, ws, title: str, layout: L.Layout) -> Iterator[tuple[int, dict, _Table]]:
        """(row number, {field: raw value}, table) for every non-empty row below the header."""
        index = L.header_index(layout)
        ws.reset_dimensions()  # some writers store a wrong size; read what is really there
        table = None
        for number, row in enumerate(ws.iter_rows(max_col=MAX_COLUMNS), 1):
            self._tick()
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
                self.problems.add(f"{table.where(number, formula)}: contains a formula "
                                  f"({_short(str(values[formula]), 40)}); replace it by its value "
                                  "(Copy, then Paste special → Values)")
                continue
            yield number, values, table
        if table is None:
            raise DataError(f"Sheet {title} has no column '{layout.key.title(self.lang)}' in its "
                            "first rows, so its rows cannot be matched; import a workbook exported "
                            "from this project.")

    def _header(self, row, title: str, layout: L.Layout, index: dict) -> _Table | None:
        found = {}
        headers = {}
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
        for column in layout.imported:
            if column.field not in found:
                self.notes.append(f"Sheet {title} has no column '{column.title(self.lang)}'; "
                                  "those values stay as they are.")
        return _Table(title, layout, found, headers)

    def _tick(self) -> None:
        self.done += 1
        if self.done % STEP:
            return
        if self.cancel is not None and self.cancel():
            raise Cancelled("Import cancelled; the project was not changed.")
        if self.progress is not None:
            self.progress(min(self.done, self.total), self.total)

    def _parse(self, table: _Table, number: int, values: dict) -> dict | None:
        """Imported fields of one row parsed to model values; None (and a problem) if invalid."""
        parsed, ok = {}, True
        for name, raw in values.items():
            column = table.layout.column(name)
            if not column.imported:
                continue
            try:
                parsed[name] = self.words.parse(column.kind, raw)
            except CellError as e:
                self.problems.add(f"{table.where(number, name)}: {e}")
                ok = False
        return parsed if ok else None

    def _key(self, table: _Table, number: int, values: dict, what: str) -> str | None:
        key = parse_text(values.get("key")).strip()
        has_input = any(not is_empty(v) for name, v in values.items()
                        if table.layout.column(name).imported)
        if not key:
            if has_input:
                self.problems.add(f"{table.where(number, 'key')}: this row has {what} but no key; "
                                  "rows cannot be added to this sheet")
            return None
        if key not in self.session.by_key:
            self.problems.add(f"{table.where(number, 'key')}: {quote(key)} is not an item of "
                              "this project")
            return None
        return key

    # ---------------------------------------------------------------------------- checklist
    def _read_checklist(self, ws, title: str) -> None:
        for number, values, table in self._rows(ws, title, L.CHECKLIST):
            key = self._key(table, number, values, "answers")
            if key is None:
                continue
            if key in self.seen:
                self.problems.add(f"{table.where(number, 'key')}: {key} appears twice (also "
                                  f"{self.seen[key]})")
                continue
            self.seen[key] = f"sheet {title}, row {number}"
            parsed = self._parse(table, number, values)
            if not self.session.by_key[key].assessable:
                if any(not is_empty(values.get(f)) for f in ANSWER_FIELDS):
                    ref = self.session.by_key[key].ref
                    self.problems.add(f"{table.where(number)}: {ref} is a heading; answer its "
                                      "sub-clauses instead")
                continue
            if parsed is not None:
                self.sheet_values[key] = parsed

    def _read_soa(self, ws, title: str) -> None:
        for number, values, table in self._rows(ws, title, L.SOA):
            key = self._key(table, number, values, "SoA entries")
            if key is None:
                continue
            req = self.session.by_key[key]
            if req.kind != "control" or not req.assessable:
                self.problems.add(f"{table.where(number, 'key')}: {key} is not an Annex A control")
                continue
            if key in self.where_soa:
                self.problems.add(f"{table.where(number, 'key')}: {key} appears twice (also "
                                  f"{self.where_soa[key]})")
                continue
            self.where_soa[key] = f"row {number}"
            parsed = self._parse(table, number, values)
            if parsed is not None:
                self.soa[key] = parsed

    # --------------------------------------------------------------------- actions and risks
    def _read_records(self, ws, title: str, role: str) -> None:
        existing = self.session.actions if role == "actions" else self.session.risks
        seen: dict[int, int] = {}
        for number, values, table in self._rows(ws, title, L.ACTIONS if role == "actions" else L.RISKS):
            try:
                record_id = self.words.parse("id", values.get("id"))
            except CellError as e:
                self.problems.add(f"{table.where(number, 'id')}: {e}")
                continue
            parsed = self._parse(table, number, values)
            if record_id is None and not any(not is_empty(v) for n, v in values.items()
                                             if table.layout.column(n).imported):
                continue  # only informational cells filled in
            if record_id is not None:
                if record_id not in existing:
                    what = "action" if role == "actions" else "risk"
                    self.problems.add(f"{table.where(number, 'id')}: there is no {what} "
                                      f"{record_id} in this project (leave the number empty for "
                                      f"a new {what})")
                    continue
                if record_id in seen:
                    self.problems.add(f"{table.where(number, 'id')}: number {record_id} appears "
                                      f"twice (also row {seen[record_id]})")
                    continue
                seen[record_id] = number
            if parsed is None:
                continue
            for name in REQUIRED[role]:
                value = parsed.get(name)
                if value is not None and str(value).strip():
                    continue
                if record_id is None and name in NEW_DEFAULTS:
                    parsed[name] = NEW_DEFAULTS[name]
                elif name in table.positions:
                    self.problems.add(f"{table.where(number, name)}: this cell must not be empty")
                elif record_id is None:  # the column itself was deleted: nothing to fill it
                    self.problems.add(f"{table.where(number)}: a new row needs the column "
                                      f"'{table.layout.column(name).title(self.lang)}'")
            if "quick_win" in parsed and parsed["quick_win"] is None:
                parsed["quick_win"] = False
            for key in parsed.get("keys", ()):
                if key not in self.session.by_key:
                    self.problems.add(f"{table.where(number, 'keys')}: {quote(key)} is not an "
                                      "item of this project")
            self.records[role].append((number, record_id, parsed, table))
        missing = len(set(existing) - set(seen))
        if missing:
            what = {"actions": ("action", "actions"), "risks": ("risk", "risks")}[role]
            self.notes.append(f"{missing} {what[missing != 1]} of the project {'is' if missing == 1 else 'are'} "
                              f"not on sheet {title}; deleting rows does not delete them in the "
                              "project.")

    # --------------------------------------------------------------------------- the plan
    def plan(self) -> ImportPlan:
        changes: list[Change] = []
        changes += self._answer_changes()
        changes += self._soa_changes()
        rows = [row for change in changes for row in self._rows_of(change)]
        new_rows: list[ChangeRow] = []
        for role in ("actions", "risks"):
            role_changes, role_rows = self._record_changes(role)
            changes += role_changes
            new_rows += role_rows
        edit = Edit(f"import {self.workbook.name}", tuple(changes))
        return ImportPlan(self.workbook, self.lang, edit, rows + new_rows, self.notes)

    def _answer_changes(self) -> list[Change]:
        session = self.session
        edited: dict[str, dict] = {}
        for key, parsed in self.sheet_values.items():
            old = session.answer(key)
            fields = {n: v for n, v in parsed.items() if not _same(v, getattr(old, n))}
            if fields:
                edited[key] = fields
        final: dict[str, Answer] = {}
        for key, fields in edited.items():
            old = session.answer(key)
            if old.linked_to and old.linked_to in edited:
                continue  # decided below, once its source's new answer is known
            final[key] = old.with_changes(**fields, linked_to=None)
        # Answers that follow a changed answer mirror it, unless the sheet gives them other
        # values (then they become their own answer, as editing a follower does in the GUI).
        for source_key in [k for k in final if not session.answer(k).linked_to]:
            for follower in linking.followers(source_key, session.answers.values()):
                mirrored = linking.mirror(final[source_key], follower.key)
                sheet = self.sheet_values.get(follower.key, {})
                if follower.key in edited and any(not _same(v, getattr(mirrored, n))
                                                  for n, v in sheet.items()):
                    final[follower.key] = follower.with_changes(**edited[follower.key],
                                                                linked_to=None)
                else:
                    final[follower.key] = mirrored
        order = {key: n for n, key in enumerate(self.sheet_values)}
        return [Change(session.answer(k), final[k])
                for k in sorted(final, key=lambda k: order.get(k, len(order)))
                if final[k] != session.answer(k)]

    def _soa_changes(self) -> list[Change]:
        changes = []
        for key, parsed in self.soa.items():
            before = self.session.soa.get(key) or SoAEntry(key)
            fields = {n: v for n, v in parsed.items() if not _same(v, getattr(before, n))}
            if fields:
                changes.append(Change(before, replace(before, **fields)))
        return changes

    def _record_changes(self, role: str) -> tuple[list[Change], list[ChangeRow]]:
        existing = self.session.actions if role == "actions" else self.session.risks
        record_type = Action if role == "actions" else Risk
        next_id = self.session.store.next_id(record_type)
        changes, rows = [], []
        for number, record_id, parsed, _table in self.records[role]:
            if record_id is None:
                blank = record_type(next_id, "")
                after = replace(blank, **{**NEW_DEFAULTS_FOR[role], **parsed})
                change = Change(None, after)
                next_id += 1
                ref = NEW_WORDS[role][self.lang].format(row=number)
                rows += self._rows_of(Change(blank, after), ref)
            else:
                before = existing[record_id]
                fields = {n: v for n, v in parsed.items() if not _same(v, getattr(before, n))}
                if not fields:
                    continue
                change = Change(before, replace(before, **fields))
                rows += self._rows_of(change)
            changes.append(change)
        return changes, rows

    # ------------------------------------------------------------------------ preview rows
    def _rows_of(self, change: Change, ref: str | None = None) -> list[ChangeRow]:
        before, after = change.before, change.after
        if isinstance(after, Answer):
            req = self.session.by_key[after.key]
            cat = self.session.catalog(req.catalog_id)
            key, layout, shown = after.key, L.CHECKLIST, f"{cat.name} {req.ref}"
            fields = ANSWER_FIELDS
        elif isinstance(after, SoAEntry):
            key, layout = after.key, L.SOA
            shown = f"{SHEETS['soa'][self.lang]} {self.session.by_key[after.key].ref}"
            fields = ("applicable", "justification", "implementation")
        else:
            role = "actions" if isinstance(after, Action) else "risks"
            layout = L.ACTIONS if role == "actions" else L.RISKS
            key = f"{'action' if role == 'actions' else 'risk'}:{after.id}"
            shown = ref or f"{RECORD_WORDS[role][self.lang]} {after.id}"
            fields = [c.field for c in layout.imported]
        rows = []
        for name in fields:
            old, new = getattr(before, name), getattr(after, name)
            if _same(new, old):
                continue
            column = layout.column(name)
            rows.append(ChangeRow(key, shown, name.replace("_", " "), column.title(self.lang),
                                  self.words.display(column.kind, old),
                                  self.words.display(column.kind, new)))
        return rows


NEW_DEFAULTS_FOR = {
    "actions": {k: NEW_DEFAULTS[k] for k in ("priority", "status", "quick_win")},
    "risks": {k: NEW_DEFAULTS[k] for k in ("likelihood", "impact", "treatment")},
}


def _same(new, old) -> bool:
    """Equal as far as a workbook can tell (texts lose control characters and CR)."""
    if isinstance(new, str) and isinstance(old, str):
        return clean_text(new) == clean_text(old)
    return new == old

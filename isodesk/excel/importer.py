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

import uuid
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable

from isodesk.domain import linking, soa
from isodesk.domain.edits import Change, Edit
from isodesk.domain.errors import DataError
from isodesk.domain.model import Action, Answer, Risk
from isodesk.domain.snapshot import ProjectData
from isodesk.excel import layout as L
from isodesk.excel.cells import (
    CellError,
    Vocabulary,
    clean_text,
    is_empty,
    parse_text,
    quote,
)
from isodesk.excel.sheets import Problems, SheetReader, Table
from isodesk.excel.texts import SHEETS
from isodesk.excel.workbook_file import reading

Progress = Callable[[int, int], None] | None
Cancel = Callable[[], bool] | None

ANSWER_FIELDS = ("result", "maturity", "findings", "evidence", "interviewee", "finding_type",
                 "assessed_on")
# Cells that must not be empty. In a new row, an empty scale cell takes the model's default
# (priority medium, status open, likelihood and impact 3, treatment mitigate); the text may not.
REQUIRED = {"actions": ("title", "priority", "status"),
            "risks": ("description", "likelihood", "impact", "treatment")}
TEXTS = ("title", "description")
RECORD_WORDS = {"actions": {"nl": "Actie", "en": "Action"}, "risks": {"nl": "Risico", "en": "Risk"}}
RECORD_NAMES = {Answer: ("item", "items"), Action: ("action", "actions"), Risk: ("risk", "risks")}
NEW_WORDS = {"actions": {"nl": "Nieuwe actie (rij {row})", "en": "New action (row {row})"},
             "risks": {"nl": "Nieuw risico (rij {row})", "en": "New risk (row {row})"}}


@dataclass(frozen=True)
class ChangeRow:
    """One changed field, as the import preview lists it."""

    key: str  # requirement key, or "action:<number>" / "risk:<number>" (a new one's number)
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
        counts = dict.fromkeys(RECORD_NAMES, 0)
        new = 0
        for change in self.changes:
            counts[change.record_type] += 1
            new += change.before is None
        if not self.changes:
            lines.append(f"No changes: the project already matches {self.workbook.name}.")
        else:
            parts = ", ".join(f"{n} {RECORD_NAMES[kind][n != 1]}" for kind, n in counts.items() if n)
            added = f", of which {new} new" if new else ""
            lines.append(f"{self.change_count} change(s) from {self.workbook.name}: {parts}{added}.")
        return lines


def _short(text: str, limit: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


def plan_import(session: ProjectData, workbook: Path, progress: Progress = None,
                cancel: Cancel = None, language: str | None = None) -> ImportPlan:
    """Read ``workbook`` and work out every change; raises DataError (project untouched)."""
    workbook = Path(workbook)
    lang = language if language in ("nl", "en") else session.info.language
    planner = _Planner(session, workbook, lang, progress, cancel)
    with reading(workbook) as wb:
        planner.read(wb)
    return planner.plan()


# ------------------------------------------------------------------------------- reading
class _Planner:
    def __init__(self, session: ProjectData, workbook: Path, lang: str, progress: Progress,
                 cancel: Cancel):
        self.session = session
        self.workbook = workbook
        self.lang = lang
        self.words = Vocabulary(lang, session.info.maturity_labels)
        self.progress = progress
        self.cancel = cancel
        self.problems = Problems()
        self.reader: SheetReader | None = None
        self.notes: list[str] = []
        self.sheet_values: dict[str, dict] = {}  # requirement key → parsed answer fields
        self.seen: dict[str, str] = {}  # requirement key → where it was first seen
        self.soa: dict[str, dict] = {}
        self.where_soa: dict[str, str] = {}
        self.records: dict[str, list] = {"actions": [], "risks": []}  # (row, id, fields)

    # ------------------------------------------------------------------------------ sheets
    def read(self, wb) -> None:
        sheets = self._find_sheets(wb)
        total = sum((wb[title].max_row or 1) for title, _ in sheets)
        self.reader = SheetReader(self.lang, self.problems, self.progress, self.cancel, total,
                                  "Import cancelled; the project was not changed.")
        for title, role in sheets:
            ws = wb[title]
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
                self.notes.append(f"Sheet {table.title} has no column "
                                  f"'{column.title(self.lang)}'; those values stay as they are.")

    def _find_sheets(self, wb) -> list[tuple[str, str]]:
        by_name = {L.normalize(title): title for title in wb.sheetnames}
        names = L.catalog_sheet_names(self.session.catalogs)
        wanted = [(names[cat.id], "checklist", cat.name) for cat in self.session.catalogs]
        sheets = []
        has_controls = bool(self.session.controls())
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
                self.problems.add(f"{table.where(number, name)}: {e}")
                ok = False
        return parsed if ok else None

    def _key(self, table: Table, number: int, values: dict, what: str) -> str | None:
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
        for number, values, table in self.reader.rows(ws, title, L.CHECKLIST):
            key = self._key(table, number, values, "answers")
            if key is None:
                continue
            if key in self.seen:
                self.problems.add(f"{table.where(number, 'key')}: {key} appears twice (also "
                                  f"{self.seen[key]})")
                continue
            self.seen[key] = f"sheet {title}, row {number}"
            if not self.session.by_key[key].assessable:
                if any(not is_empty(values.get(f)) for f in ANSWER_FIELDS):
                    ref = self.session.by_key[key].ref
                    self.problems.add(f"{table.where(number)}: {ref} is a heading; answer its "
                                      "sub-clauses instead")
                continue
            parsed = self._parse(table, number, values)
            if parsed is not None:
                self.sheet_values[key] = parsed

    def _read_soa(self, ws, title: str) -> None:
        for number, values, table in self.reader.rows(ws, title, L.SOA):
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
        existing = _by_number(self.session.actions if role == "actions" else self.session.risks)
        what = "action" if role == "actions" else "risk"
        seen: dict[int, int] = {}
        layout = L.ACTIONS if role == "actions" else L.RISKS
        for number, values, table in self.reader.rows(ws, title, layout):
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
                if record_id is None and name not in TEXTS:
                    parsed.pop(name, None)
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
            self.records[role].append((number, record_id, parsed))
        missing = sorted(set(existing) - set(seen))
        if missing:
            numbers = ", ".join(str(n) for n in missing)
            self.notes.append(f"Sheet {title} has no row for {what} number(s) {numbers}; they "
                              "stay in the project (deleting a row does not delete it).")

    # --------------------------------------------------------------------------- the plan
    def plan(self) -> ImportPlan:
        changes = self._answer_changes()
        rows = [row for change in changes for row in self._rows_of(change)]
        for role in ("actions", "risks"):
            role_changes, role_rows = self._record_changes(role)
            changes += role_changes
            rows += role_rows
        edit = Edit(f"import {self.workbook.name}", tuple(changes))
        return ImportPlan(self.workbook, self.lang, edit, rows, self.notes)

    def _answer_changes(self) -> list[Change]:
        session = self.session
        edited: dict[str, dict] = {}
        for key, parsed in self.sheet_values.items():
            old = session.answer(key)
            fields = {n: v for n, v in parsed.items() if not _same(v, getattr(old, n))}
            if fields:
                edited[key] = fields
        for key, parsed in self.soa.items():  # the SoA sheet decides on the control's answer
            old = session.answer(key)
            decided = old.with_changes(**edited.get(key, {}))
            if "applicable" in parsed and not _same(parsed["applicable"], soa.applicability(old)):
                decided = soa.with_applicability(decided, parsed["applicable"])
            if "justification" in parsed:
                decided = decided.with_changes(justification=parsed["justification"])
            decided = decided.with_changes(applicable=soa.applicability(decided))
            fields = {n: getattr(decided, n) for n in ("result", "maturity", "applicable",
                                                        "justification")
                      if getattr(decided, n) != getattr(old, n)}
            if fields:
                edited[key] = edited.get(key, {}) | fields
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

    def _record_changes(self, role: str) -> tuple[list[Change], list[ChangeRow]]:
        existing = _by_number(self.session.actions if role == "actions" else self.session.risks)
        record_type = Action if role == "actions" else Risk
        next_number = max(existing, default=0) + 1
        changes, rows = [], []
        for number, record_id, parsed in self.records[role]:
            if record_id is None:
                blank = record_type(str(uuid.uuid4()), next_number, "")
                after = replace(blank, **parsed)
                change = Change(None, after)
                next_number += 1
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
            fields = ANSWER_FIELDS + (("applicable", "justification") if soa.is_control(req) else ())
        else:
            role = "actions" if isinstance(after, Action) else "risks"
            layout = L.ACTIONS if role == "actions" else L.RISKS
            key = f"{'action' if role == 'actions' else 'risk'}:{after.number}"
            shown = ref or f"{RECORD_WORDS[role][self.lang]} {after.number}"
            fields = [c.field for c in layout.imported]
        rows = []
        for name in fields:
            old, new = getattr(before, name), getattr(after, name)
            if _same(new, old):
                continue
            column = layout.column(name) if name in ANSWER_FIELDS or layout is not L.CHECKLIST else L.SOA.column(name)
            rows.append(ChangeRow(key, shown, name.replace("_", " "), column.title(self.lang),
                                  self.words.display(column.kind, old),
                                  self.words.display(column.kind, new)))
        return rows


def _same(new, old) -> bool:
    """Equal as far as a workbook can tell (texts lose control characters and CR)."""
    if isinstance(new, str) and isinstance(old, str):
        return clean_text(new) == clean_text(old)
    return new == old


def _by_number(records: dict) -> dict[int, object]:
    """Actions or risks by the number users see (the workbook's "No." column)."""
    return {r.number: r for r in records.values()}

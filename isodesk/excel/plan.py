"""What importing a workbook would do: the changes that arrive, the conflicts to decide, and
the notes and warnings about everything else (``ImportPlan``, made by importer.py).

The plan holds the three-way merge of the workbook into the project. Changes the client made
to cells the consultant left alone arrive without a question; where both changed the same
field since the export, the plan holds a conflict, and ``edit(decisions)`` refuses to exist
until every conflict is decided ("mine", "theirs", or per conflict).
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from functools import cached_property
from pathlib import Path
from typing import Mapping

from isodesk.domain import linking, soa
from isodesk.domain.edits import Change, Edit
from isodesk.domain.errors import DataError
from isodesk.domain.merge import WHOLE, Conflict, MergeResult, Side, changes_between
from isodesk.domain.model import Action, Answer, Risk
from isodesk.domain.snapshot import ProjectData, Stamp
from isodesk.domain.soa import is_control
from isodesk.excel.messages import Msg
from isodesk.support.i18n import N_, tr

RECORD_NAMES = {Answer: N_("{n} item(s)"), Action: N_("{n} action(s)"), Risk: N_("{n} risk(s)")}
Decisions = Side | Mapping[tuple, Side] | None


@dataclass(frozen=True)
class ChangeRow:
    """One changed field, as the import preview lists it."""

    key: str  # requirement key, or "action:<number>" / "risk:<number>" (a new one's number)
    ref: str  # what a person recognises: "ISO 9001:2015 7.2", "VvT A.5.15", "Actie 3"
    field: str  # the model's field name in plain English: "result", "finding type", "owner"
    label: str  # the column header in the plan's language: "Resultaat"
    old: str  # readable old value ("–" when empty)
    new: str  # readable new value


@dataclass(frozen=True)
class ConflictRow:
    """A field both the project (after the export) and the workbook changed."""

    conflict: Conflict
    key: str  # as ChangeRow.key
    ref: str
    sheet: str  # where the workbook holds it ("" when it is on no sheet)
    row: int | None
    field: str
    label: str
    base: str  # readable: as exported
    mine: str  # the project now
    theirs: str  # the workbook
    changed_by: str  # who changed the project's side, and when (local time, readable)
    changed_at: str

    @property
    def decision_key(self) -> tuple:
        return self.conflict.key

    def line(self) -> str:
        """One line for the command line: sheet, row, ref, field, both values, who and when."""
        place = tr("sheet {sheet}, row {row}, ").format(sheet=self.sheet, row=self.row) \
            if self.sheet else ""
        who = ", ".join(w for w in (self.changed_by, self.changed_at) if w)
        return tr("conflict: {place}{ref} {field}: project {mine}{who}, workbook {theirs}").format(
            place=place, ref=self.ref, field=self.field, mine=repr(_short(self.mine)),
            who=" " + tr("(changed by {who})").format(who=who) if who else "",
            theirs=repr(_short(self.theirs)))


@dataclass
class ImportPlan:
    """What importing a workbook would change.

    * ``rows``: ChangeRow per field that arrives without a question, in workbook order;
    * ``conflicts``: ConflictRow per field both sides changed (empty for a workbook without a
      base, which is compared with the project as it is now);
    * ``notes``: what is not imported and why (Msg each); ``warnings``: what the user must know
      before applying (no base, another project's workbook, text typed in columns that are not
      imported, cell comments);
    * ``edit(decisions)``: the one Edit that applies it; ``changes`` / ``change_count``: the
      changes with every conflict kept as the project has it.
    """

    workbook: Path
    language: str
    merge: MergeResult
    rows: list[ChangeRow] = field(default_factory=list)
    conflicts: list[ConflictRow] = field(default_factory=list)
    notes: list[Msg] = field(default_factory=list)
    warnings: list[Msg] = field(default_factory=list)
    three_way: bool = True
    foreign: Msg | None = None  # set when another project's workbook was read deliberately
    exported_at: str = ""  # when the workbook was exported (ISO 8601), if it records it
    order: dict[str, int] = field(default_factory=dict)  # requirement key → place in workbook

    @property
    def mine(self) -> ProjectData:
        return self.merge.mine

    @property
    def label(self) -> str:
        return f"import {self.workbook.name}"

    @cached_property
    def changes(self) -> tuple[Change, ...]:
        return tuple(self._changes(None))

    @property
    def change_count(self) -> int:
        return len(self.changes)

    @property
    def is_empty(self) -> bool:
        return not self.changes and not self.conflicts

    def undecided(self, decisions: Decisions) -> list[ConflictRow]:
        if isinstance(decisions, str):
            return []
        decided = decisions or {}
        return [c for c in self.conflicts if c.decision_key not in decided]

    def edit(self, decisions: Decisions = None) -> Edit:
        """The edit with each conflict decided; DataError while any conflict is undecided:
        nothing is applied until the user has chosen."""
        undecided = self.undecided(decisions)
        if undecided:
            raise DataError("{n} conflict(s) between the project and the workbook are not "
                            "decided yet; nothing was imported.", n=len(undecided))
        return Edit(self.label, tuple(self._changes(decisions)))

    def _changes(self, decisions: Decisions) -> list[Change]:
        resolved = self.merge.resolved(decisions if decisions is not None else "mine")
        changes = changes_between(self.mine, consistent(self.mine, resolved))
        return _ordered(changes, self.order)

    def describe(self) -> list[str]:
        """Lines for the command line: one per arriving field, the notes, and a summary."""
        lines = [f"{r.key} {r.field}: {_short(r.old)} → {_short(r.new)}" for r in self.rows]
        lines += [note.text() for note in self.notes]
        changes = self.changes
        if not changes and not self.conflicts:
            lines.append(tr("No changes: the project already has everything from "
                            "{workbook}.").format(workbook=self.workbook.name))
            return lines
        counts = dict.fromkeys(RECORD_NAMES, 0)
        new = 0
        for change in changes:
            counts[change.record_type] += 1
            new += change.before is None
        parts = [tr(RECORD_NAMES[kind]).format(n=n) for kind, n in counts.items() if n]
        if new:
            parts.append(tr("of which {n} new").format(n=new))
        summary = tr("{n} change(s) from {workbook}").format(n=len(changes),
                                                            workbook=self.workbook.name)
        summary += f" ({', '.join(parts)})" if parts else ""
        if self.conflicts:
            summary += "; " + tr("{n} conflict(s) to decide").format(n=len(self.conflicts))
        lines.append(summary + ".")
        return lines


# ---------------------------------------------------------------- keeping the result whole
def consistent(mine: ProjectData, data: ProjectData) -> ProjectData:
    """``data`` with the rules that tie fields together applied where it differs from ``mine``:
    an answer that follows another (Harmonized Structure) mirrors its source's judgement, and a
    control's SoA applicability follows its result. Conflicts decided field by field can
    otherwise leave a follower apart from its source, or an n.a. control "applicable"."""
    answers = dict(data.answers)
    changed = {k for k in answers.keys() | mine.answers.keys()
               if answers.get(k) != mine.answers.get(k)}
    for key in changed:
        answer = answers.get(key)
        if answer is not None and key in data.by_key and is_control(data.by_key[key]):
            answers[key] = answer.with_changes(applicable=soa.applicability(answer))
    for key, answer in list(answers.items()):
        source = answers.get(answer.linked_to) if answer.linked_to else None
        if source is not None and (answer.linked_to in changed or key in changed):
            answers[key] = replace(answer, **{n: getattr(source, n) for n in linking.MIRRORED})
    return replace(data, answers=answers)


def follows(conflict: Conflict, merge: MergeResult, judged: set[str]) -> bool:
    """Whether a conflict is decided by another one: a follower's mirrored field (it takes
    whatever its source gets), or a control's applicability beside a conflict on its result
    (``judged``: the answers with a conflict on their result)."""
    if conflict.kind != "answer" or conflict.field == WHOLE:
        return False
    mine = merge.mine.answer(conflict.ident)
    theirs = merge.theirs.answer(conflict.ident)
    if conflict.field in linking.MIRRORED:
        return bool(mine.linked_to) and mine.linked_to == theirs.linked_to
    if conflict.field == "applicable":
        derived = (mine.applicable == soa.applicability(mine)
                   and theirs.applicable == soa.applicability(theirs))
        return derived and conflict.ident in judged
    return False


def _ordered(changes: list[Change], order: dict[str, int]) -> list[Change]:
    """Answers in workbook order, then actions and risks (in workbook order already)."""

    def position(change: Change) -> int:
        record = change.after if change.after is not None else change.before
        return order.get(getattr(record, "key", None), len(order)) if isinstance(
            record, Answer) else len(order) + 1

    return sorted(changes, key=position)


def stamp_text(stamp: Stamp | None, lang: str) -> tuple[str, str]:
    """(who, when) of a change stamp, the time in the computer's zone: "12-11-2026 14:03"."""
    if stamp is None:
        return "", ""
    try:
        moment = datetime.fromisoformat(stamp.at.replace("Z", "+00:00")).astimezone()
    except ValueError:
        return stamp.by, stamp.at
    shown = moment.strftime("%d-%m-%Y %H:%M" if lang == "nl" else "%Y-%m-%d %H:%M")
    return stamp.by, shown


def _short(text: str, limit: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


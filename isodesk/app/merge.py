"""Merging a colleague's file into the open project: ``isodesk merge`` and File → Merge….

Two steps, so the GUI can show a preview and the conflicts, and the CLI can do a dry run:

* ``plan_merge`` reads the other file (read-only, in a worker in the GUI), finds the common
  base of the two files (``app/lineage.py``) and runs the domain's three-way ``merge``: what
  arrives without a question, and the conflicts (a field both sides changed differently).
* ``apply_merge`` writes the merge with every conflict decided as one edit: one transaction,
  one undo step, one history entry naming the other file and who worked in it. The same edit
  records the other file's state as merged in (the sync point ``sync:<its id>``), so the next
  merge of that file starts from there: merging it again brings nothing, and a change the
  colleague makes later arrives without a question. Undo takes the sync point back too.

Attachments are held back: their content lives in the file and copying it between files is
the attachments work (``_hold_back``). They stay in the other file and, because the sync point
records them as not merged, a version of isodesk that merges attachments brings them then.
"""
from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path
from typing import Callable, Mapping

from isodesk.app.lineage import KeptState, common_base, sync_name
from isodesk.app.session import ProjectSession
from isodesk.domain import linking
from isodesk.domain.edits import Change, Edit, SnapshotChange
from isodesk.domain.errors import Cancelled, DataError
from isodesk.domain.merge import (
    Conflict,
    FieldChange,
    MergeResult,
    Side,
    changes_between,
    diff,
    merge,
    records,
)
from isodesk.domain.model import Action, Risk
from isodesk.domain.serial import TYPE_NAMES, snapshot_from_dict, snapshot_to_dict
from isodesk.domain.snapshot import ProjectData
from isodesk.storage import ProjectStore, now_stamp
from isodesk.support.i18n import tr

Progress = Callable[[int, int], None] | None
Cancel = Callable[[], bool] | None
Decisions = Side | Mapping[tuple, Side]


@dataclass(frozen=True, eq=False)
class MergePlan:
    """What merging ``other`` into the project would do; made by ``plan_merge``."""

    other: Path
    mine: ProjectData  # the open project as the plan saw it
    theirs: ProjectData  # the other file, less what is held back
    base: ProjectData  # the newest state both contain
    base_state: KeptState
    result: MergeResult
    authors: tuple[str, ...]  # who worked in the other file since the base, most edits first
    theirs_changed: bool  # the other file holds changes since the base (maybe here already)
    held_back: tuple[str, ...]  # ids of the other file's attachments that changed
    sync: SnapshotChange  # the sync point the merge records
    retired: Mapping[str, int]  # per kind, the highest number this project ever gave out

    @cached_property
    def conflicts(self) -> tuple[Conflict, ...]:
        """The questions for the user. Not asked: the mirrored fields of an answer that follows
        the same source on both sides (a shared clause in another standard); it takes its
        source's values, whatever is decided there."""
        return tuple(c for c in self.result.conflicts
                     if not _follows_on_both_sides(c, self.mine, self.theirs))

    def resolved(self, decisions: Decisions = "mine") -> ProjectData:
        """The project after the merge with ``decisions`` for the conflicts."""
        data = _followers_follow(self.result.resolved(decisions), self.mine)
        return _keep_numbers_retired(data, self.mine, self.base, self.retired)

    def changes(self, decisions: Decisions = "mine") -> list[Change]:
        return changes_between(self.mine, self.resolved(decisions))

    @cached_property
    def arriving(self) -> list[FieldChange]:
        """What arrives without a question (the preview)."""
        return diff(self.mine, self.resolved("mine"))

    @property
    def is_noop(self) -> bool:
        """Nothing arrives, nothing to decide, and nothing new to remember: merging writes
        nothing (the second merge of the same file)."""
        return not self.arriving and not self.conflicts and not self.theirs_changed

    def label(self) -> str:
        """The merge as the history and the Undo menu name it."""
        if not self.authors:
            return tr("merge {file}").format(file=self.other.name)
        return tr("merge {file} ({authors})").format(file=self.other.name,
                                                     authors=", ".join(self.authors))


def plan_merge(mine: ProjectData, mine_path: str | os.PathLike, other: str | os.PathLike,
               progress: Progress = None, cancel: Cancel = None) -> MergePlan:
    """Plan merging the file ``other`` into the project ``mine`` (the snapshot of the open
    project at ``mine_path``). Reads both files read-only; DataError or ProjectFileError with
    one sentence when ``other`` cannot be merged."""
    other = Path(other)
    if other.resolve() == Path(mine_path).resolve():
        raise DataError("Choose another file than the open project to merge.")
    step = _Steps(progress, cancel, total=4)
    with ProjectStore.open(other, read_only=True) as their_store:
        their_id, _ = their_store.identity()
        if their_id == mine.id:
            raise DataError("{name} is this same project saved as another file, not a "
                            "colleague's copy, so isodesk cannot tell which side changed what.",
                            name=other.name)
        head, last_author = their_store.head(), _last_author(their_store)
        theirs = ProjectSession(their_store, author=last_author or "?").snapshot()
        step()
        with ProjectStore.open(mine_path, read_only=True) as my_store:
            state = common_base(my_store, their_store, other.name)
            previous = my_store.snapshot(sync_name(their_id))
            retired = {"action": my_store.used_numbers(Action), "risk": my_store.used_numbers(Risk)}
    step()
    base = snapshot_from_dict(state.data, mine.catalogs, mine.requirements)
    unknown = {key for key in theirs.answers if key not in mine.by_key}
    if unknown:
        raise DataError("{name} holds answers on items this project does not have (such as "
                        "{key}), so it cannot be merged.", name=other.name, key=min(unknown))
    theirs, held_back = _hold_back(base, theirs)
    result = merge(base, mine, theirs)
    their_changes = diff(base, theirs)
    step()
    sync = SnapshotChange(sync_name(their_id), previous,
                          (their_id, now_stamp(), snapshot_to_dict(theirs) | {"head": head}))
    plan = MergePlan(other, mine, theirs, base, state, result,
                     _authors(their_changes, theirs) or ((last_author,) if last_author else ()),
                     bool(their_changes), held_back, sync, retired)
    _ = plan.arriving, plan.conflicts  # computed here, in the worker, not when the GUI shows them
    step()
    return plan


def apply_merge(session: ProjectSession, plan: MergePlan, decisions: Decisions) -> Edit | None:
    """Write ``plan`` with ``decisions`` ("mine", "theirs", or one side per ``Conflict.key``
    covering every conflict) as one edit; None when there is nothing to write.

    Refuses when the project changed since the plan was made: the preview the user approved
    would no longer be what happens.
    """
    if not isinstance(decisions, str):
        undecided = [c for c in plan.conflicts if c.key not in decisions]
        if undecided:
            raise DataError("{n} conflict(s) are not decided yet; choose a side for each.",
                            n=len(undecided))
    if plan.is_noop:
        return None
    changes = plan.changes(decisions)
    if not _still_current(session, plan, changes):
        raise DataError("The project changed while the merge was being prepared; merge again.")
    edit = Edit(plan.label(), tuple(changes), snapshots=(plan.sync,))
    return session.execute(edit, kind="merge")


# ------------------------------------------------------------------------------- helpers
class _Steps:
    def __init__(self, progress: Progress, cancel: Cancel, total: int):
        self.progress, self.cancel, self.total, self.done = progress, cancel, total, 0

    def __call__(self) -> None:
        if self.cancel and self.cancel():
            raise Cancelled("The merge was cancelled; nothing was changed.")
        self.done += 1
        if self.progress:
            self.progress(self.done, self.total)


def _still_current(session: ProjectSession, plan: MergePlan, changes: list[Change]) -> bool:
    """Whether ``changes`` still apply as planned: the records they change are as the plan saw
    them, no action or risk came or went (the numbers given to arriving ones stay free), and no
    other merge of the file happened in between. Edits elsewhere do not matter."""
    now = session.snapshot()
    for change in changes:
        record = change.after if change.after is not None else change.before
        kind = TYPE_NAMES[type(record)]
        if records(now, kind).get(_identity(kind, record)) != records(plan.mine, kind).get(
                _identity(kind, record)):
            return False
    return (now.actions.keys() == plan.mine.actions.keys()
            and now.risks.keys() == plan.mine.risks.keys()
            and session.store.snapshot(plan.sync.name) == plan.sync.before)


def _identity(kind: str, record) -> str:
    return kind if kind in ("info", "scope") else record.key if kind == "answer" else record.id


def _last_author(store: ProjectStore) -> str:
    last = store.log(limit=1)
    return last[0]["by"] if last else ""


def _authors(their_changes: list[FieldChange], theirs: ProjectData) -> tuple[str, ...]:
    """Who changed the records the other file changed since the base, most records first."""
    changed = dict.fromkeys((c.kind, c.ident) for c in their_changes)
    counts = Counter(stamp.by for stamp in map(theirs.stamps.get, changed) if stamp and stamp.by)
    return tuple(name for name, _n in counts.most_common(3))


def _hold_back(base: ProjectData, theirs: ProjectData) -> tuple[ProjectData, tuple[str, ...]]:
    """The other file with what this version cannot merge set back to the base: the
    attachments (their content has to be copied between the files, which the attachments
    work adds). Returns it and the ids of the attachments held back."""
    held = tuple(ident for ident in dict.fromkeys([*base.attachments, *theirs.attachments])
                 if base.attachments.get(ident) != theirs.attachments.get(ident))
    if not held:
        return theirs, ()
    return replace(theirs, attachments=dict(base.attachments)), held


def _follows_on_both_sides(conflict: Conflict, mine: ProjectData, theirs: ProjectData) -> bool:
    if conflict.kind != "answer" or conflict.field not in linking.MIRRORED:
        return False
    source = mine.answer(conflict.ident).linked_to
    return source is not None and source == theirs.answer(conflict.ident).linked_to


def _followers_follow(data: ProjectData, mine: ProjectData) -> ProjectData:
    """Answers that follow a source the merge changed (or that the merge changed themselves)
    mirror their source again: the merge decides per field, a follower takes all of them."""
    answers = dict(data.answers)
    touched = {key for key, answer in answers.items() if mine.answers.get(key) != answer}
    touched |= {key for key in mine.answers if key not in answers}
    for key, answer in data.answers.items():
        source = answer.linked_to
        if source is None or not (key in touched or source in touched):
            continue
        values = data.answer(source)
        answers[key] = replace(answer, **{name: getattr(values, name) for name in linking.MIRRORED})
    return replace(data, answers=answers)


def _keep_numbers_retired(data: ProjectData, mine: ProjectData, base: ProjectData,
                          retired: Mapping[str, int]) -> ProjectData:
    """Actions and risks new from the other file get a number this project never gave out:
    the domain merge avoids the numbers in use, this also avoids those of deleted records
    (an "A-7" added and deleted here is not a second A-7 in the history)."""
    tables = {}
    for kind in ("action", "risk"):
        table, mine_table, base_table = dict(records(data, kind)), records(mine, kind), records(base, kind)
        highest = max([retired[kind], *(r.number for r in table.values())])
        for ident, record in sorted(table.items(), key=lambda item: item[1].number):
            if ident not in mine_table and ident not in base_table and record.number <= retired[kind]:
                highest += 1
                table[ident] = replace(record, number=highest)
        tables[kind] = table
    return replace(data, actions=tables["action"], risks=tables["risk"])

"""Importing a returned workbook into the open project: plan it (in a worker, from a snapshot),
then apply it as one edit, one undo step."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Callable

from isodesk.app.session import ProjectSession
from isodesk.domain.edits import Change, Edit
from isodesk.domain.errors import DataError
from isodesk.domain.model import Action, Answer, Risk


def import_work(session: ProjectSession, workbook: Path, force: bool = False) -> Callable:
    """``work(progress, cancel) -> ImportPlan`` for a worker thread: the project's snapshot
    and the ids of its deleted actions and risks are taken now, on the session's thread (the
    worker never touches the project file)."""
    from isodesk.excel.importer import plan_import

    data = session.snapshot()
    deleted = {ident for kind, ident in session.store.tombstones() if kind in ("action", "risk")}

    def work(progress=None, cancel=None):
        return plan_import(data, Path(workbook), progress=progress, cancel=cancel, force=force,
                           deleted=deleted)

    return work


def apply_import(session: ProjectSession, plan, decisions=None) -> Edit:
    """Apply ``plan`` (``excel.plan.ImportPlan``) with its conflicts decided as ``decisions``
    ("mine", "theirs", or per ``Conflict.key``), as one edit.

    Refuses while a conflict is undecided, and when the project changed since the plan was
    made, because the preview the user approved would no longer be what happens.
    """
    edit = plan.edit(decisions)
    for change in edit.changes:
        if _current(session, change) != change.before:
            raise DataError("The project changed after the import preview was made; import the "
                            "workbook again.")
    return session.execute(_numbered(session, edit), kind="import")


def _current(session: ProjectSession, change: Change):
    record = change.after if change.after is not None else change.before
    if isinstance(record, Answer):
        return session.answer(record.key)
    table = session.actions if isinstance(record, Action) else session.risks
    return table.get(record.id)


def _numbered(session: ProjectSession, edit: Edit) -> Edit:
    """New actions and risks numbered past every number the project gave out (deleted ones
    included, which the plan's snapshot does not know): a number is never given twice."""
    highest = {kind: session.store.used_numbers(kind) for kind in (Action, Risk)}
    taken = {kind: {r.number for r in table.values()}
             for kind, table in ((Action, session.actions), (Risk, session.risks))}
    changes = []
    for change in edit.changes:
        record = change.after
        kind = type(record)
        if change.before is None and kind in highest:
            if record.number <= highest[kind] or record.number in taken[kind]:
                highest[kind] = max(highest[kind], *taken[kind], 0) + 1
                record = replace(record, number=highest[kind])
            taken[kind].add(record.number)
            change = Change(None, record)
        changes.append(change)
    return replace(edit, changes=tuple(changes))

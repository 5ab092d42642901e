"""Applying a planned workbook import to the open project (one edit, one undo step)."""
from __future__ import annotations

from isodesk.app.session import ProjectSession
from isodesk.domain.edits import Change, Edit
from isodesk.domain.errors import DataError
from isodesk.domain.model import Action, Answer


def apply_import(session: ProjectSession, plan) -> Edit:
    """Apply ``plan`` (``excel.importer.ImportPlan``) as one edit.

    Refuses when the project changed since the plan was made, because the preview the user
    approved would no longer be what happens.
    """
    for change in plan.changes:
        if _current(session, change) != change.before:
            raise DataError("The project changed after the import preview was made; import the "
                            "workbook again.")
    return session.execute(plan.edit, kind="import")


def _current(session: ProjectSession, change: Change):
    record = change.after if change.after is not None else change.before
    if isinstance(record, Answer):
        return session.answer(record.key)
    table = session.actions if isinstance(record, Action) else session.risks
    return table.get(record.id)

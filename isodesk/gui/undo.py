"""QUndoStack adapter: each committed Edit of the session becomes one QUndoCommand.

The session applies (and commits) an edit before it reaches the stack, so the command's first
redo() does nothing; later undo()/redo() ask the session to write the inverse / the edit again.
"""
from __future__ import annotations

from PySide6.QtGui import QUndoCommand, QUndoStack

from isodesk.app.session import ProjectSession
from isodesk.domain.edits import Edit
from isodesk.domain.errors import IsodeskError
from isodesk.support.i18n import localize


class EditCommand(QUndoCommand):
    def __init__(self, session: ProjectSession, edit: Edit, on_error):
        super().__init__(edit.label)
        self.session = session
        self.on_error = on_error
        self._applied = True  # the session committed it already

    def redo(self) -> None:
        if self._applied:
            self._applied = False
            return
        try:
            self.session.redo()
        except IsodeskError as e:
            self.on_error(localize(e))

    def undo(self) -> None:
        try:
            self.session.undo()
        except IsodeskError as e:
            self.on_error(localize(e))


def attach_undo_stack(session: ProjectSession, stack: QUndoStack, on_error) -> None:
    def mirror(edit: Edit, joined: bool) -> None:
        if joined and stack.count() and stack.index() == stack.count():
            stack.command(stack.count() - 1).setText(edit.label)  # same step, newest label
        else:
            stack.push(EditCommand(session, edit, on_error))

    session.subscribe_executed(mirror)

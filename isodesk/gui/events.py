"""The session's edits as a Qt signal: each view connects itself and refreshes what an edit
touched, skipping edits it made itself (``edit.origin is view``).

A Qt signal rather than plain session listeners because views are rebuilt (a change of the
user-interface language): Qt drops the connections of a deleted view, a list of callbacks in the
session would keep calling it.
"""
from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from isodesk.app.session import ProjectSession


class SessionEvents(QObject):
    edited = Signal(object)  # every applied Edit: new edits, undo (the inverse edit) and redo

    def __init__(self, session: ProjectSession):
        # No Qt parent: the session's listener keeps this object alive as long as the session,
        # so an edit after the window has gone never reaches a deleted C++ object.
        super().__init__()
        session.subscribe(self.edited.emit)

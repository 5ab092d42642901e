"""Undo and Redo bound to the session's history, the only one (no QUndoStack beside it).

The menu shows what a step takes back in words ("Undo: result 4.1 (ISO 9001)"); the tool bar
shows a fixed "Undo", so its buttons keep their width after every edit.
"""
from __future__ import annotations

from PySide6.QtGui import QAction, QIcon, QKeySequence

from isodesk.app.session import ProjectSession
from isodesk.support.i18n import tr
from isodesk.support.paths import bundled


class UndoActions:
    def __init__(self, parent, session: ProjectSession, perform, flush):
        """``flush()`` writes typing that is still only on screen, so that Undo takes it back
        with the step it belongs to instead of leaving it to be saved after the undo."""
        self.session = session
        self.undo = QAction(parent)
        self.redo = QAction(parent)
        self.undo.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo.setShortcuts([QKeySequence(QKeySequence.StandardKey.Redo), QKeySequence("Ctrl+Y")])
        icons = bundled("resources") / "icons"
        self.undo.setIcon(QIcon(str(icons / "undo.svg")))
        self.redo.setIcon(QIcon(str(icons / "redo.svg")))

        def run(step):
            flush()
            perform(step)
            self.update()

        self.undo.triggered.connect(lambda _c=False: run(session.undo))
        self.redo.triggered.connect(lambda _c=False: run(session.redo))
        # The session tells its edit listeners before it files the edit in its history; the
        # executed-listener comes after, when the label of the new step is known.
        session.subscribe_executed(lambda _edit, _joined: self.update())
        self.update()

    def update(self, _edit=None) -> None:
        s = self.session
        for action, word, label, possible in (
                (self.undo, tr("&Undo"), s.undo_label, s.can_undo and not s.read_only),
                (self.redo, tr("&Redo"), s.redo_label, s.can_redo and not s.read_only)):
            action.setText(tr("{action}: {step}").format(action=word, step=label) if label else word)
            action.setIconText(word.replace("&", ""))
            action.setToolTip(action.text().replace("&", ""))
            action.setEnabled(possible)

"""Text fields bound to a project field (findings, evidence, interviewee, the interview note).

Ctrl+Z in such a field undoes the field's own typing only while that typing is not yet saved;
once it is, Ctrl+Z is the project's Undo, wherever the focus is (Qt would otherwise let the
field swallow the shortcut and do nothing).
"""
from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDateEdit, QLineEdit, QPlainTextEdit, QWidget

_HISTORY_KEYS = (QKeySequence.StandardKey.Undo, QKeySequence.StandardKey.Redo)


def _leaves_undo_to_the_project(event, unsaved: Callable[[], bool]) -> bool:
    if event.type() != QEvent.Type.ShortcutOverride:
        return False
    history = any(event.matches(k) for k in _HISTORY_KEYS) or (
        event.keyCombination().toCombined() == QKeySequence("Ctrl+Y")[0].toCombined())
    return history and not unsaved()


class ProjectTextEdit(QPlainTextEdit):
    """Plain text; Tab moves the focus on; ``focus_out`` lets the owner save at once."""

    focus_out = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self.unsaved: Callable[[], bool] = lambda: True

    def event(self, event) -> bool:
        if _leaves_undo_to_the_project(event, self.unsaved):
            event.ignore()
            return True
        return super().event(event)

    def focusOutEvent(self, event) -> None:
        self.focus_out.emit()
        super().focusOutEvent(event)


class ProjectLineEdit(QLineEdit):
    focus_in = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.unsaved: Callable[[], bool] = lambda: True

    def focusInEvent(self, event) -> None:
        self.focus_in.emit()
        super().focusInEvent(event)

    def event(self, event) -> bool:
        if _leaves_undo_to_the_project(event, self.unsaved):
            event.ignore()
            return True
        return super().event(event)


class OneStopDateEdit(QDateEdit):
    """A date field that is one Tab stop: Tab leaves it instead of walking day, month and year
    (or, while it is empty, doing nothing at all); the arrow keys still move between them."""

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
            forward = event.key() == Qt.Key.Key_Tab and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier
            QWidget.focusNextPrevChild(self, forward)
            return
        super().keyPressEvent(event)

"""A scrolling overview (dashboard, progress) that is costly to draw: an edit redraws it only
while it is on screen; hidden behind another tab it is marked, and drawn when shown again, so
typing in the checklist never waits for charts nobody sees."""
from __future__ import annotations

from PySide6.QtWidgets import QScrollArea


class OverviewArea(QScrollArea):
    """Subclasses draw themselves in ``refresh()``."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.dirty = True

    def refresh(self) -> None:
        self.dirty = False

    def showEvent(self, event) -> None:
        if self.dirty:
            self.refresh()
        super().showEvent(event)

    def mark_dirty(self) -> None:
        self.dirty = True
        if self.isVisible():
            self.refresh()

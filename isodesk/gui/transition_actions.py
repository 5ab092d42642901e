"""Project → Add transition to ISO 14001:2026…: one entry per newer edition of a standard the
project holds (the catalog says which edition it ``supersedes``), found when the menu is first
opened, so the catalogs are not read at start-up.

The transition itself is ``app/transition.py``: asked for with what it will do, written in one
step, after which the window is built again for the project with both editions and shows the
new one. It is not an undo step (a standard cannot be taken out of a project again); the
question says so.
"""
from __future__ import annotations

from PySide6.QtGui import QAction

from isodesk.app.transition import apply_transition, candidates, plan_transition
from isodesk.domain.errors import IsodeskError
from isodesk.gui import dialogs
from isodesk.support.i18n import localize, tr


class TransitionMenu:
    def __init__(self, window, menu):
        self.window = window
        self.menu = menu
        self._registry = None
        # Shown until the menu is opened: an empty menu would not say what it is for.
        self._disabled_entry(tr("Add transition to a new edition"))
        menu.aboutToShow.connect(self.fill)

    def _disabled_entry(self, text: str) -> None:
        action = QAction(text, self.menu)
        action.setEnabled(False)
        self.menu.addAction(action)

    def fill(self) -> None:
        window = self.window
        if self._registry is None:
            from isodesk.catalog import CatalogRegistry

            self._registry = CatalogRegistry.default()
        self.menu.clear()
        found = candidates(window.session, self._registry)
        for catalog in found:
            action = QAction(tr("Add transition to {name}…").format(name=catalog.info.name),
                             self.menu)
            action.setEnabled(not window.session.read_only)
            action.triggered.connect(lambda _c=False, cat_id=catalog.id: self.start(cat_id))
            self.menu.addAction(action)
        if not found:
            self._disabled_entry(tr("No newer edition of this project's standards is available"))

    def start(self, catalog_id: str) -> None:
        window = self.window
        window.flush_typing()
        try:
            plan = plan_transition(window.session, self._registry, catalog_id)
        except IsodeskError as e:
            window.show_error(localize(e))
            return
        question = "\n\n".join((plan.summary(), tr(
            "Undo cannot take this step back: {new} stays in the project. Add it now?").format(
            new=plan.new.info.name)))
        if not dialogs.confirm(window, question, tr("Transition to {name}").format(
                name=plan.new.info.name)):
            return
        if not window.perform(lambda: apply_transition(window.session, plan)):
            return
        window.rebuild()  # every view, for the project with both editions
        window.show_tab(window.checklist)
        checklist = window.checklist
        checklist.tree.setCurrentIndex(checklist.tree_model.index_for(plan.new.id))
        window.statusBar().showMessage(tr(
            "{new} is added. The filter \u201cNot yet re-verified\u201d lists the carried-over "
            "answers to check.").format(new=plan.new.info.name), 15000)

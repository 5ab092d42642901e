"""File → Copy for a colleague… and File → Merge…: the two halves of working apart.

Both read files in the window's background task (``MainWindow._run``): the copy is written from
a read-only session the worker opens itself, and the merge is planned from a snapshot of the
open project plus read-only connections of its own, never the window's connection. Applying
the merge happens here, in the GUI thread, as one edit of the window's session (one Undo).
"""
from __future__ import annotations

from pathlib import Path

from isodesk.app import merge_text
from isodesk.app.copy import copy_project
from isodesk.app.merge import MergePlan, apply_merge, plan_merge
from isodesk.app.session import ProjectSession
from isodesk.gui import dialogs
from isodesk.support.i18n import tr


def copy_for_colleague(window) -> None:
    session = window.session
    suggested = session.path.with_name(f"{session.path.stem} ({tr('colleague')}).isodesk")
    path = dialogs.save_file(window, tr("Copy for a colleague"), str(suggested),
                             dialogs.PROJECT_FILTER, ".isodesk")
    if not path:
        return
    source, author = session.path, session.author

    def work(_progress, _cancel) -> Path:
        original = ProjectSession.open(source, read_only=True, author=author)
        try:
            return copy_project(original, path)
        finally:
            original.close()

    window._run(tr("Writing the copy…"), work, lambda out: dialogs.inform(window, tr(
        "{name} is ready for your colleague. When it comes back, File → Merge… brings their "
        "work into this project; what both of you changed is shown side by side.").format(
        name=Path(out).name)))


def merge_from_file(window) -> None:
    path = dialogs.open_file(window, tr("Merge a colleague's file"), window._folder(),
                             dialogs.PROJECT_FILTER)
    if not path:
        return
    mine, mine_path = window.session.snapshot(), window.session.path
    window._run(tr("Reading {name}…").format(name=path.name),
                lambda progress, cancel: plan_merge(mine, mine_path, path, progress, cancel),
                lambda plan: review(window, plan))


def review(window, plan: MergePlan) -> None:
    """Show the plan and apply it as the user decides."""
    if not plan.arriving and not plan.conflicts:
        # Nothing to see or decide: what the other file holds is here already. Still recorded
        # (when it holds anything new at all), so the next merge of it starts from here.
        if window.perform(lambda: apply_merge(window.session, plan, "mine")):
            dialogs.inform(window, " ".join(filter(None, (merge_text.summary(plan),
                                                          merge_text.held_back_note(plan)))))
        return
    decisions = dialogs.merge_decisions(window, plan)
    if decisions is None:
        return
    if window.perform(lambda: apply_merge(window.session, plan, decisions)):
        window.statusBar().showMessage(tr("Merged {file}; Undo takes the whole merge back.").format(
            file=plan.other.name), 8000)

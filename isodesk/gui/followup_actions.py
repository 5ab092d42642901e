"""File → New follow-up… and View → Compare…: starting a follow-up assessment (hermeting) from
the open project, and comparing it with another assessment.

Both read and write files in the window's background task (``MainWindow._run``): the follow-up
is written from a read-only session the worker opens itself, the other file of a comparison is
read the same way; the open project's side is a snapshot taken in the GUI thread.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path

from isodesk.app.compare import in_order, read_side, related, unrelated_warning
from isodesk.app.followup import start_followup
from isodesk.app.session import ProjectSession
from isodesk.domain.progress import compare
from isodesk.gui import dialogs
from isodesk.support.i18n import tr


def new_followup(window) -> None:
    session = window.session
    day = date.today()
    suggested = session.path.with_name(tr("{name} follow-up {date}").format(
        name=session.path.stem, date=day.isoformat()) + ".isodesk")
    path = dialogs.save_file(window, tr("New follow-up"), str(suggested), dialogs.PROJECT_FILTER,
                             ".isodesk")
    if not path:
        return
    source, author = session.path, session.author

    def work(_progress, _cancel) -> Path:
        baseline = ProjectSession.open(source, read_only=True, author=author)
        try:  # the file dialog asked before replacing an existing file
            return start_followup(baseline, path, on=day, overwrite=True)
        finally:
            baseline.close()

    window._run(tr("Writing the follow-up…"), work, lambda out: _offer_to_open(window, Path(out)))


def _offer_to_open(window, out: Path) -> None:
    if dialogs.confirm(window, tr(
            "{name} is ready: every answer of this assessment is carried over, marked to "
            "re-verify, with the baseline shown beside it. Open the follow-up now?").format(
            name=out.name)):
        window.open_requested.emit(str(out))


def compare_with_file(window) -> None:
    path = dialogs.open_file(window, tr("Compare with another assessment"), window._folder(),
                             dialogs.PROJECT_FILTER)
    if not path:
        return
    window.flush_typing()
    mine, own = window.session.snapshot(), window.session.path
    window._run(tr("Reading {name}…").format(name=path.name),
                lambda _progress, _cancel: (read_side(own, mine), read_side(path)),
                lambda sides: _show(window, *sides))


def _show(window, here, other) -> None:
    old, new = in_order(here, other)
    if not related(old, new) and not dialogs.confirm(
            window, unrelated_warning(old, new) + " " + tr("Compare them anyway?")):
        return
    key = dialogs.show_comparison(window, compare(old.data, new.data), old, new)
    if key and key in window.session.by_key:
        window.jump_to(key)

"""``isodesk check``: is this a healthy project file? A one-sentence verdict, and SQLite's own
findings for ``--verbose``.

A damaged file gets the same sentence here as from every other command that opens it: the
checks that run on every open (storage/integrity.py) come first, the slower full integrity
check after them.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from isodesk.domain.errors import DamagedFileError, ProjectFileError
from isodesk.storage import FORMAT_VERSION, ProjectStore
from isodesk.storage.integrity import damaged
from isodesk.support.i18n import localize, tr


@dataclass(frozen=True)
class Verdict:
    ok: bool
    sentence: str
    details: tuple[str, ...] = ()


def _failed(error: ProjectFileError) -> Verdict:
    details = error.details if isinstance(error, DamagedFileError) else ()
    return Verdict(False, tr("FAILED: {reason}").format(reason=localize(error)), details)


def check_project(path: Path) -> Verdict:
    try:
        store = ProjectStore.open(path, read_only=True)
    except ProjectFileError as e:
        return _failed(e)
    try:
        problems = store.integrity_problems()
        n_items = len([r for r in store.requirements() if r.assessable])
        n_answers = len(store.answers())
        n_cats = len(store.catalogs())
    except ProjectFileError as e:
        return _failed(e)
    finally:
        store.close()
    if problems:
        return _failed(damaged(path, problems))
    return Verdict(True, tr("OK: {name} is a valid isodesk project (format {version}, {standards} "
                            "standard(s), {items} items, {answered} answered).").format(
        name=path.name, version=FORMAT_VERSION, standards=n_cats, items=n_items,
        answered=n_answers))

"""``isodesk check``: is this a healthy project file? One line verdict."""
from __future__ import annotations

from pathlib import Path

from isodesk.domain.errors import ProjectFileError
from isodesk.storage import FORMAT_VERSION, ProjectStore


def check_project(path: Path) -> tuple[bool, str]:
    try:
        store = ProjectStore.open(path, read_only=True)
    except ProjectFileError as e:
        return False, f"FAILED: {e}"
    try:
        problems = store.integrity_problems()
        n_items = len([r for r in store.requirements() if r.assessable])
        n_answers = len(store.answers())
        n_cats = len(store.catalogs())
    except ProjectFileError as e:
        return False, f"FAILED: {e}"
    finally:
        store.close()
    if problems:
        return False, f"FAILED: {path.name} is damaged: {'; '.join(problems[:3])}."
    return True, (f"OK: {path.name} is a valid isodesk project (format {FORMAT_VERSION}, "
                  f"{n_cats} standard(s), {n_items} items, {n_answers} answered).")

"""Is the content of a project file intact? ``PRAGMA quick_check`` on every open.

SQLite reads a damaged page as whatever bytes are there: unchecked, an overwritten page shows up
as a missing item (39 of 40 in a standard), a KeyError far from the cause, or a wrong count.
quick_check walks the structure of every page (everything integrity_check does except comparing
index contents with their tables) in linear time: about 1.4 ms on the demo project and 39 ms on
5,000 items, cheap enough for every open. ``isodesk check`` runs the full integrity_check too.
Every way of finding damage ends in the same sentence, so a command, the GUI and ``check`` say
the same thing about the same file.
"""
from __future__ import annotations

import sqlite3
from pathlib import Path

from isodesk.domain.errors import DamagedFileError

# How many of SQLite's findings to keep for ``check --verbose`` (a damaged file can have
# thousands; the first ones say enough).
MAX_DETAILS = 20


def damaged(path: Path, details=()) -> DamagedFileError:
    return DamagedFileError(
        "{name} is damaged: parts of the file cannot be read. Open a backup or the last copy "
        "you saved or sent; isodesk has left the file as it was.",
        details=tuple(str(d) for d in details)[:MAX_DETAILS], name=path.name)


def page_problems(conn: sqlite3.Connection) -> list[str]:
    """quick_check's findings about the file's pages (empty when intact). A file too damaged
    to check is a finding too; an OperationalError (locked, read-only, disk) is not about the
    pages and is raised."""
    try:
        lines = [row[0] for row in conn.execute(f"PRAGMA quick_check({MAX_DETAILS})")]
    except sqlite3.OperationalError:
        raise
    except sqlite3.DatabaseError as e:
        return [str(e)]
    return [] if lines == ["ok"] else lines


def verify_pages(conn: sqlite3.Connection, path: Path) -> None:
    """DamagedFileError unless quick_check finds every page intact."""
    problems = page_problems(conn)
    if problems:
        raise damaged(path, problems)

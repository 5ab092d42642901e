"""Is the content of a project file intact? ``PRAGMA quick_check`` on every open.

SQLite reads a damaged page as whatever bytes are there: unchecked, an overwritten page shows up
as a missing item (39 of 40 in a standard), a KeyError far from the cause, or a wrong count.
quick_check walks the structure of every page (everything integrity_check does except comparing
index contents with their tables) in linear time: about 1.4 ms on the demo project and 39 ms on
5,000 items, cheap enough for every open. ``isodesk check`` runs the full integrity_check too.
Every way of finding damage ends in the same sentence, so a command, the GUI and ``check`` say
the same thing about the same file.

The bytes of attachments are the exception: quick_check reads every page, and 200 photos are
some 15,000 of them (15 ms of an open that takes 17 ms without them). Their table is checked
table by table like the others minus those bytes: a pass over its records reads its own pages,
SQLite reports a damaged chain of a photo's pages when the photo is read, and ``isodesk
check``'s integrity_check reads everything.
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


# Read by a pass over its records, not by quick_check (see above).
BYTES_TABLE = "attachment_content"


def page_problems(conn: sqlite3.Connection) -> list[str]:
    """quick_check's findings about the file's pages (empty when intact). A file too damaged
    to check is a finding too; an OperationalError (locked, read-only, disk) is not about the
    pages and is raised."""
    try:
        tables = [row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        lines: list[str] = []
        for table in ("sqlite_master", *(t for t in tables if t != BYTES_TABLE)):
            lines += [row[0] for row in conn.execute(f'PRAGMA quick_check("{table}")')
                      if row[0] != "ok"]
        if BYTES_TABLE in tables:
            # length() reads a record's header, not the pages of its bytes; the ordered list of
            # hashes reads the primary key's index
            conn.execute(f"SELECT sum(length(data) + ifnull(length(thumbnail), 0)) "
                         f"FROM {BYTES_TABLE}").fetchall()
            conn.execute(f"SELECT sha256 FROM {BYTES_TABLE} ORDER BY sha256").fetchall()
    except sqlite3.OperationalError:
        raise
    except sqlite3.DatabaseError as e:
        return [str(e)]
    return lines[:MAX_DETAILS]


def verify_pages(conn: sqlite3.Connection, path: Path) -> None:
    """DamagedFileError unless quick_check finds every page intact."""
    problems = page_problems(conn)
    if problems:
        raise damaged(path, problems)

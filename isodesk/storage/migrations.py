"""The user_version ladder: ``STEPS[n]`` upgrades a file from format n to n + 1.

Before the first step, a backup copy of the file is made beside it (``<name>.format<n>.bak``);
all steps then run in one exclusive transaction, so a failure or a kill leaves the file in the
old format (SQLite rolls the journal back), never half upgraded. A project opened read-only is
upgraded in memory only: the file is not touched.
Format 1 is the first released format; tests/fixtures holds a file of every released format.
"""
from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Callable

from isodesk.domain.errors import ProjectFileError
from isodesk.storage.fileformat import FORMAT_VERSION
from isodesk.support.atomic import atomic_write


# format n -> function(connection) that brings it to n + 1 and returns what the user should
# review (for format 2: the SoA entries that disagreed with the checklist)
def _to_format_2(conn: sqlite3.Connection) -> list:
    from isodesk.storage import (
        format2,  # only when a file of the first release is opened
    )

    return format2.upgrade(conn)


STEPS: dict[int, Callable[[sqlite3.Connection], list]] = {1: _to_format_2}


def backup_path(path: Path, version: int) -> Path:
    return path.with_name(f"{path.name}.format{version}.bak")


def upgrade(conn: sqlite3.Connection, path: Path, from_version: int, backup: bool = True) -> list:
    """Bring the database of ``conn`` to FORMAT_VERSION; returns the steps' notes."""
    missing = [v for v in range(from_version, FORMAT_VERSION) if v not in STEPS]
    if missing:
        raise ProjectFileError("{name} uses file format {version}, which this isodesk cannot upgrade.",
                               name=path.name, version=from_version)
    notes: list = []
    try:
        if backup:  # complete or not at all, with the user's permissions (support/atomic.py)
            with atomic_write(backup_path(path, from_version), create=False) as tmp:
                target = sqlite3.connect(tmp)
                try:
                    conn.backup(target)
                finally:
                    target.close()
        conn.execute("PRAGMA foreign_keys=OFF")  # tables are renamed and rebuilt
        conn.execute("BEGIN EXCLUSIVE")
        try:
            for version in range(from_version, FORMAT_VERSION):
                notes += STEPS[version](conn)
            broken = conn.execute("PRAGMA foreign_key_check").fetchall()
            if broken:
                raise ProjectFileError("broken references in table {table}", table=broken[0][0])
            conn.execute(f"PRAGMA user_version={FORMAT_VERSION}")
            conn.execute("COMMIT")
        except Exception as e:
            conn.execute("ROLLBACK")
            raise ProjectFileError(
                "{name} could not be upgraded to the current format ({reason}); it was left as it was.",
                name=path.name, reason=e) from None
        finally:
            conn.execute("PRAGMA foreign_keys=ON")
    except sqlite3.Error as e:
        raise ProjectFileError("{name} could not be upgraded: {reason}.", name=path.name, reason=e) from None
    return notes

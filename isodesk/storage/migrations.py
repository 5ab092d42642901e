"""The user_version ladder: ``STEPS[n]`` upgrades a file from format n to n + 1.

Before the first step, a backup copy of the file is made beside it (``<name>.format<n>.bak``);
all steps then run in one exclusive transaction, so a failure leaves the file as it was.
Format 1 is the first released format; tests/fixtures holds a file of every released format.
"""
from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Callable

from isodesk.domain.errors import ProjectFileError
from isodesk.storage.fileformat import FORMAT_VERSION

# format n -> function(connection) that brings it to n + 1 (DDL/DML on an sqlite3 connection)
STEPS: dict[int, Callable[[sqlite3.Connection], None]] = {}


def backup_path(path: Path, version: int) -> Path:
    return path.with_name(f"{path.name}.format{version}.bak")


def upgrade(conn: sqlite3.Connection, path: Path, from_version: int) -> None:
    missing = [v for v in range(from_version, FORMAT_VERSION) if v not in STEPS]
    if missing:
        raise ProjectFileError("{name} uses file format {version}, which this isodesk cannot upgrade.",
                               name=path.name, version=from_version)
    backup = backup_path(path, from_version)
    try:
        target = sqlite3.connect(backup)
        conn.backup(target)
        target.close()
        conn.execute("BEGIN EXCLUSIVE")
        try:
            for version in range(from_version, FORMAT_VERSION):
                STEPS[version](conn)
            conn.execute(f"PRAGMA user_version={FORMAT_VERSION}")
            conn.execute("COMMIT")
        except Exception as e:
            conn.execute("ROLLBACK")
            raise ProjectFileError(
                "{name} could not be upgraded to the current format ({reason}); it was left as it was.",
                name=path.name, reason=e) from None
    except sqlite3.Error as e:
        raise ProjectFileError("{name} could not be upgraded: {reason}.", name=path.name, reason=e) from None

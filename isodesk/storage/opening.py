"""What happens between a path and an SQLite connection to it, in this order:

1. Is it an isodesk project at all (the header's magic and application id)? A foreign file is
   refused before SQLite may touch it.
2. For writing: may we write here, and does nobody else have it open (the lock)?
3. A journal beside the file is a killed writer's unfinished save: SQLite rolls it back, under
   our lock, also before a read-only open (storage/recovery.py).
4. Only then the header's promises (size, format version): a file with a hot journal looks cut
   off until the rollback.
"""
from __future__ import annotations

from pathlib import Path

from isodesk.domain.errors import ReadOnlyFileError
from isodesk.storage import recovery
from isodesk.storage.fileformat import (
    Header,
    identify,
    is_writable,
    verify_project_file,
)
from isodesk.storage.lock import ProjectLock


def prepare_open(path: Path, read_only: bool,
                 lock: ProjectLock | None = None) -> tuple[Header, ProjectLock | None]:
    """The verified header of ``path`` and, for writing, the lock (taken here unless the caller
    holds it already). One-sentence ProjectFileError otherwise, with no lock left behind."""
    identify(path)
    if read_only:
        if recovery.has_journal(path):
            recovery.roll_back_for_reading(path)
        return verify_project_file(path, check_size=not recovery.has_journal(path)), None
    if lock is None:
        if not is_writable(path):
            raise ReadOnlyFileError("{name} is read-only here; it can be opened read-only.",
                                    name=path.name)
        lock = ProjectLock(path)
        lock.acquire()
    try:
        if recovery.has_journal(path):
            recovery.roll_back(path)
        return verify_project_file(path, check_size=not recovery.has_journal(path)), lock
    except BaseException:
        lock.release()
        raise

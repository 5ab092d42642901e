"""Finishing what a killed writer left behind: a hot journal beside the project file.

A writer killed in the middle of a commit leaves ``<file>-journal``, holding the original content
of every page it had begun to overwrite. Until SQLite has put those pages back, the file itself
can look cut off: page 1 may already carry the new page count while the file was not extended
yet. SQLite rolls a hot journal back the first time a connection that may write reads the file,
which restores it byte for byte as it was before the unfinished transaction. So when a journal
is there, we let SQLite do that (a read-write open, under our lock) before looking at the header
and size, for read-only commands too. We never delete a journal ourselves: that would keep the
half-written pages.
"""
from __future__ import annotations

import sqlite3
from pathlib import Path

from isodesk.domain.errors import ProjectFileError
from isodesk.storage.lock import ProjectLock, read_lock


def journal_path(path: Path) -> Path:
    real = path.resolve()
    return real.with_name(real.name + "-journal")


def has_journal(path: Path) -> bool:
    """A journal SQLite may have to roll back (an empty one never needs it)."""
    try:
        return journal_path(path).stat().st_size > 0
    except OSError:
        return False


def roll_back(path: Path) -> None:
    """Let SQLite roll a hot journal back: open read-write and read once. The caller holds our
    lock; SQLite's own locks make it a no-op when a live writer owns the journal."""
    uri = path.resolve().as_uri() + "?mode=rw"
    try:
        conn = sqlite3.connect(uri, uri=True, isolation_level=None)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        pass  # damage beyond the journal: the checks after this name it in one sentence


def roll_back_for_reading(path: Path) -> None:
    """Roll a hot journal back before a read-only open, when nobody has the file open. When
    someone has (a live lock), the journal belongs to their transaction in progress and SQLite
    reads the file consistently without us. When we may not write here, the read-only open
    reports that (``unfinished_save``)."""
    lock = ProjectLock(path)
    try:
        lock.acquire()
    except ProjectFileError:
        return
    try:
        roll_back(path)
    finally:
        lock.release()


def unfinished_save(path: Path) -> ProjectFileError:
    """The sentence when a hot journal could not be rolled back before a read-only open."""
    holder = read_lock(path)
    if holder is not None:  # we did not touch it: it belongs to whoever has the file open
        return ProjectFileError(
            "{name} was left half-saved while {user} on {host} had it open; it repairs itself "
            "the next time it is opened for writing there (or here, once you are sure nobody "
            "works in it).", name=path.name, user=holder.user, host=holder.host)
    return ProjectFileError(
        "{name} was left half-saved by a program that stopped, and isodesk may not write here "
        "to finish it: copy {name} together with {journal} to a folder of your own and open it "
        "there.", name=path.name, journal=journal_path(path).name)

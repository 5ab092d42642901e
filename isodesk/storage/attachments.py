"""The bytes of attachments in the project file (table ``attachment_content``), by SHA-256.

Opening a project reads the attachment records, never their bytes: a photo is read when it is
shown (``content``, ``thumbnail``); a report or an export reads them on a connection of its own
in its worker thread (``ContentReader``).

The bytes are written before the record that needs them (``put_content`` in a transaction of
its own, then the edit with the record; the record's foreign key refuses a record without
bytes). They outlive a detached record for the rest of the session, so Undo can bring the
attachment back, and are deleted when the project is closed (``purge_unused``); a copy of the
project never carries them. ``secure_delete`` zeroes their pages, and a file that lost much to
a purge is compacted, so a removed photo neither lingers in the file nor keeps it large.
"""
from __future__ import annotations

import contextlib
import json
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING, Iterable

from isodesk.domain.errors import DataError, IsodeskError

if TYPE_CHECKING:
    from isodesk.storage.project_store import ProjectStore

# Compact the file after a purge when free pages are at least this share of it, and at least
# COMPACT_PAGES (4 MB of 4 KB pages): a removed batch of photos, not a caption's worth.
COMPACT_SHARE = 0.25
COMPACT_PAGES = 1024


def put_content(store: ProjectStore, sha256: str, data: bytes, thumbnail: bytes | None) -> None:
    """Keep ``data`` (and its thumbnail) in the file; bytes already there are not written again."""
    with store._writing() as conn:
        conn.execute("INSERT OR IGNORE INTO attachment_content (sha256, data, thumbnail) "
                     "VALUES (?, ?, ?)", (sha256, data, thumbnail))


def stored(store: ProjectStore, sha256s: Iterable[str]) -> set[str]:
    """Which of ``sha256s`` the file holds the bytes of."""
    wanted = list(dict.fromkeys(sha256s))
    found: set[str] = set()
    for start in range(0, len(wanted), 500):  # SQLite's limit on parameters per statement
        part = wanted[start:start + 500]
        found |= {row[0] for row in store._query(
            f"SELECT sha256 FROM attachment_content WHERE sha256 IN ({', '.join('?' * len(part))})",
            part)}
    return found


def content(store: ProjectStore, sha256: str) -> bytes | None:
    found = store._query("SELECT data FROM attachment_content WHERE sha256 = ?", (sha256,))
    return bytes(found[0][0]) if found else None


def thumbnail(store: ProjectStore, sha256: str) -> bytes | None:
    found = store._query("SELECT thumbnail FROM attachment_content WHERE sha256 = ?", (sha256,))
    return bytes(found[0][0]) if found and found[0][0] is not None else None


def purge_unused(store: ProjectStore, compact: bool = True) -> int:
    """Delete the bytes no attachment record needs (detached in this session, or left by a
    session that was killed); with ``compact``, shrink a file that lost much by it. Returns
    how many were deleted."""
    unused = "SELECT sha256 FROM attachment_content WHERE sha256 NOT IN (SELECT sha256 FROM attachment)"
    if not store._query(unused + " LIMIT 1"):
        return 0  # the usual case: a read, no write transaction
    with store._writing() as conn:
        deleted = conn.execute(f"DELETE FROM attachment_content WHERE sha256 IN ({unused})").rowcount
    if compact:
        free = store._query("PRAGMA freelist_count")[0][0]
        pages = store._query("PRAGMA page_count")[0][0]
        if free >= COMPACT_PAGES and free >= pages * COMPACT_SHARE:
            try:
                store._conn.execute("VACUUM")
            except sqlite3.Error:
                pass  # a full disk: the file keeps its (zeroed) free pages, nothing is lost
    return deleted


def purge_quietly(store: ProjectStore) -> None:
    """``purge_unused`` when closing: a failure (a full disk) only leaves the bytes until the
    next close, it must not keep the project from closing."""
    with contextlib.suppress(IsodeskError, sqlite3.Error):
        purge_unused(store)


def copy_content(store: ProjectStore, source: Path, sha256s: Iterable[str]) -> None:
    """Bring the bytes of ``sha256s`` that ``store``'s file lacks over from the project file
    ``source`` (a merge), in one transaction; DataError when ``source`` lacks some."""
    wanted = set(sha256s)
    wanted -= stored(store, wanted)
    if not wanted:
        return
    from isodesk.storage.project_store import ProjectStore

    with ProjectStore.open(source, read_only=True) as other, store._writing() as conn:
        for sha256 in sorted(wanted):
            found = other._query("SELECT data, thumbnail FROM attachment_content "
                                 "WHERE sha256 = ?", (sha256,))
            if not found:
                raise DataError("{name} no longer holds an attachment that was to be merged; "
                                "merge again.", name=source.name)
            conn.execute("INSERT INTO attachment_content (sha256, data, thumbnail) "
                         "VALUES (?, ?, ?)", (sha256, found[0][0], found[0][1]))


def history(store: ProjectStore, key: str) -> list[dict]:
    """The edits of the attachments of requirement ``key``, newest first, as
    ``ProjectStore.history`` gives them (attachments are logged by their id)."""
    found = store._query(
        "SELECT l.seq, l.at, l.by, l.label, l.kind, c.before, c.after FROM edit_change c "
        "JOIN edit_log l ON l.seq = c.seq WHERE c.record_type = 'attachment' "
        "AND json_extract(coalesce(c.after, c.before), '$.key') = ? "
        "ORDER BY l.seq DESC, c.position DESC", (key,))
    return [{"seq": r["seq"], "at": r["at"], "by": r["by"], "label": r["label"],
             "kind": r["kind"], "before": json.loads(r["before"]) if r["before"] else None,
             "after": json.loads(r["after"]) if r["after"] else None} for r in found]


class ContentReader:
    """Attachment bytes read on a read-only connection of the reader's own, made in the thread
    that first reads (SQLite connections stay on the thread that made them): a report or an
    export in a worker thread reads the photos while the user goes on editing. Bytes are
    never changed in place (they are stored under their hash), so what it reads is what the
    snapshot it works from refers to."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self._conn: sqlite3.Connection | None = None

    def __call__(self, sha256: str) -> bytes | None:
        """The bytes, or None when the file no longer holds them (or cannot be read)."""
        try:
            if self._conn is None:
                self._conn = sqlite3.connect(self.path.resolve().as_uri() + "?mode=ro", uri=True)
            found = self._conn.execute("SELECT data FROM attachment_content WHERE sha256 = ?",
                                       (sha256,)).fetchone()
        except sqlite3.Error:
            return None
        return bytes(found[0]) if found else None

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

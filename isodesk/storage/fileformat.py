"""Recognising an .isodesk file from its first 100 bytes, before SQLite ever touches it.

Reading the SQLite header ourselves means a foreign, truncated or newer file is refused without
opening a connection, so SQLite never touches it. The one exception is deliberate: an isodesk
project with a hot journal beside it is handed to SQLite to roll back (storage/recovery.py)
before its size is checked, because until then it looks cut off.
"""
from __future__ import annotations

import os
import struct
from dataclasses import dataclass
from pathlib import Path

from isodesk.domain.errors import NewerFormatError, ProjectFileError

APPLICATION_ID = 0x49534F44  # "ISOD"; PRAGMA application_id of every .isodesk file
FORMAT_VERSION = 2  # PRAGMA user_version written by this isodesk
FILE_SUFFIX = ".isodesk"
SQLITE_MAGIC = b"SQLite format 3\x00"
# Tables every project of a format has (schema.py defines the current ones; a test keeps the
# two in step).
_FORMAT_1_TABLES = frozenset({"meta", "catalog", "requirement", "answer", "soa", "action",
                              "action_requirement", "risk", "risk_requirement", "asset"})
REQUIRED_TABLES = {
    1: _FORMAT_1_TABLES,
    2: _FORMAT_1_TABLES - {"soa"} | {"attachment", "tombstone", "edit_log", "edit_change",
                                     "snapshot"},
}


@dataclass(frozen=True)
class Header:
    page_size: int
    page_count: int
    user_version: int
    application_id: int
    file_size: int


def read_header(path: Path) -> Header:
    """The SQLite header of ``path``; ProjectFileError when it is not a complete SQLite file."""
    name = path.name
    try:
        size = path.stat().st_size
        with open(path, "rb") as f:
            raw = f.read(100)
    except FileNotFoundError:
        raise ProjectFileError("{name} does not exist.", name=name) from None
    except IsADirectoryError:
        raise ProjectFileError("{name} is a folder, not an isodesk project.", name=name) from None
    except PermissionError:
        raise ProjectFileError("{name} cannot be read: permission denied.", name=name) from None
    except OSError as e:
        raise ProjectFileError("{name} cannot be read: {reason}.", name=name, reason=e.strerror or e) from None
    if len(raw) < 100 or not raw.startswith(SQLITE_MAGIC):
        if raw.startswith(SQLITE_MAGIC[:6]):
            raise ProjectFileError("{name} is damaged: the file is incomplete.", name=name)
        raise ProjectFileError("{name} is not an isodesk project (it is not a project database).",
                               name=name)
    (page_size,) = struct.unpack(">H", raw[16:18])
    page_size = 65536 if page_size == 1 else page_size
    (change_counter,) = struct.unpack(">I", raw[24:28])
    (page_count,) = struct.unpack(">I", raw[28:32])
    (valid_for,) = struct.unpack(">I", raw[92:96])
    (user_version,) = struct.unpack(">I", raw[60:64])
    (application_id,) = struct.unpack(">I", raw[68:72])
    if change_counter != valid_for:  # legacy writers: the in-header size is not trustworthy
        page_count = size // page_size if page_size else 0
    return Header(page_size, page_count, user_version, application_id, size)


def identify(path: Path) -> Header:
    """The header of ``path`` if it is an isodesk project at all; a one-sentence
    ProjectFileError for a foreign or unreadable file, which is then never handed to SQLite."""
    header = read_header(path)
    if header.application_id != APPLICATION_ID:
        raise ProjectFileError(
            "{name} is not an isodesk project (it is a database of another program).",
            name=path.name)
    return header


def verify_project_file(path: Path, check_size: bool = True) -> Header:
    """Raise a one-sentence ProjectFileError unless ``path`` looks like an isodesk project that
    this version can read.

    ``check_size=False`` while a journal is beside the file: a writer is in the middle of a
    commit (whose page 1 runs ahead of the file's size), and SQLite's locks, not the size,
    tell what is readable.
    """
    header = identify(path)
    name = path.name
    if header.page_size < 512 or (check_size and header.file_size < header.page_size * max(
            header.page_count, 1)):
        raise ProjectFileError(
            "{name} is damaged: the file is shorter than its header says "
            "(was it cut off while copying?).", name=name)
    if header.user_version > FORMAT_VERSION:
        raise NewerFormatError(
            "{name} was saved by a newer isodesk (file format {version}); this version reads up "
            "to format {supported}. Please update isodesk.",
            name=name, version=header.user_version, supported=FORMAT_VERSION)
    if header.user_version < 1:
        raise ProjectFileError("{name} is damaged: it has no file format version.", name=name)
    return header


def is_writable(path: Path) -> bool:
    """Can we write the file and create the journal and lock files beside it (beside the file
    itself, when ``path`` is a symlink)?"""
    real = path.resolve()
    return os.access(real, os.W_OK) and os.access(real.parent, os.W_OK)


def shared_location_warning(path: Path) -> str | None:
    """A sentence when ``path`` looks like a network share or a cloud-synced folder.

    SQLite's locking is unreliable on network file systems and sync clients can copy a file
    half-written; both are worth a warning, not a refusal.
    """
    text = str(path.resolve())
    lowered = text.casefold()
    cloud = ("onedrive", "dropbox", "google drive", "googledrive", "icloud", "nextcloud",
             "owncloud", "pcloud", "box sync", "sharepoint")
    for marker in cloud:
        if marker in lowered:
            return (f"{path.name} is in a cloud-synced folder; close isodesk before the sync "
                    "client copies it, or work on a local copy.")
    if text.startswith("\\\\") or text.startswith("//"):
        return f"{path.name} is on a network share; work on a local copy to be safe."
    if os.name == "posix":
        fstype = _mount_fstype(text)
        if fstype in {"nfs", "nfs4", "cifs", "smbfs", "smb3", "sshfs", "fuse.sshfs", "davfs", "9p"}:
            return f"{path.name} is on a network share ({fstype}); work on a local copy to be safe."
    return None


def _mount_fstype(path: str) -> str | None:
    try:
        with open("/proc/mounts", encoding="utf-8") as f:
            mounts = [line.split()[1:3] for line in f if len(line.split()) >= 3]
    except OSError:
        return None
    best = ("", None)
    for mountpoint, fstype in mounts:
        if (path == mountpoint or path.startswith(mountpoint.rstrip("/") + "/")) and len(
            mountpoint
        ) > len(best[0]):
            best = (mountpoint, fstype)
    return best[1]

"""Writing a file so that it appears complete or not at all: the one "temp file, then swap it in".

The temp file lives in a folder of our own beside the target (``.~isodesk.tmp``), never in the
system temp folder (a killed export must not leave a client's findings there) and never as a
loose hidden file next to the user's documents. Each write has its own folder in there, named
after the writer's process id, so leftovers of a killed run are recognised and removed the next
time anything is written to that folder. A new file gets the user's normal permissions (the
umask applies, as for any file a program creates, also when a library such as SQLite creates it
with fixed permissions of its own), or keeps those of the file it replaces.
"""
from __future__ import annotations

import contextlib
import errno
import os
import shutil
import stat
from pathlib import Path
from typing import Iterator

from isodesk.domain.errors import ProjectFileError
from isodesk.support.processes import pid_alive

TEMP_FOLDER = ".~isodesk.tmp"


def temp_folder(folder: Path) -> Path:
    return folder / TEMP_FOLDER


def _writer_pid(name: str) -> int | None:
    """The process id a temp folder's name starts with (``<pid>-…``)."""
    text = name.split("-", 1)[0]
    return int(text) if text.isdigit() else None


def sweep_leftovers(folder: Path) -> None:
    """Remove the temp folders of processes that are gone (a kill in the middle of a write)."""
    tmp = temp_folder(folder)
    try:
        entries = list(tmp.iterdir())
    except OSError:
        return
    for entry in entries:
        pid = _writer_pid(entry.name)
        if pid is not None and pid != os.getpid() and not pid_alive(pid):
            shutil.rmtree(entry, ignore_errors=True)
    with contextlib.suppress(OSError):
        tmp.rmdir()  # only when empty


@contextlib.contextmanager
def private_temp_path(folder: Path, name: str) -> Iterator[Path]:
    """A new empty file ``name`` in a unique folder of ours inside ``folder``'s temp folder.

    The file has the target's own name, so whatever a writer says about it (SQLite's errors,
    a lock beside it) names the user's file. Afterwards the folder goes, with anything a writer
    left in it (a journal), and the temp folder too when it is empty. OSError when ``folder``
    cannot be written.
    """
    tmp_dir = temp_folder(folder)
    own = tmp_dir / f"{os.getpid()}-{os.urandom(4).hex()}"  # not `secrets`: 3 ms at start-up
    path = own / name
    for attempt in range(5):
        try:
            tmp_dir.mkdir(exist_ok=True)
            own.mkdir()
            break
        except (FileNotFoundError, FileExistsError):
            # Another process removed the (empty) temp folder between our two mkdirs, or
            # during mkdir's own check that the existing name is a folder: try again.
            if attempt == 4:
                raise
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
        yield path
    finally:
        shutil.rmtree(own, ignore_errors=True)
        with contextlib.suppress(OSError):
            tmp_dir.rmdir()


def write_error(target: Path, error: OSError) -> ProjectFileError:
    """One sentence for a failed write of ``target``."""
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return ProjectFileError("Could not write {name}: the disk is full.", name=target.name)
    if isinstance(error, PermissionError) or error.errno == errno.EROFS:
        return ProjectFileError(
            "Could not write {name}: it is open in another program or read-only; close it or "
            "choose another name.", name=target.name)
    return ProjectFileError("Could not write {name}: {reason}.", name=target.name,
                            reason=error.strerror or str(error))


@contextlib.contextmanager
def atomic_write(target: str | os.PathLike, create: bool = True) -> Iterator[Path]:
    """Yield a temp path; when the block ends normally, move it over ``target``.

    With ``create`` the temp file exists (empty, with the final permissions) when the block
    starts; without, the path is free (for writers such as ``VACUUM INTO`` that insist on
    creating the file). OSError becomes a one-sentence ProjectFileError; any failure removes
    the temp file and leaves ``target`` as it was.
    """
    target = Path(target)
    folder = target.parent
    if not folder.is_dir():
        raise ProjectFileError("The folder {folder} does not exist.", folder=folder)
    sweep_leftovers(folder)
    try:
        with private_temp_path(folder, target.name) as tmp:
            # The file private_temp_path created got the permissions of any new file of this
            # user (0o666 minus the umask): remember them for writers that create their own.
            mode = stat.S_IMODE(os.stat(tmp).st_mode)
            if not create:
                tmp.unlink()
            yield tmp
            if not tmp.exists():
                raise ProjectFileError("Could not write {name}: nothing was written.",
                                       name=target.name)
            with contextlib.suppress(FileNotFoundError):
                mode = stat.S_IMODE(target.stat().st_mode)  # replacing: keep its mode
            os.chmod(tmp, mode)
            with open(tmp, "rb+") as f:
                os.fsync(f.fileno())
            os.replace(tmp, target)
    except OSError as e:
        raise write_error(target, e) from None

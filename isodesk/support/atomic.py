"""Writing a file so that it appears complete or not at all: the one "temp file, then swap it in".

The temp file lives in a folder of our own beside the target (``.~isodesk.tmp``), never in the
system temp folder (a killed export must not leave a client's findings there) and never as a
loose hidden file next to the user's documents. Leftovers of a killed run are removed the next
time anything is written to that folder. The new file gets the user's normal permissions (the
umask applies, as for any file a program creates), or keeps those of the file it replaces.
"""
from __future__ import annotations

import contextlib
import errno
import os
import secrets
import stat
from pathlib import Path
from typing import Iterator

from isodesk.domain.errors import ProjectFileError

TEMP_FOLDER = ".~isodesk.tmp"


def temp_folder(folder: Path) -> Path:
    return folder / TEMP_FOLDER


def _pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True
    return True


def sweep_leftovers(folder: Path) -> None:
    """Remove temp files of processes that are gone (a kill in the middle of a write)."""
    tmp = temp_folder(folder)
    try:
        entries = list(tmp.iterdir())
    except OSError:
        return
    for entry in entries:
        pid_text = entry.name.split("-", 1)[0]
        if pid_text.isdigit() and int(pid_text) != os.getpid() and not _pid_alive(int(pid_text)):
            with contextlib.suppress(OSError):
                entry.unlink()
    with contextlib.suppress(OSError):
        tmp.rmdir()  # only when empty


def _reason(error: OSError) -> str:
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return "the disk is full"
    if isinstance(error, PermissionError) or error.errno == errno.EROFS:
        return "permission denied"
    return error.strerror or str(error)


def write_error(target: Path, error: OSError) -> ProjectFileError:
    """One sentence for a failed write of ``target``."""
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return ProjectFileError("Could not write {name}: the disk is full.", name=target.name)
    if isinstance(error, PermissionError) or error.errno == errno.EROFS:
        return ProjectFileError(
            "Could not write {name}: it is open in another program or read-only; close it or "
            "choose another name.", name=target.name)
    return ProjectFileError("Could not write {name}: {reason}.", name=target.name,
                            reason=_reason(error))


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
    tmp_dir = temp_folder(folder)
    tmp = tmp_dir / f"{os.getpid()}-{secrets.token_hex(4)}-{target.name}"
    try:
        tmp_dir.mkdir(exist_ok=True)
        if create:
            os.close(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))  # umask applies
    except OSError as e:
        raise write_error(target, e) from None
    try:
        yield tmp
        if not tmp.exists():
            raise ProjectFileError("Could not write {name}: nothing was written.", name=target.name)
        with contextlib.suppress(FileNotFoundError):
            os.chmod(tmp, stat.S_IMODE(target.stat().st_mode))  # replacing: keep its mode
        with open(tmp, "rb+") as f:
            os.fsync(f.fileno())
        os.replace(tmp, target)
    except OSError as e:
        raise write_error(target, e) from None
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()
        with contextlib.suppress(OSError):
            tmp_dir.rmdir()

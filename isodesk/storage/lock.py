"""A lock file beside an open project, like office suites: ``.~lock.<name>#``.

SQLite's own locks only last for a transaction; the lock file says "somebody has this project
open" for as long as the window is open, also to a colleague on a share, and names who.

The rules that keep it from ever trapping anyone:

- The lock is created atomically: the complete content is written to a temp file that is then
  hard-linked into place (``os.link`` fails when the lock exists), so a lock is never empty or
  half-written, not even when the disk is full. File systems without hard links (FAT and exFAT
  on USB sticks) fall back to an exclusive create followed by the write.
- A lock is stale, and taken over, when its process is gone (same computer: the process id is
  not running, or the computer has restarted since), or when it is empty, unreadable or garbled
  (after a short grace, for the fallback above, which is briefly empty while being written).
- Taking over is race-free: the stale lock is only removed by the holder of a short-lived
  takeover file (created the same atomic way) after it checked that the lock is still the one
  it judged stale; the new lock is then linked into place, which only one process can do.
- The lock follows the file, not the path: it sits beside the resolved path, so a symlink or a
  second path to the same file finds the same lock.
- A lock belongs to whoever wrote it (a random token): closing only removes our own lock, never
  the lock of someone who opened the file anyway after us.
"""
from __future__ import annotations

import contextlib
import getpass
import json
import os
import platform
import time
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path

from isodesk.domain.errors import ProjectFileError, ProjectLockedError
from isodesk.support.atomic import private_temp_path, write_error
from isodesk.support.processes import pid_alive as _pid_alive

# An unreadable lock younger than this may be one being written by the fallback for file
# systems without hard links (create, then write): wait for it rather than take it over.
GRACE_SECONDS = 2.0
# How long to wait for another process's takeover (which takes milliseconds) to finish.
TAKEOVER_WAIT_SECONDS = 5.0
_POLL_SECONDS = 0.02
# Tokens of the locks this process holds: a lock with our pid but another token was left by an
# earlier process that happened to have the same process id.
_held: set[str] = set()


def lock_path(project: Path) -> Path:
    real = Path(project).resolve()
    return real.with_name(f".~lock.{real.name}#")


@dataclass(frozen=True)
class LockInfo:
    user: str
    host: str
    pid: int
    since: str
    boot: str = ""  # the computer's boot id (Linux): a lock from before a restart is stale
    token: str = ""


@dataclass(frozen=True)
class _Seen:
    """A lock file as read: its bytes, the parsed content (None when garbled), its age."""

    raw: bytes
    info: LockInfo | None
    age: float


def _boot_id() -> str:
    try:
        with open("/proc/sys/kernel/random/boot_id", encoding="ascii") as f:
            return f.read().strip()
    except OSError:
        return ""


def _me() -> LockInfo:
    try:
        user = getpass.getuser()
    except Exception:  # noqa: BLE001 - no user name available on some systems
        user = "?"
    return LockInfo(user, platform.node() or "?", os.getpid(),
                    datetime.now().strftime("%Y-%m-%d %H:%M"), _boot_id(), os.urandom(8).hex())


def _parse(raw: bytes) -> LockInfo | None:
    try:
        data = json.loads(raw.decode("utf-8"))
        return LockInfo(str(data["user"]), str(data["host"]), int(data["pid"]),
                        str(data["since"]), str(data.get("boot", "")), str(data.get("token", "")))
    except (ValueError, KeyError, TypeError, AttributeError):
        return None


def _look(path: Path) -> _Seen | None:
    """The lock file at ``path``; None when there is none. Unreadable counts as garbled."""
    try:
        with open(path, "rb") as f:
            raw = f.read(4096)
            age = time.time() - os.fstat(f.fileno()).st_mtime
    except FileNotFoundError:
        return None
    except OSError:
        return _Seen(b"", None, GRACE_SECONDS + 1)  # unreadable (permissions): garbled
    return _Seen(raw, _parse(raw), age)


def read_lock(project: Path) -> LockInfo | None:
    """Who holds the lock of ``project`` (None: nobody, or an unreadable lock)."""
    seen = _look(lock_path(project))
    return seen.info if seen else None


def _stale(seen: _Seen, me: LockInfo) -> bool:
    info = seen.info
    if info is None:
        return seen.age > GRACE_SECONDS
    if info.host != me.host:
        return False  # another computer: we cannot tell whether it still runs
    if info.boot and me.boot and info.boot != me.boot:
        return True  # written before this computer restarted
    if info.pid == me.pid:
        return info.token not in _held
    return not _pid_alive(info.pid)


def _create_exclusive(path: Path, payload: bytes) -> bool:
    """Put a complete file with ``payload`` at ``path`` unless a file is there already.

    True when we created it. OSError when the folder cannot be written (full disk, read-only).
    """
    # No fsync: after a power cut a lock may come back empty, and an empty lock is stale anyway
    # (an fsync costs tens of milliseconds on a USB stick, on every open).
    with private_temp_path(path.parent, "lock") as tmp:
        tmp.write_bytes(payload)
        try:
            os.link(tmp, path)
            return True
        except FileExistsError:
            return False
        except OSError:
            pass  # no hard links on this file system: the fallback below
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    except FileExistsError:
        return False
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(payload)
    except OSError:
        with contextlib.suppress(OSError):
            path.unlink()
        raise
    return True


class ProjectLock:
    def __init__(self, project: Path):
        self.path = lock_path(project)
        self.project = Path(project)
        self.held = False
        self._token = ""

    def acquire(self) -> None:
        """Take the lock, taking over a stale one; ProjectLockedError when someone holds it."""
        me = _me()
        payload = json.dumps(asdict(me)).encode("utf-8")
        deadline = time.monotonic() + TAKEOVER_WAIT_SECONDS + GRACE_SECONDS
        while True:
            try:
                if _create_exclusive(self.path, payload):
                    self.held, self._token = True, me.token
                    _held.add(me.token)
                    return
            except OSError as e:
                raise self._write_failed(e) from None
            seen = _look(self.path)
            if seen is not None:
                if _stale(seen, me):
                    self._remove_if_unchanged(seen)
                elif seen.info is not None:
                    raise locked_error(self.project, seen.info)
                else:
                    time.sleep(_POLL_SECONDS)  # garbled but young: probably being written
            if time.monotonic() > deadline:
                raise locked_error(self.project, seen.info if seen else None)

    def break_lock(self) -> None:
        """Remove the lock whoever holds it ("Open anyway", ``--force-unlock``)."""
        seen = _look(self.path)
        if seen is not None:
            self._remove_if_unchanged(seen, wait=True)

    def _remove_if_unchanged(self, seen: _Seen, wait: bool = False) -> None:
        """Remove the lock file if it still is ``seen``, as the holder of the takeover file.

        Only one process at a time holds the takeover file, and it re-reads the lock before
        removing it, so a lock that another process has just created is never removed. A
        takeover file left by a process that died during its takeover is itself stale.
        """
        takeover = self.path.with_name(self.path.name + ".takeover")
        me = _me()
        payload = json.dumps(asdict(me)).encode("utf-8")
        deadline = time.monotonic() + TAKEOVER_WAIT_SECONDS
        while True:
            try:
                mine = _create_exclusive(takeover, payload)
            except OSError as e:
                raise self._write_failed(e) from None
            if mine:
                _held.add(me.token)  # not stale to another thread of this process either
                break
            other = _look(takeover)
            if other is not None and _stale(other, me):
                with contextlib.suppress(OSError):
                    takeover.unlink()
                continue
            if not wait or time.monotonic() > deadline:
                time.sleep(_POLL_SECONDS)
                return  # the caller looks at the lock again
            time.sleep(_POLL_SECONDS)
        try:
            now = _look(self.path)
            if now is not None and now.raw == seen.raw:
                self.path.unlink()
        except OSError as e:
            raise self._write_failed(e) from None
        finally:
            _held.discard(me.token)
            with contextlib.suppress(OSError):
                takeover.unlink()

    def _write_failed(self, error: OSError) -> ProjectFileError:
        """One sentence when the lock (or its temp file) cannot be written: a full disk, a
        folder we may not write to."""
        return write_error(self.project, error)

    def release(self) -> None:
        """Remove the lock if it is still ours (someone may have opened the file anyway)."""
        if not self.held:
            return
        self.held = False
        _held.discard(self._token)
        seen = _look(self.path)
        if seen is not None and seen.info is not None and seen.info.token == self._token:
            with contextlib.suppress(OSError):
                self.path.unlink()


def locked_error(project: Path, info: LockInfo | None) -> ProjectLockedError:
    lock = lock_path(project).name
    if info is None:
        return ProjectLockedError(
            "{name} is being opened by another program right now (lock file {lock}); try again "
            "in a moment.", name=project.name, lock=lock)
    return ProjectLockedError(
        "{name} is already open by {user} on {host} since {since} (lock file {lock}); open it "
        "read-only, or close it there first.",
        owner=f"{info.user} on {info.host}", name=project.name, user=info.user,
        host=info.host, since=info.since, lock=lock)


def break_lock(project: Path) -> None:
    ProjectLock(project).break_lock()

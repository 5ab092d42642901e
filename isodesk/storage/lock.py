"""A lock file beside an open project, like office suites: ``.~lock.<name>#``.

SQLite's own locks only last for a transaction; the lock file says "somebody has this project
open" for as long as the window is open, also to a colleague on a share, and names who.
A lock left by a crashed isodesk on this computer is recognised (its process is gone) and taken
over.
"""
from __future__ import annotations

import getpass
import json
import os
import platform
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from isodesk.domain.errors import ProjectLockedError


def lock_path(project: Path) -> Path:
    return project.with_name(f".~lock.{project.name}#")


@dataclass
class LockInfo:
    user: str
    host: str
    pid: int
    since: str

    def describe(self) -> str:
        return f"{self.user} on {self.host} since {self.since}"


def _me() -> LockInfo:
    try:
        user = getpass.getuser()
    except Exception:  # noqa: BLE001 - no user name available on some systems
        user = "?"
    return LockInfo(user, platform.node() or "?", os.getpid(),
                    datetime.now().strftime("%Y-%m-%d %H:%M"))


def _pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return False
    return True


def read_lock(project: Path) -> LockInfo | None:
    try:
        data = json.loads(lock_path(project).read_text(encoding="utf-8"))
        return LockInfo(str(data["user"]), str(data["host"]), int(data["pid"]), str(data["since"]))
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError):
        return LockInfo("?", "?", -1, "?")  # unreadable: treat as held by someone unknown


class ProjectLock:
    def __init__(self, project: Path):
        self.path = lock_path(project)
        self.project = project
        self.held = False

    def acquire(self) -> None:
        me = _me()
        payload = json.dumps(me.__dict__).encode("utf-8")
        for _attempt in range(2):
            try:
                fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
            except FileExistsError:
                other = read_lock(self.project)
                if other and other.host == me.host and (
                    other.pid == me.pid or not _pid_alive(other.pid)
                ):
                    # Ours from a crashed run (or this process): take it over.
                    self.path.unlink(missing_ok=True)
                    continue
                who = other.describe() if other else "another user"
                raise ProjectLockedError(
                    "{name} is already open ({who}); open it read-only, or close it there first.",
                    owner=who, name=self.project.name, who=who,
                ) from None
            with os.fdopen(fd, "wb") as f:
                f.write(payload)
            self.held = True
            return
        raise ProjectLockedError("{name} is already open; open it read-only.", name=self.project.name)

    def release(self) -> None:
        if self.held:
            self.path.unlink(missing_ok=True)
            self.held = False

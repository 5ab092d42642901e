"""An auditor's copy: the same project under a new id, remembering where it came from.

The copy records ``based_on`` (this project's id, kind ``copy``) and keeps this project's
state at the moment of copying as its ``base`` snapshot: merging the copy back later is a
three-way merge against that base, so each side's own changes arrive and only fields both
changed are conflicts.
"""
from __future__ import annotations

import os
import uuid
from pathlib import Path

from isodesk.app.session import ProjectSession
from isodesk.domain.model import BasedOn
from isodesk.domain.serial import snapshot_to_dict
from isodesk.storage import ProjectStore, now_stamp

BASE = "base"


def copy_project(session: ProjectSession, destination: str | os.PathLike,
                 kind: str = "copy") -> Path:
    """Write ``destination`` as a copy of the open project with a new id; returns its path."""
    dest = Path(destination)
    base = session.snapshot()
    session.save_copy(dest)
    at = now_stamp()
    store = ProjectStore.open(dest)
    try:
        store.set_identity(str(uuid.uuid4()), BasedOn(session.id, kind), at, session.author)
        store.set_snapshot(BASE, session.id, at, snapshot_to_dict(base))
        store.log_event(f"Copy of {session.path.name} ({session.info.client})", kind, at,
                        session.author)
    finally:
        store.close()
    return dest

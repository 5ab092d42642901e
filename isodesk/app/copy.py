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
from isodesk.domain.errors import DataError
from isodesk.domain.model import BasedOn
from isodesk.domain.serial import snapshot_to_dict
from isodesk.storage import ProjectStore, now_stamp

BASE = "base"


def copy_project(session: ProjectSession, destination: str | os.PathLike,
                 kind: str = "copy") -> Path:
    """Write ``destination`` as a copy of the open project with a new id; returns its path.

    The copy appears complete (new id, lineage, base, history entry) or not at all.
    """
    if session.read_only and session.store.upgraded_from is not None:
        # Upgraded in memory only: the original has no lasting id for the copy to point to.
        raise DataError("{name} uses an older file format; open it once for editing (that "
                        "upgrades it), then make the copy.", name=session.path.name)
    dest = Path(destination)
    base = snapshot_to_dict(session.snapshot()) | {"head": session.store.head()}
    at = now_stamp()
    label = f"Copy of {session.path.name} ({session.info.client})"

    def prepare(copy: ProjectStore) -> None:
        copy.set_identity(str(uuid.uuid4()), BasedOn(session.id, kind), at, session.author)
        # The head names the original's state in its history: a merge checks the original
        # (or another copy of it) still descends from it before using it as the base.
        copy.set_snapshot(BASE, session.id, at, base)
        copy.log_event(label, kind, at, session.author)

    session.store.save_copy(dest, prepare)
    return dest

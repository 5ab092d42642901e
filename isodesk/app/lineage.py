"""The common base of two project files: the newest state that both of them descend from.

A file keeps states of other projects it contains: an auditor's copy keeps the state of the
original it started from (``base``, written by ``app/copy.py``), and a merge keeps the state of
the file it merged in (``sync:<that file's project id>``). Each state carries its *head*, the
newest entry of the edit log of the project it is a state of. Copies carry the log they were
made with, so a file descends from a state exactly when its own log holds that head. That makes
the base a known one rather than a guess, also for two copies of one original (each holds a
state of the original; the older one is in the history of the younger) and for a file that was
restored from an old backup or copied outside isodesk (its log lacks the head: the state does
not count).

States without a head (none are written any more) count for the project they are a state of.
"""
from __future__ import annotations

from dataclasses import dataclass

from isodesk.app.copy import BASE
from isodesk.domain.errors import DataError
from isodesk.storage import ProjectStore

SYNC = "sync:"


def sync_name(project_id: str) -> str:
    """The name under which a file keeps the last state of ``project_id`` merged into it."""
    return SYNC + project_id


@dataclass(frozen=True)
class StoredState:
    name: str
    project_id: str  # whose state it is
    taken_at: str
    head: tuple[int, str] | None
    data: dict  # as domain/serial.py's snapshot_to_dict writes it


def stored_states(store: ProjectStore) -> list[StoredState]:
    """The states ``store``'s file contains: its copy base and what was merged into it."""
    _own_id, based_on = store.identity()
    names = [n for n in store.snapshot_names()
             if n.startswith(SYNC) or (n == BASE and based_on and based_on.kind == "copy")]
    states = []
    for name in names:
        project_id, taken_at, data = store.snapshot(name)
        head = data.get("head")
        states.append(StoredState(name, project_id, taken_at, tuple(head) if head else None, data))
    return states


def _descends(store: ProjectStore, state: StoredState) -> bool:
    """Whether the file of ``store`` contains ``state`` (its history passed through it)."""
    if state.head is None:
        return store.identity()[0] == state.project_id
    return store.has_logged(*state.head)


def common_base(mine: ProjectStore, theirs: ProjectStore, theirs_name: str) -> StoredState:
    """The newest state both files contain; DataError when they share none (unrelated
    projects, or states that no longer hold)."""
    candidates = [state for state in stored_states(mine) if _descends(theirs, state)]
    candidates += [state for state in stored_states(theirs) if _descends(mine, state)]
    if not candidates:
        raise DataError("{name} shares no history with this project (it is not a copy of it, "
                        "nor a copy of the same original), so the two cannot be merged.",
                        name=theirs_name)
    return max(candidates, key=lambda state: state.taken_at)

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

A state without a head was taken before the project's first edit (a new project copied at
once): the project as created, contained in the project and in every copy of it.
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
class KeptState:
    name: str
    project_id: str  # whose state it is
    taken_at: str
    head: tuple[int, str] | None
    data: dict  # as domain/serial.py's snapshot_to_dict writes it


def kept_states(store: ProjectStore) -> list[KeptState]:
    """The states ``store``'s file contains: its copy base and what was merged into it."""
    _own_id, based_on = store.identity()
    names = [n for n in store.snapshot_names()
             if n.startswith(SYNC) or (n == BASE and based_on and based_on.kind == "copy")]
    states = []
    for name in names:
        project_id, taken_at, data = store.snapshot(name)
        head = data.get("head")
        states.append(KeptState(name, project_id, taken_at, tuple(head) if head else None, data))
    return states


def _descends(store: ProjectStore, states: list[KeptState], state: KeptState) -> bool:
    """Whether the file of ``store`` (which keeps ``states``) contains ``state``."""
    if state.head is not None:
        return store.has_logged(*state.head)
    # Taken before the project's first edit: the project as created, which the project itself
    # and every copy of it (a file keeping a state of it) contain.
    return (store.identity()[0] == state.project_id
            or any(kept.project_id == state.project_id for kept in states))


def common_base(mine: ProjectStore, theirs: ProjectStore, theirs_name: str) -> KeptState:
    """The newest state both files contain; DataError when they share none (unrelated
    projects, or states that no longer hold)."""
    my_states, their_states = kept_states(mine), kept_states(theirs)
    candidates = [state for state in my_states if _descends(theirs, their_states, state)]
    candidates += [state for state in their_states if _descends(mine, my_states, state)]
    if not candidates:
        raise DataError("{name} shares no history with this project (it is not a copy of it, "
                        "nor a copy of the same original), so the two cannot be merged.",
                        name=theirs_name)
    return max(candidates, key=lambda state: state.taken_at)

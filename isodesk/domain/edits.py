"""Edits as data: every change to a project is a list of (before, after) record pairs.

The application applies an edit in one transaction and keeps it for undo; undo applies the
inverse edit, so "undo writes the previous value back" and is itself committed at once. The
same edit object tells each view what changed (Anki's "operations return changes").
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Union

from isodesk.domain.model import Action, Answer, Attachment, ProjectInfo, Risk, Scope

Record = Union[Answer, Action, Risk, Attachment, ProjectInfo, Scope]


@dataclass(frozen=True, slots=True)
class Change:
    """One record before and after. ``None`` before = created, ``None`` after = deleted."""

    before: Record | None
    after: Record | None

    @property
    def record_type(self) -> type:
        return type(self.after if self.after is not None else self.before)

    def inverse(self) -> "Change":
        return Change(self.after, self.before)


# A stored state of a project (``ProjectStore.snapshot``): (project id, taken at, content).
StoredState = tuple[str, str, dict]


@dataclass(frozen=True, slots=True)
class SnapshotChange:
    """A stored state an edit sets, replaces (``before`` the old one) or removes (``after``
    None). A merge records "this much of the other file is merged in" this way, so that Undo
    takes that back together with the merged records."""

    name: str
    before: StoredState | None
    after: StoredState | None

    def inverse(self) -> "SnapshotChange":
        return SnapshotChange(self.name, self.after, self.before)


def record_identity(record: Record) -> tuple:
    """What makes two versions of a record "the same record": its type and key or id."""
    ident = getattr(record, "key", None)
    if ident is None:
        ident = getattr(record, "id", None)
    return (type(record).__name__, ident)


@dataclass(frozen=True, slots=True)
class Edit:
    """A user-visible step (what Undo undoes as one).

    ``group``: consecutive edits with the same group are one undo step (typing a note saves
    every second, but Undo takes back the whole note). ``origin``: the view that made the edit,
    so it can skip refreshing itself; it plays no part in comparisons.
    """

    label: str
    changes: tuple[Change, ...]
    group: str | None = None
    origin: object = field(default=None, compare=False)
    snapshots: tuple[SnapshotChange, ...] = ()

    def inverse(self) -> "Edit":
        return Edit(self.label, tuple(c.inverse() for c in reversed(self.changes)), self.group,
                    self.origin, tuple(s.inverse() for s in reversed(self.snapshots)))

    def followed_by(self, later: "Edit") -> "Edit":
        """One edit with the effect of this one and then ``later``: per record the first
        before and the last after."""
        merged: dict[tuple, Change] = {}
        for change in (*self.changes, *later.changes):
            ident = record_identity(change.after if change.after is not None else change.before)
            first = merged.get(ident)
            merged[ident] = Change(first.before if first else change.before, change.after)
        states: dict[str, SnapshotChange] = {}
        for state in (*self.snapshots, *later.snapshots):
            first_state = states.get(state.name)
            states[state.name] = SnapshotChange(
                state.name, first_state.before if first_state else state.before, state.after)
        return Edit(later.label, tuple(merged.values()), later.group, later.origin,
                    tuple(states.values()))

    @property
    def answer_keys(self) -> set[str]:
        return {
            (c.after or c.before).key
            for c in self.changes
            if isinstance(c.after or c.before, Answer)
        }

    def touches(self, record_type: type) -> bool:
        return any(c.record_type is record_type for c in self.changes)

    @property
    def is_empty(self) -> bool:
        return (all(c.before == c.after for c in self.changes)
                and all(s.before == s.after for s in self.snapshots))

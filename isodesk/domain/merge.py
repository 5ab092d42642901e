"""``diff(a, b)`` and ``merge(base, mine, theirs)``: how work made elsewhere arrives.

Every exchange of work is a three-way merge: a returned workbook (base = what was exported),
a colleague's copy (base = the state the copy started from), a follow-up compared with its
baseline. A field changed on one side only arrives; a field changed on both sides to different
values is a conflict that someone decides; nothing is overwritten silently.

Records are compared per kind and identity (answers by requirement key, actions, risks and
attachments by their UUID, the project details and the scope as one record each), and per field
within a record. A missing answer is the blank answer, so "not answered" and "cleared" agree.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, replace
from typing import Iterator, Literal, Mapping

from isodesk.domain.edits import Change
from isodesk.domain.model import Answer
from isodesk.domain.snapshot import ProjectData, Stamp

KINDS = ("info", "scope", "answer", "action", "risk", "attachment")
WHOLE = "*"  # the field name of a change or conflict about the record itself (added, deleted)
Side = Literal["mine", "theirs"]


def records(data: ProjectData, kind: str) -> Mapping[str, object]:
    if kind == "info":
        return {"info": data.info}
    if kind == "scope":
        return {"scope": data.scope}
    return {"answer": data.answers, "action": data.actions, "risk": data.risks,
            "attachment": data.attachments}[kind]


def _get(table: Mapping[str, object], kind: str, ident: str):
    found = table.get(ident)
    if found is None and kind == "answer":
        return Answer(ident)
    return found


def _idents(*tables: Mapping[str, object]) -> list[str]:
    seen: dict[str, None] = {}
    for table in tables:
        seen.update(dict.fromkeys(table))
    return list(seen)


@dataclass(frozen=True, slots=True)
class FieldChange:
    kind: str
    ident: str
    field: str  # WHOLE when the record was added (before None) or removed (after None)
    before: object
    after: object


def _field_names(record) -> list[str]:
    return [f.name for f in dataclasses.fields(record)]


def _differing(a: ProjectData, b: ProjectData) -> Iterator[tuple[str, str, object, object]]:
    """(kind, identity, record in ``a``, record in ``b``) of every record that differs."""
    for kind in KINDS:
        ta, tb = records(a, kind), records(b, kind)
        for ident in _idents(ta, tb):
            ra, rb = _get(ta, kind, ident), _get(tb, kind, ident)
            if ra != rb:
                yield kind, ident, ra, rb


def diff(a: ProjectData, b: ProjectData) -> list[FieldChange]:
    """What changed from ``a`` to ``b``, field by field."""
    changes: list[FieldChange] = []
    for kind, ident, ra, rb in _differing(a, b):
        if ra is None or rb is None:
            changes.append(FieldChange(kind, ident, WHOLE, ra, rb))
            continue
        for name in _field_names(ra):
            va, vb = getattr(ra, name), getattr(rb, name)
            if va != vb:
                changes.append(FieldChange(kind, ident, name, va, vb))
    return changes


@dataclass(frozen=True, slots=True)
class Conflict:
    """Both sides changed the same field (or one deleted a record the other changed)."""

    kind: str
    ident: str
    field: str
    base: object
    mine: object
    theirs: object
    mine_stamp: Stamp | None = None
    theirs_stamp: Stamp | None = None

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.kind, self.ident, self.field)


_MISSING = object()  # a field of a record that did not exist in the base


@dataclass(frozen=True)
class MergeResult:
    base: ProjectData
    mine: ProjectData
    theirs: ProjectData
    merged: ProjectData  # every conflict decided for mine
    conflicts: tuple[Conflict, ...]

    def resolved(self, decisions: Side | Mapping[tuple, Side] = "mine") -> ProjectData:
        """The merged project with each conflict decided (``decisions`` per ``Conflict.key``, or
        one side for all; undecided conflicts keep mine)."""
        tables = {kind: dict(records(self.merged, kind)) for kind in KINDS}
        for conflict in self.conflicts:
            side = decisions if isinstance(decisions, str) else decisions.get(conflict.key, "mine")
            if side != "theirs":
                continue
            table = tables[conflict.kind]
            if conflict.field == WHOLE:
                _put(table, conflict.kind, conflict.ident, conflict.theirs)
            else:
                current = _get(table, conflict.kind, conflict.ident)
                _put(table, conflict.kind, conflict.ident,
                     replace(current, **{conflict.field: conflict.theirs}))
        _renumber(tables["action"], records(self.mine, "action"))
        _renumber(tables["risk"], records(self.mine, "risk"))
        return _assemble(self.merged, tables)

    def changes(self, decisions: Side | Mapping[tuple, Side] = "mine") -> list[Change]:
        """The record changes that turn mine into the resolved merge (to apply as one edit)."""
        return changes_between(self.mine, self.resolved(decisions))

    @property
    def arriving(self) -> list[FieldChange]:
        """What arrives from theirs without a question (the preview)."""
        return diff(self.mine, self.merged)


def changes_between(a: ProjectData, b: ProjectData) -> list[Change]:
    """Record changes from ``a`` to ``b``."""
    return [Change(ra, rb) for _kind, _ident, ra, rb in _differing(a, b)]


def _put(table: dict, kind: str, ident: str, record) -> None:
    if record is None or (kind == "answer" and record.is_blank):
        table.pop(ident, None)
    else:
        table[ident] = record


def _renumber(table: dict, mine: Mapping[str, object]) -> None:
    """Actions and risks that arrived from the other side get a new visible number when theirs
    is taken already ("A-5" added on both sides: both kept, one becomes A-12)."""
    taken = {r.number for ident, r in table.items() if ident in mine}
    highest = max([r.number for r in table.values()], default=0)
    for ident, record in sorted(table.items(), key=lambda item: item[1].number):
        if ident in mine:
            continue
        if record.number in taken:
            highest += 1
            table[ident] = replace(record, number=highest)
        taken.add(table[ident].number)


def _assemble(template: ProjectData, tables: dict[str, dict]) -> ProjectData:
    return replace(template, info=tables["info"]["info"], scope=tables["scope"]["scope"],
                   answers=tables["answer"], actions=tables["action"], risks=tables["risk"],
                   attachments=tables["attachment"])


def merge(base: ProjectData, mine: ProjectData, theirs: ProjectData) -> MergeResult:
    """Three-way merge of ``theirs`` into ``mine`` since ``base``."""
    tables: dict[str, dict] = {}
    conflicts: list[Conflict] = []
    for kind in KINDS:
        tb, tm, tt = records(base, kind), records(mine, kind), records(theirs, kind)
        table = dict(tm)
        for ident in _idents(tm, tt, tb):
            b, m, t = _get(tb, kind, ident), _get(tm, kind, ident), _get(tt, kind, ident)
            if m == t or b == t:
                continue
            if b == m:
                _put(table, kind, ident, t)
                continue
            stamps = (mine.stamp(kind, ident), theirs.stamp(kind, ident))
            if m is None or t is None:
                conflicts.append(Conflict(kind, ident, WHOLE, b, m, t, *stamps))
                continue
            taken = {}
            for name in _field_names(m):
                bf = _MISSING if b is None else getattr(b, name)
                mf, tf = getattr(m, name), getattr(t, name)
                if mf == tf or bf == tf:
                    continue
                if bf == mf:
                    taken[name] = tf
                else:
                    conflicts.append(Conflict(kind, ident, name, None if bf is _MISSING else bf,
                                              mf, tf, *stamps))
            _put(table, kind, ident, replace(m, **taken) if taken else m)
        tables[kind] = table
    _renumber(tables["action"], records(mine, "action"))
    _renumber(tables["risk"], records(mine, "risk"))
    merged = _assemble(mine, tables)
    return MergeResult(base, mine, theirs, merged, tuple(conflicts))

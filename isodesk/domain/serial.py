"""Records as JSON-friendly dicts and back: for the edit log, stored snapshots and the base
inside an exported workbook.

Generic over the record dataclasses: enums become their code, dates ISO text, tuples lists.
Reading is lenient about what a newer or older isodesk wrote: unknown fields are ignored and
missing ones take their default, so an old log entry still reads after a field was added.
"""
from __future__ import annotations

import dataclasses
import types
import typing
from datetime import date
from enum import Enum
from functools import cache

from isodesk.domain.model import (
    Action,
    Answer,
    Attachment,
    BasedOn,
    CatalogInfo,
    ProjectInfo,
    Requirement,
    Risk,
    Scope,
)
from isodesk.domain.snapshot import ProjectData, Stamp

# The name each record type has in the log and in snapshots; never rename one.
RECORD_TYPES: dict[str, type] = {
    "answer": Answer,
    "action": Action,
    "risk": Risk,
    "attachment": Attachment,
    "info": ProjectInfo,
    "scope": Scope,
}
TYPE_NAMES = {cls: name for name, cls in RECORD_TYPES.items()}


def plain(value):
    """``value`` as JSON-friendly data."""
    if value is None or type(value) in _AS_IS:  # most values: the fast path first
        return value
    if hasattr(value, "_fields"):  # a named tuple record
        return {name: plain(getattr(value, name)) for name in value._fields}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if dataclasses.is_dataclass(value):
        return to_dict(value)
    return value


_AS_IS = frozenset((str, int, float, bool))


@cache
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls))


def to_dict(record) -> dict:
    return {name: plain(getattr(record, name)) for name in _field_names(type(record))}


def _converter(hint):
    """A function that turns the JSON form of a value of type ``hint`` back into the value."""
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in args if a is not type(None)]
        convert = _converter(inner[0]) if len(inner) == 1 else (lambda v: v)
        return lambda v: None if v is None else convert(v)
    if origin is tuple:
        item = _converter(args[0]) if args else (lambda v: v)
        return lambda v: tuple(item(x) for x in v)
    if origin is dict:
        value = _converter(args[1]) if len(args) == 2 else (lambda v: v)
        return lambda v: {k: value(x) for k, x in v.items()}
    if isinstance(hint, type) and issubclass(hint, Enum):
        return hint
    if hint is date:
        return date.fromisoformat
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return lambda v: from_dict(hint, v)
    return lambda v: v


@cache
def _fields(cls: type) -> dict[str, typing.Callable]:
    hints = typing.get_type_hints(cls)
    names = cls._fields if hasattr(cls, "_fields") else [f.name for f in dataclasses.fields(cls)]
    return {name: _converter(hints[name]) for name in names}


def from_dict(cls: type, data: dict):
    convert = _fields(cls)
    return cls(**{name: convert[name](value) for name, value in data.items() if name in convert})


def record_to_json(record) -> dict:
    return {"type": TYPE_NAMES[type(record)], **to_dict(record)}


def record_from_json(data: dict):
    data = dict(data)
    return from_dict(RECORD_TYPES[data.pop("type")], data)


def snapshot_to_dict(data: ProjectData) -> dict:
    """A snapshot's content (not its catalogs: a stored snapshot belongs to a project that
    holds the same requirements)."""
    return {
        "id": data.id,
        "based_on": to_dict(data.based_on) if data.based_on else None,
        "info": to_dict(data.info),
        "scope": to_dict(data.scope),
        "answers": [to_dict(a) for a in data.answers.values()],
        "actions": [to_dict(a) for a in data.actions.values()],
        "risks": [to_dict(r) for r in data.risks.values()],
        "attachments": [to_dict(a) for a in data.attachments.values()],
        "stamps": [[kind, ident, stamp.at, stamp.by] for (kind, ident), stamp in data.stamps.items()],
    }


def snapshot_from_dict(data: dict, catalogs: tuple[CatalogInfo, ...],
                       requirements: tuple[Requirement, ...]) -> ProjectData:
    answers = [from_dict(Answer, a) for a in data.get("answers", ())]
    actions = [from_dict(Action, a) for a in data.get("actions", ())]
    risks = [from_dict(Risk, r) for r in data.get("risks", ())]
    attachments = [from_dict(Attachment, a) for a in data.get("attachments", ())]
    return ProjectData(
        id=data["id"],
        info=from_dict(ProjectInfo, data.get("info", {"client": ""})),
        scope=from_dict(Scope, data.get("scope", {})),
        catalogs=catalogs,
        requirements=requirements,
        answers={a.key: a for a in answers if not a.is_blank},
        actions={a.id: a for a in actions},
        risks={r.id: r for r in risks},
        attachments={a.id: a for a in attachments},
        based_on=from_dict(BasedOn, data["based_on"]) if data.get("based_on") else None,
        stamps={(kind, ident): Stamp(at, by) for kind, ident, at, by in data.get("stamps", ())},
    )

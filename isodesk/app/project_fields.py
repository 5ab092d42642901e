"""The project's own fields by the names ``isodesk set FILE FIELD VALUE`` uses.

One table for the CLI and any other front end: which record a field lives on (the project
details or the scope statement), and how the text a user gives becomes its value.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Callable

from isodesk.domain.errors import DataError
from isodesk.domain.model import ProjectInfo, Scope
from isodesk.domain.serial import plain


def _text(value: str) -> str:
    return value.strip()


def _lines(value: str) -> tuple[str, ...]:
    """Several names: one per line, or separated by semicolons."""
    parts = value.replace(";", "\n").splitlines()
    return tuple(p.strip() for p in parts if p.strip())


def _language(value: str) -> str:
    value = value.strip().lower()
    if value not in ("nl", "en"):
        raise DataError("{value} is not a report language (use nl or en).", value=repr(value))
    return value


def _date(value: str) -> date | None:
    value = value.strip()
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise DataError("{value} is not a date (use YYYY-MM-DD).", value=repr(value)) from None


def _yes_no(value: str) -> bool | None:
    value = value.strip().lower()
    if value in ("yes", "ja", "on", "true", "1"):
        return True
    if value in ("no", "nee", "off", "false", "0"):
        return False
    if value in ("", "default", "standaard"):
        return None
    raise DataError("{value} is not yes or no.", value=repr(value))


@dataclass(frozen=True)
class Field:
    record: type  # ProjectInfo or Scope
    attribute: str
    parse: Callable[[str], object]


FIELDS: dict[str, Field] = {
    "client": Field(ProjectInfo, "client", _text),
    "title": Field(ProjectInfo, "title", _text),
    "sites": Field(ProjectInfo, "sites", _lines),
    "assessors": Field(ProjectInfo, "assessors", _lines),
    "language": Field(ProjectInfo, "language", _language),
    "confidentiality": Field(ProjectInfo, "confidentiality", _text),
    "started_on": Field(ProjectInfo, "started_on", _date),
    "report_date": Field(ProjectInfo, "report_date", _date),
    "share_answers": Field(ProjectInfo, "share_answers", _yes_no),
    "scope": Field(Scope, "description", _text),
    "scope.sites": Field(Scope, "sites", _text),
    "scope.processes": Field(Scope, "processes", _text),
    "scope.exclusions": Field(Scope, "exclusions", _text),
    "scope.justification": Field(Scope, "justification", _text),
}


def field(name: str) -> Field:
    try:
        return FIELDS[name]
    except KeyError:
        raise DataError("{name} is not a project field (use one of: {names}).", name=repr(name),
                        names=", ".join(FIELDS)) from None


def set_field(session, name: str, text: str):
    """Set project field ``name`` from the user's ``text``; returns the stored value."""
    spec = field(name)
    value = spec.parse(text)
    if spec.attribute == "client" and not value:
        raise DataError("The client name is empty.")
    if spec.record is ProjectInfo:
        session.set_info(**{spec.attribute: value})
        return plain(getattr(session.info, spec.attribute))
    session.set_scope(**{spec.attribute: value})
    return plain(getattr(session.scope, spec.attribute))

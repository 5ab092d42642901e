"""The project's own fields by the names ``isodesk set FILE FIELD VALUE`` uses.

One table for the CLI and any other front end: which record a field lives on (the project
details or the scope statement), and how the text a user gives becomes its value. Two families
of names carry a key: ``advice.<catalog-id>`` (the consultant's advice for one standard) and
``remark.<catalog-id>:<chapter>`` (a remark under one chapter of a standard).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Callable

from isodesk.domain.errors import DataError
from isodesk.domain.model import (
    REPORT_STATUSES,
    Phase,
    ProjectInfo,
    Scope,
    note_text,
    with_note,
)
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


def _status(value: str) -> str:
    value = value.strip().lower()
    value = {"concept": "draft", "definitief": "final"}.get(value, value)
    if value not in REPORT_STATUSES:
        raise DataError("{value} is not a report status (use draft or final).", value=repr(value))
    return value


def _months(text: str, line: str) -> tuple[int, int]:
    start, _, end = text.partition("-")
    try:
        first, last = int(start), int(end or start)
    except ValueError:
        raise DataError("Roadmap line {line} does not start with its months (e.g. 1-3).",
                        line=repr(line)) from None
    if not 1 <= first <= last <= 120:
        raise DataError("Roadmap line {line}: months run from 1 to 120, first to last.",
                        line=repr(line))
    return first, last


def _roadmap(value: str) -> tuple[Phase, ...]:
    """One phase a line: ``MONTHS TITLE[: WHAT]``, e.g. ``1-3 Foundation: policy, objectives``;
    months count from the report date."""
    phases = []
    for line in value.splitlines():
        line = line.strip()
        if not line:
            continue
        months, _, rest = line.partition(" ")
        start, end = _months(months, line)
        title, _, text = rest.partition(":")
        if not title.strip():
            raise DataError("Roadmap line {line} has no title.", line=repr(line))
        phases.append(Phase(start, end, title.strip(), text.strip()))
    return tuple(phases)


def roadmap_text(phases: tuple[Phase, ...]) -> str:
    """The roadmap in the syntax ``_roadmap`` reads (for editing it again)."""
    lines = []
    for p in phases:
        months = f"{p.start}" if p.start == p.end else f"{p.start}-{p.end}"
        lines.append(f"{months} {p.title}" + (f": {p.text}" if p.text else ""))
    return "\n".join(lines)


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
    "conclusion": Field(ProjectInfo, "conclusion", _text),
    "strengths": Field(ProjectInfo, "strengths", _text),
    "roadmap": Field(ProjectInfo, "roadmap", _roadmap),
    "status": Field(ProjectInfo, "status", _status),
    "version": Field(ProjectInfo, "version", _text),
    "reviewer": Field(ProjectInfo, "reviewer", _text),
    "distribution": Field(ProjectInfo, "distribution", _lines),
    "consultancy": Field(ProjectInfo, "consultancy", _text),
    "consultancy.contact": Field(ProjectInfo, "consultancy_contact", _text),
    "scope": Field(Scope, "description", _text),
    "scope.sites": Field(Scope, "sites", _text),
    "scope.processes": Field(Scope, "processes", _text),
    "scope.exclusions": Field(Scope, "exclusions", _text),
    "scope.justification": Field(Scope, "justification", _text),
}


# Keyed fields: the name's prefix, and the ProjectInfo attribute holding the notes.
NOTES = {"advice": "advice", "remark": "remarks"}
LOGO = "consultancy.logo"  # VALUE: an image file, "" to remove the logo
NAMES = [*FIELDS, "advice.<catalog-id>", "remark.<catalog-id>:<chapter>", LOGO]


def field(name: str) -> Field:
    try:
        return FIELDS[name]
    except KeyError:
        raise DataError("{name} is not a project field (use one of: {names}).", name=repr(name),
                        names=", ".join(NAMES)) from None


def note_key(session, name: str) -> tuple[str, str] | None:
    """("advice" | "remarks", key) for a keyed field name, checked against the project;
    None when ``name`` is no keyed field."""
    prefix, dot, key = name.partition(".")
    if not dot or prefix not in NOTES:
        return None
    catalog_id, colon, chapter = key.partition(":")
    session.catalog(catalog_id)  # DataError when the project does not hold it
    if prefix == "advice" and colon:
        raise DataError("Advice is per standard: use advice.{catalog_id}.", catalog_id=catalog_id)
    if prefix == "remark":
        chapters = {r.chapter for r in session.assessable(catalog_id)}
        if chapter not in chapters:
            raise DataError("{chapter} is not a chapter of {catalog_id} (use one of: {names}).",
                            chapter=repr(chapter), catalog_id=catalog_id,
                            names=", ".join(sorted(chapters, key=_chapter_order)))
    return NOTES[prefix], key


def _chapter_order(chapter: str) -> tuple:
    return tuple(int(p) if p.isdigit() else -1 for p in chapter.split("."))


def set_field(session, name: str, text: str):
    """Set project field ``name`` from the user's ``text``; returns the stored value."""
    if name == LOGO:
        return _set_logo(session, text.strip())
    keyed = note_key(session, name)
    if keyed is not None:
        attribute, key = keyed
        notes = with_note(getattr(session.info, attribute), key, text)
        session.set_info(**{attribute: notes})
        return note_text(getattr(session.info, attribute), key)
    spec = field(name)
    value = spec.parse(text)
    if spec.attribute == "client" and not value:
        raise DataError("The client name is empty.")
    if spec.record is ProjectInfo:
        session.set_info(**{spec.attribute: value})
        if spec.attribute == "roadmap":
            return roadmap_text(session.info.roadmap)
        return plain(getattr(session.info, spec.attribute))
    session.set_scope(**{spec.attribute: value})
    return plain(getattr(session.scope, spec.attribute))


def field_text(session, name: str) -> str:
    """The current value of field ``name`` as the text ``set_field`` reads (for editing)."""
    keyed = note_key(session, name)
    if keyed is not None:
        return note_text(getattr(session.info, keyed[0]), keyed[1])
    spec = field(name)
    value = getattr(session.info if spec.record is ProjectInfo else session.scope,
                    spec.attribute)
    if spec.attribute == "roadmap":
        return roadmap_text(value)
    if isinstance(value, tuple):
        return "\n".join(value)
    return "" if value is None else str(plain(value))


def _set_logo(session, path: str) -> str:
    if not path:
        session.set_logo(None)
        return ""
    try:
        data = open(path, "rb").read()
    except OSError as e:
        raise DataError("Cannot read the logo {path}: {reason}.", path=path,
                        reason=e.strerror or str(e)) from None
    session.set_logo(data)
    return path

"""A merge in words: the lines of the preview and of the conflict list, for the CLI and the GUI.

Each line names the item as a person recognises it ("ISO 9001:2015 7.2", "A-12 Update the
procedure", "Project details"), the field, and both values in readable form, in the current
language (the CLI runs in English).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum

from isodesk.app.merge import MergePlan
from isodesk.app.session import FIELD_WORDS
from isodesk.domain.merge import WHOLE
from isodesk.domain.model import Action, Risk
from isodesk.domain.scales import DEFAULT_MATURITY_LABELS
from isodesk.domain.snapshot import ProjectData, Stamp
from isodesk.support.i18n import N_, format_date, language, tr

FIELD_NAMES = {
    **FIELD_WORDS, "linked_to": N_("follows"),
    # actions and risks
    "title": N_("title"), "owner": N_("owner"), "deadline": N_("deadline"),
    "priority": N_("priority"), "status": N_("status"), "quick_win": N_("quick win"),
    "keys": N_("requirements"), "description": N_("description"), "likelihood": N_("likelihood"),
    "impact": N_("impact"), "treatment": N_("treatment"), "number": N_("number"),
    # project details and scope
    "client": N_("client"), "sites": N_("sites"), "assessors": N_("assessors"),
    "language": N_("language"), "started_on": N_("start date"), "report_date": N_("report date"),
    "confidentiality": N_("confidentiality"), "maturity_labels": N_("maturity labels"),
    "share_answers": N_("shared answers"), "processes": N_("processes"),
    "exclusions": N_("exclusions"),
}
EMPTY = "–"


@dataclass(frozen=True)
class Line:
    """One field of one record: as it is here and as it comes from the other file."""

    key: tuple[str, str, str]  # (kind, ident, field): a conflict's ``Conflict.key``
    item: str
    field: str  # for a whole record what happened to it: added, deleted
    here: str
    there: str
    here_stamp: str = ""  # who changed it and when ("Piet, 12-01-2026 10:03"), conflicts only
    there_stamp: str = ""


def arriving_lines(plan: MergePlan) -> list[Line]:
    data = plan.resolved("mine")
    return [_arriving(plan.mine, data, c) for c in _in_display_order(plan.mine, plan.arriving)]


def _arriving(mine: ProjectData, merged: ProjectData, change) -> Line:
    item = item_name(mine, merged, change.kind, change.ident)
    key = (change.kind, change.ident, change.field)
    if change.field != WHOLE:
        return Line(key, item, field_name(change.field), value_text(mine, change.field, change.before),
                    value_text(mine, change.field, change.after))
    if change.before is None:
        return Line(key, item, tr("added"), EMPTY, record_text(change.after))
    return Line(key, item, tr("deleted"), record_text(change.before), tr("deleted"))


def conflict_lines(plan: MergePlan) -> list[Line]:
    return [Line(c.key, item_name(plan.mine, plan.theirs, c.kind, c.ident),
                 field_name(c.field) if c.field != WHOLE
                 else tr("deleted on one side, changed on the other"),
                 value_text(plan.mine, c.field, c.mine, changed=True),
                 value_text(plan.mine, c.field, c.theirs, changed=True),
                 stamp_text(c.mine_stamp), stamp_text(c.theirs_stamp))
            for c in _in_display_order(plan.mine, plan.conflicts)]


def held_back_note(plan: MergePlan) -> str:
    """Why some of the other file stays there (empty when nothing is held back)."""
    if not plan.held_back:
        return ""
    return tr("{n} attachment(s) in {file} are not merged: this version of isodesk merges "
              "answers, the SoA, actions, risks and project details; the attachments stay in "
              "{file} and arrive when a later version merges it again.").format(
        n=len(plan.held_back), file=plan.other.name)


def summary(plan: MergePlan) -> str:
    who = ", ".join(plan.authors) or tr("unknown")
    if not (plan.arriving or plan.conflicts):
        return tr("{file} ({who}) holds nothing new for this project.").format(
            file=plan.other.name, who=who)
    return tr("From {file} ({who}): {n} change(s) arrive without a question, {c} conflict(s) to "
              "decide.").format(file=plan.other.name, who=who, n=len(plan.arriving),
                                c=len(plan.conflicts))


def _in_display_order(mine: ProjectData, changes):
    """Project details and scope first, then the items in checklist order, then actions and
    risks by number (new ones last); the fields of one record keep the record's order."""
    position = {req.key: index for index, req in enumerate(mine.requirements)}
    kinds = ("info", "scope", "answer", "action", "risk", "attachment")
    last = float("inf")

    def order(change):
        if change.kind == "answer":
            return kinds.index("answer"), position.get(change.ident, last)
        if change.kind in ("action", "risk"):
            found = mine.actions.get(change.ident) or mine.risks.get(change.ident)
            return kinds.index(change.kind), found.number if found else last
        return kinds.index(change.kind), 0

    return sorted(changes, key=order)


# ------------------------------------------------------------------------------- pieces
def item_name(mine: ProjectData, other: ProjectData, kind: str, ident: str) -> str:
    """The item as a person recognises it; ``other`` names records this project lacks."""
    if kind == "answer":
        req = mine.requirement(ident)
        return f"{mine.catalog(req.catalog_id).name} {req.ref}"
    if kind == "info":
        return tr("Project details")
    if kind == "scope":
        return tr("Scope")
    record = mine.actions.get(ident) or mine.risks.get(ident) or other.actions.get(ident) \
        or other.risks.get(ident)
    return record_text(record) if record else ident


def record_text(record) -> str:
    if isinstance(record, Action):
        return f"{record.label} {_short(record.title)}"
    if isinstance(record, Risk):
        return f"{record.label} {_short(record.description)}"
    return str(record)


def field_name(field: str) -> str:
    return tr(FIELD_NAMES.get(field, field.replace("_", " ")))


def value_text(data: ProjectData, field: str, value, changed: bool = False) -> str:
    """``value`` of ``field`` for display. A whole record (``field`` WHOLE) reads as the
    record, "deleted", or with ``changed`` (a conflict) "<record> (changed)"."""
    if field == WHOLE:
        if value is None:
            return tr("deleted")
        text = record_text(value)
        return tr("{record} (changed)").format(record=text) if changed else text
    if value is None or value == "" or value == ():
        return EMPTY
    if isinstance(value, bool):
        return tr("yes") if value else tr("no")
    if isinstance(value, Enum) and hasattr(value, "label"):
        return value.label(language())
    if isinstance(value, date):
        return format_date(value)
    if field == "maturity":
        labels = data.info.maturity_labels or DEFAULT_MATURITY_LABELS[language()]
        return f"{value} – {labels[value]}" if 0 <= value < len(labels) else str(value)
    if field == "keys":
        return ", ".join(_ref(data, key) for key in value)
    if field == "linked_to":
        return _ref(data, value)
    if isinstance(value, tuple):
        return "; ".join(str(v) for v in value)
    return str(value)


def stamp_text(stamp: Stamp | None) -> str:
    if stamp is None:
        return ""
    try:
        when = datetime.fromisoformat(stamp.at).astimezone()
    except ValueError:
        return stamp.by
    pattern = "%d-%m-%Y %H:%M" if language() == "nl" else "%Y-%m-%d %H:%M"
    return tr("{who}, {when}").format(who=stamp.by or "?", when=when.strftime(pattern))


def _ref(data: ProjectData, key: str) -> str:
    req = data.by_key.get(key)
    return f"{data.catalog(req.catalog_id).standard} {req.ref}" if req else key


def _short(text: str, limit: int = 50) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"

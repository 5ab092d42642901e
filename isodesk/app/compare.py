"""Comparing two assessments: ``isodesk compare OLD NEW`` and View → Compare….

Each side is read as a snapshot with its ancestry (``app/followup.py``); two files that share no
ancestor (neither is a follow-up or copy of the other, nor of a common one) are assessments of
different projects, maybe of different clients, and are compared only after a warning: the CLI
refuses without ``--force``, the GUI asks. The figures are those of ``domain/progress.py``,
rounded as ``isodesk info`` rounds them, so the numbers match ``info`` on each file.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from isodesk.app.followup import ancestry
from isodesk.app.session import ProjectSession
from isodesk.domain.errors import DataError
from isodesk.domain.progress import Comparison, ItemChange, compare
from isodesk.domain.scoring import Score
from isodesk.domain.snapshot import ProjectData
from isodesk.storage import ProjectStore
from isodesk.support.i18n import N_, format_date, language, plural, tr


@dataclass(frozen=True, eq=False)
class Side:
    """One assessment as read for a comparison."""

    path: Path
    data: ProjectData
    ancestry: frozenset[str]


def side_of(session: ProjectSession) -> Side:
    return Side(session.path, session.snapshot(), ancestry(session.store))


def read_side(path: Path, data: ProjectData | None = None) -> Side:
    """The file ``path``, read-only (the GUI's worker reads the other file this way). With
    ``data``, the open project's snapshot: only its ancestry is read from the file (which can
    mean parsing several stored states: work for the worker, not the GUI thread)."""
    if data is not None:
        store = ProjectStore.open(path, read_only=True)
        try:
            return Side(path, data, ancestry(store))
        finally:
            store.close()
    session = ProjectSession.open(path, read_only=True)
    try:
        return side_of(session)
    finally:
        session.close()


def related(a: Side, b: Side) -> bool:
    return bool(a.ancestry & b.ancestry)


def unrelated_warning(old: Side, new: Side) -> str:
    return tr("{old} ({old_client}) and {new} ({new_client}) share no history: neither is a "
              "follow-up or a copy of the other. Their figures can be compared, but they may "
              "be assessments of different organisations.").format(
        old=old.path.name, old_client=old.data.info.client, new=new.path.name,
        new_client=new.data.info.client)


def compare_sides(old: Side, new: Side, force: bool = False) -> Comparison:
    """The progress from ``old`` to ``new``; DataError for unrelated files unless ``force``."""
    if not force and not related(old, new):
        raise DataError("{old} and {new} share no history (neither is a follow-up or a copy of "
                        "the other); compare them anyway with --force.",
                        old=old.path.name, new=new.path.name)
    return compare(old.data, new.data)


def in_order(here: Side, other: Side) -> tuple[Side, Side]:
    """(older, newer) of the open project and another file: the one the other descends from
    first; without lineage between them, the earlier start date, else the other file first."""
    here_first = here.data.id in other.ancestry
    other_first = other.data.id in here.ancestry
    if here_first != other_first:
        return (here, other) if here_first else (other, here)
    mine, theirs = here.data.info.started_on, other.data.info.started_on
    if mine and theirs and mine < theirs:
        return here, other
    return other, here


# ------------------------------------------------------------------------------- output
def figures(sc: Score | None) -> dict | None:
    """Compliance and maturity rounded as ``isodesk info`` rounds them."""
    if sc is None:
        return None
    return {"compliance": None if sc.compliance is None else round(sc.compliance, 1),
            "maturity": None if sc.maturity is None else round(sc.maturity, 2)}


def _answer(answer) -> dict | None:
    if answer is None:
        return None
    return {"result": answer.result.value, "maturity": answer.maturity}


def _keys(changes: tuple[ItemChange, ...]) -> list[str]:
    return [c.key for c in changes]


def comparison_json(c: Comparison, old: Side, new: Side) -> dict:
    """What ``isodesk compare --json`` prints: per standard and chapter the figures before and
    after, the items whose result or maturity changed (only those), the gap lists and the
    actions done."""
    return {
        "old": _side_json(old),
        "new": _side_json(new),
        "related": related(old, new),
        "standards": [{
            "id": s.catalog.id,
            "name": s.catalog.name,
            "before": figures(s.total.before),
            "after": figures(s.total.after),
            "chapters": [{"chapter": chapter, "before": figures(pair.before),
                          "after": figures(pair.after)} for chapter, pair in s.chapters.items()],
        } for s in c.standards],
        "items": [{"key": i.key, "before": _answer(i.before), "after": _answer(i.after)}
                  for i in c.changed],
        "gaps_closed": _keys(c.gaps_closed),
        "gaps_new": _keys(c.gaps_new),
        "gaps_open": _keys(c.gaps_open),
        "actions_done": [{"id": a.id, "number": a.label, "title": a.title}
                         for a in c.actions_done],
        "to_reverify": list(c.to_reverify),
    }


def _side_json(side: Side) -> dict:
    info = side.data.info
    return {"file": side.path.name, "id": side.data.id, "client": info.client,
            "started_on": info.started_on.isoformat() if info.started_on else None}


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}%"


def _mat(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


def _delta(before: float | None, after: float | None, digits: int) -> str:
    if before is None or after is None:
        return ""
    return f" ({after - before:+.{digits}f})"


def _result(answer, lang: str) -> str:
    if answer is None:
        return tr("not in this assessment")
    maturity = "" if answer.maturity is None else f", {answer.maturity}"
    return f"{answer.result.label(lang)}{maturity}"


def comparison_lines(c: Comparison, old: Side, new: Side) -> list[str]:
    """The comparison as ``isodesk compare`` prints it, in the user's language."""
    lang = language()
    lines = [tr("{old} → {new}").format(
        old=_side_label(old), new=_side_label(new)), ""]
    for s in c.standards:
        before, after = figures(s.total.before) or {}, figures(s.total.after) or {}
        lines.append(tr("{name}: compliance {before} → {after}{delta}, maturity {mat_before} → "
                        "{mat_after}{mat_delta}").format(
            name=s.catalog.name, before=_pct(before.get("compliance")),
            after=_pct(after.get("compliance")),
            delta=_delta(before.get("compliance"), after.get("compliance"), 1),
            mat_before=_mat(before.get("maturity")), mat_after=_mat(after.get("maturity")),
            mat_delta=_delta(before.get("maturity"), after.get("maturity"), 2)))
        for chapter, pair in s.chapters.items():
            b, a = figures(pair.before) or {}, figures(pair.after) or {}
            lines.append(f"  {chapter:<6} {_pct(b.get('compliance')):>6} → "
                         f"{_pct(a.get('compliance')):>6}   {_mat(b.get('maturity')):>4} → "
                         f"{_mat(a.get('maturity')):>4}")
    lines.append("")
    lines.append(plural(len(c.changed), N_("{n} item changed:"), N_("{n} items changed:")))
    for item in c.changed:
        lines.append(f"  {item.key}: {_result(item.before, lang)} → {_result(item.after, lang)}")
    for label, changes in ((N_("Gaps closed: {n}"), c.gaps_closed),
                           (N_("New gaps: {n}"), c.gaps_new),
                           (N_("Gaps still open: {n}"), c.gaps_open)):
        lines.append(tr(label).format(n=len(changes))
                     + (f"  ({', '.join(_keys(changes))})" if changes else ""))
    lines.append(tr("Actions done: {n}").format(n=len(c.actions_done))
                 + (f"  ({', '.join(a.label for a in c.actions_done)})" if c.actions_done else ""))
    if c.to_reverify:
        lines.append(tr("Carried over from the earlier assessment and not yet re-verified: "
                        "{n}").format(n=len(c.to_reverify)))
    return lines


def _side_label(side: Side) -> str:
    day = side.data.info.started_on
    return f"{side.path.name} ({format_date(day)})" if day else side.path.name

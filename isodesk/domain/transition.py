"""Transition to a new edition of a standard (e.g. ISO 14001:2015 → ISO 14001:2026).

The new edition's catalog says per item which items of the old edition it continues
(``Requirement.continues``, from the catalog's ``from``), whether the requirement changed
(``changed``) and which items are new (``new_in_edition``). ``carry_over`` turns the old
edition's answers into answers for the new one:

- an item that continues answered old items gets their answer (key replaced, no longer linked
  to another standard's answer); several old answers are combined, the weakest result and the
  lowest maturity winning, their texts kept side by side with the old clause numbers;
- a carried answer of an item whose requirement changed is marked *re-verify*;
- new items (and items whose predecessors were not answered) stay open.

Pure: it returns what to write, the session (or a command) writes it as one edit.

A transition project holds both editions (``superseded``). It is reported as the project with
the new edition in place of the old one (``without_superseded``): the old edition's answers live
on in the new one, and counting both would count every finding twice.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from enum import Enum
from typing import Iterable, Mapping

from isodesk.domain.model import Answer, CatalogInfo, Requirement
from isodesk.domain.scales import FindingType, Result
from isodesk.domain.snapshot import ProjectData

# Weakest first: the combined answer of several old items is as good as the weakest of them.
_RESULT_ORDER = (Result.NONCONFORM, Result.PARTIAL, Result.CONFORM, Result.NA)
_SEVERITY = tuple(FindingType)  # major, minor, observation, ofi, good practice


@dataclass(frozen=True)
class Transition:
    carried: dict[str, Answer]  # new key → the answer carried over
    sources: dict[str, tuple[str, ...]]  # new key → the old keys whose answers it carries
    reverify: frozenset[str]  # new keys with a carried answer whose requirement changed
    new: frozenset[str]  # new keys the old edition has no counterpart for (left open)
    changed: frozenset[str]  # new keys whose requirement changed (carried or not)
    dropped: tuple[str, ...]  # old keys with an answer that no new item continues


def carry_over(old_requirements: Iterable[Requirement] | None, old_answers: Mapping[str, Answer],
               new_requirements: Iterable[Requirement]) -> Transition:
    """What the answers of the old edition (``old_requirements`` with ``old_answers``) become
    for the assessable items of the new edition (``new_requirements``).

    ``old_requirements`` None: the old edition has no catalog here (an ISO/IEC 27001:2013 SoA
    keyed ``iso27001-2013:A.12.4.1``); every answer then counts as one of an assessable item.
    """
    old = None if old_requirements is None else {r.key: r for r in old_requirements if r.assessable}
    given = {k: a for k, a in old_answers.items() if (old is None or k in old) and not a.is_blank}
    carried: dict[str, Answer] = {}
    sources: dict[str, tuple[str, ...]] = {}
    reverify, new, changed, used = set(), set(), set(), set()
    for req in new_requirements:
        if not req.assessable:
            continue
        if req.changed:
            changed.add(req.key)
        if req.new_in_edition or not req.continues:
            new.add(req.key)
            continue
        used.update(req.continues)
        answered = [k for k in req.continues if k in given]
        if not answered:
            continue
        carried[req.key] = _combine(req.key, [given[k] for k in answered], old)
        sources[req.key] = tuple(answered)
        if req.changed:
            reverify.add(req.key)
    dropped = tuple(k for k in given if k not in used)
    return Transition(carried, sources, frozenset(reverify), frozenset(new), frozenset(changed),
                      dropped)


def _combine(key: str, answers: list[Answer], old: dict[str, Requirement] | None) -> Answer:
    if len(answers) == 1:
        return replace(answers[0], key=key, linked_to=None)
    judged = [a.result for a in answers if a.result is not Result.OPEN]
    result = min(judged, key=_RESULT_ORDER.index) if judged else Result.OPEN
    maturities = [a.maturity for a in answers if a.maturity is not None]
    dates = [a.assessed_on for a in answers if a.assessed_on]
    types = [a.finding_type for a in answers if a.finding_type]

    def joined(name: str) -> str:
        return "\n".join(f"[{_ref(a.key, old)}] {getattr(a, name)}" for a in answers
                         if getattr(a, name))

    people = list(dict.fromkeys(a.interviewee for a in answers if a.interviewee))
    return replace(
        answers[0], key=key, linked_to=None, result=result,
        maturity=min(maturities) if maturities else None,
        findings=joined("findings"), evidence=joined("evidence"), interviewee=", ".join(people),
        assessed_on=min(dates) if dates else None,  # the oldest: the evidence is as old as that
        finding_type=min(types, key=_SEVERITY.index) if types else None,
    )


def _ref(key: str, old: dict[str, Requirement] | None) -> str:
    return old[key].ref if old else key.split(":", 1)[1]


# ------------------------------------------------------------------ a project with both editions
def superseded(catalogs: Iterable[CatalogInfo]) -> dict[str, CatalogInfo]:
    """The catalogs of a project that a newer edition in the same project replaces: old id →
    the newer edition's catalog."""
    catalogs = list(catalogs)
    ids = {c.id for c in catalogs}
    return {c.supersedes: c for c in catalogs if c.supersedes in ids}


def successors(requirements: Iterable[Requirement], old_ids: Iterable[str]) -> dict[str, list[str]]:
    """Old key → the keys of the items that continue it, for the items of ``old_ids``."""
    old_ids = set(old_ids)
    out: dict[str, list[str]] = {}
    for req in requirements:
        for key in req.continues:
            if key.split(":", 1)[0] in old_ids:
                out.setdefault(key, []).append(req.key)
    return out


def without_superseded(data: ProjectData) -> ProjectData:
    """``data`` as a report shows it: without the editions a newer one in the project replaces.
    Actions, risks and attachments on their items move to the items that continue them (an
    action on ISO 14001:2015 6.1.4 addresses ISO 14001:2026 6.1.5), links to an item nothing
    continues are left out."""
    old = superseded(data.catalogs)
    if not old:
        return data
    later = successors(data.requirements, old)

    def moved(keys: tuple[str, ...]) -> tuple[str, ...]:
        out = []
        for key in keys:
            out += later.get(key, []) if key.split(":", 1)[0] in old else [key]
        return tuple(dict.fromkeys(out))

    def keep(key: str) -> bool:
        return key.split(":", 1)[0] not in old

    attachments = {}
    for ident, attachment in data.attachments.items():
        key = moved((attachment.key,))
        if key:
            attachments[ident] = replace(attachment, key=key[0])
    return replace(
        data, catalogs=tuple(c for c in data.catalogs if c.id not in old),
        requirements=tuple(r for r in data.requirements if r.catalog_id not in old),
        answers={k: a for k, a in data.answers.items() if keep(k)},
        actions={i: replace(a, keys=moved(a.keys)) for i, a in data.actions.items()},
        risks={i: replace(r, keys=moved(r.keys)) for i, r in data.risks.items()},
        attachments=attachments)


class Readiness(str, Enum):
    """How far an item of the new edition is: what a transition report shows per clause."""

    READY = "ready"  # conform, and not waiting for re-verification
    REVERIFY = "reverify"  # carried over from the old edition, to check against the changed text
    GAP = "gap"  # partially or not conform
    OPEN = "open"  # not assessed yet (new clauses start here)
    NA = "na"


def readiness(answer: Answer) -> Readiness:
    if answer.reverify:
        return Readiness.REVERIFY
    if answer.result is Result.CONFORM:
        return Readiness.READY
    if answer.result.is_gap:
        return Readiness.GAP
    return Readiness.NA if answer.result is Result.NA else Readiness.OPEN

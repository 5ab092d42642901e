"""Integrated assessment: one answer serving the same requirement in several standards.

Two items of different standards are *partners* when they carry the same Harmonized Structure
reference (``hs``) or when a catalog links them (``Requirement.links``; a link written in one
catalog counts both ways). A partner is of kind ``same`` (the same requirement: an answer can be
shared) or ``related`` (a neighbouring topic, shown for reference, never shared). Two editions
of one standard are never partners: the newer continues the older (``Requirement.continues``,
domain/transition.py).

A *follower* answer carries ``linked_to = <source key>`` and mirrors the source's judgement
(result, maturity, findings, evidence, interviewee, date, finding type). Editing a follower
directly turns it into its own answer (a per-standard override).

One-to-many: a follower mirrors exactly one source, so an answer only flows into an item it
covers whole. Item A's answer can be followed by its ``same`` partner B when A is B's only
``same`` partner in A's standard. ISO 14001 9.3 (one management review clause) is the only
partner of ISO 9001 9.3.1, 9.3.2 and 9.3.3 in ISO 14001, so answering 14001 9.3 once fills all
three; 9001 9.3.2 (inputs only) covers just part of 14001 9.3, so it does not fill 14001 9.3:
that one is judged as a whole, with the 9001 sub-clauses shown beside it.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Iterable

from isodesk.domain.model import Answer, Requirement

MIRRORED = ("result", "maturity", "findings", "evidence", "interviewee", "assessed_on", "finding_type")
SAME, RELATED = "same", "related"


@dataclass(frozen=True, slots=True)
class Partner:
    """An item of another standard linked to a requirement."""

    requirement: Requirement
    kind: str  # SAME or RELATED
    via: str  # "hs" (same Harmonized Structure clause) or "link" (a catalog link)
    follows: bool  # the partner can follow the requirement's answer (see the module docstring)


class _Graph:
    """The links among ``requirements`` (assessable items only), in both directions."""

    def __init__(self, requirements: Iterable[Requirement]):
        self.by_key = {r.key: r for r in requirements if r.assessable}
        self.by_hs: dict[str, list[Requirement]] = defaultdict(list)
        self.linked: dict[str, dict[str, str]] = defaultdict(dict)  # key → partner key → kind
        # catalog id → the catalogs of earlier editions it continues: two editions of one
        # standard (a transition project holds both) are not partners, the newer continues
        self.earlier: dict[str, set[str]] = defaultdict(set)
        for r in self.by_key.values():
            self.earlier[r.catalog_id].update(key.split(":", 1)[0] for key in r.continues)
        for r in self.by_key.values():
            if r.hs:
                self.by_hs[r.hs].append(r)
            for link in r.links:
                if link.key in self.by_key:
                    self._add(r.key, link.key, link.kind)
                    self._add(link.key, r.key, link.kind)

    def _add(self, a: str, b: str, kind: str) -> None:
        if self.linked[a].get(b) != SAME:  # "same" wins when written both ways differently
            self.linked[a][b] = kind

    def _other_standard(self, a: Requirement, b: Requirement) -> bool:
        return (a.catalog_id != b.catalog_id and a.catalog_id not in self.earlier[b.catalog_id]
                and b.catalog_id not in self.earlier[a.catalog_id])

    def partners(self, req: Requirement) -> dict[str, tuple[str, str]]:
        """partner key → (kind, via), other standards only."""
        out: dict[str, tuple[str, str]] = {}
        if req.key not in self.by_key:
            return out
        for other in self.by_hs.get(req.hs, ()) if req.hs else ():
            if self._other_standard(req, other):
                out[other.key] = (SAME, "hs")
        for key, kind in self.linked.get(req.key, {}).items():
            if key not in out and self._other_standard(req, self.by_key[key]):
                out[key] = (kind, "link")
        return out

    def same_in(self, req: Requirement, catalog_id: str) -> int:
        """How many ``same`` partners ``req`` has in ``catalog_id``."""
        return sum(1 for key, (kind, _via) in self.partners(req).items()
                   if kind == SAME and self.by_key[key].catalog_id == catalog_id)


class Links:
    """The partners of every item of a project, worked out once (the graph over thousands of
    requirements costs milliseconds to build; an edit asks for partners every time)."""

    def __init__(self, requirements: Iterable[Requirement]):
        self._requirements = list(requirements)
        self._graph = _Graph(self._requirements)
        self._order = {r.key: i for i, r in enumerate(self._requirements)}
        self._found: dict[str, list[Partner]] = {}

    def partners(self, requirement: Requirement) -> list[Partner]:
        """Every item of another standard linked to ``requirement``: ``same`` ones first, then
        ``related``, each in project order."""
        found = self._found.get(requirement.key)
        if found is None:
            graph = self._graph
            found = []
            for key, (kind, via) in graph.partners(requirement).items():
                other = graph.by_key[key]
                follows = kind == SAME and graph.same_in(other, requirement.catalog_id) == 1
                found.append(Partner(other, kind, via, follows))
            found.sort(key=lambda p: (p.kind != SAME, self._order[p.requirement.key]))
            self._found[requirement.key] = found
        return found

    def sharing(self, requirement: Requirement) -> list[Requirement]:
        """The items of other standards that can follow ``requirement``'s answer."""
        return [p.requirement for p in self.partners(requirement) if p.follows]


def partners(requirement: Requirement, requirements: Iterable[Requirement]) -> list[Partner]:
    """``Links(requirements).partners(requirement)``, for a single question."""
    return Links(requirements).partners(requirement)


def mirror(source: Answer, follower_key: str) -> Answer:
    """The follower's answer that mirrors ``source``."""
    values = {name: getattr(source, name) for name in MIRRORED}
    return Answer(follower_key, linked_to=source.key, **values)


def followers(source_key: str, answers: Iterable[Answer]) -> list[Answer]:
    return [a for a in answers if a.linked_to == source_key]

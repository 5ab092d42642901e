"""``ProjectData``: one project's content at one moment, as a plain value.

The Excel export and import, the report and the comparisons read a snapshot, never the open
session or its file: a worker thread can build a report from a snapshot while the user goes on
editing, and two snapshots (base, mine, theirs) are what ``diff`` and ``merge`` work on.

Treat it as frozen: the mappings are shared with nobody after ``ProjectSession.snapshot()``,
but nothing stops a caller from changing them, so don't.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import NamedTuple

from isodesk.domain import linking
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
from isodesk.domain.scoring import Score, score, score_by_chapter
from isodesk.domain.soa import SoALine, is_control, soa_line


class Stamp(NamedTuple):
    """Who changed a record last, and when (ISO 8601, UTC). A named tuple: a project has one
    per record, and opening a project builds them all."""

    at: str
    by: str


@dataclass(frozen=True, eq=False)
class ProjectData:
    id: str
    info: ProjectInfo
    scope: Scope
    catalogs: tuple[CatalogInfo, ...]
    requirements: tuple[Requirement, ...]
    answers: dict[str, Answer]  # non-blank answers by requirement key
    actions: dict[str, Action]  # by id
    risks: dict[str, Risk]
    attachments: dict[str, Attachment] = field(default_factory=dict)
    based_on: BasedOn | None = None
    # (record kind, identity) → last change; kinds as in ``domain.merge.KINDS``
    stamps: dict[tuple[str, str], Stamp] = field(default_factory=dict)

    def __eq__(self, other) -> bool:
        """Same content: stamps (who and when) and the catalogs' copies are not compared."""
        if not isinstance(other, ProjectData):
            return NotImplemented
        return (self.id, self.info, self.scope, self.answers, self.actions, self.risks,
                self.attachments, self.based_on) == (
            other.id, other.info, other.scope, other.answers, other.actions, other.risks,
            other.attachments, other.based_on)

    __hash__ = None  # mutable mappings inside

    # ----------------------------------------------------------------------------- lookups
    @cached_property
    def by_key(self) -> dict[str, Requirement]:
        return {r.key: r for r in self.requirements}

    def answer(self, key: str) -> Answer:
        return self.answers.get(key) or Answer(key)

    def requirement(self, key: str) -> Requirement:
        return self.by_key[key]

    def catalog(self, catalog_id: str) -> CatalogInfo:
        return next(c for c in self.catalogs if c.id == catalog_id)

    def items_of(self, catalog_id: str) -> list[Requirement]:
        return [r for r in self.requirements if r.catalog_id == catalog_id]

    def assessable(self, catalog_id: str | None = None) -> list[Requirement]:
        return [r for r in self.requirements
                if r.assessable and (catalog_id is None or r.catalog_id == catalog_id)]

    def controls(self) -> list[Requirement]:
        """The Annex A controls (the lines of the Statement of Applicability)."""
        return [r for r in self.requirements if is_control(r)]

    def soa(self, key: str) -> SoALine:
        return soa_line(self.answer(key))

    def score(self, catalog_id: str) -> Score:
        return score(self.answer(r.key) for r in self.assessable(catalog_id))

    def chapter_scores(self, catalog_id: str) -> dict[str, Score]:
        return score_by_chapter(self.items_of(catalog_id), self.answers)

    @cached_property
    def links(self) -> linking.Links:
        return linking.Links(self.requirements)

    def hs_partners(self, key: str) -> list[Requirement]:
        """The items of other standards that can follow the answer of ``key``."""
        return self.links.sharing(self.requirement(key))

    def partners(self, key: str) -> list[linking.Partner]:
        return self.links.partners(self.requirement(key))

    def attachments_of(self, key: str) -> list[Attachment]:
        return sorted((a for a in self.attachments.values() if a.key == key),
                      key=lambda a: (a.position, a.name))

    def stamp(self, kind: str, ident: str) -> Stamp | None:
        return self.stamps.get((kind, ident))

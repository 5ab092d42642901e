"""What changed between two assessments of one client: a baseline (nulmeting) and a follow-up
(hermeting), or any two related projects. ``compare(before, after)`` reads two snapshots.

Items are matched by requirement key, actions by their id (a follow-up keeps the baseline's
actions, so "done since the baseline" is a change of one action's status). An item or a
standard that only one side holds has ``None`` on the other side. The scores are those of
``domain.scoring``, the same that ``isodesk info`` and the report print for each side.

Gaps are partially and not conform results. A gap is *closed* when the item is now conform or
not applicable, *still open* when it is a gap on both sides, *new* when it is a gap now and was
not one before. An item whose result went back to "not assessed" is none of these: it changed,
and is listed with the changed items.
"""
from __future__ import annotations

from dataclasses import dataclass

from isodesk.domain.model import Action, Answer, CatalogInfo, Requirement
from isodesk.domain.scales import ActionStatus, Result
from isodesk.domain.scoring import Score, answers_for, score, score_by_chapter
from isodesk.domain.snapshot import ProjectData

_CLOSED = (Result.CONFORM, Result.NA)


@dataclass(frozen=True, slots=True)
class ScorePair:
    before: Score | None  # None: that side does not hold the standard (or the chapter)
    after: Score | None


@dataclass(frozen=True)
class StandardProgress:
    catalog: CatalogInfo  # the newer side's copy when both hold the standard
    total: ScorePair
    chapters: dict[str, ScorePair]  # "4" … "10", "A.5" …, in catalog order


@dataclass(frozen=True, slots=True)
class ItemChange:
    requirement: Requirement  # the newer side's when both hold the item
    before: Answer | None  # None: the item is not part of that side's standards
    after: Answer | None

    @property
    def key(self) -> str:
        return self.requirement.key


@dataclass(frozen=True, eq=False)
class Comparison:
    before: ProjectData
    after: ProjectData
    standards: tuple[StandardProgress, ...]
    changed: tuple[ItemChange, ...]  # result or maturity differs, in catalog order
    gaps_closed: tuple[ItemChange, ...]
    gaps_new: tuple[ItemChange, ...]
    gaps_open: tuple[ItemChange, ...]  # a gap on both sides
    actions_done: tuple[Action, ...]  # done now and not before, by number
    to_reverify: tuple[str, ...]  # keys of the newer side's answers carried over, not re-verified

    def standard(self, catalog_id: str) -> StandardProgress | None:
        return next((s for s in self.standards if s.catalog.id == catalog_id), None)


def _judged(answer: Answer) -> bool:
    return answer.result is not Result.OPEN or answer.maturity is not None


def compare(before: ProjectData, after: ProjectData) -> Comparison:
    """The progress from ``before`` (the earlier assessment) to ``after``."""
    standards = []
    ids = [c.id for c in after.catalogs]
    ids += [c.id for c in before.catalogs if c.id not in ids]
    by_id = {c.id: c for c in before.catalogs} | {c.id: c for c in after.catalogs}
    held_before = {c.id for c in before.catalogs}
    held_after = {c.id for c in after.catalogs}
    old_items: dict[str, list[Requirement]] = {}
    new_items: dict[str, list[Requirement]] = {}
    for side, table in ((before, old_items), (after, new_items)):
        for req in side.requirements:
            table.setdefault(req.catalog_id, []).append(req)
    for catalog_id in ids:
        old = score_by_chapter(old_items.get(catalog_id, ()), before.answers) \
            if catalog_id in held_before else None
        new = score_by_chapter(new_items.get(catalog_id, ()), after.answers) \
            if catalog_id in held_after else None
        chapters = list(new or {}) + [c for c in (old or {}) if c not in (new or {})]
        standards.append(StandardProgress(
            by_id[catalog_id],
            ScorePair(None if old is None else _total(old_items.get(catalog_id, ()), before),
                      None if new is None else _total(new_items.get(catalog_id, ()), after)),
            {c: ScorePair(None if old is None else old.get(c),
                          None if new is None else new.get(c)) for c in chapters}))

    changed, closed, new_gaps, still = [], [], [], []
    after_keys = after.by_key
    items = [r for r in after.requirements if r.assessable]
    items += [r for r in before.requirements if r.assessable and r.key not in after_keys]
    before_keys = before.by_key
    old_answers, new_answers = before.answers, after.answers
    for req in items:
        key = req.key
        old_req = before_keys.get(key)
        was = (old_answers.get(key) or Answer(key)) if old_req is not None and old_req.assessable \
            else None
        now = (new_answers.get(key) or Answer(key)) if key in after_keys else None
        if was is None or now is None:
            present = was if now is None else now
            if _judged(present):
                changed.append(ItemChange(req, was, now))
            if was is None and now.result.is_gap:
                new_gaps.append(ItemChange(req, was, now))
            continue
        if (was.result, was.maturity) != (now.result, now.maturity):
            changed.append(ItemChange(req, was, now))
        if was.result.is_gap:
            if now.result in _CLOSED:
                closed.append(ItemChange(req, was, now))
            elif now.result.is_gap:
                still.append(ItemChange(req, was, now))
        elif now.result.is_gap:
            new_gaps.append(ItemChange(req, was, now))

    done = sorted((a for a in after.actions.values() if a.status is ActionStatus.DONE
                   and (a.id not in before.actions
                        or before.actions[a.id].status is not ActionStatus.DONE)),
                  key=lambda a: a.number)
    reverify = tuple(r.key for r in after.requirements
                     if r.key in new_answers and new_answers[r.key].reverify)
    return Comparison(before, after, tuple(standards), tuple(changed), tuple(closed),
                      tuple(new_gaps), tuple(still), tuple(done), reverify)


def _total(requirements, data: ProjectData) -> Score:
    """The standard's score as ``ProjectData.score`` gives it (what ``isodesk info`` prints)."""
    return score(answers_for(requirements, data.answers))

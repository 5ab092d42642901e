"""The gap list: requirements not (fully) conform, with a priority, the actions that address
them and the risks they feed.

Priority (also printed in the report's method section) weighs the result, the finding type the
assessor gave and the risks linked to the requirement:
  high   — a major nonconformity; not conform without a lighter finding type; or any gap linked
           to a high risk (score 15 or more);
  low    — partially conform with finding type observation, opportunity for improvement or good
           practice (the assessor judged it a suggestion), unless a medium or high risk is linked;
  medium — every other gap (a minor nonconformity, a partial conformity without finding type).
"""
from __future__ import annotations

from dataclasses import dataclass

from isodesk.domain.model import Action, Answer, Requirement, Risk
from isodesk.domain.scales import FindingType, Priority, Result

PRIORITY_ORDER = {Priority.HIGH: 0, Priority.MEDIUM: 1, Priority.LOW: 2}
RISK_HIGH = 15  # likelihood × impact from which a risk is high (red)
RISK_MEDIUM = 8  # ... and from which it is medium (amber)
_SUGGESTIONS = (FindingType.OBSERVATION, FindingType.OFI, FindingType.GOOD_PRACTICE)
_LIGHTER = (FindingType.MINOR, *_SUGGESTIONS)


def gap_priority(answer: Answer, risk_score: int = 0) -> Priority | None:
    """The priority of a gap, or None when the answer is no gap. ``risk_score``: the highest
    score of the risks linked to the requirement (0 when none)."""
    if not answer.result.is_gap:
        return None
    if answer.finding_type is FindingType.MAJOR or risk_score >= RISK_HIGH:
        return Priority.HIGH
    if answer.result is Result.NONCONFORM and answer.finding_type not in _LIGHTER:
        return Priority.HIGH
    if (answer.result is Result.PARTIAL and answer.finding_type in _SUGGESTIONS
            and risk_score < RISK_MEDIUM):
        return Priority.LOW
    return Priority.MEDIUM


@dataclass(frozen=True, slots=True)
class Gap:
    requirement: Requirement
    answer: Answer
    priority: Priority
    actions: tuple[Action, ...] = ()  # in the action plan for this requirement, by number
    risks: tuple[Risk, ...] = ()

    @property
    def has_action(self) -> bool:
        return bool(self.actions)


def gap_rank(gap: Gap) -> tuple[int, int, int]:
    """Sort key: priority, then major nonconformities first, then lowest maturity first."""
    answer = gap.answer
    return (PRIORITY_ORDER[gap.priority], 0 if answer.finding_type is FindingType.MAJOR else 1,
            6 if answer.maturity is None else answer.maturity)


def _linked(records, key: str, source: str | None) -> tuple:
    """The records linked to ``key``, or to the answer it follows (integrated assessment)."""
    keys = {key, source} - {None}
    return tuple(sorted((r for r in records if keys & set(r.keys)), key=lambda r: r.number))


def collect_gaps(requirements: list[Requirement], answers: dict[str, Answer],
                 actions=(), risks=()) -> list[Gap]:
    """The gaps among ``requirements``, sorted by ``gap_rank`` and then catalog order."""
    actions, risks = list(actions), list(risks)
    gaps = []
    for req in requirements:
        answer = answers.get(req.key)
        if answer is None or not req.assessable or not answer.result.is_gap:
            continue
        linked_risks = _linked(risks, req.key, answer.linked_to)
        priority = gap_priority(answer, max((r.score for r in linked_risks), default=0))
        gaps.append(Gap(req, answer, priority, _linked(actions, req.key, answer.linked_to),
                        linked_risks))
    gaps.sort(key=gap_rank)  # stable: catalog order among equals
    return gaps


def priority_counts(gaps: list[Gap]) -> dict[Priority, int]:
    counts = {p: 0 for p in Priority}
    for gap in gaps:
        counts[gap.priority] += 1
    return counts

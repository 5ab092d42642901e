"""The gap list: requirements not (fully) conform, with a priority derived from the answer.

Rules (also printed in the report's method section):
  high   — not conform, or a finding of type major nonconformity;
  low    — partially conform with finding type observation, opportunity for improvement or good
           practice (the assessor judged it a suggestion rather than a nonconformity);
  medium — every other partial conformity (minor nonconformity, or no finding type).
"""
from __future__ import annotations

from dataclasses import dataclass

from isodesk.domain.model import Answer, Requirement
from isodesk.domain.scales import FindingType, Priority, Result

PRIORITY_ORDER = {Priority.HIGH: 0, Priority.MEDIUM: 1, Priority.LOW: 2}
_SUGGESTIONS = (FindingType.OBSERVATION, FindingType.OFI, FindingType.GOOD_PRACTICE)


def gap_priority(answer: Answer) -> Priority | None:
    """The priority of a gap, or None when the answer is no gap."""
    if not answer.result.is_gap:
        return None
    if answer.result is Result.NONCONFORM or answer.finding_type is FindingType.MAJOR:
        return Priority.HIGH
    if answer.finding_type in _SUGGESTIONS:
        return Priority.LOW
    return Priority.MEDIUM


@dataclass(frozen=True, slots=True)
class Gap:
    requirement: Requirement
    answer: Answer
    priority: Priority


def collect_gaps(requirements: list[Requirement], answers: dict[str, Answer]) -> list[Gap]:
    """The gaps among ``requirements`` (in catalog order), sorted by priority, then by maturity
    (lowest first: least developed first), then catalog order."""
    gaps = []
    for order, req in enumerate(requirements):
        answer = answers.get(req.key)
        if answer is None or not req.assessable:
            continue
        priority = gap_priority(answer)
        if priority is not None:
            gaps.append((PRIORITY_ORDER[priority], _maturity_key(answer), order,
                         Gap(req, answer, priority)))
    gaps.sort(key=lambda entry: entry[:3])
    return [entry[3] for entry in gaps]


def _maturity_key(answer: Answer) -> int:
    return 6 if answer.maturity is None else answer.maturity


def priority_counts(gaps: list[Gap]) -> dict[Priority, int]:
    counts = {p: 0 for p in Priority}
    for gap in gaps:
        counts[gap.priority] += 1
    return counts

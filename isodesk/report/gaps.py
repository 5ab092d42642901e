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


def gap_rank(gap: Gap) -> tuple[int, int, int]:
    """Sort key: priority, then major nonconformities first, then lowest maturity first."""
    answer = gap.answer
    return (PRIORITY_ORDER[gap.priority], 0 if answer.finding_type is FindingType.MAJOR else 1,
            6 if answer.maturity is None else answer.maturity)


def collect_gaps(requirements: list[Requirement], answers: dict[str, Answer]) -> list[Gap]:
    """The gaps among ``requirements``, sorted by ``gap_rank`` and then catalog order."""
    gaps = []
    for req in requirements:
        answer = answers.get(req.key)
        if answer is None or not req.assessable:
            continue
        priority = gap_priority(answer)
        if priority is not None:
            gaps.append(Gap(req, answer, priority))
    gaps.sort(key=gap_rank)  # stable: catalog order among equals
    return gaps


def priority_counts(gaps: list[Gap]) -> dict[Priority, int]:
    counts = {p: 0 for p in Priority}
    for gap in gaps:
        counts[gap.priority] += 1
    return counts

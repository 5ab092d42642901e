"""Compliance % and average maturity (DOMAIN.md: "Scales").

compliance = (conform + ½ × partial) / (conform + partial + nonconform); not applicable and not
assessed items are left out, so an item only counts once somebody judged it. Average maturity is
taken over the same judged items that have a maturity.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Iterable

from isodesk.domain.model import Answer, Requirement
from isodesk.domain.scales import Result


@dataclass(frozen=True, slots=True)
class Score:
    counts: dict[Result, int]
    compliance: float | None  # 0..100, None when nothing was judged
    maturity: float | None  # 0..5, None when no maturity was given

    @property
    def items(self) -> int:
        return sum(self.counts.values())

    @property
    def assessed(self) -> int:
        """Items with any result other than "not assessed" (n.a. counts as assessed)."""
        return self.items - self.counts[Result.OPEN]

    @property
    def progress(self) -> float:
        return 100.0 * self.assessed / self.items if self.items else 0.0


def score(answers: Iterable[Answer]) -> Score:
    counts: Counter[Result] = Counter({r: 0 for r in Result})
    maturities: list[int] = []
    for answer in answers:
        counts[answer.result] += 1
        if answer.result not in (Result.NA, Result.OPEN) and answer.maturity is not None:
            maturities.append(answer.maturity)
    judged = counts[Result.CONFORM] + counts[Result.PARTIAL] + counts[Result.NONCONFORM]
    compliance = (
        100.0 * (counts[Result.CONFORM] + 0.5 * counts[Result.PARTIAL]) / judged if judged else None
    )
    maturity = sum(maturities) / len(maturities) if maturities else None
    return Score(dict(counts), compliance, maturity)


def answers_for(requirements: Iterable[Requirement], answers: dict[str, Answer]) -> list[Answer]:
    """The answers of the assessable requirements, blank ones for items without an answer."""
    return [answers.get(r.key) or Answer(r.key) for r in requirements if r.assessable]


def score_by_chapter(
    requirements: Iterable[Requirement], answers: dict[str, Answer]
) -> dict[str, Score]:
    """Score per chapter ("4" … "10", "A.5" … "A.8"), in catalog order."""
    groups: dict[str, list[Answer]] = {}
    for req in requirements:
        if req.assessable:
            groups.setdefault(req.chapter, []).append(answers.get(req.key) or Answer(req.key))
    return {chapter: score(group) for chapter, group in groups.items()}

"""The Statement of Applicability, read off the Annex A answers (one record per control).

Applicability and its justification are fields of the control's answer; the implementation
status follows from the result, so a control cannot be "implemented" in the SoA and "not
conform" in the checklist.
"""
from __future__ import annotations

from dataclasses import dataclass

from isodesk.domain.model import Answer, Requirement
from isodesk.domain.scales import Implementation, Result

STATUS = {
    Result.CONFORM: Implementation.IMPLEMENTED,
    Result.PARTIAL: Implementation.PARTIAL,
    Result.NONCONFORM: Implementation.NOT_IMPLEMENTED,
    Result.OPEN: Implementation.UNDETERMINED,
}


@dataclass(frozen=True, slots=True)
class SoALine:
    key: str
    applicable: bool | None  # None: not decided yet
    justification: str
    status: Implementation | None  # None for a control that is not applicable


def is_control(requirement: Requirement) -> bool:
    return requirement.kind == "control" and requirement.assessable


def applicability(answer: Answer) -> bool | None:
    """n.a. → not applicable; any judgement → applicable; not assessed → as decided (or None)."""
    if answer.result is Result.NA:
        return False
    if answer.result is not Result.OPEN:
        return True
    return answer.applicable


def soa_line(answer: Answer) -> SoALine:
    applicable = applicability(answer)
    return SoALine(answer.key, applicable, answer.justification,
                   None if applicable is False else STATUS[answer.result])


def with_applicability(answer: Answer, applicable: bool | None) -> Answer:
    """The answer after the SoA decision ``applicable``: not applicable is the n.a. result;
    applicable again reopens an n.a. control; undecided clears the decision of an open one."""
    if applicable is False:
        return answer.with_changes(result=Result.NA, maturity=None, applicable=False)
    if answer.result is Result.NA:
        return answer.with_changes(result=Result.OPEN, applicable=applicable)
    return answer.with_changes(applicable=applicable)

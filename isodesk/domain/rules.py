"""Small rules about records that more than one screen or document applies (so each is
written once, not in the GUI and the report apart)."""
from __future__ import annotations

from datetime import date

from isodesk.domain.model import Action
from isodesk.domain.scales import ActionStatus


def is_overdue(action: Action, today: date) -> bool:
    """Past its deadline and not done (the action plan marks these; the report likewise)."""
    return action.deadline is not None and action.deadline < today and action.status is not ActionStatus.DONE


# Risk score bands (likelihood × impact, 1–25), the same in the risk register on screen, in
# the report and in the workbook: high from 15, medium from 8, low below.
RISK_HIGH = 15
RISK_MEDIUM = 8


def risk_band(score: int) -> str:
    """"high", "medium" or "low"."""
    return "high" if score >= RISK_HIGH else "medium" if score >= RISK_MEDIUM else "low"

"""Small rules about records that more than one screen or document applies."""
from __future__ import annotations

from datetime import date

from isodesk.domain.model import Action
from isodesk.domain.scales import ActionStatus


def is_overdue(action: Action, today: date) -> bool:
    """Past its deadline and not done (the action plan marks these; the report likewise)."""
    return action.deadline is not None and action.deadline < today and action.status is not ActionStatus.DONE

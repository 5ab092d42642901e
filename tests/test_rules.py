"""Rules the screens and documents share: overdue actions, risk bands."""
from datetime import date

from isodesk.domain.model import Action
from isodesk.domain.rules import is_overdue, risk_band
from isodesk.domain.scales import ActionStatus


def test_overdue_is_past_the_deadline_and_not_done():
    today = date(2026, 12, 1)
    assert is_overdue(Action("a1", 1, "a", deadline=date(2026, 11, 30)), today)
    assert not is_overdue(Action("a1", 1, "a", deadline=date(2026, 12, 1)), today)
    assert not is_overdue(Action("a1", 1, "a", deadline=date(2026, 11, 30), status=ActionStatus.DONE), today)
    assert not is_overdue(Action("a1", 1, "a"), today)


def test_risk_bands():
    assert [risk_band(s) for s in (1, 7, 8, 14, 15, 25)] == ["low", "low", "medium", "medium", "high", "high"]

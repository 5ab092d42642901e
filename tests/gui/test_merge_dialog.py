"""File → Copy for a colleague… and File → Merge…: the dialog that shows what arrives and puts
both values of each conflict side by side, and the flow from the menu (background reading, one
Undo for the whole merge)."""
from __future__ import annotations

import pytest

from isodesk.app.copy import copy_project
from isodesk.app.merge import plan_merge
from isodesk.app.session import ProjectSession
from isodesk.domain.scales import Result
from isodesk.gui.merge_dialog import MergeDialog

CLAUSE = "iso9001-2015:8.5.6"
OTHER_CLAUSE = "iso9001-2015:8.3.6"


def _wait(window, qtbot):
    qtbot.waitUntil(lambda: window.task is not None and not window.task.running, timeout=60000)


def _colleague_works(copy):
    jan = ProjectSession.open(copy, author="Jan Peeters")
    jan.set_answer(CLAUSE, findings="Jan: geen vrijgaveregistratie", maturity=1)
    jan.set_answer(OTHER_CLAUSE, result="conform")
    jan.add_action("Vrijgave vastleggen")
    jan.close()


@pytest.fixture
def plan(demo_path, tmp_path):
    copy = tmp_path / "jan.isodesk"
    lead = ProjectSession.open(demo_path, author="Lead")
    copy_project(lead, copy)
    _colleague_works(copy)
    lead.set_answer(CLAUSE, findings="Lead: steekproef in orde", maturity=3)
    made = plan_merge(lead.snapshot(), demo_path, copy)
    lead.close()
    return made


def test_merge_waits_for_a_decision_on_every_conflict(qtbot, plan):
    dialog = MergeDialog(plan)
    qtbot.addWidget(dialog)
    assert dialog.conflict_table.rowCount() == 2  # finding and maturity
    assert not dialog.merge_button.isEnabled()
    assert "2" in dialog.pending.text()

    assert [dialog.conflict_table.item(r, 1).text() for r in range(2)] == ["maturity", "finding"]
    dialog.conflict_table.selectRow(1)
    assert dialog.here_pane.text.toPlainText() == "Lead: steekproef in orde"
    assert dialog.there_pane.text.toPlainText() == "Jan: geen vrijgaveregistratie"
    assert "Lead" in dialog.here_pane.title() and "Jan Peeters" in dialog.there_pane.title()
    dialog.conflict_table.selectRow(0)
    dialog.there_pane.button.click()  # take Jan's value, on to the next conflict
    assert dialog.decisions() == {plan.conflicts[0].key: "theirs"}
    assert dialog._selected_row() == 1 and not dialog.merge_button.isEnabled()
    dialog.here_pane.button.click()
    assert dialog.merge_button.isEnabled() and dialog.pending.text() == ""
    assert dialog.decisions() == {plan.conflicts[0].key: "theirs", plan.conflicts[1].key: "mine"}

    dialog.all_theirs.click()
    assert set(dialog.decisions().values()) == {"theirs"}
    assert dialog.conflict_table.item(1, 4).text() == "jan.isodesk"
    assert dialog.arriving_table.rowCount() == len(plan.arriving)
    items = {dialog.arriving_table.item(r, 0).text() for r in range(dialog.arriving_table.rowCount())}
    assert "ISO 9001:2015 8.3.6" in items and any("Vrijgave vastleggen" in i for i in items)


def test_copy_for_a_colleague_then_merge_it_back_from_the_menu(window, fake_dialogs, qtbot, tmp_path):
    copy = tmp_path / "voor Jan.isodesk"
    fake_dialogs.save_paths.append(copy)
    window.session.author = "Lead"
    menu_action(window, "Copy for a colleague…").trigger()
    _wait(window, qtbot)
    assert fake_dialogs.errors == [] and copy.exists()
    assert "voor Jan.isodesk" in fake_dialogs.infos[-1]

    _colleague_works(copy)
    window.session.set_answer(CLAUSE, findings="Lead: steekproef in orde")
    fake_dialogs.open_paths.append(copy)
    fake_dialogs.merge_decision = "theirs"
    menu_action(window, "Merge…").trigger()
    _wait(window, qtbot)
    assert fake_dialogs.errors == []
    assert len(fake_dialogs.merge_plans) == 1 and len(fake_dialogs.merge_plans[0].conflicts) == 1
    session = window.session
    assert session.answer(CLAUSE).findings == "Jan: geen vrijgaveregistratie"
    assert session.answer(OTHER_CLAUSE).result is Result.CONFORM
    assert any(a.title == "Vrijgave vastleggen" for a in session.actions.values())
    assert "voor Jan.isodesk" in window.undo_action.text()

    window.undo_action.trigger()  # the whole merge in one step
    assert session.answer(CLAUSE).findings == "Lead: steekproef in orde"
    assert session.answer(OTHER_CLAUSE).result is Result.OPEN
    assert not any(a.title == "Vrijgave vastleggen" for a in session.actions.values())


def test_cancelling_the_merge_dialog_changes_nothing(window, fake_dialogs, qtbot, tmp_path):
    copy = tmp_path / "jan.isodesk"
    copy_project(window.session, copy)
    _colleague_works(copy)
    before = window.session.snapshot()
    fake_dialogs.open_paths.append(copy)
    window.view("actions")
    menu_action(window, "Merge…").trigger()
    _wait(window, qtbot)
    assert fake_dialogs.merge_plans and window.session.snapshot() == before


def test_merging_a_file_of_another_project_is_one_sentence(window, fake_dialogs, qtbot, small_project):
    fake_dialogs.open_paths.append(small_project)
    before = window.session.snapshot()
    menu_action(window, "Merge…").trigger()
    _wait(window, qtbot)
    assert len(fake_dialogs.errors) == 1 and "shares no history" in fake_dialogs.errors[0]
    assert "\n" not in fake_dialogs.errors[0]
    assert fake_dialogs.merge_plans == [] and window.session.snapshot() == before


def test_a_file_with_nothing_new_says_so(window, fake_dialogs, qtbot, tmp_path):
    copy = tmp_path / "jan.isodesk"
    copy_project(window.session, copy)
    fake_dialogs.open_paths.append(copy)
    menu_action(window, "Merge…").trigger()
    _wait(window, qtbot)
    assert fake_dialogs.merge_plans == [] and "nothing new" in fake_dialogs.infos[-1]
    assert not window.undo_action.isEnabled()


def menu_action(window, text: str):
    for action in window.menuBar().actions()[0].menu().actions():
        if action.text().replace("&", "") == text:
            return action
    raise AssertionError(text)

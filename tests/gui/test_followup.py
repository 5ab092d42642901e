"""A follow-up in the application: the baseline beside each item in the answer panel and in
interview mode, the filter "not yet re-verified", the progress tab, File → New follow-up… and
View → Compare…. Driven as a consultant does, with clicks and keys."""
from datetime import date

import pytest
from PySide6.QtCore import Qt

from isodesk.app.followup import start_followup
from isodesk.app.session import ProjectSession
from isodesk.domain.scales import Result
from isodesk.gui.checklist_view import RESULT_FILTERS
from isodesk.gui.interview import Step

CLAUSE = "iso9001-2015:7.1.5.2"  # partially conform, maturity 2 in the demo
GAP = "iso9001-2015:9.2.2"  # not conform, maturity 0


def _wait(window, qtbot):
    qtbot.waitUntil(lambda: window.task is not None and not window.task.running, timeout=60000)


@pytest.fixture
def followup_path(demo_path, tmp_path):
    path = tmp_path / "hermeting.isodesk"
    baseline = ProjectSession.open(demo_path)
    start_followup(baseline, path, on=date(2027, 3, 1))
    baseline.close()
    return path


@pytest.fixture
def followup_window(controller, followup_path, qtbot):
    assert controller.open_path(followup_path)
    w = controller.window
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


def test_the_answer_panel_shows_the_baseline_and_confirms_it(followup_window, qtbot):
    window = followup_window
    panel = window.checklist.panel
    window.checklist.select_key(CLAUSE)
    box = panel.baseline
    assert box.isVisible()
    assert box.heading.text() == "Baseline (2026-11-09): Voldoet deels · maturity 2"
    assert "Not yet re-verified" in box.state.text() and box.confirm.isVisible()
    assert not box.finding.isVisible()  # the same finding as below: not shown twice
    qtbot.mouseClick(box.confirm, Qt.MouseButton.LeftButton)
    answer = window.session.answer(CLAUSE)
    assert not answer.reverify and answer.result is Result.PARTIAL
    assert answer.assessed_on == date.today()
    assert box.state.text() == "✔ Re-verified." and not box.confirm.isVisible()
    assert "re-verification" in window.undo_action.text()

    # A new judgement: the baseline stays beside it, with its finding now that they differ.
    panel.result.setCurrentIndex(panel.result.findData(Result.CONFORM.value))
    panel.result.activated.emit(panel.result.currentIndex())
    panel.findings.setPlainText("Kalibratie op orde.")
    panel.commit_text()
    assert box.heading.text().endswith("Voldoet deels · maturity 2")
    assert "changed since the baseline" in box.state.text()
    assert box.finding.isVisible() and box.finding.text().startswith("Meetmiddelen")


def test_an_item_open_in_both_is_not_called_re_verified(followup_window):
    window = followup_window
    key = next(r.key for r in window.session.assessable("iso9001-2015")
               if window.session.answer(r.key).is_blank)
    window.checklist.select_key(key)
    box = window.checklist.panel.baseline
    assert "not assessed" in box.heading.text()
    assert box.state.text() == "Not assessed yet in this follow-up."
    assert not box.confirm.isVisible()


def test_a_project_without_baseline_shows_no_baseline(window):
    window.checklist.select_key(CLAUSE)
    assert not window.checklist.panel.baseline.isVisible()
    tabs = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert "Progress" not in tabs and "Dashboard" in tabs


def test_the_filter_not_yet_reverified(followup_window, qtbot):
    window = followup_window
    checklist = window.checklist
    index = next(i for i, f in enumerate(RESULT_FILTERS) if f.reverify)
    assert checklist.result_filter.itemText(index) == "Not yet re-verified"
    flagged = sum(1 for a in window.session.answers.values() if a.reverify)
    window.show_reverify()
    assert checklist.result_filter.currentIndex() == index
    assert checklist.table_model.rowCount() == flagged
    assert checklist.count.text() == f"{flagged} items"
    row = checklist.table_model.row_of(CLAUSE)
    result = checklist.table_model.index(row, checklist.table_model.column("result"))
    assert result.data().startswith("↻ ")
    assert "not yet re-verified" in result.data(Qt.ItemDataRole.ToolTipRole)
    checklist.select_key(CLAUSE)
    qtbot.mouseClick(checklist.panel.baseline.confirm, Qt.MouseButton.LeftButton)
    checklist.result_filter.setCurrentIndex(0)
    checklist.result_filter.setCurrentIndex(index)
    assert checklist.table_model.rowCount() == flagged - 1
    assert checklist.table_model.row_of(CLAUSE) is None


def test_interview_mode_shows_the_baseline_and_confirms_with_the_result_key(followup_window, qtbot):
    window = followup_window
    window.checklist.select_key(CLAUSE)
    window.enter_interview()
    view = window.interview
    assert view.key == CLAUSE
    assert view.step is Step.RESULT  # a carried answer starts at its result
    assert "Not yet re-verified" in view.baseline.text()
    assert "Baseline (2026-11-09): Voldoet deels · maturity 2" in view.baseline.text()
    qtbot.keyClick(view, Qt.Key.Key_2)  # partially conform, as before: confirmed
    assert not window.session.answer(CLAUSE).reverify
    assert "Not yet re-verified" not in view.baseline.text()
    qtbot.keyClick(view, Qt.Key.Key_Return)  # on to the next item still to re-verify
    assert view.key != CLAUSE and window.session.answer(view.key).reverify


def test_the_progress_tab_beside_the_dashboard(followup_window, qtbot):
    window = followup_window
    tabs = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert tabs.index("Progress") == tabs.index("Dashboard") + 1
    window.show_tab(window.progress_view)
    view = window.progress_view
    card = view.cards[0]
    assert card.title.text() == "ISO 9001:2015"
    assert "0 gaps closed" in card.gaps.text()
    assert list(card.chart.chapters) == ["4", "5", "6", "7", "8", "9", "10"]
    window.session.set_answer(GAP, result="conform", maturity=3)  # shown: refreshed at once
    assert "1 gap closed" in card.gaps.text() and "1 gap closed" in view.summary.text()
    before = card.chart.chapters["9"]
    assert before.after.compliance > before.before.compliance
    qtbot.mouseClick(view.reverify_button, Qt.MouseButton.LeftButton)
    assert window.tabs.currentWidget() is window.checklist
    assert window.checklist.result_filter.currentText() == "Not yet re-verified"


def _menu_action(window, text):
    """The menu entry as the user finds it."""
    return next(a for m in window.menuBar().actions() for a in m.menu().actions()
                if a.text() == text)


def test_new_followup_from_the_file_menu(window, fake_dialogs, qtbot, tmp_path):
    out = tmp_path / "hermeting.isodesk"
    fake_dialogs.save_paths.append(out)
    baseline_id = window.session.id
    opened = []
    window.open_requested.connect(opened.append)
    _menu_action(window, "New &follow-up…").trigger()
    _wait(window, qtbot)
    assert fake_dialogs.errors == []
    assert len(fake_dialogs.questions) == 1 and "hermeting.isodesk" in fake_dialogs.questions[0]
    assert opened == [str(out)]
    session = ProjectSession.open(out, read_only=True)
    try:
        assert (session.based_on.id, session.based_on.kind) == (baseline_id, "followup")
        assert all(a.reverify for a in session.answers.values())
    finally:
        session.close()


def test_compare_with_the_baseline_from_the_view_menu(followup_window, fake_dialogs, demo_path,
                                                      qtbot):
    window = followup_window
    window.session.set_answer(GAP, result="conform", maturity=3)
    fake_dialogs.open_paths.append(demo_path)
    fake_dialogs.comparison_choice = GAP  # the user double-clicks the gap closed
    _menu_action(window, "Co&mpare with another assessment…").trigger()
    _wait(window, qtbot)
    assert fake_dialogs.errors == [] and fake_dialogs.questions == []  # related: no warning
    comparison, old, new = fake_dialogs.comparisons[0]
    assert old.path == demo_path and new.path == window.session.path  # the baseline first
    assert [c.key for c in comparison.gaps_closed] == [GAP]
    assert window.checklist.current_key() == GAP


def test_comparing_an_unrelated_project_asks_first(window, fake_dialogs, small_project, qtbot):
    fake_dialogs.open_paths.append(small_project)
    fake_dialogs.answer_questions = False
    from isodesk.gui import followup_actions

    followup_actions.compare_with_file(window)
    _wait(window, qtbot)
    assert len(fake_dialogs.questions) == 1
    assert "share no history" in fake_dialogs.questions[0]
    assert fake_dialogs.comparisons == []  # not compared: the user said no


def test_the_compare_view_lists_and_jumps(followup_path, demo_path, qtbot):
    from isodesk.app.compare import read_side
    from isodesk.domain.progress import compare
    from isodesk.gui.compare_view import CompareView

    session = ProjectSession.open(followup_path)
    session.set_answer(GAP, result="conform", maturity=3)
    session.set_answer(CLAUSE, result="nonconform", maturity=1)
    session.close()
    old, new = read_side(demo_path), read_side(followup_path)
    view = CompareView(compare(old.data, new.data), old, new)
    qtbot.addWidget(view)
    assert not view.warning.isVisible()
    tabs = [view.tabs.tabText(i) for i in range(view.tabs.count())]
    assert tabs[:2] == ["Changed items (2)", "Gaps closed (1)"]
    changed = view.lists["changed"]
    rows = {changed.item(r, 1).text(): [changed.item(r, c).text() for c in range(5)]
            for r in range(changed.rowCount())}
    assert rows["9.2.2"][3:] == ["Voldoet niet (0)", "Voldoet (3)"]
    assert rows["7.1.5.2"][3:] == ["Voldoet deels (2)", "Voldoet niet (1)"]
    top = view.scores.topLevelItem(0)
    assert top.text(0) == "ISO 9001:2015" and top.childCount() == 7
    row = next(r for r in range(changed.rowCount()) if changed.item(r, 1).text() == "9.2.2")
    changed.cellDoubleClicked.emit(row, 2)
    assert view.chosen_key == GAP and view.result() == view.DialogCode.Accepted

"""Issue 18 in the window: Project → Add transition to ISO 14001:2026, the re-verify marks and
their filter, the maturity anchors beside the maturity choice (answer panel, interview mode),
and the Statement of Applicability grouped by ISO/IEC 27002 attribute."""
import pytest
from PySide6.QtCore import Qt

from isodesk.gui import dialogs
from isodesk.gui.interview import Step
from isodesk.gui.soa_groups import GroupRow, Grouped

OLD, NEW = "iso14001-2015", "iso14001-2026"


@pytest.fixture
def questions(monkeypatch):
    """The confirmations asked, answered with ``questions.answer``."""

    class Asked(list):
        answer = True

    asked = Asked()
    monkeypatch.setattr(dialogs, "confirm",
                        lambda parent, message, title="": asked.append(message) or asked.answer)
    return asked


def _menu_entries(window):
    window.transition_menu.fill()  # what opening Project does
    return window.transition_menu.menu.actions()


def _add_transition(window):
    entry = next(a for a in _menu_entries(window)
                 if a.text() == "Add transition to ISO 14001:2026…")
    assert entry.isEnabled()
    entry.trigger()


def _tree_labels(window):
    model = window.checklist.tree_model
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def test_the_project_menu_adds_the_transition(window, questions, qtbot):
    s = window.session
    questions.answer = False  # asked, and declined: nothing happens
    _add_transition(window)
    assert "ISO 14001:2026 replaces ISO 14001:2015." in questions[0]
    assert "Undo cannot take this step back" in questions[0]
    assert all(c.id != NEW for c in s.catalogs)

    questions.answer = True
    _add_transition(window)
    assert window.session is s and s.catalog(NEW).supersedes == OLD
    assert {"ISO 14001:2015 (replaced)", "ISO 14001:2026"} <= set(_tree_labels(window))
    checklist = window.checklist
    assert checklist.tree_model.node_filter(checklist.tree.currentIndex()) == (NEW, None)
    assert not window.undo_action.isEnabled()
    assert "Not yet re-verified" in window.statusBar().currentMessage()

    # the filter lists exactly the carried-over answers of changed requirements
    reverify = {k for k, a in s.answers.items() if a.reverify}
    assert reverify and all(k.startswith(NEW) and s.requirement(k).changed for k in reverify)
    checklist.result_filter.setCurrentIndex(checklist.result_filter.findText("Not yet re-verified"))
    assert set(checklist.table_model.keys()) == reverify
    key = f"{NEW}:4.1"
    assert checklist.select_key(key)
    row = checklist.table_model.row_of(key)
    result_column = checklist.table_model.column("result")
    assert checklist.table_model.index(row, result_column).data().startswith("↻")
    panel = checklist.panel
    assert "Continues ISO 14001:2015 4.1. The requirement changed." in panel.guidance.text()
    assert "not yet re-verified" in panel.guidance.text()

    # choosing the result again confirms it
    result = s.answer(key).result
    panel.result.activated.emit(panel.result.findData(result.value))
    assert not s.answer(key).reverify and s.answer(key).result is result
    assert "not yet re-verified" not in panel.guidance.text()
    assert not checklist.table_model.index(row, result_column).data().startswith("↻")

    assert [a.text() for a in _menu_entries(window)] == [
        "No newer edition of this project's standards is available"]
    window.show_tab(window.dashboard)
    window.dashboard.refresh()
    titles = [card.title.text() for card in window.dashboard.cards]
    assert "ISO 14001:2015 (replaced by ISO 14001:2026)" in titles and "ISO 14001:2026" in titles


def test_interview_mode_goes_through_the_answers_to_re_verify(window, questions, qtbot):
    _add_transition(window)
    s = window.session
    key = f"{NEW}:4.1"
    window.checklist.select_key(key)
    window.enter_interview()
    view = window.interview
    assert view.key == key and view.step is Step.RESULT  # carried over: starts at its result
    assert "not yet re-verified" in view.guidance.text()
    qtbot.keyClick(view, Qt.Key.Key_1)  # conform again: confirmed
    assert not s.answer(key).reverify and view.step is Step.MATURITY
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    view.start([key, f"{NEW}:4.4", f"{NEW}:10.1"], f"{NEW}:4.4")
    view.next_unanswered()  # 4.4 carried unchanged, 10.1 waits for re-verification
    assert view.key == f"{NEW}:10.1"


def test_the_anchors_beside_the_maturity_choice(window, qtbot):
    from isodesk.gui.guidance import ANCHOR_ROLE

    s = window.session
    key = "iso9001-2015:4.1"  # a clause of the Harmonized Structure core
    req = s.requirement(key)
    assert set(req.anchors) == {"1", "3", "5"}
    window.checklist.select_key(key)
    combo = window.checklist.panel.maturity
    nl = lambda level: req.anchors[level]["nl"]  # noqa: E731 - the project's language
    # the list of levels shows each anchor under its level; the choice's tool tip all three
    anchors = {combo.itemData(i): combo.itemData(i, ANCHOR_ROLE) for i in range(combo.count())}
    assert anchors == {None: None, 0: None, 1: nl("1"), 2: None, 3: nl("3"), 4: None, 5: nl("5")}
    assert combo.toolTip().split("\n\n") == [f"{n} · {nl(n)}" for n in ("1", "3", "5")]
    delegate, view = combo.itemDelegate(), combo.view()
    one_line = delegate.sizeHint(_option(view), combo.model().index(3, 0)).height()  # level 2
    with_anchor = delegate.sizeHint(_option(view), combo.model().index(4, 0)).height()  # 3
    assert with_anchor > 2 * one_line  # the level's line and the anchor's lines below it
    window.checklist.select_key("iso27001-2022:A.8.8")  # no anchors: plain levels
    assert all(combo.itemData(i, ANCHOR_ROLE) is None for i in range(combo.count()))
    assert combo.toolTip() == ""

    window.checklist.select_key(key)
    window.enter_interview()
    interview = window.interview
    interview.set_step(Step.RESULT)
    assert not interview.anchors.isVisible()
    qtbot.keyClick(interview, Qt.Key.Key_2)  # partially conform: now the maturity
    assert interview.step is Step.MATURITY and interview.anchors.isVisible()
    assert interview.anchors.text().splitlines() == [f"{n} · {nl(n)}" for n in ("1", "3", "5")]
    qtbot.keyClick(interview, Qt.Key.Key_3)
    assert interview.step is Step.NOTE and not interview.anchors.isVisible()
    assert s.answer(key).maturity == 3


def _option(view):
    from PySide6.QtWidgets import QStyleOptionViewItem

    option = QStyleOptionViewItem()
    option.initFrom(view)
    return option


def test_note_and_own_titles_beside_the_item(window):
    panel = window.checklist.panel
    window.checklist.select_key("iso9001-2015:4.2")  # Amd 1:2024's note on climate change
    note = window.session.requirement("iso9001-2015:4.2").note["nl"]
    assert panel.guidance.isVisible() and panel.guidance.text() == f"ℹ {note}"
    window.checklist.select_key("iso9001-2015:4.4.1")  # the standard gives it no title
    assert panel.heading.text().endswith("[Processen bepalen en beheersen]")


def test_the_soa_grouped_by_attribute(window, qtbot):
    s = window.session
    view = window.soa_view
    model = view.model
    assert model.rowCount() == 93
    view.group.setCurrentIndex(view.group.findData("security_properties"))
    rows = [model.record(i) for i in range(model.rowCount())]
    headings = [r for r in rows if isinstance(r, GroupRow)]
    assert [h.value for h in headings] == ["#Confidentiality", "#Integrity", "#Availability"]
    assert model.index(0, 0).data().startswith("#Confidentiality — ")
    assert view.table.columnSpan(0, 0) == model.columnCount()
    key = "iso27001-2022:A.8.25"  # secure development life cycle: C, I and A
    under = [r.value for r in rows if isinstance(r, Grouped) and r.control.key == key]
    assert under == ["#Confidentiality", "#Integrity", "#Availability"]
    assert len(rows) == 3 + sum(h.controls for h in headings)

    # an edit in one of its rows is the control's: every row of it and the counts follow
    def heading(value):
        return next(model.record(i) for i in range(model.rowCount())
                    if isinstance(model.record(i), GroupRow) and model.record(i).value == value)

    key = next(r.control.key for r in rows if isinstance(r, Grouped) and r.value == "#Integrity"
               and s.soa(r.control.key).applicable is True)
    applicable = heading("#Integrity").applicable
    row = next(i for i, r in enumerate(rows) if r == Grouped("#Integrity", s.requirement(key)))
    assert model.setData(model.index(row, 2), False)  # not applicable
    assert s.soa(key).applicable is False
    shown = {model.record(i).value: model.index(i, 2).data() for i in range(model.rowCount())
             if isinstance(model.record(i), Grouped) and model.record(i).control.key == key}
    assert set(shown.values()) == {"No"} and len(shown) == len(s.requirement(key).attributes[
        "security_properties"])
    assert heading("#Integrity").applicable == applicable - 1

    view.theme.setCurrentIndex(view.theme.findData("people"))  # with the theme filter
    people = {model.record(i).control.key for i in range(model.rowCount())
              if isinstance(model.record(i), Grouped)}
    assert len(people) == 8
    view.group.setCurrentIndex(0)  # no grouping
    assert model.rowCount() == 8 and view.table.columnSpan(0, 0) == 1

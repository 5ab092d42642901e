"""The desktop around the interview (issue 10, points 7–14) and the subscribed views (issue 11,
point 6)."""
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QToolButton

from isodesk.app.session import ProjectSession
from isodesk.domain.errors import DataError
from isodesk.domain.scales import Result
from isodesk.support.i18n import localize, plural, tr


def _at(window, qtbot, width, height):
    window.resize(width, height)
    qtbot.wait(50)
    QApplication.processEvents()


# ---------------------------------------------------------------------------- 7. checklist
def test_table_shows_the_standard_when_there_are_several(window, qtbot):
    checklist = window.checklist
    qtbot.keyClicks(checklist.search, "9.2.2")
    model = checklist.table_model
    standards = [model.data(model.index(r, model.column("standard"))) for r in range(model.rowCount())]
    assert sorted(standards) == ["ISO 14001", "ISO 27001", "ISO 45001", "ISO 9001"]  # short: no "/IEC"


def test_table_has_no_standard_column_with_one_standard(controller, small_project, qtbot):
    assert controller.open_path(small_project)
    assert "standard" not in controller.window.checklist.table_model.columns


def test_chapter_names_fit_in_the_tree(window, qtbot):
    _at(window, qtbot, 1600, 1000)
    tree = window.checklist.tree
    metrics = tree.fontMetrics()
    model = window.checklist.tree_model
    for row in range(model.rowCount()):
        standard = model.index(row, 0)
        for chapter in range(model.rowCount(standard)):
            label = model.index(chapter, 0, standard).data()
            if label.startswith("A "):  # Annex A's own long title: elided, its tool tip has it
                continue
            needed = metrics.horizontalAdvance(label) + 2 * tree.indentation()
            assert needed <= tree.columnWidth(0), label


def test_at_1280x720_findings_and_add_action_are_in_view(window, qtbot):
    _at(window, qtbot, 1280, 720)
    checklist = window.checklist
    checklist.select_key("iso9001-2015:9.2.2")
    QApplication.processEvents()
    table = checklist.table
    column = checklist.table_model.column("findings")
    left = table.horizontalHeader().sectionViewportPosition(column)
    assert 0 <= left and left + 80 <= table.viewport().width()  # at least 80 px of the finding
    assert table.horizontalScrollBar().maximum() == 0
    panel = checklist.panel
    button = panel.add_action
    top = button.mapTo(panel.viewport(), button.rect().topLeft()).y()
    assert top + button.height() <= panel.viewport().height()
    assert panel.verticalScrollBar().value() == 0


# ----------------------------------------------------------------------------- 8. undo/redo
def test_undo_labels_in_words_and_the_tool_bar_keeps_its_width(window, qtbot):
    toolbar = window.toolbar
    buttons = [toolbar.widgetForAction(a) for a in toolbar.actions() if isinstance(toolbar.widgetForAction(a), QToolButton)]
    widths = [b.sizeHint().width() for b in buttons]
    window.checklist.select_key("iso9001-2015:4.1")
    panel = window.checklist.panel
    new = "nonconform" if window.session.answer("iso9001-2015:4.1").result.value != "nonconform" else "conform"
    panel.result.setCurrentIndex(panel.result.findData(new))
    panel.result.activated.emit(panel.result.currentIndex())
    assert window.undo_action.text() == "&Undo: result 4.1 (ISO 9001)"
    assert window.undo_action.iconText() == "Undo"
    assert [b.sizeHint().width() for b in buttons] == widths
    window.undo_action.trigger()
    assert window.redo_action.text() == "&Redo: result 4.1 (ISO 9001)"


def test_undo_label_in_dutch(window, controller):
    controller.change_language("nl")
    window.session.set_answer("iso9001-2015:4.1", maturity=4)
    assert window.undo_action.text() == "&Ongedaan maken: volwassenheid 4.1 (ISO 9001)"
    controller.change_language("en")


def test_one_undo_history_for_every_view(window):
    session = window.session
    window.checklist.select_key("iso9001-2015:8.6")
    session.set_answer("iso9001-2015:8.6", result="nonconform")
    assert window.checklist.panel.result.currentData() == "nonconform"  # panel followed
    window.undo_action.trigger()
    assert session.answer("iso9001-2015:8.6").result is not Result.NONCONFORM
    assert window.checklist.panel.result.currentData() == session.answer("iso9001-2015:8.6").result.value
    assert not hasattr(window, "undo_stack")


# ------------------------------------------------------------------------------ 9. keyboard
def test_tab_leaves_the_table_and_the_date_is_one_stop(window, qtbot):
    window.activateWindow()
    checklist = window.checklist
    checklist.select_key("iso9001-2015:9.2.2")
    checklist.table.setFocus()
    qtbot.keyClick(checklist.table, Qt.Key.Key_Tab)
    focus = QApplication.focusWidget()
    assert focus is not checklist.table and checklist.panel.isAncestorOf(focus)
    panel = checklist.panel
    panel.assessed_on.setFocus()
    qtbot.keyClick(panel.assessed_on, Qt.Key.Key_Tab)
    assert not (QApplication.focusWidget() is panel.assessed_on
                or panel.assessed_on.isAncestorOf(QApplication.focusWidget()))


# ------------------------------------------------------------------------------ 10. actions
def test_deadline_typed_as_dd_mm_jjjj(window, controller):
    controller.change_language("nl")
    view = window.actions_view
    model = view.model
    column = next(i for i, c in enumerate(model.columns) if c.header == "Deadline")
    index = model.index(0, column)
    assert model.setData(index, "15-03-2027")
    record = model.record(0)
    assert window.session.actions[record.id].deadline == date(2027, 3, 15)
    assert model.data(index) == "15-03-2027"
    controller.change_language("en")


def test_bad_deadline_is_one_sentence(window, fake_dialogs):
    model = window.actions_view.model
    column = next(i for i, c in enumerate(model.columns) if c.header == "Deadline")
    assert not model.setData(model.index(0, column), "morgen")
    assert fake_dialogs.errors and "is not a date" in fake_dialogs.errors[-1]


def test_add_action_from_a_finding_opens_the_dialog(window, fake_dialogs):
    key = "iso9001-2015:9.2.2"
    window.session.set_answer(key, findings="Geen auditprogramma\nTweede regel")
    window.checklist.select_key(key)

    def fill(draft):
        assert draft["title"] == "Geen auditprogramma"
        return dict(draft, owner="P. Jansen", deadline=date(2027, 1, 31), quick_win=True)

    fake_dialogs.action_answer = fill
    window.checklist.panel.add_action.click()
    new = max(window.session.actions.values(), key=lambda a: a.number)
    assert (new.title, new.owner, new.deadline, new.quick_win, new.keys) == (
        "Geen auditprogramma", "P. Jansen", date(2027, 1, 31), True, (key,))


def test_action_dialog_fields(qtbot, controller):
    from isodesk.gui.action_dialog import ActionDialog

    dialog = ActionDialog({"title": "Kalibratie regelen", "priority": "high", "keys": ["k"]})
    qtbot.addWidget(dialog)
    dialog.owner.setText("Kwaliteitsmanager")
    dialog.deadline.setText("2027-02-01")
    dialog.quick_win.setChecked(True)
    assert dialog.problems() == ""
    assert dialog.values() == {"title": "Kalibratie regelen", "owner": "Kwaliteitsmanager",
                               "deadline": date(2027, 2, 1), "priority": "high", "quick_win": True,
                               "keys": ["k"]}
    dialog.deadline.setText("31-02-2027")
    assert "is not a date" in dialog.problems()


def test_overdue_actions_are_marked_and_filtered(window):
    session = window.session
    view = window.actions_view
    late, soon = list(session.actions)[:2]
    session.update_action(late, deadline=date.today() - timedelta(days=3), status="open")
    session.update_action(soon, deadline=date.today() + timedelta(days=30), status="open")
    model = view.model
    column = next(i for i, c in enumerate(model.columns) if c.header == "Deadline")
    row = next(r for r in range(model.rowCount()) if model.record(r).id == late)
    assert model.data(model.index(row, column)).endswith("⚠")
    assert model.data(model.index(row, column), Qt.ItemDataRole.ForegroundRole) is not None
    view.overdue_only.setChecked(True)
    ids = [model.record(r).id for r in range(model.rowCount())]
    assert late in ids and soon not in ids
    assert "overdue" in view.overdue_count.text()


def test_record_tables_update_rows_not_reset(window, qtbot):
    view = window.actions_view
    model = view.model
    resets = []
    model.modelReset.connect(lambda: resets.append(1))
    first = model.record(0)
    with qtbot.waitSignal(model.dataChanged):
        window.session.update_action(first.id, owner="Nieuwe eigenaar")
    with qtbot.waitSignal(model.rowsInserted):
        window.session.add_action("Nieuwe actie")
    with qtbot.waitSignal(model.rowsRemoved):
        window.session.delete_action(first.id)
    risks = window.risks_view.model
    risks.modelReset.connect(lambda: resets.append(1))
    lowest = risks.record(risks.rowCount() - 1)
    with qtbot.waitSignal(risks.layoutChanged):  # its score moves it to the top
        window.session.update_risk(lowest.id, likelihood=5, impact=5)
    assert risks.record(0).id == lowest.id
    assert resets == []


# ---------------------------------------------------------------------------- 11. dashboard
def test_dashboard_maturity_axis(window):
    chart = window.dashboard.cards[0].chart
    rect = chart.plot_area()
    heights = [chart.maturity_y(rect, level) for level in range(6)]
    assert heights[0] == rect.bottom() and heights[5] == rect.top()
    steps = {round(heights[i] - heights[i + 1], 6) for i in range(5)}
    assert len(steps) == 1  # evenly spaced, 3 included


# ------------------------------------------------------------------------------- 12. start
def test_start_opens_the_last_project_and_the_demo_on_first_run(controller, demo_path, tmp_path):
    controller.start()  # first run: nothing opened before
    assert controller.window is not None and controller.window.session.path.name.startswith("demo")
    assert controller.open_path(demo_path)
    controller.start()
    assert controller.window.session.path == demo_path


def test_start_without_recent_files_shows_the_welcome(controller, tmp_path):
    controller.settings.recent_files = [str(tmp_path / "weg.isodesk")]
    controller.start()
    assert controller.window is None and controller.welcome is not None


def test_demo_from_the_help_menu(window, controller):
    window.demo_requested.emit()
    assert controller.window.session.path.name.startswith("demo")


def test_recent_files_show_the_folder(window, demo_path):
    from isodesk.gui.dialogs import recent_label

    labels = [a.text() for a in window.recent_menu.actions()]
    assert recent_label(str(demo_path)) in labels
    assert str(demo_path.parent.name) in recent_label(str(demo_path))


def test_suggested_file_name_has_no_double_dot(controller):
    from isodesk.gui.project_dialogs import suggested_name

    assert suggested_name("Van den Heuvel Installatietechniek B.V.") == \
        "Baseline Van den Heuvel Installatietechniek B.V.isodesk"
    assert suggested_name("..") == "Baseline project.isodesk"


def test_assessor_asked_once_and_used_for_the_session(controller, fake_dialogs, demo_path):
    controller.ask_assessor_once()
    controller.ask_assessor_once()
    assert len(fake_dialogs.assessor_questions) == 1
    assert controller.open_path(demo_path)
    assert controller.window.session.author == "Anna de Vries"


# ---------------------------------------------------------------------------- 13. filtering
def test_answer_panel_clears_when_the_item_is_filtered_out(window, qtbot):
    checklist = window.checklist
    checklist.select_key("iso9001-2015:9.2.2")
    assert checklist.panel.key == "iso9001-2015:9.2.2"
    qtbot.keyClicks(checklist.search, "kalibratie")
    assert checklist.panel.key is None and "Select an item" in checklist.panel.heading.text()
    checklist.search.clear()
    checklist.result_filter.setCurrentIndex(1)  # not assessed
    if checklist.table_model.row_of("iso9001-2015:9.2.2") is None:
        assert checklist.panel.key is None


# ------------------------------------------------------------------------------ 14. language
def test_file_written_says_where(window, fake_dialogs, qtbot, tmp_path):
    out = tmp_path / "checklist.xlsx"
    fake_dialogs.save_paths.append(out)
    window.export_excel()
    qtbot.waitUntil(lambda: window.task is not None and not window.task.running, timeout=60000)
    assert fake_dialogs.written == [("The checklist is exported to:", out)]


def test_qt_dialogs_in_dutch(controller):
    controller.apply_language("nl")
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    assert buttons.buttons()[0].text() == "Annuleren"
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Annuleren"
    controller.apply_language("en")
    english = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    assert english.buttons()[0].text() == "Cancel"


def test_plural_forms_and_annex_in_dutch(controller):
    controller.apply_language("nl")
    assert plural(1, "{n} item", "{n} items") == "1 eis"
    assert plural(3, "{n} item", "{n} items") == "3 eisen"
    error = DataError("{key} is not an Annex A control.", key="iso27001-2022:5.1")
    assert "bijlage A" in localize(error) and "Annex" not in localize(error)
    controller.apply_language("en")


def test_error_sentences_in_the_gui_language(controller):
    controller.apply_language("nl")
    assert localize(DataError("The client name is empty.")) == tr("The client name is empty.")
    assert localize(DataError("The client name is empty.")) != "The client name is empty."
    controller.apply_language("en")


def test_item_count_singular(window, qtbot):
    qtbot.keyClicks(window.checklist.search, "7.1.5.2 kalibratie")
    assert window.checklist.count.text() == "1 item"


def test_copy_name_is_translated(window, fake_dialogs, tmp_path):
    captured = []
    from isodesk.gui import dialogs

    original = dialogs.save_file
    dialogs.save_file = lambda parent, title, suggested, *a: captured.append(suggested)
    try:
        window.save_copy()
    finally:
        dialogs.save_file = original
    assert Path(captured[0]).name == "demo (copy).isodesk"


def test_reopened_file_has_the_edits(window, demo_path):
    window.session.set_answer("iso9001-2015:8.6", result="conform", maturity=3)
    window.close()
    session = ProjectSession.open(demo_path, read_only=True)
    assert session.answer("iso9001-2015:8.6").maturity == 3
    session.close()

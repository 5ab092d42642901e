"""The desktop application, driven as a user would (offscreen)."""
import sqlite3

from PySide6.QtCore import Qt

from isodesk.app.session import ProjectSession
from isodesk.domain.scales import Implementation, Result
from isodesk.storage import FORMAT_VERSION


def test_window_title_and_saved_status(window, demo_path):
    assert "Van den Heuvel Installatietechniek B.V." in window.windowTitle()
    assert demo_path.name in window.windowTitle()
    assert "saved automatically" in window.saved_label.text()


def test_interview_mode_with_keystrokes_only_then_undo_redo(window, qtbot, demo_path):
    checklist = window.checklist
    checklist.show_open_only()  # "not yet assessed" filter
    keys = checklist.table_model.keys()
    assert len(keys) > 3
    window.enter_interview()
    view = window.interview
    first = view.key
    assert window.session.answer(first).result is Result.OPEN

    # result + maturity + next item: three keystrokes
    qtbot.keyClick(view, Qt.Key.Key_1)
    qtbot.keyClick(view, Qt.Key.Key_3)
    qtbot.keyClick(view, Qt.Key.Key_Return)
    a = window.session.answer(first)
    assert (a.result, a.maturity) == (Result.CONFORM, 3)
    second = view.key
    assert second != first and window.session.answer(second).result is Result.OPEN

    # not conform, maturity 1, then a typed note; Enter saves it and goes on
    qtbot.keyClick(view, Qt.Key.Key_3)
    qtbot.keyClick(view, Qt.Key.Key_1)
    qtbot.keyClicks(view, "Geen procedure")
    qtbot.keyClick(view.note, Qt.Key.Key_Return)
    b = window.session.answer(second)
    assert (b.result, b.maturity, b.findings) == (Result.NONCONFORM, 1, "Geen procedure")
    assert view.key not in (first, second)

    # undo the note and the maturity, redo the maturity
    window.undo_action.trigger()
    assert window.session.answer(second).findings == ""
    window.undo_action.trigger()
    assert window.session.answer(second).maturity is None
    window.redo_action.trigger()
    assert window.session.answer(second).maturity == 1

    qtbot.keyClick(view, Qt.Key.Key_Escape)
    assert window.stack.currentWidget() is window.tabs
    window.close()

    reopened = ProjectSession.open(demo_path)
    assert reopened.answer(first).result is Result.CONFORM and reopened.answer(first).maturity == 3
    assert reopened.answer(second).result is Result.NONCONFORM
    assert reopened.answer(second).maturity == 1 and reopened.answer(second).findings == ""
    reopened.close()


def test_navigation_and_answer_panel_commits_typing(window, qtbot, demo_path):
    checklist = window.checklist
    assert checklist.select_key("iso14001-2015:8.2")
    panel = checklist.panel
    assert panel.key == "iso14001-2015:8.2"
    assert "8.2" in panel.heading.text()
    panel.findings.setPlainText("Oefening met lekbakken gepland in december")
    panel.commit_text()  # what focus-out, the typing pause or switching items does
    checklist.select_next(1)
    assert panel.key != "iso14001-2015:8.2"
    window.close()
    reopened = ProjectSession.open(demo_path)
    assert reopened.answer("iso14001-2015:8.2").findings == "Oefening met lekbakken gepland in december"
    reopened.close()


def test_filter_as_you_type_and_result_filter(window, qtbot):
    checklist = window.checklist
    total = checklist.table_model.rowCount()
    qtbot.keyClicks(checklist.search, "kalibratie")
    assert 0 < checklist.table_model.rowCount() < total
    assert "iso9001-2015:7.1.5.2" in checklist.table_model.keys()
    checklist.search.clear()
    checklist.result_filter.setCurrentIndex(3)  # not conform
    keys = checklist.table_model.keys()
    assert keys and all(window.session.answer(k).result is Result.NONCONFORM for k in keys)


def test_tree_selection_filters_to_a_chapter(window):
    checklist = window.checklist
    index = checklist.tree_model.index_for("iso27001-2022", "A.6")
    checklist.tree.setCurrentIndex(index)
    keys = checklist.table_model.keys()
    assert keys and all(k.startswith("iso27001-2022:A.6.") for k in keys)
    assert len(keys) == 8


def test_apply_answer_to_other_standards(window):
    checklist = window.checklist
    checklist.select_key("iso9001-2015:9.1.1")
    window.link_current()
    for partner in window.session.hs_partners("iso9001-2015:9.1.1"):
        assert window.session.answer(partner.key).linked_to == "iso9001-2015:9.1.1"
    partner = window.session.hs_partners("iso9001-2015:9.1.1")[0].key
    checklist.select_key(partner)
    assert checklist.panel.link_label.text().startswith("↔ Follows the answer of ISO 9001:2015 9.1.1")
    result_cell = checklist.table_model.index(checklist.table_model.row_of(partner), checklist.table_model.column("result"))
    assert checklist.table_model.data(result_cell).startswith("↔")


def test_dashboard_follows_answers(window):
    window.show_tab(window.dashboard)
    card = window.dashboard.cards[0]
    before = card.figures.text()
    for req in window.session.assessable("iso9001-2015")[:10]:
        window.session.set_answer(req.key, result="nonconform")
    assert card.figures.text() != before


def test_add_action_and_risk_from_a_finding(window):
    window.checklist.select_key("iso9001-2015:9.2.2")
    n_actions, n_risks = len(window.session.actions), len(window.session.risks)
    window.checklist.panel.add_action.click()
    window.checklist.panel.add_risk.click()
    assert len(window.session.actions) == n_actions + 1
    assert len(window.session.risks) == n_risks + 1
    new = max(window.session.actions.values(), key=lambda a: a.number)
    assert new.keys == ("iso9001-2015:9.2.2",) and new.priority.value == "high"
    assert window.actions_view.model.rowCount() == n_actions + 1


def test_soa_edit_through_the_table(window):
    view = window.soa_view
    model = view.model
    row = next(i for i in range(model.rowCount()) if model.record(i).ref == "A.8.25")
    index = model.index(row, 2)  # applicable
    assert model.setData(index, True)
    assert window.session.soa("iso27001-2022:A.8.25").applicable is True
    # the status shown follows the control's result: reopened, so "not yet determined"
    assert model.data(model.index(row, 3)) == Implementation.UNDETERMINED.label("nl")
    view.theme.setCurrentIndex(view.theme.findData("people"))
    assert model.rowCount() == 8


def test_language_switch_rebuilds_the_menus(window, controller):
    controller.change_language("nl")
    titles = [a.text() for a in window.menuBar().actions()]
    assert "&Bestand" in titles and "&Bewerken" in titles
    assert window.tabs.tabText(0) == "Checklist"
    controller.change_language("en")
    assert "&File" in [a.text() for a in window.menuBar().actions()]


def test_refusals_show_a_message_and_keep_the_app_running(controller, window, fake_dialogs, tmp_path):
    text = tmp_path / "notities.isodesk"
    text.write_text("geen project")
    foreign = tmp_path / "ander.isodesk"
    sqlite3.connect(foreign).execute("CREATE TABLE t(x)").connection.close()
    newer = tmp_path / "nieuwer.isodesk"
    newer.write_bytes(window.session.path.read_bytes())
    con = sqlite3.connect(newer)
    con.execute(f"PRAGMA user_version={FORMAT_VERSION + 3}")
    con.close()
    cut = tmp_path / "kapot.isodesk"
    cut.write_bytes(window.session.path.read_bytes()[:5000])
    for path, words in ((text, "not an isodesk project"), (foreign, "another program"),
                        (newer, "newer isodesk"), (cut, "damaged")):
        before = path.read_bytes()
        assert controller.open_path(path) is False
        assert path.read_bytes() == before
        assert controller.window is window and window.isVisible()
        assert words in fake_dialogs.errors[-1] and path.name in fake_dialogs.errors[-1]
    assert len(fake_dialogs.errors) == 4


def test_locked_file_offers_read_only(controller, fake_dialogs, demo_path, tmp_path, qtbot):
    from isodesk.storage import ProjectStore

    other = tmp_path / "ander.isodesk"
    other.write_bytes(demo_path.read_bytes())
    holder = ProjectStore.open(other)  # "another isodesk" holding the lock (same process here)
    import isodesk.storage.lock as lock_module

    original = lock_module._pid_alive
    try:
        # Same host and pid would count as our own stale lock; pretend it is another process.
        import json

        lock = lock_module.lock_path(other)
        data = json.loads(lock.read_text())
        data["pid"] = 1
        lock.write_text(json.dumps(data))
        lock_module._pid_alive = lambda pid: True
        assert controller.open_path(other)
        assert fake_dialogs.locked_offers and "already open" in fake_dialogs.locked_offers[0]
        assert controller.window.session.read_only
        assert "read-only" in controller.window.windowTitle()
    finally:
        lock_module._pid_alive = original
        holder.close()


def test_new_project_wizard_creates_and_opens_the_project(controller, window, fake_dialogs, tmp_path):
    target = tmp_path / "Nulmeting Bakkerij.isodesk"

    def fill(wizard):
        wizard.info_form.client.setText("Bakkerij De Korenschoof")
        wizard.info_form.sites.setPlainText("Zwolle\nDeventer")
        wizard.info_form.assessors.setText("A. de Boer; B. Claes")
        wizard.scope_form.edits["description"].setPlainText("Productie van brood en banket")
        wizard.standards_page.boxes["iso9001-2015"].setChecked(True)
        wizard.standards_page.boxes["iso45001-2018"].setChecked(True)
        assert wizard.info_page.isComplete() and wizard.standards_page.isComplete()
        wizard.file_page.path.setText(str(target))

    fake_dialogs.wizard_filler = fill
    window.new_requested.emit()
    new = controller.window
    assert new is not window and new.session.path == target
    assert "Bakkerij De Korenschoof" in new.windowTitle()
    assert [c.id for c in new.session.catalogs] == ["iso9001-2015", "iso45001-2018"]
    assert new.session.info.sites == ("Zwolle", "Deventer")
    assert new.session.info.assessors == ("A. de Boer", "B. Claes")
    assert new.session.scope.description == "Productie van brood en banket"
    assert str(target) in controller.settings.recent_files


def test_wizard_needs_a_client_and_a_standard(controller, qtbot):
    from isodesk.catalog import CatalogRegistry
    from isodesk.gui.project_dialogs import NewProjectWizard

    wizard = NewProjectWizard(CatalogRegistry.default(), "/tmp")
    qtbot.addWidget(wizard)
    assert not wizard.info_page.isComplete()
    assert not wizard.standards_page.isComplete()
    wizard.info_form.client.setText("X")
    assert wizard.info_page.isComplete()


def test_save_copy_from_the_menu(window, fake_dialogs, tmp_path):
    target = tmp_path / "kopie.isodesk"
    fake_dialogs.save_paths.append(target)
    window.save_copy()
    copy = ProjectSession.open(target)
    assert copy.info.client == window.session.info.client
    assert copy.answers == window.session.answers
    copy.close()


def test_refusal_in_dutch(controller, fake_dialogs, tmp_path):
    controller.apply_language("nl")
    text = tmp_path / "notities.isodesk"
    text.write_text("geen project")
    assert controller.open_path(text) is False
    assert fake_dialogs.errors[-1] == "notities.isodesk is geen isodesk-project (het is geen projectdatabase)."


def test_delete_selected_actions_and_undo(window):
    view = window.actions_view
    n = view.model.rowCount()
    view.table.selectRow(0)
    first = view.model.record(0)
    view._delete_selected(window.session.delete_action)
    assert view.model.rowCount() == n - 1 and first.id not in window.session.actions
    window.undo_action.trigger()
    assert window.session.actions[first.id] == first and view.model.rowCount() == n


def test_a_part_names_the_whole_it_belongs_to(window):
    """ISO 9001 5.2.1 covers only part of 14001 5.2 (judged there as a whole): said, not shared."""
    window.checklist.select_key("iso9001-2015:5.2.1")
    text = window.checklist.panel.link_label.text()
    assert text.startswith("Part of: ") and "ISO 14001:2015 5.2" in text
    assert "judged there as a whole" in text
    window.checklist.select_key("iso9001-2015:7.2")
    assert "Same Harmonized Structure clause in:" in window.checklist.panel.link_label.text()

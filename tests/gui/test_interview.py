"""Interview mode (issue 10, points 1–6): every key does what the screen shows, nothing typed is
lost. Driven with key clicks, as a consultant types."""
from PySide6.QtCore import Qt

from isodesk.app.session import ProjectSession
from isodesk.domain.scales import Result
from isodesk.gui.answer_panel import TYPING_PAUSE_MS
from isodesk.gui.interview import Step


def _interview(window, key=None):
    window.checklist.show_open_only()
    window.enter_interview()
    view = window.interview
    if key:
        view.start(view.keys if key in view.keys else [key], key)
    return view


def _steps(view):
    """The step bar as the user sees it: which label is highlighted."""
    return [label.text() for label in view.steps if "background" in label.styleSheet()]


def test_key_sequence_2_2_then_a_note_starting_with_a_digit(window, qtbot):
    view = _interview(window)
    key = view.key
    assert view.step is Step.RESULT and _steps(view) == ["1  Result"]
    assert "1 conform" in view.step_keys.text()
    qtbot.keyClick(view, Qt.Key.Key_2)
    assert view.step is Step.MATURITY and _steps(view) == ["2  Maturity"]
    assert "0–5" in view.step_keys.text()
    qtbot.keyClick(view, Qt.Key.Key_2)
    assert view.step is Step.NOTE and _steps(view) == ["3  Note"]
    assert view.note.hasFocus() or view.focusWidget() is view.note
    qtbot.keyClicks(view.focusWidget(), "3 van de 5 werkinstructies zijn actueel")
    view.save_note()
    answer = window.session.answer(key)
    assert (answer.result, answer.maturity, answer.findings) == (
        Result.PARTIAL, 2, "3 van de 5 werkinstructies zijn actueel")


def test_after_the_maturity_digits_are_text_and_f2_goes_back(window, qtbot):
    view = _interview(window)
    key = view.key
    for k in (Qt.Key.Key_3, Qt.Key.Key_1, Qt.Key.Key_1):  # not conform, maturity 1, then "1"
        qtbot.keyClick(view.focusWidget(), k)
    assert window.session.answer(key).maturity == 1 and view.note.toPlainText() == "1"
    qtbot.keyClick(view.note, Qt.Key.Key_Backspace)  # the "1" goes
    qtbot.keyClick(view.note, Qt.Key.Key_Backspace)  # empty note: back to the maturity
    assert view.step is Step.MATURITY
    qtbot.keyClick(view, Qt.Key.Key_Backspace)  # and back to the result
    assert view.step is Step.RESULT
    qtbot.keyClick(view, Qt.Key.Key_1)
    qtbot.keyClick(view, Qt.Key.Key_4)
    answer = window.session.answer(key)
    assert (answer.result, answer.maturity) == (Result.CONFORM, 4)
    qtbot.keyClick(view.note, Qt.Key.Key_F2)  # F2 also goes back
    assert view.step is Step.MATURITY


def test_not_applicable_skips_the_maturity(window, qtbot):
    view = _interview(window)
    qtbot.keyClick(view, Qt.Key.Key_0)
    assert view.step is Step.NOTE
    qtbot.keyClicks(view.focusWidget(), "5 locaties")
    view.save_note()
    assert window.session.answer(view.key).findings == "5 locaties"
    assert window.session.answer(view.key).maturity is None


def test_a_letter_starts_the_note_in_any_step(window, qtbot):
    view = _interview(window)
    qtbot.keyClicks(view, "Geen")
    assert view.step is Step.NOTE and view.note.toPlainText() == "Geen"
    assert window.session.answer(view.key).result is Result.OPEN


def test_note_is_saved_while_typing_as_one_undo_step(window, qtbot, demo_path):
    view = _interview(window)
    key = view.key
    qtbot.keyClick(view, Qt.Key.Key_1)
    qtbot.keyClick(view, Qt.Key.Key_3)
    qtbot.keyClicks(view.note, "Procedure aanwezig")
    qtbot.wait(TYPING_PAUSE_MS + 300)
    stored = ProjectSession.open(demo_path, read_only=True)  # what is in the file now
    assert stored.answer(key).findings == "Procedure aanwezig"
    stored.close()
    qtbot.keyClicks(view.note, ", maar niet actueel")
    qtbot.wait(TYPING_PAUSE_MS + 300)
    assert window.session.answer(key).findings == "Procedure aanwezig, maar niet actueel"
    assert window.undo_action.text().startswith("&Undo: finding ")
    window.undo_action.trigger()  # the whole note, saved twice, is one step
    assert window.session.answer(key).findings == ""
    assert view.note.toPlainText() == ""
    assert window.session.answer(key).maturity == 3


def test_ctrl_l_keeps_the_note_and_ctrl_z_in_the_note_undoes_the_project(window, qtbot):
    key = "iso9001-2015:9.2.2"
    window.session.set_answer(key, result="open", maturity=None, findings="")
    view = _interview(window, key)
    assert view.key == key
    qtbot.keyClick(view, Qt.Key.Key_2)
    qtbot.keyClick(view, Qt.Key.Key_3)
    qtbot.keyClicks(view.note, "Auditprogramma ontbreekt")
    window.activateWindow()
    window.link_current()  # Ctrl+L, before the typing pause has saved the note
    assert view.note.toPlainText() == "Auditprogramma ontbreekt"
    for partner in window.session.hs_partners(key):
        assert window.session.answer(partner.key).findings == "Auditprogramma ontbreekt"
    # The note is saved: Ctrl+Z in the note box is the project's undo (the linking) ...
    qtbot.keyClick(view.note, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    partner = window.session.hs_partners(key)[0].key
    assert window.session.answer(partner).linked_to is None
    assert window.session.answer(key).findings == "Auditprogramma ontbreekt"
    # ... and with unsaved typing in it, Ctrl+Z is the box's own
    qtbot.keyClicks(view.note, "!")
    qtbot.keyClick(view.note, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert view.note.toPlainText() == "Auditprogramma ontbreekt"
    assert window.session.answer(key).result is Result.PARTIAL


def test_typing_into_an_item_with_a_finding_starts_a_new_line(window, qtbot):
    key = "iso9001-2015:9.2.2"
    window.session.set_answer(key, result="partial", maturity=2, findings="Geen auditplanning")
    view = _interview(window, key)
    assert view.step is Step.NOTE  # result and maturity set: keys are text
    qtbot.keyClicks(view.focusWidget(), "2 audits gemist")
    view.save_note()
    assert window.session.answer(key).findings == "Geen auditplanning\n2 audits gemist"


def test_read_only_typing_says_nothing_can_be_changed(controller, demo_path, qtbot):
    assert controller.open_path(demo_path, read_only=True)
    window = controller.window
    qtbot.addWidget(window)
    view = _interview(window)
    before = window.session.answer(view.key)
    qtbot.keyClick(view, Qt.Key.Key_1)
    qtbot.keyClicks(view.focusWidget(), "tekst")
    assert window.session.answer(view.key) == before
    assert view.note.toPlainText() == before.findings
    assert "read-only" in view.step_keys.text() and "nothing" in view.step_keys.text()


def test_end_of_the_selection_shows_the_counts_and_the_next_steps(window, qtbot):
    view = _interview(window)
    shown = []
    window.interview.dashboard_requested.connect(lambda: shown.append("dashboard"))
    for _ in range(len(view.keys)):
        qtbot.keyClick(view.focusWidget(), Qt.Key.Key_1)
        qtbot.keyClick(view.focusWidget(), Qt.Key.Key_3)
        qtbot.keyClick(view.focusWidget(), Qt.Key.Key_Return)
    assert view.finished and view.pages.currentWidget() is view.done_page
    text = view.done_page.text()
    assert f"All {len(view.keys)} items of this selection are assessed." in text
    assert f"{Result.CONFORM.label(window.session.info.language)}: {len(view.keys)}" in text
    assert "D dashboard" in text
    qtbot.keyClick(view, Qt.Key.Key_Return)  # more Enter presses: the summary stays
    assert view.finished
    qtbot.keyClick(view, Qt.Key.Key_D)
    assert shown == ["dashboard"]
    assert window.tabs.currentWidget() is window._pages["dashboard"]


def test_shared_clauses_are_named_and_answered_once(window, qtbot):
    key = "iso9001-2015:9.2.2"
    session = window.session
    assert session.shares_answers  # several standards: on by default
    partners = session.hs_partners(key)
    for p in partners + [session.requirement(key)]:
        session.set_answer(p.key, result="open", maturity=None, findings="")
    for p in partners:  # make them blank again (no own answer)
        session.replace_answers([type(session.answer(p.key))(p.key)], "reset")
    view = _interview(window, key)
    names = [f"{session.catalog(p.catalog_id).standard} {p.ref}" for p in partners]
    assert view.shared.text() == "↔ also " + ", ".join(names)
    qtbot.keyClick(view, Qt.Key.Key_1)
    for p in partners:
        assert session.answer(p.key).result is Result.CONFORM


def test_shared_answers_setting_in_project_details(window, fake_dialogs):
    def untick(dialog):
        assert dialog.share.isVisible() or dialog.share.isChecked()
        dialog.share.setChecked(False)
        return True

    fake_dialogs.dialog_filler = untick
    window.edit_details()
    assert window.session.info.share_answers is False and not window.session.shares_answers


def test_hidden_views_never_write_back_what_they_last_showed(window, qtbot):
    """The interview box and the answer panel are not refreshed while hidden; what they show
    then is never saved over a newer answer."""
    key = "iso9001-2015:9.2.2"
    view = _interview(window, key)
    qtbot.keyClicks(view.focusWidget(), "Eerste notitie")
    qtbot.keyClick(view, Qt.Key.Key_Escape)  # saves it and leaves
    assert window.session.answer(key).findings.endswith("Eerste notitie")
    window.checklist.select_key(key)
    panel = window.checklist.panel
    panel.findings.setPlainText("In het paneel herschreven")
    panel.commit_text()
    window.flush_typing()  # what Undo, Ctrl+L and export do first
    assert window.session.answer(key).findings == "In het paneel herschreven"
    window.session.set_answer(key, findings="Van buitenaf gewijzigd")
    view = _interview(window, key)  # the panel, hidden now, followed nothing
    window.flush_typing()
    assert window.session.answer(key).findings == "Van buitenaf gewijzigd"


def test_read_only_answer_panel_says_so(controller, demo_path, qtbot):
    assert controller.open_path(demo_path, read_only=True)
    panel = controller.window.checklist.panel
    controller.window.checklist.select_key("iso9001-2015:9.2.2")
    assert not panel.read_only_note.isHidden() and not panel.findings.isEnabled()

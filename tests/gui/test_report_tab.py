"""The Report tab: the consultant's fields saved as project fields (one undo step each), the
generated conclusion as a starting point, the logo kept in the project, and File → Report as
Word."""
from __future__ import annotations

import io

import pytest
from PySide6.QtCore import Qt

pytestmark = pytest.mark.gui


@pytest.fixture
def tab(window, qtbot):
    window.show_tab(window.view("report"))
    page = window.view("report")
    qtbot.waitExposed(page)
    return page


def _leave(qtbot, editor, text: str) -> None:
    """Type ``text`` into ``editor`` and move the focus away, as a user would."""
    editor.setFocus()
    editor.setPlainText(text) if hasattr(editor, "setPlainText") else editor.setText(text)
    if hasattr(editor, "editingFinished"):
        editor.editingFinished.emit()
    editor.clearFocus()


def test_fields_typed_in_the_tab_are_saved_and_undone_one_by_one(window, tab, qtbot):
    session = window.session
    _leave(qtbot, tab.editors["conclusion"], "Onze conclusie.")
    _leave(qtbot, tab.editors["advice.iso9001-2015"], "Begin bij de directiebeoordeling.")
    _leave(qtbot, tab.editors["version"], "0.9")
    tab.status.setCurrentIndex(tab.status.findData("draft"))
    tab.status.activated.emit(tab.status.currentIndex())
    info = session.info
    assert info.conclusion == "Onze conclusie." and info.version == "0.9"
    assert info.status == "draft"
    assert [n.text for n in info.advice if n.key == "iso9001-2015"] == [
        "Begin bij de directiebeoordeling."]
    window.undo_action.trigger()  # the status
    window.undo_action.trigger()  # the version
    assert session.info.version == "1.0" and tab.editors["version"].text() == "1.0"
    assert session.info.conclusion == "Onze conclusie."


def test_a_bad_roadmap_line_is_one_sentence_and_changes_nothing(window, tab, fake_dialogs, qtbot):
    before = window.session.info.roadmap
    _leave(qtbot, tab.editors["roadmap"], "binnenkort: alles")
    assert len(fake_dialogs.errors) == 1 and "binnenkort" in fake_dialogs.errors[0]
    assert window.session.info.roadmap == before


def test_the_generated_conclusion_is_the_placeholder_and_a_starting_point(window, tab, qtbot):
    window.session.set_info(conclusion="")
    placeholder = tab.editors["conclusion"].placeholderText()
    assert "certificatie" in placeholder or "certification" in placeholder
    qtbot.mouseClick(next(b for b in tab.findChildren(type(tab.remove_logo))
                          if b.text() == "Start from the generated text"), Qt.MouseButton.LeftButton)
    assert window.session.info.conclusion == placeholder


def test_a_chosen_logo_is_stored_in_the_project_scaled_down(window, tab, fake_dialogs, tmp_path):
    from PIL import Image

    path = tmp_path / "logo.png"
    Image.new("RGB", (3000, 1000), (31, 58, 95)).save(path)
    fake_dialogs.open_paths.append(path)
    tab.choose_logo()
    stored = window.session.asset("logo")
    assert stored and max(Image.open(io.BytesIO(stored)).size) <= 720
    assert tab.logo.pixmap() is not None and not tab.logo.pixmap().isNull()


def test_report_as_word_from_the_file_menu(window, fake_dialogs, qtbot, tmp_path):
    out = tmp_path / "rapport.docx"
    fake_dialogs.save_paths.append(out)
    action = next(a for a in window.menuBar().actions()[0].menu().actions()
                  if a.text() == "Report as &Word…")
    action.trigger()
    qtbot.waitUntil(lambda: not (window.task and window.task.running), timeout=30000)
    assert fake_dialogs.errors == []
    assert out.read_bytes().startswith(b"PK")  # a Word file is a zip package
    assert fake_dialogs.written == [("The report is written to:", out)]

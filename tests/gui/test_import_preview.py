"""The import preview with conflicts: both values side by side, who changed the project's side,
a choice per row or for all, and Apply only once every conflict is decided."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QRadioButton

from isodesk.app.session import create_project
from isodesk.app.workbook import import_work
from isodesk.excel.export import export_workbook
from isodesk.gui.import_preview import ImportPreview
from tests.test_excel_import import edit

KEY, OTHER = "iso9001-2015:7.2", "iso9001-2015:8.5.1"


def _wait(window, qtbot):
    qtbot.waitUntil(lambda: window.task is not None and not window.task.running, timeout=60000)


def _conflicting(session, tmp_path):
    """A workbook whose client changed two fields the consultant changed since the export."""
    out = tmp_path / "klant.xlsx"
    export_workbook(session.snapshot(), out)
    session.set_answer(KEY, findings="Volgens de consultant.")
    session.set_answer(OTHER, interviewee="C. Onsultant")
    edit(out, "ISO 9001", {KEY: {"findings": "Volgens de klant.", "evidence": "Matrix v3"},
                           OTHER: {"interviewee": "K. Lant"}})
    return out


def test_conflicts_are_shown_side_by_side_and_must_be_decided(window, qtbot, tmp_path):
    plan = import_work(window.session, _conflicting(window.session, tmp_path))()
    dialog = ImportPreview(plan, window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    table = dialog.conflict_table
    assert table.rowCount() == 2
    cells = [table.item(0, c).text() for c in range(6)]
    assert cells[0] == "ISO 9001:2015 7.2" and cells[2] == "Bevindingen"
    assert cells[3] == "Volgens de consultant." and cells[5] == "Volgens de klant."
    assert cells[4].startswith(window.session.author)  # who changed the project, and when
    assert not dialog.apply_button.isEnabled()
    assert "2 conflicts still to decide" in dialog.summary.text()

    qtbot.mouseClick(_radio(table, 0, "theirs"), Qt.MouseButton.LeftButton)
    assert not dialog.apply_button.isEnabled()  # one still open
    qtbot.mouseClick(_radio(table, 1, "mine"), Qt.MouseButton.LeftButton)
    assert dialog.apply_button.isEnabled()
    assert sorted(dialog.decisions.values()) == ["mine", "theirs"]

    dialog.decide_all("theirs")
    assert set(dialog.decisions.values()) == {"theirs"}
    assert all(_radio(table, r, "theirs").isChecked() for r in range(2))


def _radio(table, row, side) -> QRadioButton:
    return next(b for b in table.cellWidget(row, 6).findChildren(QRadioButton)
                if b.property("side") == side)


def test_decisions_from_the_preview_are_applied_as_one_step(window, fake_dialogs, qtbot, tmp_path,
                                                             monkeypatch):
    from isodesk.gui import dialogs

    out = _conflicting(window.session, tmp_path)
    fake_dialogs.open_paths.append(out)

    def decide(parent, plan):  # the user takes the workbook's findings, keeps their own name
        fake_dialogs.previews.append(plan)
        return {c.decision_key: "theirs" if c.key == KEY else "mine" for c in plan.conflicts}

    monkeypatch.setattr(dialogs, "preview_import", decide)
    window.import_excel()
    _wait(window, qtbot)
    assert fake_dialogs.errors == [] and len(fake_dialogs.previews) == 1
    session = window.session
    assert session.answer(KEY).findings == "Volgens de klant."
    assert session.answer(KEY).evidence == "Matrix v3"
    assert session.answer(OTHER).interviewee == "C. Onsultant"
    window.undo_action.trigger()
    assert session.answer(KEY).findings == "Volgens de consultant."
    assert session.answer(OTHER).interviewee == "C. Onsultant"


def test_another_projects_workbook_is_imported_only_after_asking(window, fake_dialogs, qtbot,
                                                                  tmp_path, registry):
    other = create_project(tmp_path / "ander.isodesk", "Ander B.V.",
                           ["iso9001-2015", "iso27001-2022", "iso14001-2015", "iso45001-2018"],
                           registry)
    out = tmp_path / "ander.xlsx"
    export_workbook(other.snapshot(), out)
    other.close()
    before = dict(window.session.answers)
    fake_dialogs.answer_questions = False
    fake_dialogs.open_paths.append(out)
    window.import_excel()
    _wait(window, qtbot)
    [question] = fake_dialogs.questions
    assert "another project (Ander B.V.)" in question and question.endswith("Import it anyway?")
    assert fake_dialogs.previews == [] and window.session.answers == before

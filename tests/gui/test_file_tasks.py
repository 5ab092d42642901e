"""Export, import and report from the File menu: background work with progress, results applied
in the GUI thread, failures as one sentence."""
import pytest

from tests.test_excel_import import edit


def _wait(window, qtbot):
    qtbot.waitUntil(lambda: window.task is not None and not window.task.running, timeout=60000)


def test_export_then_import_from_the_menu(window, fake_dialogs, qtbot, tmp_path):
    out = tmp_path / "checklist.xlsx"
    fake_dialogs.save_paths.append(out)
    window.export_excel()
    _wait(window, qtbot)
    assert fake_dialogs.errors == []
    assert out.read_bytes()[:2] == b"PK"  # a zip, as every .xlsx

    # After the export the consultant goes on; the client answers another item. Both are
    # clauses of ISO 9001 alone: no other standard follows them.
    mine, theirs = "iso9001-2015:7.1.5.2", "iso9001-2015:8.5.1"
    window.session.set_answer(mine, result="conform", findings="gewijzigd na de export")
    edit(out, "ISO 9001", {theirs: {"findings": "Ingevuld door de klant"}})

    fake_dialogs.open_paths.append(out)
    window.import_excel()
    _wait(window, qtbot)
    assert fake_dialogs.errors == []
    assert len(fake_dialogs.previews) == 1
    plan = fake_dialogs.previews[0]
    assert {row.key for row in plan.rows} == {theirs} and plan.conflicts == []
    assert window.session.answer(theirs).findings == "Ingevuld door de klant"
    assert window.session.answer(mine).findings == "gewijzigd na de export"  # not reverted
    window.undo_action.trigger()  # the whole import is one undo step
    assert window.session.answer(theirs).findings != "Ingevuld door de klant"
    assert window.session.answer(mine).findings == "gewijzigd na de export"


def test_import_preview_cancelled_changes_nothing(window, fake_dialogs, qtbot, tmp_path):
    out = tmp_path / "checklist.xlsx"
    fake_dialogs.save_paths.append(out)
    window.export_excel()
    _wait(window, qtbot)
    window.session.set_answer("iso9001-2015:8.6", result="nonconform")
    edit(out, "ISO 9001", {"iso9001-2015:8.5.1": {"result": "Voldoet niet"}})
    before = dict(window.session.answers)
    fake_dialogs.accept_preview = False
    fake_dialogs.open_paths.append(out)
    window.import_excel()
    _wait(window, qtbot)
    assert fake_dialogs.previews and window.session.answers == before


def test_report_from_the_menu_says_where_it_is(window, fake_dialogs, qtbot, tmp_path):
    pytest.importorskip("reportlab")
    out = tmp_path / "rapport.pdf"
    fake_dialogs.save_paths.append(out)
    window.make_report()
    _wait(window, qtbot)
    assert fake_dialogs.errors == []
    assert out.read_bytes().startswith(b"%PDF")
    assert fake_dialogs.written == [("The report is written to:", out)]


def test_import_of_a_bad_file_is_one_sentence(window, fake_dialogs, qtbot, tmp_path):
    bad = tmp_path / "geen-werkmap.xlsx"
    bad.write_text("dit is geen Excel-bestand")
    fake_dialogs.open_paths.append(bad)
    before = dict(window.session.answers)
    window.import_excel()
    _wait(window, qtbot)
    assert len(fake_dialogs.errors) == 1 and "geen-werkmap.xlsx" in fake_dialogs.errors[0]
    assert "\n" not in fake_dialogs.errors[0]
    assert window.session.answers == before

"""A returned workbook is merged into the project, not pasted over it: the situations of issue
12, each of which lost or misplaced work before the workbook carried its base."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.comments import Comment

from isodesk.app.session import ProjectSession, create_project
from isodesk.app.workbook import apply_import, import_work
from isodesk.domain.edits import Change, Edit
from isodesk.domain.errors import DataError
from isodesk.domain.scales import Result
from isodesk.excel import layout as L
from isodesk.excel.export import export_workbook
from isodesk.excel.sheets import WorkbookError
from isodesk.support import i18n
from tests.conftest import run_isodesk
from tests.test_excel_import import action, edit

KEY = "iso9001-2015:7.2"  # Voldoet deels, maturity 2, a finding, in the demo


@pytest.fixture
def demo(demo_path):
    session = ProjectSession.open(demo_path, author="Anouk IJzerman")
    yield session
    session.close()


@pytest.fixture
def exported(demo, tmp_path) -> Path:
    """The demo exported now; the test then changes the project and the workbook."""
    out = tmp_path / "klant.xlsx"
    export_workbook(demo.snapshot(), out)
    return out


def plan_of(session, workbook, **kwargs):
    return import_work(session, workbook, **kwargs)()


def row_of(path, key, sheet="ISO 9001") -> int:
    ws = load_workbook(path, read_only=True)[sheet]
    return next(n for n, row in enumerate(ws.iter_rows(values_only=True), 1) if row[0] == key)


# ---------------------------------------------------------------- what the client changed
def test_a_late_workbook_does_not_revert_the_consultant(demo, exported):
    """The consultant goes on after the export; the client fills in other items. Before: every
    item the consultant changed came back as the workbook's "change"."""
    demo.set_answer(KEY, result="conform", maturity=4, findings="Na het tweede interview.")
    demo.set_answer("iso14001-2015:8.2", findings="Oefening gehouden.")
    edit(exported, "ISO 9001", {"iso9001-2015:8.5.1": {"findings": "Werkinstructies compleet."}})
    plan = plan_of(demo, exported)
    assert plan.three_way and plan.conflicts == [] and plan.warnings == []
    assert [(r.key, r.field) for r in plan.rows] == [("iso9001-2015:8.5.1", "findings")]
    apply_import(demo, plan)
    mine = demo.answer(KEY)
    assert (mine.result, mine.maturity, mine.findings) == (Result.CONFORM, 4, "Na het tweede interview.")
    assert demo.answer("iso14001-2015:8.2").findings == "Oefening gehouden."
    assert demo.answer("iso9001-2015:8.5.1").findings == "Werkinstructies compleet."


def test_both_changed_the_same_field_is_a_conflict_decided_by_the_user(demo, exported):
    demo.set_answer(KEY, findings="Volgens de consultant.")
    edit(exported, "ISO 9001", {KEY: {"findings": "Volgens de klant.", "evidence": "Matrix v3"}})
    plan = plan_of(demo, exported)
    [conflict] = plan.conflicts
    assert (conflict.ref, conflict.field, conflict.mine, conflict.theirs) == (
        "ISO 9001:2015 7.2", "findings", "Volgens de consultant.", "Volgens de klant.")
    assert (conflict.sheet, conflict.row) == ("ISO 9001", row_of(exported, KEY))
    assert conflict.changed_by == "Anouk IJzerman" and conflict.changed_at  # who and when
    # no question: the client's evidence (and the answers that follow it, HS)
    assert [(r.key, r.field) for r in plan.rows if r.key == KEY] == [(KEY, "evidence")]
    with pytest.raises(DataError, match="1 conflict"):
        apply_import(demo, plan)  # nothing is applied until each conflict is decided
    assert demo.answer(KEY).evidence != "Matrix v3"

    apply_import(demo, plan, {conflict.decision_key: "theirs"})
    assert demo.answer(KEY).findings == "Volgens de klant." and demo.answer(KEY).evidence == "Matrix v3"
    demo.undo()
    apply_import(demo, plan_of(demo, exported), "mine")
    assert demo.answer(KEY).findings == "Volgens de consultant."
    assert demo.answer(KEY).evidence == "Matrix v3"


def test_a_conflict_on_a_shared_answer_is_decided_once_for_its_followers(demo, exported):
    source = "iso9001-2015:7.5.2"
    followers = ("iso14001-2015:7.5.2", "iso45001-2018:7.5.2", "iso27001-2022:7.5.2")
    demo.set_answer(source, result="nonconform")
    edit(exported, "ISO 9001", {source: {"result": "Voldoet"}})
    plan = plan_of(demo, exported)
    assert [(c.key, c.field) for c in plan.conflicts] == [(source, "result")]
    apply_import(demo, plan, "theirs")
    for key in (source, *followers):
        assert demo.answer(key).result is Result.CONFORM, key
    assert all(demo.answer(k).linked_to == source for k in followers)


def test_client_comment_column_is_imported_into_its_own_field(demo, exported, demo_path):
    edit(exported, "ISO 9001", {KEY: {"client_comment": "Dit doen wij per afdeling anders."}})
    before = demo.answer(KEY)
    apply_import(demo, plan_of(demo, exported))
    after = demo.answer(KEY)
    assert after.client_comment == "Dit doen wij per afdeling anders."
    assert after.with_changes(client_comment="") == before  # the judgement is untouched
    demo.close()
    shown = json.loads(run_isodesk("show", str(demo_path), KEY, "--json").stdout)
    assert shown["client_comment"] == "Dit doen wij per afdeling anders."


def test_text_typed_in_columns_that_are_not_imported_is_named(demo, exported):
    """The sheets are protected, but protection without a password is one click away."""
    edit(exported, "ISO 9001", {KEY: {"summary": "Wij vinden deze eis onduidelijk."},
                                "iso9001-2015:7.3": {"questions": "Waarom?"}})
    wb = load_workbook(exported)
    wb["ISO 9001"].cell(row_of(exported, "iso9001-2015:7.4"), 6).comment = Comment("Klopt niet", "Klant")
    wb.save(exported)
    plan = plan_of(demo, exported)
    assert plan.is_empty
    warnings = [str(w) for w in plan.warnings]
    assert any("Sheet ISO 9001: text typed in Auditvragen, Eis (samenvatting) (rows "
               f"{row_of(exported, KEY)}, {row_of(exported, 'iso9001-2015:7.3')})" in w
               and "Toelichting klant" in w for w in warnings), warnings
    assert any(f"Sheet ISO 9001 has cell comments (F{row_of(exported, 'iso9001-2015:7.4')})" in w
               for w in warnings), warnings


# --------------------------------------------------------------------- rows and identity
def test_a_partial_sort_is_refused_with_the_rows_named(demo, exported):
    """Sorting only the visible columns of the SoA leaves the hidden keys where they were."""
    wb = load_workbook(exported)
    ws = wb["VvT"]
    rows = list(ws.iter_rows(min_row=2, min_col=2, max_col=7, values_only=True))
    for number, values in enumerate(sorted(rows, key=lambda r: str(r[1])), 2):
        for column, value in enumerate(values, 2):
            ws.cell(number, column).value = value
    wb.save(exported)
    before = dict(demo.answers)
    with pytest.raises(WorkbookError) as error:
        plan_of(demo, exported)
    message = str(error.value)
    assert message.startswith("Sheet VvT: the numbers in column B do not belong to the hidden "
                              "keys of rows 2, 3, ")
    assert "sorted without its hidden column A" in message and "\n" not in message
    assert demo.answers == before


def test_a_partial_sort_of_the_action_plan_is_refused(demo, exported):
    wb = load_workbook(exported)
    ws = wb["Plan van aanpak"]
    ws["B2"], ws["B3"] = ws["B3"].value, ws["B2"].value  # numbers swapped, hidden ids not
    wb.save(exported)
    with pytest.raises(WorkbookError, match=r"column B do not belong to the hidden keys of "
                                            r"rows 2, 3"):
        plan_of(demo, exported)


def test_another_projects_workbook_is_refused_naming_both_clients(demo, tmp_path, registry):
    other = create_project(tmp_path / "ander.isodesk", "Ander B.V.",
                           ["iso9001-2015", "iso27001-2022", "iso14001-2015", "iso45001-2018"],
                           registry)
    out = tmp_path / "ander.xlsx"
    export_workbook(other.snapshot(), out)
    other.close()
    before = dict(demo.answers)
    with pytest.raises(DataError) as error:
        plan_of(demo, out)
    assert str(error.value) == (
        "ander.xlsx was exported from another project (Ander B.V.), not from this one (Van den "
        "Heuvel Installatietechniek B.V.); it is imported only when forced (isodesk import "
        "--force).")
    assert demo.answers == before
    forced = plan_of(demo, out, force=True)  # the deliberate choice
    assert str(forced.foreign).startswith("ander.xlsx was exported from another project")
    assert forced.foreign in forced.warnings


def test_a_workbook_without_a_base_is_compared_with_the_project_after_a_warning(demo, exported):
    wb = load_workbook(exported)
    del wb["isodesk"]  # what an older isodesk wrote
    wb.save(exported)
    demo.set_answer(KEY, findings="Na de export gewijzigd.")
    plan = plan_of(demo, exported)
    assert not plan.three_way and plan.conflicts == []
    assert "exported by an older isodesk" in str(plan.warnings[0])
    # as before issue 12: the workbook's old text counts as a change (and its followers follow)
    changed = {r.key for r in plan.rows}
    assert (KEY, "findings") in [(r.key, r.field) for r in plan.rows]
    assert all(demo.answer(k).linked_to == KEY for k in changed - {KEY})


def test_a_damaged_base_is_not_half_read(demo, exported):
    wb = load_workbook(exported)
    wb["isodesk"]["A2"] = wb["isodesk"]["A2"].value[:-10] + "kapot12345"
    wb.save(exported)
    plan = plan_of(demo, exported)
    assert not plan.three_way and "is damaged" in str(plan.warnings[0])


# ---------------------------------------------------------------- new actions and risks
def test_importing_the_same_workbook_twice_creates_nothing_new(demo, exported):
    edit(exported, "Plan van aanpak", {("new", 1): {"title": "Nieuwe actie van de klant"},
                                       ("new", 2): {"title": "Nieuwe actie van de klant"}},
         layout=L.ACTIONS)
    edit(exported, "Risico's", {("new", 1): {"description": "Nieuw risico", "impact": 4}},
         layout=L.RISKS)
    actions, risks = len(demo.actions), len(demo.risks)
    apply_import(demo, plan_of(demo, exported))
    assert len(demo.actions) == actions + 2 and len(demo.risks) == risks + 1  # two rows, two
    new = next(a for a in demo.actions.values() if a.number == 12)
    demo.update_action(new.id, owner="Door de consultant toegewezen")

    again = plan_of(demo, exported)
    assert again.is_empty, again.describe()
    assert len(demo.actions) == actions + 2
    assert demo.actions[new.id].owner == "Door de consultant toegewezen"

    demo.delete_action(new.id)  # deleted after the first import: it does not come back
    third = plan_of(demo, exported)
    assert not third.changes
    assert any("was imported before and deleted in the project since" in str(n)
               for n in third.notes)


def test_an_action_deleted_in_the_project_after_the_export_is_skipped_with_a_note(demo, exported):
    edit(exported, "Plan van aanpak", {3: {"owner": "De klant"}, 4: {"status": "Gereed"}},
         layout=L.ACTIONS)
    demo.delete_action(action(demo, 3).id)
    plan = plan_of(demo, exported)
    assert any("action 3 was deleted in the project after the export; this row is skipped"
               in str(n) for n in plan.notes)
    apply_import(demo, plan)
    assert all(a.number != 3 for a in demo.actions.values())
    assert action(demo, 4).status.value == "done"


def test_a_copied_row_is_a_duplicate_not_a_new_action(demo, exported):
    wb = load_workbook(exported)
    ws = wb["Plan van aanpak"]
    last = len(demo.actions) + 2
    for column in range(1, 10):
        ws.cell(last, column).value = ws.cell(2, column).value
    wb.save(exported)
    with pytest.raises(WorkbookError, match=rf"row {last}, column B \(Nr\.\): number 1 appears "
                                            r"twice \(also row 2\)"):
        plan_of(demo, exported)


# ------------------------------------------------------------------------------ long text
# Within the 32,767 characters a text may hold, but more than a cell holds: Excel counts an
# emoji (any character outside the BMP) twice.
EMOJI_TEXT = "Back-up 😀😀😀😀.\n" * 2000  # 28,000 characters, 36,000 in Excel's count


def older_text(session, key: str, text: str) -> None:
    """A finding longer than a text may hold now, as a file made before that limit has it."""
    before = session.answer(key)
    session.store.apply(Edit("older isodesk", (Change(before, before.with_changes(findings=text)),)),
                        "2025-01-01T00:00:00", "oude versie")
    session.reload()


def test_text_longer_than_a_cell_comes_back_whole(demo, tmp_path):
    demo.set_answer(KEY, findings=EMOJI_TEXT)
    out = tmp_path / "lang.xlsx"
    export_workbook(demo.snapshot(), out)
    assert plan_of(demo, out).is_empty  # before: the cut text was stored

    cell = load_workbook(out)["ISO 9001"].cell(row_of(out, KEY), L.CHECKLIST.position("findings"))
    assert cell.value.endswith("tekens staan in isodesk]")
    # the client rewrites the first line (a cell holds no more than it does already)
    edit(out, "ISO 9001", {KEY: {"findings": "Logboek bekeken." + cell.value[14:]}})
    apply_import(demo, plan_of(demo, out))
    assert demo.answer(KEY).findings == "Logboek bekeken." + EMOJI_TEXT[14:]


def test_a_cut_text_whose_mark_was_removed_is_left_untouched(demo, tmp_path):
    demo.set_answer(KEY, findings=EMOJI_TEXT)
    out = tmp_path / "lang.xlsx"
    export_workbook(demo.snapshot(), out)
    edit(out, "ISO 9001", {KEY: {"findings": "Korter gemaakt."}})
    plan = plan_of(demo, out)
    assert plan.is_empty and demo.answer(KEY).findings == EMOJI_TEXT
    assert any("longer than a cell holds and its end mark was removed" in str(n)
               for n in plan.notes)


def test_a_text_from_before_the_limit_is_never_shortened(demo, tmp_path):
    long_text = "Regel uit het logboek.\n" * 2000  # 46,000 characters
    older_text(demo, KEY, long_text)
    out = tmp_path / "oud.xlsx"
    export_workbook(demo.snapshot(), out)
    assert plan_of(demo, out).is_empty  # untouched: the whole text stays
    cell = load_workbook(out)["ISO 9001"].cell(row_of(out, KEY), L.CHECKLIST.position("findings"))
    edit(out, "ISO 9001", {KEY: {"findings": "Gelezen. " + cell.value[9:]}})
    plan = plan_of(demo, out)
    assert plan.is_empty and demo.answer(KEY).findings == long_text
    assert any("would be longer than the 32,767 characters a text may hold" in str(n)
               for n in plan.notes)


# ------------------------------------------------------------------- cells and problems
def test_every_problem_is_listed_and_in_dutch(demo, exported):
    edit(exported, "ISO 9001", {"iso9001-2015:7.2": {"result": "misschien"},
                                "iso9001-2015:7.3": {"result": "welletjes"},
                                "iso9001-2015:7.4": {"maturity": 9}})
    with pytest.raises(WorkbookError) as error:
        plan_of(demo, exported)
    problems = [str(p) for p in error.value.problems]
    assert len(problems) == 3 and "'welletjes' is not a result" in problems[1]
    assert "'9' is not a maturity level" in problems[2]
    i18n.set_language("nl")
    try:
        assert i18n.localize(error.value) == (
            f"Blad ISO 9001, rij {row_of(exported, KEY)}, kolom D (Resultaat): 'misschien' is "
            "geen resultaat (en nog 2 problemen in de werkmap).")  # the command line's line
        shown = i18n.localize(error.value.listing())  # the dialog's list
    finally:
        i18n.set_language("en")
    lines = shown.splitlines()
    assert lines[0] == "De werkmap bevat 3 problemen; er is niets geïmporteerd:"
    assert lines[1] == (f"• Blad ISO 9001, rij {row_of(exported, KEY)}, kolom D (Resultaat): "
                        "'misschien' is geen resultaat")
    assert "'9' is geen volwassenheidsniveau" in lines[3]


def test_choices_with_odd_spaces_and_ambiguous_dates(demo, exported):
    edit(exported, "ISO 9001", {
        "iso9001-2015:7.3": {"result": "Voldoet\u00a0deels ", "maturity": " 3\u00a0- Gedefinieerd",
                             "assessed_on": "11/05/2026"},
        "iso9001-2015:7.4": {"finding_type": "\u200bObservatie\u00a0"},
    })
    plan = plan_of(demo, exported)
    apply_import(demo, plan)
    answer = demo.answer("iso9001-2015:7.3")
    assert (answer.result, answer.maturity) == (Result.PARTIAL, 3)
    assert answer.assessed_on.isoformat() == "2026-05-11"  # day first
    assert demo.answer("iso9001-2015:7.4").finding_type.value == "observation"
    assert any("'11/05/2026' is read day first, as 11-05-2026" in str(n) for n in plan.notes)


# -------------------------------------------------------------------------- the CLI
def test_cli_lists_conflicts_and_exits_1_until_told_which_side_wins(demo, exported, demo_path):
    demo.set_answer(KEY, findings="Volgens de consultant.")
    edit(exported, "ISO 9001", {KEY: {"findings": "Volgens de klant."},
                                "iso9001-2015:7.3": {"interviewee": "J. Klant"}})
    demo.close()
    before = demo_path.read_bytes()
    r = run_isodesk("import", str(demo_path), str(exported))
    assert r.returncode == 1
    row = row_of(exported, KEY)
    assert (f"conflict: sheet ISO 9001, row {row}, ISO 9001:2015 7.2 findings: project "
            "'Volgens de consultant.' (changed by Anouk IJzerman, ") in r.stdout
    assert "workbook 'Volgens de klant.'" in r.stdout
    assert r.stderr.strip().splitlines() == [
        "isodesk: 1 conflict(s): the project and the workbook both changed these fields since "
        "the export (listed above); nothing was imported. Choose with --prefer theirs (the "
        "workbook) or --prefer mine (the project)."]
    assert demo_path.read_bytes() == before

    r = run_isodesk("import", str(demo_path), str(exported), "--dry-run")
    assert r.returncode == 0 and "1 conflict(s) need --prefer" in r.stdout
    r = run_isodesk("import", str(demo_path), str(exported), "--prefer", "mine")
    assert r.returncode == 0 and "Applied 1 change(s)." in r.stdout, r.stdout + r.stderr
    session = ProjectSession.open(demo_path, read_only=True)
    assert session.answer(KEY).findings == "Volgens de consultant."
    assert session.answer("iso9001-2015:7.3").interviewee == "J. Klant"
    session.close()
    r = run_isodesk("import", str(demo_path), str(exported), "--prefer", "theirs")
    assert r.returncode == 0 and "Applied " in r.stdout  # the answer and those that follow it
    session = ProjectSession.open(demo_path, read_only=True)
    assert session.answer(KEY).findings == "Volgens de klant."
    session.close()


def test_cli_refuses_another_projects_workbook_unless_forced(demo_path, tmp_path, registry):
    other = create_project(tmp_path / "ander.isodesk", "Ander B.V.", ["iso9001-2015",
                           "iso27001-2022", "iso14001-2015", "iso45001-2018"], registry)
    out = tmp_path / "ander.xlsx"
    export_workbook(other.snapshot(), out)
    other.close()
    r = run_isodesk("import", str(demo_path), str(out))
    assert r.returncode == 1 and len(r.stderr.strip().splitlines()) == 1
    assert "another project (Ander B.V.), not from this one (Van den Heuvel" in r.stderr
    r = run_isodesk("import", str(demo_path), str(out), "--force", "--dry-run")
    assert r.returncode == 0 and "warning: ander.xlsx was exported from another project" in r.stdout


def test_cli_lists_every_problem(demo, demo_path, exported):
    edit(exported, "ISO 9001", {"iso9001-2015:7.2": {"result": "misschien"},
                                "iso9001-2015:7.3": {"result": "welletjes"}})
    demo.close()
    r = run_isodesk("import", str(demo_path), str(exported))
    assert r.returncode == 1
    assert "'misschien' is not a result" in r.stdout and "'welletjes' is not a result" in r.stdout
    assert len(r.stderr.strip().splitlines()) == 1
    assert "(and 1 more problem in the workbook)." in r.stderr


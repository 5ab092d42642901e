"""The transition of a project to a new edition (app/transition.py, ``isodesk transition``): the
new edition is added with the answers carried over through ``from``, changed requirements are
marked to re-verify, new clauses stay open; one transaction, one history entry."""
import json

import pytest

from isodesk.app.session import ProjectSession, create_project
from isodesk.app.transition import apply_transition, candidates, plan_transition
from isodesk.domain.errors import DataError
from isodesk.domain.scales import Result
from tests.conftest import run_isodesk

OLD, NEW = "iso14001-2015", "iso14001-2026"


@pytest.fixture
def project(tmp_path, registry):
    """ISO 9001 and ISO 14001:2015 answered in part, shared answers on (the default)."""
    path = tmp_path / "milieu.isodesk"
    s = create_project(path, "Milieu B.V.", ["iso9001-2015", OLD, "iso45001-2018"], registry)
    s.set_answer(f"{OLD}:4.1", result="conform", maturity=3, findings="Contextanalyse 2025")
    s.set_answer(f"{OLD}:6.1.4", result="nonconform", maturity=1, findings="Geen maatregelenplan")
    s.set_answer(f"{OLD}:7.2", result="partial", maturity=2, findings="Opleidingsmatrix onvolledig")
    s.set_answer(f"{OLD}:10.1", result="conform", maturity=4, findings="Verbeterregister")
    s.set_answer(f"{OLD}:10.3", result="partial", maturity=2, findings="Geen trends")
    s.close()
    return path


def _json(*args):
    r = run_isodesk(*args)
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


def test_the_cli_carries_answers_and_marks_changed_items(project):
    r = run_isodesk("transition", str(project), "--to", NEW, "--assessor", "Anna")
    assert r.returncode == 0, r.stderr
    assert "ISO 14001:2026 replaces ISO 14001:2015." in r.stdout
    # five 2015 answers, two of them (10.1 and 10.3) in one 2026 clause; 4.1 and 10.1 changed
    assert "4 answers are carried over; 2 of them are marked to re-verify" in r.stdout
    assert "1 new clause stays open: 6.3." in r.stdout
    assert f"Added ISO 14001:2026 to {project}." in r.stdout

    changed = _json("show", str(project), f"{NEW}:4.1", "--json")
    assert (changed["result"], changed["maturity"], changed["findings"], changed["reverify"]) == (
        "conform", 3, "Contextanalyse 2025", True)
    renumbered = _json("show", str(project), f"{NEW}:6.1.5", "--json")  # 2015 6.1.4, unchanged
    assert (renumbered["result"], renumbered["reverify"]) == ("nonconform", False)
    merged = _json("show", str(project), f"{NEW}:10.1", "--json")  # 2015 10.1 and 10.3
    assert merged["result"] == "partial" and merged["reverify"] is True
    assert merged["findings"] == "[10.1] Verbeterregister\n[10.3] Geen trends"
    assert _json("show", str(project), f"{NEW}:6.3", "--json")["result"] == "open"
    old = _json("show", str(project), f"{OLD}:6.1.4", "--json")
    assert old["result"] == "nonconform" and old["reverify"] is False  # the old edition as it was

    info = _json("info", str(project), "--json")
    assert [s["id"] for s in info["standards"]] == ["iso9001-2015", OLD, "iso45001-2018", NEW]
    s = ProjectSession.open(project, read_only=True)
    try:
        entry = s.store.log(1)[0]
        assert (entry["label"], entry["kind"], entry["by"]) == (
            "transition to ISO 14001:2026", "transition", "Anna")
        assert s.catalog(NEW).supersedes == OLD
    finally:
        s.close()


def test_the_cli_refuses_in_one_sentence_and_a_dry_run_changes_nothing(project, tmp_path):
    before = project.read_bytes()
    r = run_isodesk("transition", str(project), "--to", NEW, "--dry-run")
    assert r.returncode == 0 and "Dry run: nothing was changed." in r.stdout
    assert project.read_bytes() == before
    assert run_isodesk("transition", str(project), "--to", NEW).returncode == 0
    for target, words in ((NEW, "This project holds ISO 14001:2026 already."),
                          ("iso27001-2022", "does not replace an earlier edition"),
                          ("iso14001-2099", "There is no catalog 'iso14001-2099'")):
        r = run_isodesk("transition", str(project), "--to", target)
        assert r.returncode == 1 and words in r.stderr and r.stderr.count("\n") == 1, r.stderr
    other = tmp_path / "kwaliteit.isodesk"
    assert run_isodesk("new", str(other), "--client", "K", "--norm", "iso9001-2015").returncode == 0
    r = run_isodesk("transition", str(other), "--to", NEW)
    assert r.returncode == 1
    assert "does not hold ISO 14001:2015, the edition ISO 14001:2026 replaces" in r.stderr


def test_touching_a_carried_answer_re_verifies_it(project, registry):
    s = ProjectSession.open(project)
    try:
        s.set_answer(f"{OLD}:5.2", result="conform")
        assert s.can_undo
        apply_transition(s, plan_transition(s, registry, NEW))
        assert not s.can_undo  # the undo history ends at the transition
        assert s.answer(f"{NEW}:4.1").reverify and s.answer(f"{NEW}:9.3.1").is_blank
        s.set_answer(f"{NEW}:4.1", result="conform")  # chosen again: confirmed
        assert not s.answer(f"{NEW}:4.1").reverify
        s.set_answer(f"{NEW}:10.1", findings="Trends per kwartaal")  # changed: re-verified too
        assert not s.answer(f"{NEW}:10.1").reverify
        s.undo()
        assert s.answer(f"{NEW}:10.1").reverify  # and Undo puts the mark back
    finally:
        s.close()
    reopened = ProjectSession.open(project, read_only=True)
    assert reopened.answer(f"{NEW}:10.1").reverify
    assert not reopened.answer(f"{NEW}:4.1").reverify
    reopened.close()


def test_the_transition_is_all_or_nothing(project, registry, monkeypatch):
    from isodesk.storage import project_store

    s = ProjectSession.open(project)
    try:
        plan = plan_transition(s, registry, NEW)

        def broken(*_args):
            raise OSError("disk gone")

        monkeypatch.setattr(project_store, "_log_edit", broken)
        with pytest.raises(OSError):
            apply_transition(s, plan)
        monkeypatch.undo()
        s.reload()
        assert [c.id for c in s.catalogs] == ["iso9001-2015", OLD, "iso45001-2018"]
        assert not any(k.startswith(NEW) for k in s.answers)
        apply_transition(s, plan_transition(s, registry, NEW))  # and it can be done after all
        assert s.answer(f"{NEW}:7.2").result is Result.PARTIAL
    finally:
        s.close()


def test_a_plan_made_before_an_edit_is_refused(project, registry):
    s = ProjectSession.open(project)
    try:
        plan = plan_transition(s, registry, NEW)
        s.set_answer(f"{OLD}:7.2", findings="Opleidingsmatrix bijgewerkt")
        with pytest.raises(DataError, match="changed while the transition was being prepared"):
            apply_transition(s, plan)
        assert all(c.id != NEW for c in s.catalogs)
    finally:
        s.close()


def test_shared_answers_follow_the_new_edition(tmp_path, registry):
    """Integrated systems go on, on the new edition: ISO 9001 and ISO 45001 7.2 followed ISO
    14001:2015 7.2 and follow ISO 14001:2026 7.2 (unchanged) now; 4.1 changed, so its carried
    answer is 2026's own and the followers stay with 2015."""
    s = create_project(tmp_path / "kam.isodesk", "KAM B.V.", ["iso9001-2015", OLD, "iso45001-2018"],
                       registry)
    try:
        s.set_answer(f"{OLD}:7.2", result="conform", maturity=3, findings="Matrix op orde")
        s.set_answer(f"{OLD}:4.1", result="partial", maturity=2, findings="Geen klimaat")
        assert s.answer("iso45001-2018:7.2").linked_to == f"{OLD}:7.2"
        apply_transition(s, plan_transition(s, registry, NEW))
        for key in ("iso9001-2015:7.2", "iso45001-2018:7.2"):
            assert s.answer(key).linked_to == f"{NEW}:7.2"
        assert s.answer("iso45001-2018:4.1").linked_to == f"{OLD}:4.1"
        assert s.answer(f"{NEW}:4.1").linked_to is None and s.answer(f"{NEW}:4.1").reverify
        s.set_answer(f"{NEW}:7.2", findings="Matrix 2026")
        assert s.answer("iso45001-2018:7.2").findings == "Matrix 2026"
        assert s.answer(f"{OLD}:7.2").findings == "Matrix op orde"
    finally:
        s.close()


def test_texts_too_long_together_are_refused_before_anything_is_written(project, registry):
    s = ProjectSession.open(project)
    try:
        s.set_answer(f"{OLD}:10.1", findings="a" * 20_000)
        s.set_answer(f"{OLD}:10.3", findings="b" * 20_000)
        with pytest.raises(DataError, match=r"10\.1 \+ 10\.3 together are longer"):
            plan_transition(s, registry, NEW)
        assert [c.id for c in candidates(s, registry)] == [NEW]
    finally:
        s.close()


def test_a_transition_project_exports_and_reimports_both_editions(project, registry, tmp_path):
    from openpyxl import load_workbook

    from isodesk.excel.export import export_workbook
    from isodesk.excel.importer import plan_import

    s = ProjectSession.open(project)
    try:
        apply_transition(s, plan_transition(s, registry, NEW))
        out = tmp_path / "milieu.xlsx"
        export_workbook(s.snapshot(), out)
        book = load_workbook(out, read_only=True)
        keys = {ws.title: {row[0] for row in ws.iter_rows(values_only=True)}
                for ws in book.worksheets}
        assert f"{OLD}:6.1.4" in keys["ISO 14001 2015"] and f"{NEW}:6.1.5" in keys["ISO 14001 2026"]
        assert f"{NEW}:6.3" in keys["ISO 14001 2026"]
        assert plan_import(s.snapshot(), out).change_count == 0  # the round trip changes nothing
    finally:
        s.close()

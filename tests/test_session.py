"""Use cases on an open project: edits, undo/redo, integrated (linked) answers."""
import pytest

from isodesk.app.session import ProjectSession
from isodesk.domain.errors import DataError
from isodesk.domain.scales import Result


def test_every_edit_is_committed_and_undo_writes_back(demo_path):
    s = ProjectSession.open(demo_path)
    key = "iso9001-2015:8.6"
    original = s.answer(key)
    s.set_answer(key, result="nonconform", maturity=1, findings="Vrijgave niet vastgelegd")
    s.close()
    s = ProjectSession.open(demo_path)
    assert s.answer(key).result is Result.NONCONFORM  # committed without any "save"
    s.set_answer(key, result="conform")
    s.undo()
    s.close()
    s = ProjectSession.open(demo_path)
    assert s.answer(key).result is Result.NONCONFORM  # the undo was committed too
    assert s.answer(key).findings == "Vrijgave niet vastgelegd"
    s.close()
    assert original.result is not Result.NONCONFORM or original.findings != "Vrijgave niet vastgelegd"


def test_undo_redo_sequence(small_project):
    s = ProjectSession.open(small_project)
    key = "iso14001-2015:8.2"
    s.set_answer(key, result="partial")
    s.set_answer(key, maturity=2)
    assert s.undo_label == "maturity 8.2 (ISO 14001)"
    s.undo()
    assert s.answer(key).maturity is None and s.answer(key).result is Result.PARTIAL
    s.undo()
    assert s.answer(key).is_blank and not s.can_undo
    s.redo()
    s.redo()
    assert s.answer(key).maturity == 2 and not s.can_redo
    s.close()


def test_a_note_typed_in_steps_is_one_undo_step(small_project):
    s = ProjectSession.open(small_project)
    key = "iso14001-2015:8.2"
    s.set_answer(key, result="partial")
    for text in ("Calamiteiten", "Calamiteitenplan is", "Calamiteitenplan is verouderd"):
        s.set_answer(key, group=f"note:{key}", findings=text)  # saved while typing
    s.close()
    s = ProjectSession.open(small_project)
    assert s.answer(key).findings == "Calamiteitenplan is verouderd"
    s.close()


def test_grouped_edits_undo_together(small_project):
    s = ProjectSession.open(small_project)
    key = "iso14001-2015:8.2"
    s.set_answer(key, result="partial")
    s.set_answer(key, group="note", findings="Cala")
    s.set_answer(key, group="note", findings="Calamiteitenplan")
    s.undo()
    assert s.answer(key).findings == "" and s.answer(key).result is Result.PARTIAL
    s.redo()
    assert s.answer(key).findings == "Calamiteitenplan"
    s.set_answer(key, group="note", findings="Calamiteitenplan oud")
    s.undo()  # after an undo or redo, a new edit of the group starts a new step
    assert s.answer(key).findings == "Calamiteitenplan"
    s.close()


def test_first_result_stamps_the_assessment_date(small_project):
    from datetime import date

    s = ProjectSession.open(small_project)
    s.set_answer("iso14001-2015:8.2", result="conform")
    assert s.answer("iso14001-2015:8.2").assessed_on == date.today()
    s.set_answer("iso14001-2015:8.1", result="conform", assessed_on="2026-10-01")
    assert s.answer("iso14001-2015:8.1").assessed_on == date(2026, 10, 1)
    s.close()


def test_shared_clauses_are_answered_once(tmp_path, registry):
    from isodesk.app.session import create_project

    s = create_project(tmp_path / "kam.isodesk", "KAM B.V.", ["iso9001-2015", "iso14001-2015"], registry)
    s.set_answer("iso14001-2015:9.2.2", result="partial")  # answered here first
    s.set_answer("iso9001-2015:9.2.2", result="conform", maturity=3, findings="Auditprogramma 2026")
    assert s.answer("iso14001-2015:9.2.2").result is Result.PARTIAL  # has its own answer
    s.set_answer("iso9001-2015:5.2.1", result="conform", maturity=3)
    # 14001 5.2 is the whole of 9001 5.2.1 + 5.2.2 (catalog link): a part does not fill it ...
    assert s.answer("iso14001-2015:5.2").is_blank
    s.set_answer("iso14001-2015:5.2", result="partial", maturity=2)
    # ... while the whole fills the parts that have no answer of their own (domain/linking.py)
    assert s.answer("iso9001-2015:5.2.2").linked_to == "iso14001-2015:5.2"
    assert s.answer("iso9001-2015:5.2.1").linked_to is None
    s.set_answer("iso14001-2015:9.3", result="conform", maturity=3)  # one review, three sub-clauses
    assert {s.answer(f"iso9001-2015:{ref}").linked_to for ref in ("9.3.1", "9.3.2", "9.3.3")} == {
        "iso14001-2015:9.3"}
    s.set_answer("iso9001-2015:7.2", result="nonconform", maturity=1)
    follower = s.answer("iso14001-2015:7.2")
    assert (follower.result, follower.maturity, follower.linked_to) == (
        Result.NONCONFORM, 1, "iso9001-2015:7.2")
    s.set_info(share_answers=False)
    s.set_answer("iso9001-2015:7.3", result="conform")
    assert s.answer("iso14001-2015:7.3").is_blank
    s.close()


def test_listeners_hear_what_changed(small_project):
    s = ProjectSession.open(small_project)
    heard = []
    s.subscribe(lambda edit: heard.append(edit.answer_keys))
    s.set_answer("iso14001-2015:8.1", result="conform")
    s.undo()
    assert heard == [{"iso14001-2015:8.1"}, {"iso14001-2015:8.1"}]
    s.close()


def test_invalid_values_change_nothing(small_project):
    s = ProjectSession.open(small_project)
    with pytest.raises(DataError, match="not a result"):
        s.set_answer("iso14001-2015:8.1", result="misschien")
    with pytest.raises(DataError, match="maturity"):
        s.set_answer("iso14001-2015:8.1", maturity=9)
    with pytest.raises(DataError, match="heading"):
        s.set_answer("iso14001-2015:6.1", result="conform")
    with pytest.raises(DataError, match="1 to 5"):
        s.add_risk("x", likelihood=7)
    assert s.answers == {} and not s.can_undo and s.risks == {}
    s.close()


def test_linked_answer_follows_source_until_overridden(demo_path):
    s = ProjectSession.open(demo_path)
    source = "iso9001-2015:9.1.1"
    partners = [r.key for r in s.hs_partners(source)]
    assert {k.split(":")[0] for k in partners} == {"iso27001-2022", "iso14001-2015", "iso45001-2018"}
    s.set_answer(source, result="partial", maturity=2, findings="KPI's niet geanalyseerd")
    s.link_partners(source)
    for key in partners:
        assert s.answer(key).linked_to == source and s.answer(key).result is Result.PARTIAL
    s.set_answer(source, result="conform", maturity=3)  # follows
    assert all(s.answer(k).result is Result.CONFORM for k in partners)
    s.set_answer(partners[0], result="nonconform")  # override in one standard
    assert s.answer(partners[0]).linked_to is None
    s.set_answer(source, result="partial")
    assert s.answer(partners[0]).result is Result.NONCONFORM
    assert s.answer(partners[1]).result is Result.PARTIAL
    s.close()


def test_actions_and_risks_round_trip(small_project):
    s = ProjectSession.open(small_project)
    a = s.add_action("Register wettelijke eisen", owner="R. Bakker", priority="Hoog",
                     quick_win=True, keys=["iso14001-2015:6.1.3"])
    r = s.add_risk("Boete", likelihood=2, impact=5, treatment="Verminderen")
    s.update_action(a.id, status="done")
    s.close()
    s = ProjectSession.open(small_project)
    action = s.actions[a.id]
    assert action.status.value == "done" and action.priority.value == "high" and action.quick_win
    assert action.keys == ("iso14001-2015:6.1.3",)
    assert s.risks[r.id].score == 10
    s.delete_action(a.id)
    s.undo()
    assert s.actions[a.id] == action
    s.close()


def test_a_note_typed_and_wiped_again_leaves_no_undo_step(small_project):
    from isodesk.app.session import ProjectSession

    session = ProjectSession.open(small_project)
    key = session.assessable()[0].key
    session.set_answer(key, group=f"note:{key}", findings="abc")
    session.set_answer(key, group=f"note:{key}", findings="")
    assert not session.can_undo
    session.close()


def test_an_undo_is_made_by_whoever_asks_for_it(small_project):
    from isodesk.app.session import ProjectSession

    session = ProjectSession.open(small_project)
    seen = []
    session.subscribe(lambda edit: seen.append(edit.origin))
    key = session.assessable()[0].key
    view = object()
    with session.acting_for(view):
        session.set_answer(key, result="conform")
    session.undo()
    session.redo()
    assert seen == [view, None, None] and session.redo_label == ""
    session.undo()
    assert session.redo_label.startswith("result")
    session.close()


def test_listeners_see_the_history_already_updated(small_project):
    s = ProjectSession.open(small_project)
    seen = []
    s.subscribe(lambda edit: seen.append((s.can_undo, s.can_redo, s.undo_label)))
    s.set_answer("iso14001-2015:8.1", result="conform")
    s.undo()
    s.redo()
    assert seen == [(True, False, "result 8.1 (ISO 14001)"), (False, True, ""),
                    (True, False, "result 8.1 (ISO 14001)")]
    s.close()


def test_partners_are_worked_out_once(tmp_path, registry, monkeypatch):
    from isodesk.app.session import create_project
    from isodesk.domain import linking

    s = create_project(tmp_path / "kam.isodesk", "KAM B.V.", ["iso9001-2015", "iso14001-2015"], registry)
    built = []
    real = linking._Graph.__init__
    monkeypatch.setattr(linking._Graph, "__init__", lambda self, reqs: (built.append(1), real(self, reqs))[1])
    for key in ("iso9001-2015:7.2", "iso9001-2015:7.3", "iso9001-2015:7.2"):
        s.set_answer(key, result="conform")
    assert [p.key for p in s.hs_partners("iso9001-2015:7.2")] == ["iso14001-2015:7.2"]
    assert built == [1]
    s.close()

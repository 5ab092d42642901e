"""Project identity and history through the command line: ``info --json``, ``show``, ``set``,
``copy``, and the audit trail of who changed what and when."""
from __future__ import annotations

import json

from isodesk.app.session import ProjectSession
from tests.conftest import run_isodesk


def _json(*args) -> dict:
    r = run_isodesk(*args)
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


def test_info_json_names_id_format_and_lineage(demo_path):
    data = _json("info", str(demo_path), "--json")
    assert len(data["id"]) == 36 and data["format"] == 2 and data["based_on"] is None
    assert data["actions"] == 11 and data["risks"] == 6  # counts, as before


def test_show_an_item_with_its_history(demo_path):
    key = "iso9001-2015:7.2"
    r = run_isodesk("answer", str(demo_path), key, "--result", "conform", "--maturity", "3",
                    "--note", "Matrix compleet", "--assessor", "Anouk IJzerman")
    assert r.returncode == 0, r.stderr
    r = run_isodesk("answer", str(demo_path), key, "--maturity", "4",
                    env={"ISODESK_ASSESSOR": "Joost Verbruggen"})
    assert r.returncode == 0, r.stderr
    item = _json("show", str(demo_path), key, "--json")
    assert (item["key"], item["ref"], item["result"], item["maturity"]) == (key, "7.2", "conform", 4)
    assert item["title"]["nl"] and item["title"]["en"]
    assert item["findings"] == "Matrix compleet" and item["soa"] is None
    assert item["attachments"] == []
    assert "iso14001-2015:7.2" in item["linked"]
    history = item["history"]
    assert history[0]["field"] == "maturity" and history[0]["by"] == "Joost Verbruggen"
    assert (history[0]["before"], history[0]["after"]) == (3, 4)
    first = [h for h in history if h["by"] == "Anouk IJzerman"]
    assert {h["field"] for h in first} >= {"result", "maturity", "findings"}
    assert all(h["at"] >= first[0]["at"] for h in history[:1])
    text = run_isodesk("show", str(demo_path), key).stdout
    assert "Joost Verbruggen" in text and "conform" in text


def test_show_an_annex_a_control_gives_its_soa_line(demo_path):
    item = _json("show", str(demo_path), "iso27001-2022:A.8.25", "--json")
    assert item["result"] == "na"
    assert item["soa"] == {"applicable": False, "status": None,
                           "justification": "Geen eigen softwareontwikkeling."}
    item = _json("show", str(demo_path), "iso27001-2022:A.8.13", "--json")
    assert item["soa"]["applicable"] is True and item["soa"]["status"] == "implemented"


def test_set_project_fields_and_scope(demo_path, tmp_path):
    r = run_isodesk("set", str(demo_path), "client", "Van den Heuvel Groep B.V.")
    assert r.returncode == 0, r.stderr
    r = run_isodesk("set", str(demo_path), "assessors", "A. IJzerman; J. Verbruggen; K. Visser")
    assert r.returncode == 0, r.stderr
    scope_text = tmp_path / "scope.txt"
    scope_text.write_text("Ontwerp en onderhoud van installaties.\nInclusief servicepunt.", encoding="utf-8")
    r = run_isodesk("set", str(demo_path), "scope", "-", stdin=scope_text.read_text(encoding="utf-8"))
    assert r.returncode == 0, r.stderr
    session = ProjectSession.open(demo_path, read_only=True)
    try:
        assert session.info.client == "Van den Heuvel Groep B.V."
        assert session.info.assessors == ("A. IJzerman", "J. Verbruggen", "K. Visser")
        assert session.scope.description.endswith("Inclusief servicepunt.")
    finally:
        session.close()
    r = run_isodesk("set", str(demo_path), "kleur", "rood")
    assert r.returncode == 1 and "is not a project field" in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1
    r = run_isodesk("set", str(demo_path), "client", "  ")
    assert r.returncode == 1 and "client name is empty" in r.stderr


def test_copy_has_a_new_id_and_remembers_its_base(demo_path, tmp_path):
    copy = tmp_path / "collega.isodesk"
    r = run_isodesk("copy", str(demo_path), str(copy))
    assert r.returncode == 0, r.stderr
    original = _json("info", str(demo_path), "--json")
    copied = _json("info", str(copy), "--json")
    assert copied["id"] != original["id"]
    assert copied["based_on"] == {"id": original["id"], "kind": "copy"}
    assert copied["standards"] == original["standards"]
    session = ProjectSession.open(copy, read_only=True)
    try:
        project_id, _at, base = session.store.snapshot("base")
        assert project_id == original["id"] and base["id"] == original["id"]
        assert len(base["answers"]) == len(session.answers)
        assert session.store.log(1)[0]["kind"] == "copy"
    finally:
        session.close()


def test_deleting_an_action_leaves_a_tombstone_and_numbers_are_not_reused(demo_path):
    session = ProjectSession.open(demo_path, author="Anouk IJzerman")
    try:
        last = max(session.actions.values(), key=lambda a: a.number)
        session.delete_action(last.id)
        tombstones = session.store.tombstones()
        assert tombstones[("action", last.id)][1] == "Anouk IJzerman"
        new = session.add_action("Nieuwe actie")
        assert new.number == last.number + 1 and new.id != last.id
        assert session.stamps[("action", new.id)].by == "Anouk IJzerman"
        session.undo()
        session.undo()  # the deleted action comes back, and its tombstone goes
        assert last.id in session.actions and ("action", last.id) not in session.store.tombstones()
        kinds = [e["kind"] for e in session.store.log(4)]
        assert kinds[:2] == ["undo", "undo"]
    finally:
        session.close()


def test_copying_a_first_release_file_upgrades_it_so_the_copy_can_come_back(tmp_path):
    import shutil

    from tests.conftest import ROOT

    original = tmp_path / "oud.isodesk"
    shutil.copyfile(ROOT / "tests" / "fixtures" / "format-1.isodesk", original)
    copy = tmp_path / "collega.isodesk"
    r = run_isodesk("copy", str(original), str(copy))
    assert r.returncode == 0, r.stderr
    assert _json("info", str(copy), "--json")["based_on"]["id"] == _json(
        "info", str(original), "--json")["id"]


def test_a_killed_copy_leaves_no_half_copy(demo_path, tmp_path, monkeypatch):
    """The copy's new identity is written before the copy appears under its name."""
    from isodesk.app import copy as copy_module
    from isodesk.storage.project_store import ProjectStore

    def killed(self, *args):
        raise KeyboardInterrupt  # what a kill between the steps would leave

    monkeypatch.setattr(ProjectStore, "log_event", killed)
    session = ProjectSession.open(demo_path)
    try:
        import pytest

        with pytest.raises(KeyboardInterrupt):
            copy_module.copy_project(session, tmp_path / "half.isodesk")
    finally:
        session.close()
    assert not (tmp_path / "half.isodesk").exists()
    assert not list(tmp_path.glob(".~isodesk.tmp/*"))

"""Comparing two assessments (``isodesk compare OLD NEW``): exactly the items whose result or
maturity changed, figures that equal ``isodesk info`` on each file, the gaps closed, new and
still open, the actions done, and a refusal for two unrelated projects unless asked."""
from __future__ import annotations

import json
from dataclasses import replace
from datetime import date

import pytest

from isodesk.app.copy import copy_project
from isodesk.app.followup import start_followup
from isodesk.app.session import ProjectSession
from isodesk.domain.model import Answer
from isodesk.domain.progress import compare
from isodesk.domain.scales import ActionStatus, Result
from tests.conftest import run_isodesk

GAP = "iso9001-2015:9.2.2"  # not conform in the demo
PARTIAL = "iso9001-2015:7.1.5.2"  # partially conform in the demo
CONFORM = "iso9001-2015:8.5.1"  # conform in the demo
OPEN = "iso9001-2015:8.5.6"  # not assessed in the demo


@pytest.fixture
def pair(demo_path, tmp_path):
    """The demo and its follow-up after a morning's work."""
    path = tmp_path / "hermeting.isodesk"
    baseline = ProjectSession.open(demo_path)
    start_followup(baseline, path, on=date(2027, 3, 1))
    baseline.close()
    session = ProjectSession.open(path)
    session.set_answer(GAP, result="conform", maturity=3)  # a gap closed
    session.set_answer(PARTIAL, maturity=3)  # the same result, another maturity
    session.set_answer(CONFORM, result="nonconform")  # a new gap
    session.set_answer(OPEN, result="partial", maturity=1)  # assessed for the first time: a gap
    session.set_answer("iso9001-2015:8.2.2", findings="Klantcommunicatie vastgelegd.")  # text
    session.set_answer("iso9001-2015:8.4.1", reverify=False)  # confirmed unchanged
    done = next(a for a in sorted(session.actions.values(), key=lambda a: a.number)
                if a.status is not ActionStatus.DONE)
    session.update_action(done.id, status="done")
    session.close()
    return demo_path, path, done


def _json(*args):
    r = run_isodesk(*args)
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


def test_compare_lists_exactly_the_items_whose_result_or_maturity_changed(pair):
    old, new, _ = pair
    data = _json("compare", str(old), str(new), "--json")
    assert data["related"] is True
    items = {i["key"]: i for i in data["items"]}
    assert set(items) == {GAP, PARTIAL, CONFORM, OPEN}
    assert items[GAP]["before"] == {"result": "nonconform", "maturity": 0}
    assert items[GAP]["after"] == {"result": "conform", "maturity": 3}
    assert items[PARTIAL]["before"]["result"] == items[PARTIAL]["after"]["result"] == "partial"
    assert items[PARTIAL]["after"]["maturity"] == 3
    assert items[OPEN]["before"] == {"result": "open", "maturity": None}
    assert data["gaps_closed"] == [GAP]
    assert set(data["gaps_new"]) == {CONFORM, OPEN}
    assert PARTIAL in data["gaps_open"] and GAP not in data["gaps_open"]


def test_compare_figures_equal_info_on_each_file(pair):
    old, new, _ = pair
    data = _json("compare", str(old), str(new), "--json")
    for side, path in (("before", old), ("after", new)):
        info = {s["id"]: s for s in _json("info", str(path), "--json")["standards"]}
        assert [s["id"] for s in data["standards"]] == list(info)
        for std in data["standards"]:
            assert std[side] == {"compliance": info[std["id"]]["compliance"],
                                 "maturity": info[std["id"]]["maturity"]}, (side, std["id"])
    iso9001 = data["standards"][0]
    assert iso9001["before"] != iso9001["after"]
    chapters = {c["chapter"]: c for c in iso9001["chapters"]}
    assert list(chapters) == ["4", "5", "6", "7", "8", "9", "10"]
    assert chapters["9"]["after"]["compliance"] > chapters["9"]["before"]["compliance"]


def test_actions_done_since_the_baseline(pair):
    old, new, done = pair
    data = _json("compare", str(old), str(new), "--json")
    assert data["actions_done"] == [{"id": done.id, "number": done.label, "title": done.title}]


def test_compare_text_names_the_changes(pair):
    old, new, done = pair
    r = run_isodesk("compare", str(old), str(new))
    assert r.returncode == 0, r.stderr
    assert "ISO 9001:2015: compliance" in r.stdout
    assert f"{GAP}: Not conform, 0 → Conform, 3" in r.stdout
    assert f"Gaps closed: 1  ({GAP})" in r.stdout
    assert f"Actions done: 1  ({done.label})" in r.stdout
    dutch = run_isodesk("compare", str(old), str(new), env={"LC_ALL": "nl_NL.UTF-8"})
    assert f"{GAP}: Voldoet niet, 0 → Voldoet, 3" in dutch.stdout
    assert "Opgeloste tekortkomingen: 1" in dutch.stdout


def test_two_unrelated_projects_are_compared_only_when_forced(demo_path, tmp_path):
    other = tmp_path / "andere-klant.isodesk"
    assert run_isodesk("demo", str(other), "--lang", "en").returncode == 0
    r = run_isodesk("compare", str(demo_path), str(other), "--json")
    assert r.returncode == 1 and r.stdout == ""
    assert len(r.stderr.strip().splitlines()) == 1 and "--force" in r.stderr
    r = run_isodesk("compare", str(demo_path), str(other), "--json", "--force")
    assert r.returncode == 0
    assert json.loads(r.stdout)["related"] is False
    assert "warning" in r.stderr and "share no history" in r.stderr


def test_copies_and_followups_of_one_baseline_are_related(demo_path, tmp_path):
    baseline = ProjectSession.open(demo_path)
    copy_project(baseline, tmp_path / "jan.isodesk")
    start_followup(baseline, tmp_path / "voorjaar.isodesk")
    start_followup(baseline, tmp_path / "najaar.isodesk")
    baseline.close()
    for old, new in (("jan", "voorjaar"), ("voorjaar", "najaar")):
        data = _json("compare", str(tmp_path / f"{old}.isodesk"), str(tmp_path / f"{new}.isodesk"),
                     "--json")
        assert data["related"] is True and data["items"] == []


def test_a_file_that_is_no_project_is_one_sentence(demo_path, tmp_path):
    bad = tmp_path / "notities.isodesk"
    bad.write_text("geen project")
    r = run_isodesk("compare", str(demo_path), str(bad))
    assert r.returncode == 1 and len(r.stderr.strip().splitlines()) == 1
    assert "notities.isodesk" in r.stderr and "Traceback" not in r.stderr


def test_items_and_standards_held_by_one_side_only(demo_path, small_project):
    """A standard only one assessment holds has no figures on the other side; its judged items
    are listed as changed, with nothing on the side that lacks them."""
    def load(path):
        session = ProjectSession.open(path)
        try:
            return session.snapshot()
        finally:
            session.close()

    old, new = load(demo_path), load(small_project)  # ISO 14001 only, nothing assessed
    key = "iso14001-2015:4.1"
    new = replace(new, answers={key: Answer(key, Result.NONCONFORM, 1)})
    c = compare(old, new)
    held = {s.catalog.id: s for s in c.standards}
    assert held["iso9001-2015"].total.after is None and held["iso9001-2015"].total.before
    assert held["iso14001-2015"].total.after.compliance == 0.0
    changed = {i.key: i for i in c.changed}
    assert changed[key].before.result is old.answer(key).result
    removed = next(i for i in c.changed if i.key.startswith("iso9001-2015:"))
    assert removed.after is None and removed.before is not None
    assert not any(i.key.startswith("iso9001-2015:") for i in c.gaps_open + c.gaps_closed)

"""A follow-up assessment (hermeting) started from the baseline (``isodesk followup``): what the
consultant notices. A new project of the same client with the same standards and scope, every
answer carried over and marked to re-verify until touched, the baseline kept beside it, the
baseline's file untouched, and a report that shows the progress since the baseline."""
from __future__ import annotations

import hashlib
import json
from datetime import date

import pytest

from isodesk.app.copy import copy_project
from isodesk.app.followup import BASELINE, ancestry, baseline_of, start_followup
from isodesk.app.merge import plan_merge
from isodesk.app.session import ProjectSession
from isodesk.domain.errors import DataError, ProjectFileError
from isodesk.domain.scales import Result
from tests.conftest import run_isodesk, snapshot_of
from tests.report_text import docx_text, pdf_pages, section, squash

CLAUSE = "iso9001-2015:7.1.5.2"  # partially conform in the demo; ISO 9001 alone
GAP = "iso9001-2015:9.2.2"  # not conform in the demo (no audit programme)
FOLLOWER = "iso27001-2022:7.5.2"  # follows ISO 9001 7.5.2 in the demo
SOURCE = "iso9001-2015:7.5.2"


def _digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def followup(demo_path, tmp_path):
    """The demo (the baseline) and its follow-up, dated 1 March 2027."""
    path = tmp_path / "hermeting.isodesk"
    baseline = ProjectSession.open(demo_path, author="Anouk")
    try:
        start_followup(baseline, path, on=date(2027, 3, 1))
    finally:
        baseline.close()
    return demo_path, path


def _open(path, author="Joost"):
    return ProjectSession.open(path, author=author)


def test_the_followup_is_a_new_project_of_the_same_client_standards_and_scope(followup):
    demo_path, path = followup
    before = snapshot_of(demo_path)
    after = _open(path)
    try:
        assert after.id != before.id
        assert (after.based_on.id, after.based_on.kind) == (before.id, "followup")
        assert [c.id for c in after.catalogs] == [c.id for c in before.catalogs]
        assert [r.key for r in after.requirements] == [r.key for r in before.requirements]
        assert after.scope == before.scope
        assert after.info.client == before.info.client
        assert after.info.assessors == before.info.assessors
        assert after.info.started_on == date(2027, 3, 1)
        # the baseline's report texts stay behind: the follow-up writes its own
        assert after.info.title == "" and after.info.conclusion == "" and after.info.roadmap == ()
        assert after.info.status == "draft" and after.info.report_date is None
        assert after.actions == before.actions and after.risks == before.risks
        assert after.asset("logo") == _open_asset(demo_path)
        history = after.store.log()
        assert history[0]["kind"] == "followup" and history[0]["by"] == "Anouk"
    finally:
        after.close()


def _open_asset(path):
    session = ProjectSession.open(path, read_only=True)
    try:
        return session.asset("logo")
    finally:
        session.close()


def test_starting_a_followup_leaves_the_baseline_as_it_was(demo_path, tmp_path):
    digest = _digest(demo_path)
    baseline = _open(demo_path)
    start_followup(baseline, tmp_path / "f.isodesk")
    baseline.close()
    assert _digest(demo_path) == digest


def test_every_answer_is_carried_over_to_reverify_and_the_baseline_is_kept(followup):
    demo_path, path = followup
    before = snapshot_of(demo_path)
    after = _open(path)
    try:
        assert after.answers.keys() == before.answers.keys()
        for key, then in before.answers.items():
            now = after.answer(key)
            assert now.reverify and now.assessed_on is None
            assert (now.result, now.maturity, now.findings, now.linked_to) == (
                then.result, then.maturity, then.findings, then.linked_to)
        baseline = baseline_of(after)
        assert baseline.data == before  # read-only, beside each item
        assert baseline.answer(CLAUSE) == before.answer(CLAUSE)
        assert baseline.day == before.info.report_date
        assert after.store.snapshot_names() == [BASELINE]
    finally:
        after.close()


def test_a_carried_answer_is_flagged_until_touched(followup):
    _, path = followup
    session = _open(path)
    kept = session.answer(CLAUSE)
    session.set_answer(CLAUSE, result=kept.result.value)  # the same result: confirmed
    confirmed = session.answer(CLAUSE)
    assert not confirmed.reverify and confirmed.result is kept.result
    assert confirmed.assessed_on == date.today()  # re-verified today
    session.set_answer(GAP, findings="Auditprogramma 2027 vastgesteld.")  # a note touches it too
    assert not session.answer(GAP).reverify
    assert session.answer("iso9001-2015:4.1").reverify  # the others stay flagged
    session.undo()
    assert session.answer(GAP).reverify  # undo brings the flag back
    session.close()
    reopened = _open(path)
    assert not reopened.answer(CLAUSE).reverify and reopened.answer(GAP).reverify
    reopened.close()


def test_a_follower_confirmed_as_it_is_keeps_following_its_source(followup):
    _, path = followup
    session = _open(path)
    assert session.answer(FOLLOWER).linked_to == SOURCE
    session.set_answer(FOLLOWER, reverify=False)
    follower, source = session.answer(FOLLOWER), session.answer(SOURCE)
    assert follower.linked_to == SOURCE and not follower.reverify and not source.reverify
    assert follower.result is source.result and follower.assessed_on == source.assessed_on
    session.close()


def test_the_baseline_states_of_other_files_stay_behind(demo_path, tmp_path):
    """A baseline that merged a colleague's copy keeps that state; its follow-up is no copy of
    either and cannot be merged into the baseline by mistake."""
    from isodesk.app.merge import apply_merge

    colleague = tmp_path / "jan.isodesk"
    lead = _open(demo_path, "Lead")
    copy_project(lead, colleague)
    lead.close()
    jan = _open(colleague, "Jan")
    jan.set_answer(CLAUSE, result="conform")
    jan.close()
    lead = _open(demo_path, "Lead")
    apply_merge(lead, plan_merge(lead.snapshot(), demo_path, colleague), "theirs")
    assert any(n.startswith("sync:") for n in lead.store.snapshot_names())
    start_followup(lead, tmp_path / "f.isodesk")
    mine = lead.snapshot()
    lead.close()
    session = _open(tmp_path / "f.isodesk")
    assert session.store.snapshot_names() == [BASELINE]
    session.close()
    with pytest.raises(DataError, match="shares no history"):
        plan_merge(mine, demo_path, tmp_path / "f.isodesk")


def test_a_followup_of_a_followup_still_belongs_to_the_first_baseline(followup, tmp_path):
    demo_path, path = followup
    first = _open(path)
    start_followup(first, tmp_path / "second.isodesk", on=date(2027, 9, 1))
    first.close()
    second = ProjectSession.open(tmp_path / "second.isodesk", read_only=True)
    baseline = ProjectSession.open(demo_path, read_only=True)
    try:
        assert baseline.id in ancestry(second.store)
        assert baseline_of(second).project_id != baseline.id  # its baseline is the first follow-up
    finally:
        second.close()
        baseline.close()


def test_an_existing_file_is_not_replaced(followup):
    demo_path, path = followup
    digest = _digest(path)
    baseline = _open(demo_path)
    try:
        with pytest.raises(ProjectFileError, match="already exists"):
            start_followup(baseline, path)
    finally:
        baseline.close()
    assert _digest(path) == digest


# ---------------------------------------------------------------------------------- CLI
def test_cli_followup_then_info_and_show(demo_path, tmp_path):
    out = tmp_path / "hermeting.isodesk"
    r = run_isodesk("followup", str(demo_path), str(out), "--date", "2027-03-01")
    assert r.returncode == 0, r.stderr
    assert "hermeting.isodesk" in r.stdout
    info = json.loads(run_isodesk("info", str(out), "--json").stdout)
    baseline = json.loads(run_isodesk("info", str(demo_path), "--json").stdout)
    assert info["based_on"] == {"id": baseline["id"], "kind": "followup"}
    assert info["id"] != baseline["id"] and info["client"] == baseline["client"]
    assert [s["id"] for s in info["standards"]] == [s["id"] for s in baseline["standards"]]
    shown = json.loads(run_isodesk("show", str(out), CLAUSE, "--json").stdout)
    assert shown["reverify"] and shown["assessed_on"] is None
    then = json.loads(run_isodesk("show", str(demo_path), CLAUSE, "--json").stdout)
    assert shown["baseline"] == {"date": "2026-11-09", "result": then["result"],
                                 "maturity": then["maturity"], "findings": then["findings"]}
    assert then["baseline"] is None  # the baseline itself has none
    assert run_isodesk("answer", str(out), CLAUSE, "--result", "conform").returncode == 0
    shown = json.loads(run_isodesk("show", str(out), CLAUSE, "--json").stdout)
    assert not shown["reverify"] and shown["result"] == "conform"
    assert shown["baseline"]["result"] == then["result"]  # the baseline stays as it was


@pytest.mark.parametrize("case", ["exists", "bad date", "foreign file", "newer file"])
def test_cli_followup_refuses_bad_input_in_one_sentence_and_writes_nothing(
        case, demo_path, tmp_path):
    import sqlite3
    from contextlib import closing

    source, out = demo_path, tmp_path / "hermeting.isodesk"
    args = []
    if case == "exists":
        out.write_bytes(b"mijn eigen bestand")
    elif case == "bad date":
        args = ["--date", "31-02-2027"]
    elif case == "foreign file":
        source = tmp_path / "vreemd.isodesk"
        with closing(sqlite3.connect(source)) as conn:
            conn.execute("CREATE TABLE t (x)")
    else:
        source = tmp_path / "nieuwer.isodesk"
        source.write_bytes(demo_path.read_bytes())
        with closing(sqlite3.connect(source)) as conn:
            conn.execute("PRAGMA user_version=99")
    before = {p: _digest(p) for p in tmp_path.rglob("*") if p.is_file()}
    r = run_isodesk("followup", str(source), str(out), *args)
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1 and r.stderr.startswith("isodesk: ")
    assert {p: _digest(p) for p in tmp_path.rglob("*") if p.is_file()} == before


# ------------------------------------------------------------------------------- report
@pytest.fixture
def progressed(followup):
    """The follow-up after some work: a gap closed, one re-verified unchanged, a new gap, an
    action done."""
    demo_path, path = followup
    session = _open(path)
    session.set_answer(GAP, result="conform", maturity=3, findings="Auditprogramma vastgesteld.")
    session.set_answer(CLAUSE, result="partial")  # confirmed as it was
    session.set_answer("iso9001-2015:8.5.1", result="nonconform", maturity=1)  # conform before
    action = next(a for a in sorted(session.actions.values(), key=lambda a: a.number)
                  if a.status.value != "done")
    session.update_action(action.id, status="done")
    session.close()
    return demo_path, path, action


def test_the_report_of_a_followup_holds_the_baseline_and_the_current_figures(progressed, tmp_path):
    from isodesk.report.builder import build_report

    demo_path, path, action = progressed
    then, now = snapshot_of(demo_path), snapshot_of(path)
    session = ProjectSession.open(path, read_only=True)
    baseline = baseline_of(session).data
    session.close()
    build_report(now, tmp_path / "hermeting.pdf", baseline=baseline)
    build_report(now, tmp_path / "hermeting.docx", baseline=baseline)
    pages = pdf_pages(tmp_path / "hermeting.pdf")
    assert "RAPPORT HERMETING" in pages[0]
    chapter = section(pages, "Voortgang sinds de nulmeting", "Scope en werkwijze")
    word = docx_text(tmp_path / "hermeting.docx")
    assert "2 Voortgang sinds de nulmeting" in word and "3 Scope en werkwijze" in word
    for text in (squash(chapter), squash(word)):
        for cat in now.catalogs:  # per standard the compliance then and now, as `info` rounds
            old, new = then.score(cat.id).compliance, now.score(cat.id).compliance
            assert squash(f"{cat.name} {_pct(old)} {_pct(new)}") in text, cat.name
        assert squash("Opgeloste tekortkomingen") in text and squash("Auditprogramma") in text
        assert squash("Nieuwe tekortkomingen") in text
        assert squash(action.title) in text
    assert "Voldoet niet (0)" in chapter and "Voldoet (3)" in chapter  # the closed gap


def _pct(value) -> str:
    from isodesk.support.i18n import half_up

    return f"{half_up(value, 0)}%"


def test_cli_report_of_a_followup_in_english(progressed, tmp_path):
    _, path, _ = progressed
    out = tmp_path / "follow-up.pdf"
    r = run_isodesk("report", str(path), str(out), "--lang", "en")
    assert r.returncode == 0, r.stderr
    text = "".join(pdf_pages(out))
    assert "FOLLOW-UP ASSESSMENT REPORT" in text and "Progress since the baseline" in text
    assert "Gaps closed" in text and "Gaps still open" in text
    assert "not re-assessed yet" in text  # still the baseline's judgement, and it says so


def test_a_baseline_report_has_no_progress_chapter(demo_path, tmp_path):
    r = run_isodesk("report", str(demo_path), str(tmp_path / "r.pdf"))
    assert r.returncode == 0, r.stderr
    text = "".join(pdf_pages(tmp_path / "r.pdf"))
    assert "NULMETINGSRAPPORT" in text and "Voortgang sinds" not in text


def test_results_stay_what_the_baseline_judged_until_reverified(followup):
    """Nothing is lost in the carrying over: the follow-up's figures equal the baseline's
    until the assessor changes something."""
    demo_path, path = followup
    then, now = snapshot_of(demo_path), snapshot_of(path)
    for cat in then.catalogs:
        assert now.score(cat.id) == then.score(cat.id)
    assert now.answer(GAP).result is Result.NONCONFORM

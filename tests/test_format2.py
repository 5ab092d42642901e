"""File format 2: the format-1 file of the first release upgrades with all its data, the SoA
becomes one truth with the checklist, and the upgraded file equals a new one table for table."""
from __future__ import annotations

import shutil
import sqlite3

import pytest

from isodesk.app.session import ProjectSession
from isodesk.domain.errors import ProjectFileError
from isodesk.domain.scales import Result
from isodesk.storage import FORMAT_VERSION, ProjectStore, format2, migrations
from isodesk.storage.lock import lock_path
from tests.conftest import ROOT

FIXTURE = ROOT / "tests" / "fixtures" / "format-1.isodesk"


@pytest.fixture
def format1(tmp_path):
    path = tmp_path / "oud.isodesk"
    shutil.copyfile(FIXTURE, path)
    return path


def _v1(path, sql):
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def test_format1_upgrades_with_every_answer_action_and_risk(format1):
    old_answers = {r[0]: r for r in _v1(format1, "SELECT key, result, maturity, findings, evidence, "
                                        "interviewee, assessed_on, finding_type, linked_to FROM answer")}
    old_actions = _v1(format1, "SELECT id, title, owner, deadline, priority, status, quick_win FROM action")
    old_action_keys = _v1(format1, "SELECT action_id, key FROM action_requirement")
    old_risks = _v1(format1, "SELECT id, description, likelihood, impact, treatment, owner FROM risk")
    old_soa = {r[0]: r for r in _v1(format1, "SELECT key, applicable, justification FROM soa")}

    session = ProjectSession.open(format1)
    try:
        assert _v1(format1, "PRAGMA user_version") == [(FORMAT_VERSION,)]
        backup = migrations.backup_path(format1, 1)
        assert _v1(backup, "PRAGMA user_version") == [(1,)]
        assert len(session.id) == 36 and session.based_on is None
        for key, (_k, result, maturity, findings, evidence, interviewee, day, ftype, linked) in old_answers.items():
            answer = session.answer(key)
            if session.requirement(key).kind == "control":
                continue  # checked below: the SoA may have settled their result
            assert (answer.result.value, answer.maturity, answer.findings, answer.evidence,
                    answer.interviewee, answer.linked_to) == (result, maturity, findings, evidence,
                                                              interviewee, linked)
            assert (answer.assessed_on.isoformat() if answer.assessed_on else None) == day
            assert (answer.finding_type.value if answer.finding_type else None) == ftype
        by_number = {a.number: a for a in session.actions.values()}
        for old_id, title, owner, deadline, priority, status, quick in old_actions:
            action = by_number[old_id]
            assert (action.title, action.owner, action.priority.value, action.status.value,
                    action.quick_win) == (title, owner, priority, status, bool(quick))
            assert set(action.keys) == {k for i, k in old_action_keys if i == old_id}
        assert len({a.id for a in session.actions.values()}) == len(old_actions)
        assert {r.number: (r.description, r.likelihood, r.impact, r.treatment.value, r.owner)
                for r in session.risks.values()} == {
            i: (d, lk, im, t, o) for i, d, lk, im, t, o in old_risks}
        for key, (_k, applicable, justification) in old_soa.items():
            assert session.soa(key).justification == justification
            old_result = old_answers.get(key, (None, "open"))[1]
            if old_result not in ("open", None):  # the checklist's judgement is kept
                assert session.answer(key).result.value == old_result
            if applicable == 0 and old_result in ("open", None):
                assert session.answer(key).result is Result.NA
    finally:
        session.close()


def test_contradicting_soa_entries_are_listed_for_review(format1):
    store = ProjectStore.open(format1)
    try:
        notes = store.upgrade_notes
        kept = {n.ref for n in notes if not n.carried}
        carried = {n.ref: n.result for n in notes if n.carried}
        # A.8.16: not conform in the checklist, "implemented" in the format-1 SoA
        assert "A.8.16" in kept
        assert store.answer("iso27001-2022:A.8.16").result is Result.NONCONFORM
        assert len(kept) == 22
        # A.5.1 had no result; the SoA said implemented: that judgement is not lost
        assert carried["A.5.1"] is Result.CONFORM
        assert store.answer("iso27001-2022:A.5.1").result is Result.CONFORM
        label = store.log(1)[0]["label"]
        assert store.log(1)[0]["kind"] == "migration" and "A.8.16" in label
    finally:
        store.close()
    assert ProjectStore.open(format1, read_only=True).upgrade_notes == []  # only once


def test_read_only_open_upgrades_in_memory_and_leaves_the_file(format1):
    before = format1.read_bytes()
    session = ProjectSession.open(format1, read_only=True)
    try:
        assert session.info.client.startswith("Van den Heuvel")
        assert session.soa("iso27001-2022:A.8.16").status is not None
    finally:
        session.close()
    assert format1.read_bytes() == before
    assert not migrations.backup_path(format1, 1).exists()


def test_a_failing_upgrade_leaves_the_file_as_it_was(format1, monkeypatch):
    before = format1.read_bytes()

    def broken(conn):
        format2.upgrade(conn)
        raise RuntimeError("step failed")

    monkeypatch.setitem(migrations.STEPS, 1, broken)
    with pytest.raises(ProjectFileError, match="left as it was"):
        ProjectStore.open(format1)
    assert format1.read_bytes() == before
    assert not lock_path(format1).exists()


def _schema(path):
    from sqlalchemy import create_engine, inspect

    engine = create_engine(f"sqlite:///{path}")
    try:
        inspector = inspect(engine)
        out = {}
        for table in inspector.get_table_names():
            columns = [(c["name"], str(c["type"]), c["nullable"], c["default"], c["primary_key"])
                       for c in inspector.get_columns(table)]
            indexes = sorted((i["name"], tuple(i["column_names"]), bool(i["unique"]))
                             for i in inspector.get_indexes(table))
            fks = sorted((tuple(f["constrained_columns"]), f["referred_table"],
                          tuple(f["referred_columns"]), f.get("options", {}).get("ondelete"))
                         for f in inspector.get_foreign_keys(table))
            unique = sorted(tuple(u["column_names"]) for u in inspector.get_unique_constraints(table))
            checks = sorted(c["sqltext"] for c in inspector.get_check_constraints(table))
            out[table] = (columns, indexes, fks, unique, checks,
                          inspector.get_pk_constraint(table)["constrained_columns"])
        return out
    finally:
        engine.dispose()


def test_upgraded_file_has_the_schema_of_a_new_one(format1, small_project):
    ProjectStore.open(format1).close()
    upgraded, fresh = _schema(format1), _schema(small_project)
    assert set(upgraded) == set(fresh)
    for table in fresh:
        assert upgraded[table] == fresh[table], table


def test_the_cli_says_once_that_it_upgraded_the_file(format1):
    from tests.conftest import run_isodesk

    r = run_isodesk("answer", str(format1), "iso9001-2015:7.2", "--maturity", "3")
    assert r.returncode == 0, r.stderr
    assert "upgraded to file format 2" in r.stderr and "A.8.16" in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1
    again = run_isodesk("answer", str(format1), "iso9001-2015:7.2", "--maturity", "2")
    assert again.returncode == 0 and again.stderr == ""


@pytest.mark.skipif(shutil.which("strace") is None, reason="strace is not installed")
@pytest.mark.parametrize("when", [1, 120, 300, 600, 900, 1050])
def test_a_kill_during_the_upgrade_leaves_a_file_that_opens(format1, when):
    """strace kills the upgrading process at its n-th write (the backup, the journal, the new
    tables, the commit): the file opens afterwards, in the old format or the new, never damaged."""
    import subprocess
    import sys

    from tests.conftest import ROOT as root

    cmd = ["strace", "-f", "-o", "/dev/null", "-e", f"inject=pwrite64:signal=KILL:when={when}",
           sys.executable, "-m", "isodesk", "answer", str(format1), "iso9001-2015:7.2",
           "--maturity", "3"]
    killed = subprocess.run(cmd, capture_output=True, timeout=120, cwd=root,
                            env={"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin",
                                 "LC_ALL": "C.UTF-8"})
    assert killed.returncode != 0  # the kill happened: the upgrade did not finish
    session = ProjectSession.open(format1)  # upgrades now if the kill came first
    try:
        assert session.info.client.startswith("Van den Heuvel")
        assert len(session.actions) == 11 and len(session.risks) == 6
        assert session.store.integrity_problems() == []
    finally:
        session.close()
    assert _v1(format1, "PRAGMA user_version") == [(FORMAT_VERSION,)]

"""The .isodesk file: refusals leave the file untouched, durability, copies, migrations."""
import os
import sqlite3
import subprocess
import sys
import textwrap

import pytest

from isodesk.app.session import ProjectSession
from isodesk.domain.errors import NewerFormatError, ProjectFileError, ProjectLockedError
from isodesk.storage import APPLICATION_ID, FORMAT_VERSION, ProjectStore
from isodesk.storage.lock import lock_path
from tests.conftest import ROOT, run_isodesk


def _refused(path, exc=ProjectFileError, **kw) -> str:
    before = path.read_bytes()
    with pytest.raises(exc) as info:
        ProjectStore.open(path, **kw)
    assert path.read_bytes() == before, "a refused file must not change"
    message = str(info.value)
    assert message.endswith(".") and "\n" not in message and path.name in message
    r = run_isodesk("answer", str(path), "iso14001-2015:8.2", "--result", "conform")
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert path.read_bytes() == before
    return message


def test_foreign_sqlite_file(tmp_path):
    path = tmp_path / "other.isodesk"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE notes (x)")
    conn.close()
    assert "another program" in _refused(path)


def test_text_file_renamed(tmp_path):
    path = tmp_path / "notes.isodesk"
    path.write_text("Dit is geen project.\n" * 20, encoding="utf-8")
    assert "not an isodesk project" in _refused(path)


def test_empty_file(tmp_path):
    path = tmp_path / "empty.isodesk"
    path.write_bytes(b"")
    assert "not an isodesk project" in _refused(path)


def test_truncated_file(tmp_path, demo_path):
    data = demo_path.read_bytes()
    path = tmp_path / "cut.isodesk"
    path.write_bytes(data[: len(data) // 2])
    assert "damaged" in _refused(path)


def test_newer_format(tmp_path, small_project):
    with sqlite3.connect(small_project) as conn:
        conn.execute(f"PRAGMA user_version={FORMAT_VERSION + 1}")
    conn.close()
    assert "newer isodesk" in _refused(small_project, NewerFormatError)


def test_garbage_pages_with_valid_header(tmp_path, small_project):
    data = bytearray(small_project.read_bytes())
    for i in range(4096, len(data), 7):
        data[i] = 0x5A
    small_project.write_bytes(bytes(data))
    before = small_project.read_bytes()
    r = run_isodesk("check", str(small_project))
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert small_project.read_bytes() == before


def test_read_only_file(small_project, monkeypatch):
    os.chmod(small_project, 0o444)
    if os.geteuid() == 0:  # root may write anyway; make isodesk see what a user would
        monkeypatch.setattr("isodesk.storage.opening.is_writable", lambda p: False)
        before = small_project.read_bytes()
        with pytest.raises(ProjectFileError, match="read-only"):
            ProjectStore.open(small_project)
        assert small_project.read_bytes() == before
    else:
        assert "read-only" in _refused(small_project)
    with ProjectStore.open(small_project, read_only=True) as store:
        assert store.info().client == "Klant B.V."


def test_read_only_open_cannot_write(small_project):
    session = ProjectSession.open(small_project, read_only=True)
    before = small_project.read_bytes()
    with pytest.raises(ProjectFileError, match="read-only"):
        session.set_answer("iso14001-2015:8.2", result="conform")
    session.close()
    assert small_project.read_bytes() == before
    assert not lock_path(small_project).exists()


def test_file_open_in_another_process(small_project):
    holder = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(f"""
            import sys, time
            sys.path.insert(0, {str(ROOT)!r})
            from isodesk.storage import ProjectStore
            s = ProjectStore.open({str(small_project)!r})
            print("open", flush=True)
            time.sleep(60)
        """)],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "open"
        message = _refused(small_project, ProjectLockedError)
        assert "already open" in message and "read-only" in message
        with ProjectStore.open(small_project, read_only=True) as store:  # offered alternative
            assert store.info().client == "Klant B.V."
    finally:
        holder.kill()
        holder.wait()
    # The lock of the killed process is stale now: the file opens normally again.
    with ProjectStore.open(small_project) as store:
        assert store.info().client == "Klant B.V."
    assert not lock_path(small_project).exists()


def test_lock_released_on_close(small_project):
    store = ProjectStore.open(small_project)
    assert lock_path(small_project).exists()
    store.close()
    assert not lock_path(small_project).exists()


def test_file_header_and_pragmas(small_project):
    conn = sqlite3.connect(small_project)
    assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert conn.execute("PRAGMA user_version").fetchone()[0] == FORMAT_VERSION
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    conn.close()
    with ProjectStore.open(small_project) as store:
        with store._reading() as c:
            assert c.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
            assert c.execute("PRAGMA foreign_keys").fetchone()[0] == 1


UNICODE = ["ĳsselmeer IJmuiden", "Café Noël", "Straße", "📋✅ emoji", "שלום עולם", "مرحبا",
           "tab\tand\nnewline", "<b>&amp;</b> 'quotes\""]


def test_unicode_round_trip(tmp_path, registry):
    from isodesk.app.session import create_project

    path = tmp_path / "ünïcødé ĳ 📋.isodesk"
    session = create_project(path, UNICODE[0], ["iso9001-2015"], registry,
                             assessors=UNICODE[1:3])
    keys = [r.key for r in session.assessable()][: len(UNICODE)]
    for key, text in zip(keys, UNICODE):
        session.set_answer(key, result="partial", findings=text, evidence=text[::-1],
                           interviewee=text)
    session.add_action(UNICODE[4], owner=UNICODE[5], keys=keys[:2])
    session.add_risk(UNICODE[3], owner=UNICODE[6])
    session.set_scope(description=UNICODE[7])
    session.close()

    again = ProjectSession.open(path)
    assert again.info.client == UNICODE[0]
    assert again.info.assessors == tuple(UNICODE[1:3])
    for key, text in zip(keys, UNICODE):
        a = again.answer(key)
        assert (a.findings, a.evidence, a.interviewee) == (text, text[::-1], text)
    assert [a.title for a in again.actions.values()] == [UNICODE[4]]
    assert [r.owner for r in again.risks.values()] == [UNICODE[6]]
    assert again.scope.description == UNICODE[7]
    again.close()


def test_save_copy_is_a_complete_project(tmp_path, demo_path):
    session = ProjectSession.open(demo_path)
    session.set_answer("iso9001-2015:8.6", result="nonconform", findings="na de kopie?")
    copy = tmp_path / "kopie voor klant.isodesk"
    copy.write_text("old content to be replaced")
    session.save_copy(copy)
    answers = dict(session.answers)
    session.close()
    with ProjectStore.open(copy) as store:
        assert store.answers() == answers
        assert store.integrity_problems() == []
    assert not list(tmp_path.glob("*.tmp"))


def test_save_copy_to_missing_folder_fails_cleanly(tmp_path, demo_path):
    session = ProjectSession.open(demo_path)
    with pytest.raises(ProjectFileError, match="does not exist"):
        session.save_copy(tmp_path / "nope" / "x.isodesk")
    session.close()


def test_create_refuses_existing_file(tmp_path, registry):
    from isodesk.app.session import create_project

    path = tmp_path / "x.isodesk"
    path.write_text("keep me")
    with pytest.raises(ProjectFileError, match="already exists"):
        create_project(path, "X", ["iso9001-2015"], registry)
    assert path.read_text() == "keep me"


def test_released_format_fixtures_open():
    """Every released format version keeps opening (tests/fixtures/format-N.isodesk)."""
    fixtures = sorted((ROOT / "tests" / "fixtures").glob("format-*.isodesk"))
    assert fixtures, "keep a fixture file of every released format version"
    for fixture in fixtures:
        r = run_isodesk("check", str(fixture))
        assert r.returncode == 0, r.stderr
        assert "Van den Heuvel" in run_isodesk("info", str(fixture)).stdout


def test_schema_definition_and_required_tables_agree():
    from isodesk.storage import schema
    from isodesk.storage.fileformat import REQUIRED_TABLES

    assert set(schema.metadata.tables) == REQUIRED_TABLES[FORMAT_VERSION]


def test_opening_a_project_does_not_import_sqlalchemy(small_project):
    """Start-up budget: SQLAlchemy (~0.2 s to import) is only needed to create files."""
    code = ("import sys; from isodesk.app.session import ProjectSession; "
            f"s = ProjectSession.open({str(small_project)!r}); s.set_answer('iso14001-2015:8.2', result='conform'); "
            "print('sqlalchemy' in sys.modules)")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert r.stdout.strip() == "False", r.stderr


def test_the_cycle_collector_runs_again_after_an_open_even_a_failed_one(demo_path, monkeypatch):
    """Loading pauses Python's cycle collector (support/bulk.py); left paused, a long session
    would keep every piece of cyclic garbage it makes."""
    import gc

    from isodesk.storage import rows

    ProjectSession.open(demo_path, read_only=True).close()
    assert gc.isenabled()

    def damaged(_row):
        raise ProjectFileError("damaged")

    monkeypatch.setattr(rows, "answer_from_tuple", damaged)
    with pytest.raises(ProjectFileError):
        ProjectSession.open(demo_path, read_only=True)
    assert gc.isenabled()

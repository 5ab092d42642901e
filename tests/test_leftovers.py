"""No leftovers, nothing private left behind, outputs colleagues can open."""
import os
import shutil
import sqlite3
import stat
import subprocess
import sys

import pytest

from isodesk.app.session import ProjectSession
from isodesk.support.atomic import TEMP_FOLDER
from tests.conftest import ROOT, run_isodesk

SAVE_COPY = ("import sys\n"
             "from isodesk.app.session import ProjectSession\n"
             "s = ProjectSession.open(sys.argv[1], read_only=True)\n"
             "s.save_copy(sys.argv[2])\n")


def _env(tmp_path) -> dict:
    system_temp = tmp_path / "system-temp"
    system_temp.mkdir(exist_ok=True)
    return dict(os.environ, PYTHONPATH=str(ROOT), TMPDIR=str(system_temp), LC_ALL="C.UTF-8",
                PYTHONDONTWRITEBYTECODE="1")


def _killed_at_the_swap(tmp_path, *args: str) -> None:
    """Run ``args`` and kill it at its first rename: the moment the finished temp file would
    have been moved over the output, so that temp file is complete and as private as it gets."""
    r = subprocess.run(["strace", "-f", "-o", os.devnull, "-e",
                        "inject=rename,renameat,renameat2:signal=KILL:when=1", *args],
                       env=_env(tmp_path), capture_output=True, cwd=ROOT, timeout=120)
    assert r.returncode != 0, "the process should have been killed"


@pytest.mark.skipif(shutil.which("strace") is None, reason="needs strace (tools/setup.sh installs it)")
@pytest.mark.parametrize("what", ["export", "report", "save-a-copy"])
def test_a_kill_leaves_nothing_in_the_system_temp_folder_and_our_leftovers_go(demo_path, tmp_path, what):
    out_folder = tmp_path / "out"
    out_folder.mkdir()
    out = out_folder / {"export": "werkboek.xlsx", "report": "rapport.pdf",
                        "save-a-copy": "kopie.isodesk"}[what]
    if what == "save-a-copy":
        command = [sys.executable, "-c", SAVE_COPY, str(demo_path), str(out)]
    else:
        command = [sys.executable, "-m", "isodesk", what, str(demo_path), str(out)]
    _killed_at_the_swap(tmp_path, *command)
    assert list((tmp_path / "system-temp").iterdir()) == []
    assert [p.name for p in out_folder.iterdir()] == [TEMP_FOLDER]  # no output, no loose file
    assert list((out_folder / TEMP_FOLDER).rglob("*"))  # the killed run's, until the next run

    r = subprocess.run(command, env=_env(tmp_path), capture_output=True, text=True, cwd=ROOT,
                       timeout=120)
    assert r.returncode == 0, r.stderr
    assert [p.name for p in out_folder.iterdir()] == [out.name]
    assert list((tmp_path / "system-temp").iterdir()) == []


@pytest.mark.skipif(shutil.which("strace") is None, reason="needs strace (tools/setup.sh installs it)")
def test_export_writes_no_temp_file_but_its_own(demo_path, tmp_path):
    r = subprocess.run(["strace", "-f", "-e", "trace=openat,open,creat", "-o",
                        str(tmp_path / "trace"), sys.executable, "-m", "isodesk", "export",
                        str(demo_path), str(tmp_path / "w.xlsx")],
                       env=_env(tmp_path), capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert r.returncode == 0, r.stderr
    created = {line.split('"')[1] for line in (tmp_path / "trace").read_text().splitlines()
               if "O_CREAT" in line and "= -1" not in line}
    # openpyxl's own save would add a temp file per worksheet in the system temp folder.
    assert len(created) == 1 and TEMP_FOLDER in created.pop()


def test_overwritten_and_deleted_notes_do_not_linger_in_the_file(small_project, monkeypatch):
    """secure_delete is on even where the SQLite build leaves it off: the only copies of an
    overwritten note or a deleted action left in the file are the ones the history keeps on
    purpose (the audit trail), none in freed space."""
    real_connect = sqlite3.connect

    def connect_without_secure_delete(*args, **kwargs):
        conn = real_connect(*args, **kwargs)
        conn.execute("PRAGMA secure_delete=OFF")
        return conn

    monkeypatch.setattr("isodesk.storage.project_store.sqlite3.connect", connect_without_secure_delete)
    secret = "VERTROUWELIJK-salarisoverzicht-directie"
    session = ProjectSession.open(small_project)
    session.set_answer("iso14001-2015:8.2", findings=f"{secret} " * 40)
    session.set_answer("iso14001-2015:8.2", findings="Niets bijzonders.")
    action = session.add_action(f"Actie {secret}")
    session.delete_action(action.id)
    session.close()
    conn = real_connect(small_project)
    try:
        texts = [v for table, column in (("answer", "findings"), ("action", "title"),
                                         ("edit_change", "before"), ("edit_change", "after"),
                                         ("edit_log", "label"))
                 for (v,) in conn.execute(f"SELECT {column} FROM {table}") if v]
    finally:
        conn.close()
    kept = sum(text.count(secret) for text in texts)
    assert kept > 0  # the history remembers it, as it should
    assert small_project.read_bytes().count(secret.encode()) == kept


def _run_under_umask(mask: int, *args: str) -> None:
    r = subprocess.run([sys.executable, "-c",
                        f"import os, sys, runpy; os.umask({mask:#o}); sys.argv = ['isodesk', *sys.argv[1:]];"
                        " runpy.run_module('isodesk', run_name='__main__')", *args],
                       env=dict(os.environ, PYTHONPATH=str(ROOT), LC_ALL="C.UTF-8"),
                       capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert r.returncode == 0, r.stderr


def _mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.parametrize("mask, expected", [(0o022, 0o644), (0o002, 0o664), (0o077, 0o600)])
def test_outputs_get_the_users_umask(tmp_path, demo_path, mask, expected):
    project = tmp_path / "nieuw.isodesk"
    _run_under_umask(mask, "new", str(project), "--client", "Klant", "--norm", "iso9001-2015")
    _run_under_umask(mask, "demo", str(tmp_path / "demo2.isodesk"))
    _run_under_umask(mask, "export", str(demo_path), str(tmp_path / "w.xlsx"))
    _run_under_umask(mask, "report", str(demo_path), str(tmp_path / "r.pdf"))
    code = "import sys; from isodesk.app.session import ProjectSession; " \
           "s = ProjectSession.open(sys.argv[1], read_only=True); s.save_copy(sys.argv[2])"
    r = subprocess.run([sys.executable, "-c", f"import os; os.umask({mask:#o}); {code}",
                        str(demo_path), str(tmp_path / "kopie.isodesk")],
                       env=dict(os.environ, PYTHONPATH=str(ROOT)), capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    for name in ("nieuw.isodesk", "demo2.isodesk", "w.xlsx", "r.pdf", "kopie.isodesk"):
        assert _mode(tmp_path / name) == expected, name


def test_replacing_an_output_keeps_its_mode(tmp_path, demo_path):
    out = tmp_path / "r.pdf"
    out.write_bytes(b"old")
    os.chmod(out, 0o640)
    assert run_isodesk("report", str(demo_path), str(out)).returncode == 0
    assert _mode(out) == 0o640 and out.read_bytes().startswith(b"%PDF")

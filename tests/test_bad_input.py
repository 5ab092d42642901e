"""Bad input gets one sentence in the user's language and leaves every file as it was."""
import os
import subprocess
import sys
import zipfile

import pytest
from openpyxl import load_workbook

from isodesk.app.session import ProjectSession
from isodesk.domain.errors import DataError
from isodesk.domain.limits import MAX_TEXT_LENGTH
from isodesk.excel.export import export_workbook
from isodesk.excel.importer import plan_import
from tests.conftest import ROOT, run_isodesk

KEY = "iso14001-2015:8.2"


def _run_bytes(*args: bytes, stdin: bytes | None = None, env: dict | None = None):
    """The CLI with arguments as raw bytes, as a shell passes them."""
    full_env = dict(os.environ, LC_ALL="C.UTF-8", PYTHONPATH=str(ROOT))
    full_env.update(env or {})
    return subprocess.run([os.fsencode(sys.executable), b"-m", b"isodesk", *args], input=stdin,
                          capture_output=True, env=full_env, timeout=60)


def _one_sentence(r, code: int = 1) -> str:
    stderr = r.stderr.decode() if isinstance(r.stderr, bytes) else r.stderr
    assert r.returncode == code, stderr
    assert len(stderr.splitlines()) == 1 and "Traceback" not in stderr, stderr
    assert "unexpected error" not in stderr
    return stderr


def test_note_with_bytes_that_are_not_utf8(small_project):
    before = small_project.read_bytes()
    r = _run_bytes(b"answer", os.fsencode(small_project), KEY.encode(), b"--note", b"caf\xe9 \xff")
    assert "not UTF-8" in _one_sentence(r)
    assert small_project.read_bytes() == before
    r = _run_bytes(b"new", os.fsencode(small_project.with_name("x.isodesk")), b"--client",
                   b"Bakkerij \xe9\xe9n", b"--norm", b"iso9001-2015")
    assert "not UTF-8" in _one_sentence(r)
    assert not small_project.with_name("x.isodesk").exists()


def test_a_file_name_with_bytes_that_are_not_utf8(tmp_path):
    name = os.fsencode(tmp_path) + b"/Klant \xe9.isodesk"
    r = _run_bytes(b"new", name, b"--client", b"Klant", b"--norm", b"iso9001-2015")
    assert r.returncode == 0, r.stderr
    assert b"Klant \\udce9.isodesk" in r.stdout  # shown escaped, not a crash
    assert _run_bytes(b"info", name).returncode == 0
    r = _run_bytes(b"new", name, b"--client", b"Klant", b"--norm", b"iso9001-2015")
    assert b"already exists" in r.stderr and r.returncode == 1


@pytest.mark.parametrize("text", ["\ud800", "ok \udcff", "x" * (MAX_TEXT_LENGTH + 1)])
def test_the_api_refuses_what_is_not_text_or_too_long(small_project, text):
    before = small_project.read_bytes()
    session = ProjectSession.open(small_project)
    try:
        for edit in (lambda: session.set_answer(KEY, findings=text),
                     lambda: session.set_answer(KEY, evidence=text),
                     lambda: session.add_action(text),
                     lambda: session.add_risk("Risico", owner=text),
                     lambda: session.set_scope(description=text),
                     lambda: session.set_info(assessors=("A. de Boer", text))):
            with pytest.raises(DataError) as info:
                edit()
            assert "\n" not in str(info.value) and str(info.value).endswith(".")
        assert session.answer(KEY).findings == "" and not session.actions
    finally:
        session.close()
    assert small_project.read_bytes() == before


def test_the_maximum_itself_is_accepted_and_an_old_long_text_blocks_nothing(small_project):
    session = ProjectSession.open(small_project)
    try:
        session.set_answer(KEY, findings="x" * MAX_TEXT_LENGTH)
        session.set_answer(KEY, result="partial")  # the long note is not in the way
        assert len(session.answer(KEY).findings) == MAX_TEXT_LENGTH
    finally:
        session.close()


def test_note_file_from_a_file_and_from_standard_input(small_project, tmp_path):
    note = tmp_path / "note.txt"
    long_note = "Regel over de kalibratie van meetmiddelen.\n" * 700  # 30,800 characters
    note.write_bytes(b"\xef\xbb\xbf" + long_note.encode())  # Notepad's BOM
    r = run_isodesk("answer", str(small_project), KEY, "--note-file", str(note))
    assert r.returncode == 0, r.stderr
    r = _run_bytes(b"answer", os.fsencode(small_project), b"iso14001-2015:9.1.1", b"--note-file",
                   b"-", stdin="Via standaardinvoer: ĳzer.\n".encode())
    assert r.returncode == 0, r.stderr
    session = ProjectSession.open(small_project, read_only=True)
    assert session.answer(KEY).findings == long_note[:-1]
    assert session.answer("iso14001-2015:9.1.1").findings == "Via standaardinvoer: ĳzer."
    session.close()


@pytest.mark.parametrize("content, words", [
    ("x" * (MAX_TEXT_LENGTH + 1), "this one has 32768"),
    ("é" * 10 * MAX_TEXT_LENGTH + "\n", f"this one has {10 * MAX_TEXT_LENGTH}"),
    (b"caf\xe9", "not UTF-8"),
    (None, "does not exist"),
    ("folder", "folder"),
])
def test_note_file_refusals(small_project, tmp_path, content, words):
    note = tmp_path / "note.txt"
    if isinstance(content, bytes):
        note.write_bytes(content)
    elif content == "folder":
        note.mkdir()
    elif content is not None:
        note.write_text(content)
    before = small_project.read_bytes()
    r = run_isodesk("answer", str(small_project), KEY, "--note-file", str(note))
    assert words in _one_sentence(r)
    assert small_project.read_bytes() == before


def test_note_and_note_file_together_is_a_usage_error(small_project, tmp_path):
    r = run_isodesk("answer", str(small_project), KEY, "--note", "a", "--note-file", "b")
    assert r.returncode == 2 and "Traceback" not in r.stderr


def test_an_imported_cell_over_the_maximum_names_its_cell(demo_path, tmp_path):
    session = ProjectSession.open(demo_path)
    workbook = tmp_path / "terug.xlsx"
    try:
        export_workbook(session.snapshot(), workbook)
        wb = load_workbook(workbook)
        ws = wb.worksheets[1]
        column = [c.value for c in ws[1]].index("Bevindingen") + 1
        ws.cell(row=3, column=column).value = "LONG-CELL"
        wb.save(workbook)
        # Excel and openpyxl stop at the maximum, 32,767 characters; a generated file need not.
        with zipfile.ZipFile(workbook) as archive:
            parts = {name: archive.read(name) for name in archive.namelist()}
        parts = {name: data.replace(b"LONG-CELL", b"x" * (MAX_TEXT_LENGTH + 1))
                 for name, data in parts.items()}
        with zipfile.ZipFile(workbook, "w") as archive:
            for name, data in parts.items():
                archive.writestr(name, data)
        with pytest.raises(DataError) as info:
            plan_import(session.snapshot(), workbook)
    finally:
        session.close()
    assert "32,767" in str(info.value) and "row 3" in str(info.value)


def test_output_into_a_closed_pipe_ends_quietly():
    env = dict(os.environ, LC_ALL="C.UTF-8", PYTHONPATH=str(ROOT))
    r = subprocess.run(f"{sys.executable} -m isodesk catalog show iso9001-2015 | head -1",
                       shell=True, capture_output=True, text=True, env=env, timeout=60)
    assert r.stdout.count("\n") == 1 and "ISO 9001" in r.stdout
    assert r.stderr == ""
    r = subprocess.run(f"{sys.executable} -m isodesk catalog show iso27001-2022 --json | head -c 10;"
                       " echo \" exit=${PIPESTATUS[0]}\"", shell=True, executable="/bin/bash",
                       capture_output=True, text=True, env=env, timeout=60)
    assert r.stderr == "" and r.stdout.endswith(" exit=0\n")


def test_messages_follow_the_locale(small_project, tmp_path):
    missing = str(tmp_path / "nergens.isodesk")
    english = _one_sentence(run_isodesk("info", missing))
    dutch = _one_sentence(run_isodesk("info", missing, env={"LC_ALL": "", "LANG": "nl_BE.UTF-8"}))
    assert "does not exist" in english and "bestaat niet" in dutch
    r = run_isodesk("answer", str(small_project), KEY, "--result", "conform",
                    env={"LC_ALL": "nl_NL.UTF-8"})
    assert r.returncode == 0
    r = run_isodesk("check", str(small_project), env={"LC_ALL": "nl_NL.UTF-8"})
    assert r.stdout.startswith("OK: small.isodesk is een geldig isodesk-project")

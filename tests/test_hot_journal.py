"""A writer killed in the middle of a commit leaves a hot journal; every command lets SQLite roll
it back, and the file comes out byte for byte as it was before the killed write."""
import shutil
import subprocess
import sys

import pytest

from isodesk.domain.errors import ProjectFileError
from isodesk.storage import ProjectStore, recovery
from isodesk.storage.fileformat import verify_project_file
from isodesk.storage.lock import lock_path
from tests.conftest import ROOT, run_isodesk

FIXTURES = ROOT / "tests" / "fixtures"
NAME = "hot-journal.isodesk"
BEFORE = (FIXTURES / "hot-journal.before.isodesk").read_bytes()
CLIENT = "Van Dijk Installatietechniek B.V."


@pytest.fixture
def killed(tmp_path):
    """A copy of the fixture pair: the project and the journal its killed writer left."""
    path = tmp_path / NAME
    shutil.copyfile(FIXTURES / NAME, path)
    shutil.copyfile(FIXTURES / (NAME + "-journal"), tmp_path / (NAME + "-journal"))
    return path


def test_the_fixture_is_what_a_killed_writer_leaves(killed):
    assert recovery.has_journal(killed)
    assert killed.read_bytes() != BEFORE
    with pytest.raises(ProjectFileError, match="shorter than its header"):
        verify_project_file(killed)  # what every command said before it recovered journals


@pytest.mark.parametrize("command", [
    ["info"], ["info", "--json"], ["check"], ["export", "{out}.xlsx"], ["report", "{out}.pdf"],
])
def test_read_only_commands_recover_the_file_as_it_was(killed, tmp_path, command):
    args = [a.format(out=tmp_path / "out") for a in command]
    r = run_isodesk(args[0], str(killed), *args[1:])
    assert r.returncode == 0, r.stderr
    assert killed.read_bytes() == BEFORE
    assert not recovery.journal_path(killed).exists()
    assert not lock_path(killed).exists()
    if command[0] == "info":
        assert CLIENT in r.stdout


def test_answer_recovers_then_writes(killed):
    r = run_isodesk("answer", str(killed), "iso14001-2015:8.2", "--result", "conform",
                    "--note", "na herstel")
    assert r.returncode == 0, r.stderr
    assert not recovery.journal_path(killed).exists()
    assert run_isodesk("check", str(killed)).returncode == 0
    with ProjectStore.open(killed, read_only=True) as store:
        assert store.answer("iso14001-2015:8.2").findings == "na herstel"
        assert store.info().client == CLIENT
        # The killed edit (a long finding) is gone; the edits before it are all there.
        assert all(len(a.findings) < 100 for a in store.answers().values())
        assert len(store.answers()) == 13


def test_journal_that_cannot_be_rolled_back_gets_one_sentence(killed, monkeypatch):
    # Where isodesk may not write (a read-only share) the rollback cannot happen.
    monkeypatch.setattr(recovery, "roll_back_for_reading", lambda path: None)
    before = killed.read_bytes()
    with pytest.raises(ProjectFileError) as info:
        ProjectStore.open(killed, read_only=True)
    message = str(info.value)
    assert "half-saved" in message and NAME + "-journal" in message
    assert "delete" not in message
    assert killed.read_bytes() == before and recovery.has_journal(killed)


def test_a_live_writer_keeps_its_journal(killed):
    """A journal of someone who has the file open is theirs: a read-only open leaves it."""
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time\n"
         f"sys.path.insert(0, {str(ROOT)!r})\n"
         "from isodesk.storage.lock import ProjectLock\n"
         f"lock = ProjectLock(__import__('pathlib').Path({str(killed)!r})); lock.acquire()\n"
         "print('locked', flush=True); time.sleep(60)"],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        before = killed.read_bytes()
        r = run_isodesk("info", str(killed))
        assert r.returncode == 1 and "half-saved while" in r.stderr and "Traceback" not in r.stderr
        assert killed.read_bytes() == before and recovery.has_journal(killed)
        r = run_isodesk("answer", str(killed), "iso14001-2015:8.2", "--result", "conform")
        assert r.returncode == 1 and "already open" in r.stderr
    finally:
        holder.kill()
        holder.wait()
    r = run_isodesk("info", str(killed))  # the holder is gone: its lock is stale now
    assert r.returncode == 0, r.stderr
    assert killed.read_bytes() == BEFORE


@pytest.mark.skipif(shutil.which("strace") is None, reason="needs strace (tools/setup.sh installs it)")
def test_the_fixture_script_still_makes_a_hot_journal(tmp_path):
    r = subprocess.run([sys.executable, str(FIXTURES / "make_hot_journal.py"), str(tmp_path)],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    made = tmp_path / NAME
    before = (tmp_path / "hot-journal.before.isodesk").read_bytes()
    assert recovery.has_journal(made) and made.read_bytes() != before
    assert run_isodesk("info", str(made)).returncode == 0
    assert made.read_bytes() == before

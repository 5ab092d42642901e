"""The lock file beside an open project never traps anyone and never lets two writers in."""
import json
import multiprocessing
import os
import platform
import subprocess
import sys
import textwrap

import pytest

from isodesk.app.session import ProjectSession
from isodesk.domain.errors import ProjectFileError, ProjectLockedError
from isodesk.storage import ProjectStore
from isodesk.storage import lock as lock_module
from isodesk.storage.lock import ProjectLock, lock_path
from tests.conftest import ROOT, run_isodesk

OTHER_COMPUTER = {"user": "jan", "host": "laptop-jan", "pid": 4242, "since": "2026-11-30 09:15",
                  "boot": "", "token": "0123456789abcdef"}


def _dead_pid() -> int:
    child = subprocess.Popen(["true"])
    child.wait()
    return child.pid


def _write_lock(project, content: bytes, age: float = 60.0) -> None:
    path = lock_path(project)
    path.write_bytes(content)
    past = path.stat().st_mtime - age
    os.utime(path, (past, past))


def _json(**fields) -> bytes:
    return json.dumps(OTHER_COMPUTER | fields).encode()


def _answer(project, *extra):
    return run_isodesk("answer", str(project), "iso14001-2015:8.2", "--result", "conform", *extra)


@pytest.mark.parametrize("content", [
    b"", b"{\"user\": \"half", b"\x00\x00\x00\x00", b"\xff\xfe garbage", b"[1, 2, 3]",
], ids=["empty", "half-written", "zeros", "binary", "wrong-shape"])
def test_a_garbled_lock_is_stale(small_project, content):
    _write_lock(small_project, content)
    r = _answer(small_project)
    assert r.returncode == 0, r.stderr
    assert not lock_path(small_project).exists()


def test_a_garbled_lock_being_written_is_waited_for(small_project, monkeypatch):
    """Without hard links a lock is empty for a moment while it is written: not stale at once."""
    monkeypatch.setattr(lock_module, "GRACE_SECONDS", 0.3)
    _write_lock(small_project, b"", age=0)
    with ProjectStore.open(small_project) as store:  # taken over once the grace is over
        assert lock_module.read_lock(small_project).pid == os.getpid()
        assert store.info().client == "Klant B.V."


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read any file")
def test_an_unreadable_lock_is_stale(small_project):
    _write_lock(small_project, _json(host=platform.node()))
    os.chmod(lock_path(small_project), 0)
    assert _answer(small_project).returncode == 0


@pytest.mark.parametrize("fields", [
    {"host": None, "pid": None},  # this computer, a process that is gone
    {"host": None, "pid": 1, "boot": "before-the-last-restart"},  # pid 1 lives, but rebooted
])
def test_a_lock_of_a_process_that_is_gone_is_stale(small_project, fields):
    if not os.path.exists("/proc/sys/kernel/random/boot_id") and "boot" in fields:
        pytest.skip("no boot id on this system")
    fields = {k: v for k, v in fields.items()}
    fields["host"] = platform.node()
    fields["pid"] = fields["pid"] or _dead_pid()
    _write_lock(small_project, _json(**fields))
    assert _answer(small_project).returncode == 0


def test_a_lock_of_another_computer_names_who_since_when_and_the_lock_file(small_project):
    _write_lock(small_project, _json())
    before = small_project.read_bytes()
    r = _answer(small_project)
    assert r.returncode == 1 and len(r.stderr.splitlines()) == 1
    for words in ("jan", "laptop-jan", "2026-11-30 09:15", lock_path(small_project).name):
        assert words in r.stderr
    assert small_project.read_bytes() == before
    assert json.loads(lock_path(small_project).read_bytes())["host"] == "laptop-jan"
    assert run_isodesk("info", str(small_project)).returncode == 0  # reading is fine

    r = _answer(small_project, "--force-unlock")
    assert r.returncode == 0, r.stderr
    assert not lock_path(small_project).exists()
    assert "conform" in run_isodesk("info", str(small_project)).stdout


@pytest.mark.parametrize("command", [
    ["new", "{new}", "--client", "Klant", "--norm", "iso9001-2015"],
    ["answer", "{project}", "iso14001-2015:8.2", "--result", "conform"],
    ["demo", "{project}", "--force"],
    ["import", "{project}", "{workbook}"],
], ids=["new", "answer", "demo", "import"])
def test_every_writing_command_respects_a_lock_and_can_force_it(small_project, tmp_path, command):
    new = tmp_path / "nieuw.isodesk"
    workbook = tmp_path / "werkboek.xlsx"
    assert run_isodesk("export", str(small_project), str(workbook)).returncode == 0
    args = [a.format(project=small_project, new=new, workbook=workbook) for a in command]
    target = new if command[0] == "new" else small_project
    _write_lock(target, _json())
    before = small_project.read_bytes()
    r = run_isodesk(*args)
    assert r.returncode == 1 and "already open by jan" in r.stderr, r.stderr
    assert small_project.read_bytes() == before and not new.exists()
    r = run_isodesk(*args, "--force-unlock")
    assert r.returncode == 0, r.stderr
    assert not lock_path(target).exists()


def test_dutch_locale_gets_the_lock_sentence_in_dutch(small_project):
    _write_lock(small_project, _json())
    r = _answer(small_project)
    english = r.stderr
    r = run_isodesk("answer", str(small_project), "iso14001-2015:8.2", "--result", "conform",
                    env={"LC_ALL": "nl_NL.UTF-8"})
    assert r.returncode == 1 and r.stderr != english
    assert "al geopend door jan op laptop-jan" in r.stderr


def test_closing_leaves_the_lock_of_whoever_opened_anyway(small_project):
    first = ProjectStore.open(small_project)
    lock_module.break_lock(small_project)  # someone chose "Open anyway"
    second = ProjectStore.open(small_project)
    first.close()
    assert lock_path(small_project).exists(), "the second writer's lock must stay"
    with pytest.raises(ProjectLockedError):
        ProjectStore.open(small_project)
    second.close()
    assert not lock_path(small_project).exists()


def test_the_same_process_cannot_open_a_file_twice_for_writing(small_project):
    with ProjectStore.open(small_project):
        with pytest.raises(ProjectLockedError):
            ProjectStore.open(small_project)
        with ProjectStore.open(small_project, read_only=True) as reader:
            assert reader.info().client == "Klant B.V."


@pytest.mark.parametrize("route", ["symlink", "dotdot", "symlinked-folder"])
def test_the_lock_follows_the_file_not_the_path(tmp_path, small_project, route):
    if route == "symlink":
        other = tmp_path / "link.isodesk"
        other.symlink_to(small_project)
    elif route == "dotdot":
        (tmp_path / "sub").mkdir()
        other = tmp_path / "sub" / ".." / small_project.name
    else:
        (tmp_path / "alias").symlink_to(tmp_path, target_is_directory=True)
        other = tmp_path / "alias" / small_project.name
    holder = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(f"""
            import sys, time
            sys.path.insert(0, {str(ROOT)!r})
            from isodesk.app.session import ProjectSession
            s = ProjectSession.open({str(small_project)!r})
            print("open", flush=True)
            sys.stdin.readline()
            s.set_answer("iso14001-2015:8.2", findings="from the holder")
            s.close()
            print("closed", flush=True)
        """)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "open"
        r = run_isodesk("answer", str(other), "iso14001-2015:9.1.1", "--note", "via the link")
        assert r.returncode == 1 and "already open" in r.stderr
        holder.stdin.write("go\n")
        holder.stdin.flush()
        assert holder.stdout.readline().strip() == "closed"
    finally:
        holder.kill()
        holder.wait()
    assert _answer(other).returncode == 0  # through the other path once it is free
    with ProjectStore.open(small_project, read_only=True) as store:
        assert store.answer("iso14001-2015:8.2").findings == "from the holder"
        assert store.answer("iso14001-2015:9.1.1").findings == ""
    assert not list(tmp_path.glob(".~lock.*"))


def test_a_refused_open_releases_its_lock_and_closes_its_connection(small_project, monkeypatch):
    def refuse(conn, path):
        raise ProjectFileError("{name} is refused for this test.", name=path.name)

    monkeypatch.setattr("isodesk.storage.integrity.verify_pages", refuse)
    with pytest.raises(ProjectFileError, match="refused"):
        ProjectSession.open(small_project)
    assert not lock_path(small_project).exists()
    open_files = [os.readlink(f"/proc/self/fd/{fd}") for fd in os.listdir("/proc/self/fd")
                  if os.path.exists(f"/proc/self/fd/{fd}")]
    assert str(small_project.resolve()) not in open_files


# ---------------------------------------------------------------------- the takeover race
def _contender(project, barrier, results, rounds):
    for _ in range(rounds):
        barrier.wait()  # start together
        lock = ProjectLock(project)
        try:
            lock.acquire()
            results.put(("won", os.getpid()))
        except ProjectLockedError:
            results.put(("refused", os.getpid()))
        barrier.wait()  # everybody has tried
        lock.release()
        barrier.wait()  # released: the next round can be set up


STALE = [
    lambda: _json(host=platform.node(), pid=_dead_pid()),
    lambda: b"",
    lambda: b'{"user": "piet", "ho',
    None,  # no lock at all: several first openers at once
]


def test_exactly_one_of_several_processes_takes_over_a_stale_lock(small_project):
    contenders, rounds = 4, 50
    ctx = multiprocessing.get_context("fork")
    barrier = ctx.Barrier(contenders + 1, timeout=60)
    results = ctx.Queue()
    processes = [ctx.Process(target=_contender, args=(small_project, barrier, results, rounds))
                 for _ in range(contenders)]
    for p in processes:
        p.start()
    try:
        for round_number in range(rounds):
            stale = STALE[round_number % len(STALE)]
            if stale is not None:
                _write_lock(small_project, stale())
            barrier.wait()
            outcome = [results.get(timeout=60) for _ in range(contenders)]
            winners = [pid for result, pid in outcome if result == "won"]
            assert len(winners) == 1, (round_number, outcome)
            assert lock_module.read_lock(small_project).pid == winners[0]
            barrier.wait()
            barrier.wait()
            assert not lock_path(small_project).exists()
    finally:
        for p in processes:
            p.join(timeout=10)
            if p.is_alive():
                p.kill()
    assert not list(small_project.parent.glob(".~lock.*takeover"))

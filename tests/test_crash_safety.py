"""A process killed in the middle of a stream of edits loses nothing that was committed."""
import signal
import subprocess
import sys
import textwrap
import time

from isodesk.storage import ProjectStore
from tests.conftest import ROOT, run_isodesk


def test_sigkill_during_edits_keeps_every_returned_edit(small_project):
    writer = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(f"""
            import sys
            sys.path.insert(0, {str(ROOT)!r})
            from isodesk.app.session import ProjectSession
            s = ProjectSession.open({str(small_project)!r})
            keys = [r.key for r in s.assessable()]
            i = 0
            while True:
                key = keys[i % len(keys)]
                s.set_answer(key, result="partial", maturity=i % 6, findings=f"edit {{i}}")
                print(i, key, flush=True)   # printed only after the commit returned
                i += 1
        """)],
        stdout=subprocess.PIPE, text=True)
    done = []
    deadline = time.monotonic() + 30
    while len(done) < 150 and time.monotonic() < deadline:
        line = writer.stdout.readline()
        if not line:
            break
        done.append(line.split())
    writer.send_signal(signal.SIGKILL)
    writer.wait()
    assert len(done) >= 50, "the writer should have committed a stream of edits"

    assert run_isodesk("check", str(small_project)).returncode == 0
    last = {}
    for i, key in done:
        last[key] = int(i)
    with ProjectStore.open(small_project) as store:
        answers = store.answers()
    for key, i in last.items():
        # The edit that returned last for each key is there (or a later one that committed
        # between the print and the kill).
        got = int(answers[key].findings.split()[1])
        assert got >= i

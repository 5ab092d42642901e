"""Nothing typed is lost (issue 10, point 1), in a real process: the GUI runs in a subprocess
(offscreen), a note is typed in interview mode, and 2 s later the process is killed with
SIGKILL, without any chance to save on the way out. The note is in the file."""
import os
import signal
import subprocess
import sys
import time

import pytest

from isodesk.app.session import ProjectSession
from tests.conftest import ROOT

NOTE = "3 van de 5 werkinstructies zijn actueel"

CHILD = """
import sys
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from isodesk.gui.launch import create_application

app, controller = create_application()
controller.start(sys.argv[1])
window = controller.window
window.checklist.show_open_only()
window.enter_interview()
view = window.interview

def type_note():
    QTest.keyClick(view, Qt.Key.Key_2)
    QTest.keyClick(view, Qt.Key.Key_2)
    QTest.keyClicks(view.note, sys.argv[2])
    print(view.key, flush=True)  # typed: the parent waits 2 s from here, then kills

QTimer.singleShot(0, type_note)
app.exec()
"""


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_note_survives_a_kill_two_seconds_after_typing(demo_path, isodesk_home):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", ISODESK_HOME=str(isodesk_home),
               PYTHONPATH=str(ROOT))
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(demo_path), NOTE], env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        key = child.stdout.readline().strip()
        assert key, child.stderr.read()
        time.sleep(2)
        child.send_signal(signal.SIGKILL)
        child.wait(10)
    finally:
        if child.poll() is None:
            child.kill()
    assert child.returncode == -signal.SIGKILL
    session = ProjectSession.open(demo_path, read_only=True)  # the lock of the killed process is stale
    try:
        answer = session.answer(key)
        assert answer.findings == NOTE and answer.maturity == 2 and answer.result.value == "partial"
    finally:
        session.close()

"""The Qt binding under isodesk must not wear away Python's objects: PySide6 6.12.0 returned None
from every method that returns nothing without taking a reference to it, so each step through
the checklist (some forty such calls) took None's count down until Python aborted, at exit or,
in a long interview, while the consultant was working (pyproject.toml leaves that version out)."""
from __future__ import annotations

import os
import subprocess
import sys
import textwrap

from tests.conftest import ROOT

STEPS = textwrap.dedent("""
    import sys
    from pathlib import Path
    from PySide6.QtWidgets import QApplication
    from isodesk.app.session import ProjectSession
    from isodesk.app.settings import Settings
    from isodesk.gui.main_window import MainWindow

    app = QApplication([])
    window = MainWindow(ProjectSession.open(Path(sys.argv[1])), Settings())
    window.show()
    checklist = window.checklist
    rows = checklist.table_model.rowCount()
    for _ in range(3):  # an afternoon's interview: every item, three times over
        checklist.select_key(checklist.table_model.keys()[0])
        for _ in range(rows - 1):
            checklist.select_next(1)
            app.processEvents()
    window.close()
    print("stepped", 3 * rows)
""")


def test_stepping_through_every_item_and_quitting_ends_cleanly(demo_path, tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", ISODESK_HOME=str(tmp_path / "home"),
               PYTHONPATH=str(ROOT))
    done = subprocess.run([sys.executable, "-c", STEPS, str(demo_path)], capture_output=True,
                          text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.startswith("stepped 780")  # the demo's 260 items
    assert "Fatal Python error" not in done.stderr


def test_a_qt_call_that_returns_nothing_leaves_none_as_it_was(qapp):
    from PySide6.QtWidgets import QLabel

    label = QLabel()
    before = sys.getrefcount(None)
    for _ in range(10_000):
        label.setText("")
    assert abs(sys.getrefcount(None) - before) < 100

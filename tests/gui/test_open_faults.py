"""Opening a project in the GUI under faults: a lock someone holds, a killed writer's journal,
damaged pages, a text over the maximum."""
import json
import shutil

import pytest

from isodesk.domain.limits import MAX_TEXT_LENGTH
from isodesk.storage import ProjectStore
from isodesk.storage.integrity import damaged
from isodesk.storage.lock import lock_path
from tests.conftest import ROOT

pytestmark = pytest.mark.gui

OTHER = {"user": "jan", "host": "laptop-jan", "pid": 4242, "since": "2026-11-30 09:15",
         "boot": "", "token": "0123456789abcdef"}


@pytest.fixture
def locked(demo_path):
    lock_path(demo_path).write_text(json.dumps(OTHER))
    return demo_path


def test_the_lock_dialog_says_who_since_when_and_which_lock_file(controller, fake_dialogs, locked):
    fake_dialogs.locked_choice = None  # Cancel
    assert controller.open_path(locked) is False
    message = fake_dialogs.locked_offers[-1]
    for words in ("jan", "laptop-jan", "2026-11-30 09:15", lock_path(locked).name):
        assert words in message
    assert controller.window is None
    assert json.loads(lock_path(locked).read_text())["host"] == "laptop-jan"


def test_open_read_only_from_the_lock_dialog(controller, fake_dialogs, locked):
    fake_dialogs.locked_choice = "read_only"
    assert controller.open_path(locked)
    assert controller.window.session.read_only
    assert json.loads(lock_path(locked).read_text())["host"] == "laptop-jan"


def test_open_anyway_from_the_lock_dialog(controller, fake_dialogs, locked):
    fake_dialogs.locked_choice = "anyway"
    assert controller.open_path(locked)
    session = controller.window.session
    assert not session.read_only
    assert json.loads(lock_path(locked).read_text())["host"] != "laptop-jan"  # ours now
    session.set_answer("iso14001-2015:8.2", findings="na toch openen")
    controller.window.close()
    with ProjectStore.open(locked, read_only=True) as store:
        assert store.answer("iso14001-2015:8.2").findings == "na toch openen"


def test_a_killed_writers_journal_is_recovered_on_open(controller, tmp_path):
    fixtures = ROOT / "tests" / "fixtures"
    path = tmp_path / "hot-journal.isodesk"
    shutil.copyfile(fixtures / "hot-journal.isodesk", path)
    shutil.copyfile(fixtures / "hot-journal.isodesk-journal", tmp_path / "hot-journal.isodesk-journal")
    assert controller.open_path(path)
    assert controller.window.session.info.client == "Van Dijk Installatietechniek B.V."
    controller.window.close()
    assert path.read_bytes() == (fixtures / "hot-journal.before.isodesk").read_bytes()


def test_damaged_pages_get_the_sentence_of_check(controller, fake_dialogs, demo_path):
    data = bytearray(demo_path.read_bytes())
    data[20 * 4096:21 * 4096] = bytes(4096)
    demo_path.write_bytes(bytes(data))
    assert controller.open_path(demo_path) is False
    assert fake_dialogs.errors == [str(damaged(demo_path))]
    assert not lock_path(demo_path).exists()


def test_a_note_over_the_maximum_is_refused_with_one_sentence(window, fake_dialogs, demo_path):
    panel = window.checklist.panel
    assert window.checklist.select_key("iso14001-2015:8.2")
    before = window.session.answer("iso14001-2015:8.2")
    panel.findings.setPlainText("x" * (MAX_TEXT_LENGTH + 1))
    panel.commit_text()
    assert fake_dialogs.errors and "32,767" in fake_dialogs.errors[-1]
    assert window.session.answer("iso14001-2015:8.2") == before
    panel.findings.setPlainText("y" * MAX_TEXT_LENGTH)  # the maximum itself is fine
    panel.commit_text()
    assert len(window.session.answer("iso14001-2015:8.2").findings) == MAX_TEXT_LENGTH

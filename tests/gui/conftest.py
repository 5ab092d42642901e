"""GUI test fixtures: offscreen Qt, and every modal dialog replaced by a recorder, so no dialog
can ever block the suite."""
from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("PySide6")


class FakeDialogs:
    def __init__(self):
        self.errors: list[str] = []
        self.infos: list[str] = []
        self.read_only_offers: list[str] = []
        self.accept_read_only = True
        self.locked_offers: list[str] = []
        self.locked_choice: str | None = "read_only"  # or "anyway", or None (Cancel)
        self.open_paths: list[Path] = []
        self.save_paths: list[Path] = []
        self.opened_documents: list[str] = []
        self.previews = []
        self.accept_preview = True
        self.preview_decisions = {}  # what the user decides in the preview
        self.questions: list[str] = []  # confirm() calls
        self.answer_questions = True
        self.wizard_filler = None
        self.written: list[tuple[str, Path]] = []  # (message, path) of "file is ready" messages
        self.action_drafts: list[dict] = []
        self.action_answer = None  # callable(draft) -> fields or None; default: the draft as is
        self.assessor_questions: list[str] = []
        self.assessor_answer: str | None = "Anna de Vries"
        self.dialog_filler = None  # callable(dialog) -> bool (accepted) for run_dialog
        self.merge_plans = []
        self.merge_decision = None  # "mine" / "theirs" for every conflict; None cancels
        self.comparisons = []  # (comparison, old side, new side) shown
        self.comparison_choice: str | None = None  # the key "double-clicked" in the comparison
        self.open_many: list[list[Path]] = []  # what each "choose files" dialog returns
        self.folders: list[Path] = []  # what each "choose a folder" dialog returns
        self.photo_size: int | None = None  # the answer to "Photo size"; None cancels

    def install(self, monkeypatch):
        from isodesk.gui import dialogs

        monkeypatch.setattr(dialogs, "error", lambda parent, message, title="": self.errors.append(message))
        monkeypatch.setattr(dialogs, "inform", lambda parent, message, title="": self.infos.append(message))
        monkeypatch.setattr(dialogs, "confirm", self._confirm)
        monkeypatch.setattr(dialogs, "open_read_only", self._read_only)
        monkeypatch.setattr(dialogs, "open_locked", self._locked)
        monkeypatch.setattr(dialogs, "open_file", lambda *a, **k: self.open_paths.pop(0) if self.open_paths else None)
        monkeypatch.setattr(dialogs, "save_file", lambda *a, **k: self.save_paths.pop(0) if self.save_paths else None)
        monkeypatch.setattr(dialogs, "open_document", lambda url: self.opened_documents.append(url.toLocalFile()))
        monkeypatch.setattr(dialogs, "preview_import", self._preview)
        monkeypatch.setattr(dialogs, "run_wizard", self._wizard)
        monkeypatch.setattr(dialogs, "file_written", lambda parent, message, path: self.written.append((message, path)))
        monkeypatch.setattr(dialogs, "new_action", self._new_action)
        monkeypatch.setattr(dialogs, "ask_assessor", self._assessor)
        monkeypatch.setattr(dialogs, "run_dialog", self._dialog)
        monkeypatch.setattr(dialogs, "merge_decisions", self._merge)
        monkeypatch.setattr(dialogs, "show_comparison", self._comparison)
        monkeypatch.setattr(dialogs, "open_files", lambda *a, **k: self.open_many.pop(0) if self.open_many else [])
        monkeypatch.setattr(dialogs, "choose_folder", lambda *a, **k: self.folders.pop(0) if self.folders else None)
        monkeypatch.setattr(dialogs, "ask_photo_size", lambda *a, **k: self.photo_size)

    def _comparison(self, parent, comparison, old, new):
        self.comparisons.append((comparison, old, new))
        return self.comparison_choice

    def _new_action(self, parent, draft):
        self.action_drafts.append(draft)
        if self.action_answer is None:
            return {k: v for k, v in draft.items() if k != "description"}
        return self.action_answer(draft)

    def _assessor(self, parent, suggested):
        self.assessor_questions.append(suggested)
        return self.assessor_answer

    def _dialog(self, dialog):
        return bool(self.dialog_filler and self.dialog_filler(dialog))

    def _confirm(self, parent, message, title=""):
        self.questions.append(message)
        return self.answer_questions

    def _read_only(self, parent, message):
        self.read_only_offers.append(message)
        return self.accept_read_only

    def _locked(self, parent, message):
        self.locked_offers.append(message)
        return self.locked_choice

    def _preview(self, parent, plan):
        self.previews.append(plan)
        return dict(self.preview_decisions) if self.accept_preview else None

    def _merge(self, parent, plan):
        self.merge_plans.append(plan)
        if self.merge_decision is None:
            return None
        return {conflict.key: self.merge_decision for conflict in plan.conflicts}

    def _wizard(self, wizard):
        if self.wizard_filler is None:
            return False
        self.wizard_filler(wizard)
        return True


@pytest.fixture
def fake_dialogs(monkeypatch):
    fake = FakeDialogs()
    fake.install(monkeypatch)
    return fake


@pytest.fixture
def controller(qapp, fake_dialogs, isodesk_home):
    from isodesk.gui.launch import create_application

    _app, ctrl = create_application()
    ctrl.apply_language("en")
    yield ctrl
    if ctrl.window is not None:
        ctrl.window.close()
    if ctrl.welcome is not None:
        ctrl.welcome.close()


@pytest.fixture
def window(controller, demo_path, qtbot):
    assert controller.open_path(demo_path)
    w = controller.window
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w

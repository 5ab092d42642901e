"""Evidence in the window: photos added with the button, dropped onto the answer panel or the
interview screen and pasted from the clipboard; thumbnails, the viewer with its caption,
opening the original, removing and Undo, the export, and refusals as one sentence."""
from __future__ import annotations

import io
import warnings
from pathlib import Path

from PIL import Image
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QGuiApplication, QImage
from PySide6.QtWidgets import QApplication

from isodesk.app import attachments
from isodesk.app.evidence_files import prepare_file
from isodesk.app.session import ProjectSession
from isodesk.gui.evidence_viewer import EvidenceViewer
from tests.photos import pdf, phone_photo

KEY = "iso9001-2015:7.1.5.2"


def _panel(window, key=KEY):
    window.checklist.select_key(key)
    panel = window.checklist.panel
    assert panel.key == key
    return panel


def _wait_for(qtbot, session, n):
    qtbot.waitUntil(lambda: len(session.attachments) == n, timeout=30000)


def _drop(widget, *paths: Path) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    with warnings.catch_warnings():  # PySide6 calls QDragEnterEvent's only constructor deprecated
        warnings.simplefilter("ignore", DeprecationWarning)
        enter = QDragEnterEvent(QPoint(10, 10), Qt.DropAction.CopyAction, mime,
                                Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    drop = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    for event in (enter, drop):
        QApplication.sendEvent(widget, event)
        assert event.isAccepted()


def test_add_evidence_shows_thumbnails_and_undo_takes_it_back(window, fake_dialogs, qtbot, tmp_path):
    panel = _panel(window)
    strip = panel.evidence_files
    assert strip.add_button.text() == "Add evidence…" and strip.list.count() == 0
    assert "Drop photos or documents here" in strip.empty.text()
    fake_dialogs.open_many.append([phone_photo(tmp_path / "IMG_1.jpg", (3000, 2000)),
                                   pdf(tmp_path / "kalibratie.pdf")])
    strip.add_button.click()
    _wait_for(qtbot, window.session, 2)
    assert fake_dialogs.errors == []
    assert [strip.list.item(i).text() for i in range(2)] == ["IMG_1.jpg", "kalibratie.pdf"]
    assert not strip.list.item(0).icon().pixmap(88, 88).isNull()
    assert window.undo_action.text() == "&Undo: attach 2 files to 7.1.5.2 (ISO 9001)"
    window.undo_action.trigger()  # one step for both
    assert strip.list.count() == 0 and window.session.attachments == {}
    window.redo_action.trigger()
    assert strip.list.count() == 2


def test_drop_onto_the_panel_and_the_interview_screen(window, fake_dialogs, qtbot, tmp_path):
    panel = _panel(window)
    _drop(panel.widget(), phone_photo(tmp_path / "drop.jpg", (1200, 900)))
    _wait_for(qtbot, window.session, 1)
    assert panel.evidence_files.list.item(0).text() == "drop.jpg"
    _drop(panel.findings.viewport(), phone_photo(tmp_path / "op-de-bevinding.jpg", (900, 600)))
    _wait_for(qtbot, window.session, 2)  # attached, not its path typed into the finding
    assert panel.findings.toPlainText() == window.session.answer(KEY).findings

    window.enter_interview()
    view = window.interview
    view.start([KEY], KEY)
    assert view.evidence.text() == "Evidence: 2 photos"
    _drop(view.note.viewport(), pdf(tmp_path / "procedure.pdf"))
    _wait_for(qtbot, window.session, 3)
    assert view.evidence.text() == "Evidence: 2 photos, 1 document"
    assert {a.key for a in window.session.attachments.values()} == {KEY}


def test_paste_a_screenshot_with_ctrl_v(window, qtbot):
    panel = _panel(window)
    image = QImage(640, 400, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.darkCyan)
    QGuiApplication.clipboard().setImage(image)
    panel.evidence_files.list.setFocus()
    qtbot.keyClick(panel.evidence_files.list, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    _wait_for(qtbot, window.session, 1)
    pasted = next(iter(window.session.attachments.values()))
    assert pasted.name.startswith("Pasted image ") and pasted.media_type == "image/png"
    # Text on the clipboard pastes into the finding as ever.
    QGuiApplication.clipboard().setText("geplakte tekst")
    panel.findings.setFocus()
    qtbot.keyClick(panel.findings, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert "geplakte tekst" in panel.findings.toPlainText() and len(window.session.attachments) == 1


def test_viewer_edits_the_caption_and_opens_the_original(window, fake_dialogs, qtbot, tmp_path):
    panel = _panel(window)
    photo = phone_photo(tmp_path / "meter.jpg", (2000, 1500))
    attachments.attach(window.session, KEY, [prepare_file(photo)], caption="Meter")
    strip = panel.evidence_files
    assert strip.list.count() == 1
    undo = window.undo_action.text()
    fake_dialogs.dialog_filler = lambda viewer: viewer.accept() or True  # looked, changed nothing
    strip.list.setCurrentRow(0)
    strip.view()
    assert window.undo_action.text() == undo
    assert next(iter(window.session.attachments.values())).caption == "Meter"
    seen = []

    def look(viewer):
        assert isinstance(viewer, EvidenceViewer)
        seen.append((viewer._pixmap.width(), viewer._pixmap.height(), viewer.windowTitle()))
        viewer.open_button.click()
        viewer.caption.setText("Drukmeter zonder kalibratiesticker")
        viewer.accept()  # closing saves the caption
        return True

    fake_dialogs.dialog_filler = look
    strip.list.setCurrentRow(0)
    qtbot.keyClick(strip.list, Qt.Key.Key_Space)
    assert seen == [(1200, 1600, "Evidence 1 of 1: meter.jpg")]  # upright
    attachment = next(iter(window.session.attachments.values()))
    assert attachment.caption == "Drukmeter zonder kalibratiesticker"
    assert strip.list.item(0).text() == "Drukmeter zonder kalibratiesticker"
    assert window.undo_action.text() == "&Undo: caption of meter.jpg"
    opened = Path(fake_dialogs.opened_documents[0])
    assert opened.name == "meter.jpg" and ".~isodesk.tmp" in opened.parts
    assert opened.read_bytes() == attachments.content(window.session, attachment)

    qtbot.keyClick(strip.list, Qt.Key.Key_Delete)
    assert strip.list.count() == 0
    window.undo_action.trigger()
    assert strip.list.count() == 1


def test_the_viewer_steps_through_the_answers_evidence(window, fake_dialogs, qtbot, tmp_path):
    panel = _panel(window)
    attachments.attach(window.session, KEY, [prepare_file(phone_photo(tmp_path / "a.jpg", (800, 600))),
                                             prepare_file(pdf(tmp_path / "b.pdf"))])
    titles = []

    def step(viewer):
        titles.append(viewer.windowTitle())
        qtbot.keyClick(viewer, Qt.Key.Key_Right)
        titles.append((viewer.windowTitle(), viewer.picture.text(), viewer.next.isEnabled()))
        return True

    fake_dialogs.dialog_filler = step
    panel.evidence_files.list.setCurrentRow(0)
    panel.evidence_files.list.itemActivated.emit(panel.evidence_files.list.item(0))  # double-click
    assert titles == ["Evidence 1 of 2: a.jpg", ("Evidence 2 of 2: b.pdf",
                      "A document: open it with the system viewer.", False)]


def test_a_refused_file_is_one_sentence_and_nothing_is_attached(window, fake_dialogs, qtbot, tmp_path):
    panel = _panel(window)
    renamed = tmp_path / "foto.jpg"
    renamed.write_text("aantekeningen, geen foto")
    fake_dialogs.open_many.append([phone_photo(tmp_path / "goed.jpg", (800, 600)), renamed])
    panel.evidence_files.add_button.click()
    qtbot.waitUntil(lambda: bool(fake_dialogs.errors), timeout=30000)
    assert fake_dialogs.errors == [("The content of foto.jpg is not what its name says (JPEG "
                                    "photo); was another kind of file renamed?")]
    assert window.session.attachments == {}


def test_photo_size_setting_and_export_from_the_menu(window, fake_dialogs, qtbot, tmp_path):
    fake_dialogs.photo_size = 800
    window.choose_photo_size()
    assert window.settings.photo_long_side == 800
    panel = _panel(window)
    fake_dialogs.open_many.append([phone_photo(tmp_path / "klein.jpg", (4000, 3000))])
    panel.evidence_files.add_button.click()
    _wait_for(qtbot, window.session, 1)
    attachment = next(iter(window.session.attachments.values()))
    with Image.open(io.BytesIO(attachments.content(window.session, attachment))) as image:
        assert max(image.size) == 800

    out = tmp_path / "bewijs"
    fake_dialogs.folders.append(out)
    next(a for a in window.menuBar().actions()[0].menu().actions()
         if a.text() == "Export e&vidence…").trigger()
    qtbot.waitUntil(lambda: bool(fake_dialogs.written), timeout=30000)
    assert fake_dialogs.written == [("1 file of evidence is written to:", out)]
    assert [p.name for p in out.iterdir()] == ["ISO 9001-2015 7.1.5.2 (1) klein.jpg"]


def test_read_only_shows_evidence_but_adds_nothing(controller, fake_dialogs, demo_path, tmp_path, qtbot):
    session = ProjectSession.open(demo_path)
    attachments.attach(session, KEY, [prepare_file(phone_photo(tmp_path / "a.jpg", (800, 600)))])
    session.close()
    assert controller.open_path(demo_path, read_only=True)
    window = controller.window
    qtbot.addWidget(window)
    panel = _panel(window)
    assert panel.evidence_files.list.count() == 1
    assert not panel.evidence_files.add_button.isEnabled()

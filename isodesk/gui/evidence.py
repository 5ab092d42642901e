"""Evidence in the window: an answer's thumbnails, adding files (button, drop, paste) and File →
Export evidence… (the viewer is gui/evidence_viewer.py, loaded when first opened).

Photos are read when shown: the strip reads the thumbnails of the item on screen (a few kB
each), the viewer the photo it shows. Checking and scaling what a user adds takes up to a few
tenths of a second per photo, so it runs in a worker (gui/tasks.py); the edit that attaches the
files follows on the GUI thread, one undo step for everything added at once.
"""
from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Callable, Sequence

from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtGui import QGuiApplication, QIcon, QKeySequence, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from isodesk.app import attachments
from isodesk.app.evidence_files import (
    PATTERNS,
    is_photo,
    prepare_bytes,
    prepare_file,
    size_text,
)
from isodesk.app.session import ProjectSession
from isodesk.domain.errors import Cancelled
from isodesk.domain.model import Attachment
from isodesk.gui import dialogs
from isodesk.support.i18n import N_, plural, tr

ICON = 88  # thumbnail size in the strip (the stored thumbnails are 256 px: sharp at 200%)
CACHED = 300  # thumbnails kept in memory while stepping through the checklist
Perform = Callable[[Callable[[], object]], bool]


def evidence_filter() -> str:
    return tr("Photos and documents") + f" ({' '.join(PATTERNS)})"


def add_evidence(parent: QWidget, session: ProjectSession, perform: Perform, key: str,
                 paths: Sequence[Path] = (), pasted: bytes | None = None) -> None:
    """Check and scale ``paths`` (and a ``pasted`` PNG) in a worker, then attach them all to
    ``key`` as one edit; one sentence when any of them is refused, and nothing attached."""
    if session.read_only:
        dialogs.error(parent, tr("This project is open read-only: nothing can be changed."))
        return
    from isodesk.gui.tasks import BackgroundTask

    side = attachments.long_side()
    name = tr("Pasted image {time}.png").format(time=datetime.now().strftime("%Y-%m-%d %H.%M.%S"))

    def work(progress, cancel) -> list:
        files = []
        for done, path in enumerate(paths):
            if cancel():
                raise Cancelled("Cancelled.")
            files.append(prepare_file(Path(path), side))
            progress(done + 1, len(paths) + 1)
        if pasted is not None:
            files.append(prepare_bytes(pasted, name, side))
        return files

    task = BackgroundTask(parent.window(), tr("Adding evidence…"), work)
    task.done.connect(lambda files: perform(lambda: attachments.attach(session, key, files)))
    task.failed.connect(lambda message: dialogs.error(parent, message))
    for signal in (task.done, task.failed):
        signal.connect(task.deleteLater)
    task.start()


def _files(mime) -> list[Path]:
    """The local files in a drop or on the clipboard, projects left out (the window opens
    those)."""
    return [Path(u.toLocalFile()) for u in mime.urls()
            if u.isLocalFile() and not u.toLocalFile().endswith(".isodesk")]


def _png(image) -> bytes:
    from PySide6.QtCore import QBuffer, QIODevice

    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(buffer.data())


class EvidenceInput(QObject):
    """Files dropped onto a view, and images pasted into it, become evidence of its current
    item. Watch the view and its text fields with ``watch``: a field passes dropped files on
    (``ProjectTextEdit.canInsertFromMimeData``), pastes text as ever and takes an image only
    when the clipboard holds no text. (Watching a field's viewport instead would make PySide
    load every widget class's enums at start-up: some 20 ms.)"""

    def __init__(self, owner: QWidget, session: ProjectSession, perform: Perform,
                 current_key: Callable[[], str | None]):
        super().__init__(owner)
        self.owner, self.session, self.perform, self.current_key = owner, session, perform, current_key

    def watch(self, *widgets: QWidget) -> None:
        for widget in widgets:
            widget.setAcceptDrops(True)
            widget.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop):
            mime = event.mimeData()
            if self.current_key() is None or self.session.read_only or not (
                    _files(mime) or mime.hasImage()):
                return False
            event.acceptProposedAction()
            if kind == QEvent.Type.Drop:
                self._take(mime)
            return True
        if kind in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress) and event.matches(
                QKeySequence.StandardKey.Paste) and self._pastable(watched):
            event.accept()  # the override: the key press comes to us, not to a shortcut
            if kind == QEvent.Type.KeyPress:
                self._take(QGuiApplication.clipboard().mimeData())
            return True
        return False

    def _pastable(self, watched) -> bool:
        mime = QGuiApplication.clipboard().mimeData()
        if mime is None or self.current_key() is None:
            return False
        if isinstance(watched, (QLineEdit, QPlainTextEdit)):
            return mime.hasImage() and not mime.hasText()
        return mime.hasImage() or bool(_files(mime))

    def _take(self, mime) -> None:
        key = self.current_key()
        files = _files(mime)
        pasted = None if files or not mime.hasImage() else _png(mime.imageData())
        add_evidence(self.owner, self.session, self.perform, key, files, pasted)


class EvidenceStrip(QWidget):
    """The thumbnails of one answer's attachments (a document shows its icon), with "Add
    evidence…". Space, Enter or a double-click opens the viewer, Delete removes (Undo brings
    it back), the context menu opens the original in the system's viewer."""

    def __init__(self, session: ProjectSession, events, perform: Perform, parent=None):
        super().__init__(parent)
        self.session, self.perform = session, perform
        self.key: str | None = None
        self._thumbnails: dict[str, QPixmap] = {}
        self.list = QListWidget()
        self.list.setViewMode(QListWidget.ViewMode.IconMode)
        self.list.setFlow(QListWidget.Flow.LeftToRight)
        self.list.setWrapping(False)
        self.list.setMovement(QListWidget.Movement.Static)
        self.list.setIconSize(QSize(ICON, ICON))
        self.list.setWordWrap(True)  # two lines of caption under each thumbnail
        line = self.fontMetrics().height()
        self.list.setGridSize(QSize(ICON + 36, ICON + 2 * line + 10))
        self.list.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self._sized = False  # the list's height is set when it first shows thumbnails
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.list.itemActivated.connect(lambda _item: self.view())  # Enter, double-click
        self.list.customContextMenuRequested.connect(self._menu)
        self.list.installEventFilter(self)
        self.empty = QLabel()
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet("color: palette(mid);")
        self.add_button = QPushButton()
        self.add_button.clicked.connect(self.choose_files)
        button_row = QHBoxLayout()
        button_row.addWidget(self.add_button)
        button_row.addStretch()
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.list)
        column.addLayout(button_row)
        column.addWidget(self.empty)  # below the button: a narrow Dutch panel has no room beside it
        events.edited.connect(self._on_edit)
        self.show_item(None)

    # -------------------------------------------------------------------------- display
    def shown(self) -> list[Attachment]:
        return sorted((a for a in self.session.attachments.values() if a.key == self.key),
                      key=lambda a: (a.position, a.name))

    def show_item(self, key: str | None) -> None:
        self.key = key
        self.refresh()

    def refresh(self) -> None:
        self.add_button.setText(tr("Add evidence…"))
        self.add_button.setEnabled(self.key is not None and not self.session.read_only)
        self.empty.setText(tr("Drop photos or documents here, paste a photo (Ctrl+V), or "
                              "add them with the button."))
        selected = self.current()
        self.list.clear()
        items = self.shown() if self.key else []
        for attachment in items:
            item = QListWidgetItem(self._icon(attachment), attachment.caption or attachment.name)
            item.setData(Qt.ItemDataRole.UserRole, attachment.id)
            item.setToolTip("\n".join(filter(None, (
                attachment.name, size_text(attachment.size), attachment.caption))))
            self.list.addItem(item)
            if selected and attachment.id == selected.id:
                self.list.setCurrentItem(item)
        if items and not self._sized:  # its scroll bar's classes load here, not at start-up
            self._sized = True
            self.list.setFixedHeight(self.list.gridSize().height() + 4 + 2 * self.list.frameWidth()
                                     + self.list.horizontalScrollBar().sizeHint().height())
        self.list.setVisible(bool(items))
        self.empty.setVisible(not items and self.key is not None)

    def _icon(self, attachment: Attachment) -> QIcon:
        if not is_photo(attachment.media_type):
            from PySide6.QtWidgets import QStyle  # its enums take 5 ms to load: not at start-up

            return self.style().standardIcon(QStyle.StandardPixmap.SP_FileIcon)
        pixmap = self._thumbnails.get(attachment.sha256)
        if pixmap is None:
            pixmap = QPixmap()
            data = attachments.thumbnail(self.session, attachment)
            if data:
                pixmap.loadFromData(data)
            if len(self._thumbnails) >= CACHED:
                self._thumbnails.clear()
            self._thumbnails[attachment.sha256] = pixmap
        return QIcon(pixmap)

    def current(self) -> Attachment | None:
        item = self.list.currentItem()
        return self.session.attachments.get(item.data(Qt.ItemDataRole.UserRole)) if item else None

    def _on_edit(self, edit) -> None:
        if self.key is not None and any(
                isinstance(c.after or c.before, Attachment) and (c.after or c.before).key == self.key
                for c in edit.changes):
            self.refresh()

    # ---------------------------------------------------------------------------- acting
    def choose_files(self) -> None:
        if self.key is None:
            return
        paths = dialogs.open_files(self, tr("Add evidence"), str(self.session.path.parent),
                                   evidence_filter())
        if paths:
            add_evidence(self, self.session, self.perform, self.key, paths)

    def view(self) -> None:
        attachment = self.current()
        if attachment is None:
            return
        from isodesk.gui.evidence_viewer import EvidenceViewer  # loaded when first opened

        shown = self.shown()
        viewer = EvidenceViewer(self.session, self.perform, shown, shown.index(attachment), self)
        dialogs.run_dialog(viewer)

    def remove(self) -> None:
        attachment = self.current()
        if attachment is not None and not self.session.read_only:
            self.perform(lambda: attachments.detach(self.session, attachment.id))

    def open_original(self) -> None:
        from isodesk.gui.evidence_viewer import open_original

        attachment = self.current()
        if attachment is not None:
            open_original(self, self.session, attachment)

    def eventFilter(self, watched, event) -> bool:
        if watched is self.list and event.type() == QEvent.Type.KeyPress:
            if event.key() == Qt.Key.Key_Space:
                self.view()
                return True
            if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
                self.remove()
                return True
        return False

    def _menu(self, point) -> None:
        if self.current() is None:
            return
        menu = QMenu(self)
        menu.addAction(tr("View"), self.view)
        menu.addAction(tr("Open with the system viewer"), self.open_original)
        remove = menu.addAction(tr("Remove"), self.remove)
        remove.setEnabled(not self.session.read_only)
        menu.exec(self.list.viewport().mapToGlobal(point))


class EvidenceCount(QLabel):
    """Interview mode's line about the item's evidence: how many photos and documents, or how
    to add them (drop onto the screen, or paste)."""

    def __init__(self, session: ProjectSession, events, parent=None):
        super().__init__(parent)
        self.session = session
        self.key: str | None = None
        self.setTextFormat(Qt.TextFormat.PlainText)
        events.edited.connect(self._on_edit)

    def _on_edit(self, edit) -> None:
        if edit.touches(Attachment):
            self.show_item(self.key)

    def show_item(self, key: str | None) -> None:
        self.key = key
        found = [a for a in self.session.attachments.values() if a.key == key] if key else []
        photos = sum(1 for a in found if is_photo(a.media_type))
        parts = [plural(photos, N_("{n} photo"), N_("{n} photos")) if photos else "",
                 plural(len(found) - photos, N_("{n} document"), N_("{n} documents"))
                 if len(found) > photos else ""]
        if found:
            self.setText(tr("Evidence: {what}").format(what=", ".join(filter(None, parts))))
            self.setStyleSheet("")
        else:
            self.setText(tr("Drop photos or documents here, or paste a photo (Ctrl+V), to add "
                            "them as evidence."))
            self.setStyleSheet("color: palette(mid);")


def export_evidence(window) -> None:
    """File → Export evidence…: every attachment into a folder the user picks, in a worker."""
    session = window.session
    if not session.attachments:
        dialogs.inform(window, tr("This project has no attachments to export."))
        return
    folder = dialogs.choose_folder(window, tr("Export evidence to folder"), str(session.path.parent))
    if folder is None:
        return
    data, path = session.snapshot(), session.path

    def work(progress, cancel):
        with attachments.reading_content(path) as content:
            return attachments.export_evidence(data, content, folder, progress, cancel)

    window._run(tr("Exporting evidence…"), lambda progress, cancel: work(progress, cancel),
                lambda written: dialogs.file_written(
                    window, plural(len(written), N_("{n} file of evidence is written to:"),
                                   N_("{n} files of evidence are written to:")), folder))

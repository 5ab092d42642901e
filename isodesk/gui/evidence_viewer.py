"""The evidence viewer: one attachment large, its caption to edit, the previous and next ones of
the answer, and the original in the system's viewer (a copy in isodesk's own temp folder)."""
from __future__ import annotations

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from isodesk.app import attachments
from isodesk.app.evidence_files import is_photo, size_text
from isodesk.app.session import ProjectSession
from isodesk.domain.errors import IsodeskError
from isodesk.domain.model import Attachment
from isodesk.gui import dialogs
from isodesk.gui.evidence import Perform
from isodesk.support.i18n import localize, tr


def open_original(parent: QWidget, session: ProjectSession, attachment: Attachment) -> None:
    """The file in the system's program for it (a copy in isodesk's temp folder)."""
    try:
        path = attachments.open_original(session, attachment)
    except IsodeskError as e:
        dialogs.error(parent, localize(e))
        return
    if not dialogs.open_document(QUrl.fromLocalFile(str(path))):
        dialogs.error(parent, tr("This computer has no program to open {name}.").format(
            name=attachment.name))


class EvidenceViewer(QDialog):
    """One attachment large: the photo scaled to the window (a document: its name and size),
    its caption to edit (saved when you press Enter, leave the field or close the viewer; one
    undo step), Left/Right (Page Up/Down in the caption) to the previous/next attachment of the
    answer, and the original in the system's viewer."""

    def __init__(self, session: ProjectSession, perform: Perform, shown: list[Attachment],
                 index: int, parent=None):
        super().__init__(parent)
        self.session, self.perform, self.shown, self.index = session, perform, shown, index
        self._pixmap = QPixmap()
        self._loaded = ""  # the caption as shown: only a caption the user changed is saved
        self.picture = QLabel()
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.picture.setMinimumSize(320, 240)
        self.picture.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.details = QLabel()
        self.details.setTextFormat(Qt.TextFormat.PlainText)
        self.caption = QLineEdit()
        self.caption.setPlaceholderText(tr("Caption: what does this show?"))
        self.caption.setReadOnly(session.read_only)
        self.caption.editingFinished.connect(self.save_caption)
        self.previous = QPushButton(tr("◀ Previous"))
        self.next = QPushButton(tr("Next ▶"))
        self.open_button = QPushButton(tr("Open with the system viewer"))
        close = QPushButton(tr("Close"))
        self.previous.clicked.connect(lambda: self.go(self.index - 1))
        self.next.clicked.connect(lambda: self.go(self.index + 1))
        self.open_button.clicked.connect(
            lambda: open_original(self, self.session, self.shown[self.index]))
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        for button in (self.previous, self.next, self.open_button):
            buttons.addWidget(button)
        buttons.addStretch()
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.picture, 1)
        layout.addWidget(self.details)
        layout.addWidget(self.caption)
        layout.addLayout(buttons)
        for button in (self.previous, self.next, self.open_button, close):
            button.setAutoDefault(False)
        screen = self.screen().availableGeometry() if self.screen() else None
        self.resize(min(1100, screen.width() - 80) if screen else 1100,
                    min(800, screen.height() - 80) if screen else 800)
        self.go(index)

    @property
    def attachment(self) -> Attachment:
        return self.session.attachments.get(self.shown[self.index].id, self.shown[self.index])

    def go(self, index: int) -> None:
        self.save_caption()
        self.index = max(0, min(index, len(self.shown) - 1))
        attachment = self.attachment
        self.setWindowTitle(tr("Evidence {n} of {total}: {name}").format(
            n=self.index + 1, total=len(self.shown), name=attachment.name))
        self.details.setText(f"{attachment.name} · {size_text(attachment.size)}")
        self.caption.setText(attachment.caption)
        self._loaded = attachment.caption
        self._pixmap = QPixmap()
        if is_photo(attachment.media_type):
            try:
                self._pixmap.loadFromData(attachments.content(self.session, attachment))
            except IsodeskError as e:  # the bytes are gone: say so where the photo was
                self.picture.setText(localize(e))
        else:
            self.picture.setText(tr("A document: open it with the system viewer."))
        self._fit()
        self.previous.setEnabled(self.index > 0)
        self.next.setEnabled(self.index < len(self.shown) - 1)

    def _fit(self) -> None:
        if not self._pixmap.isNull():
            self.picture.setPixmap(self._pixmap.scaled(
                self.picture.size(), Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit()

    def save_caption(self) -> None:
        if self.session.read_only:
            return
        attachment = self.session.attachments.get(self.shown[self.index].id)
        text = " ".join(self.caption.text().split())
        if attachment is not None and self.caption.text() != self._loaded and text != attachment.caption:
            self._loaded = self.caption.text()
            self.perform(lambda: attachments.set_caption(self.session, attachment.id, text))

    def keyPressEvent(self, event) -> None:
        key = event.key()
        in_caption = self.caption.hasFocus()
        if key in (Qt.Key.Key_PageUp,) or (key == Qt.Key.Key_Left and not in_caption):
            self.go(self.index - 1)
        elif key in (Qt.Key.Key_PageDown,) or (key == Qt.Key.Key_Right and not in_caption):
            self.go(self.index + 1)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and in_caption:
            self.save_caption()
            self.picture.setFocus()
        elif key == Qt.Key.Key_Space and not in_caption:
            self.accept()
        else:
            super().keyPressEvent(event)

    def done(self, result: int) -> None:
        self.save_caption()
        super().done(result)

"""The "Report" tab: the consultant's own words and the document control of the report.

Every field is a project field (``app.project_fields``), saved when the consultant leaves it, one
undo step each, exactly as ``isodesk set`` would. The conclusion box shows the generated verdict
as its placeholder: left empty, that is what the report prints; "Start from the generated text"
puts it in the box to adjust.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from isodesk.app.project_fields import field_text, set_field
from isodesk.domain.model import ProjectInfo
from isodesk.domain.model import text as localized
from isodesk.gui import dialogs
from isodesk.support.i18n import N_, language, tr

STATUSES = (("draft", N_("Draft (CONCEPT on every page)")), ("final", N_("Final")))


class _FocusOut(QObject):
    """Calls ``commit`` when the watched text box loses the keyboard focus."""

    def __init__(self, commit, parent):
        super().__init__(parent)
        self._commit = commit

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.FocusOut:
            self._commit()
        return False


class ReportTab(QScrollArea):
    def __init__(self, session, perform, events, parent=None):
        super().__init__(parent)
        self.session = session
        self.perform = perform
        self.editors: dict[str, QWidget] = {}  # field name -> its editor
        self.setWidgetResizable(True)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(self._document_control())
        layout.addWidget(self._own_words())
        layout.addWidget(self._per_standard())
        layout.addStretch(1)
        self.setWidget(page)
        self.refresh()
        events.edited.connect(lambda edit: self.refresh() if edit.touches(ProjectInfo) else None)

    # ----------------------------------------------------------------------------- layout
    def _document_control(self) -> QGroupBox:
        box = QGroupBox(tr("Document control"))
        form = QFormLayout(box)
        self.status = QComboBox()
        for code, label in STATUSES:
            self.status.addItem(tr(label), code)
        self.status.activated.connect(
            lambda _i: self._save("status", self.status.currentData()))
        form.addRow(tr("Status"), self.status)
        for name, label in (("version", N_("Version")), ("reviewer", N_("Reviewed by")),
                            ("consultancy", N_("Consultancy")),
                            ("consultancy.contact", N_("Contact details"))):
            editor = QLineEdit()
            editor.editingFinished.connect(lambda n=name, e=editor: self._save(n, e.text()))
            self.editors[name] = editor
            form.addRow(tr(label), editor)
        form.addRow(tr("Distribution"), self._text_box(
            "distribution", tr("One name or role a line"), 70))
        logo_row = QHBoxLayout()
        self.logo = QLabel()
        self.logo.setMinimumHeight(48)
        choose = QPushButton(tr("Choose logo…"))
        choose.clicked.connect(self.choose_logo)
        self.remove_logo = QPushButton(tr("Remove logo"))
        self.remove_logo.clicked.connect(lambda: self._set_logo(None))
        logo_row.addWidget(self.logo, 1)
        logo_row.addWidget(choose)
        logo_row.addWidget(self.remove_logo)
        form.addRow(tr("Logo"), logo_row)
        return box

    def _own_words(self) -> QGroupBox:
        box = QGroupBox(tr("The consultant's own words"))
        form = QFormLayout(box)
        conclusion = QVBoxLayout()
        conclusion.addWidget(self._text_box("conclusion", "", 130))
        start = QPushButton(tr("Start from the generated text"))
        start.clicked.connect(self.use_generated_conclusion)
        conclusion.addWidget(start, 0, Qt.AlignmentFlag.AlignLeft)
        form.addRow(tr("Conclusion"), conclusion)
        form.addRow(tr("Strengths"), self._text_box(
            "strengths", tr("Empty: the good practices recorded in the checklist"), 80))
        form.addRow(tr("Roadmap"), self._text_box(
            "roadmap", tr("A phase a line, months from the report date, e.g.\n"
                          "1-3 Foundation: objectives, audit programme\n4-6 Implementation"), 90))
        return box

    def _per_standard(self) -> QGroupBox:
        box = QGroupBox(tr("Advice and remarks per standard"))
        form = QFormLayout(box)
        lang = language()
        for cat in self.session.catalogs:
            form.addRow(tr("Advice {standard}").format(standard=cat.name),
                        self._text_box(f"advice.{cat.id}", "", 60))
        self.chapter = QComboBox()
        for cat in self.session.catalogs:
            for chapter in dict.fromkeys(r.chapter for r in self.session.assessable(cat.id)):
                req = self.session.by_key.get(f"{cat.id}:{chapter}")
                title = localized(req.title, lang) if req else ""
                self.chapter.addItem(f"{cat.name} — {chapter} {title}".strip(),
                                     f"remark.{cat.id}:{chapter}")
        self.remark = QPlainTextEdit()
        self.remark.setFixedHeight(60)
        self.remark.setPlaceholderText(tr("A remark printed under this chapter's scores"))
        self.remark.installEventFilter(_FocusOut(
            lambda: self._save(self.chapter.currentData(), self.remark.toPlainText()), self))
        self.chapter.currentIndexChanged.connect(lambda _i: self._show_remark())
        form.addRow(tr("Chapter"), self.chapter)
        form.addRow(tr("Remark"), self.remark)
        return box

    def _text_box(self, name: str, placeholder: str, height: int) -> QPlainTextEdit:
        editor = QPlainTextEdit()
        editor.setPlaceholderText(placeholder)
        editor.setFixedHeight(height)
        editor.installEventFilter(_FocusOut(
            lambda: self._save(name, editor.toPlainText()), self))
        self.editors[name] = editor
        return editor

    def showEvent(self, event) -> None:
        """The generated conclusion follows the answers, which change in the other tabs."""
        super().showEvent(event)
        self.refresh()

    # ---------------------------------------------------------------------------- values
    def refresh(self) -> None:
        """Show the project's values (after an edit, undo or redo); a box being typed in keeps
        its text."""
        for name, editor in self.editors.items():
            if editor.hasFocus():
                continue
            value = field_text(self.session, name)
            if isinstance(editor, QLineEdit):
                if editor.text() != value:
                    editor.setText(value)
            elif editor.toPlainText() != value:
                editor.setPlainText(value)
        index = self.status.findData(self.session.info.status)
        self.status.setCurrentIndex(max(index, 0))
        if not self.remark.hasFocus():
            self._show_remark()
        self._show_logo()
        self.editors["conclusion"].setPlaceholderText(
            self._generated() or tr("Nothing has been assessed yet."))
        read_only = self.session.read_only
        for widget in (*self.editors.values(), self.status, self.remark):
            widget.setEnabled(not read_only)

    def _show_remark(self) -> None:
        name = self.chapter.currentData()
        value = field_text(self.session, name) if name else ""
        if self.remark.toPlainText() != value:
            self.remark.setPlainText(value)

    def _show_logo(self) -> None:
        data = self.session.asset("logo")
        pixmap = QPixmap()
        if data and pixmap.loadFromData(data):
            self.logo.setPixmap(pixmap.scaledToHeight(48, Qt.TransformationMode.SmoothTransformation))
        else:
            self.logo.setText(tr("No logo"))
        self.remove_logo.setEnabled(bool(data) and not self.session.read_only)

    def _generated(self) -> str:
        from isodesk.report.builder import report_context
        from isodesk.report.sections.summary import suggested_conclusion

        return suggested_conclusion(report_context(self.session.snapshot()))

    def _save(self, name: str | None, text: str) -> None:
        if not name or self.session.read_only or text == field_text(self.session, name):
            return
        self.perform(lambda: set_field(self.session, name, text))

    # ---------------------------------------------------------------------------- actions
    def use_generated_conclusion(self) -> None:
        current = self.editors["conclusion"].toPlainText().strip()
        if current and not dialogs.confirm(self, tr("Replace your conclusion by the generated "
                                                    "text?")):
            return
        generated = self._generated()
        self.editors["conclusion"].setPlainText(generated)
        self._save("conclusion", generated)

    def choose_logo(self) -> None:
        path = dialogs.open_file(self, tr("Report logo"), str(self.session.path.parent),
                                 dialogs.IMAGE_FILTER)
        if path is not None:
            self.perform(lambda: set_field(self.session, "consultancy.logo", str(path)))
            self._show_logo()

    def _set_logo(self, data: bytes | None) -> None:
        self.perform(lambda: self.session.set_logo(data))
        self._show_logo()

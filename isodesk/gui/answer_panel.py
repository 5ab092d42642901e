"""The answer panel: what to ask (summary, questions) and what was found, for one item.

Choices (result, maturity, finding type) are committed the moment they change; typed text is
committed after a short pause in typing, when the field loses focus, and before another item is
shown, so nothing typed is ever only on screen.
"""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from isodesk.app.session import ProjectSession
from isodesk.domain.model import text
from isodesk.domain.scales import DEFAULT_MATURITY_LABELS, FindingType, Result
from isodesk.gui.style import result_colour
from isodesk.support.i18n import N_, language, tr

TYPING_PAUSE_MS = 800


def maturity_labels(session: ProjectSession) -> list[str]:
    lang = session.info.language
    labels = list(session.info.maturity_labels) or DEFAULT_MATURITY_LABELS[lang]
    return [f"{level} – {label}" for level, label in enumerate(labels)]


class _TextField(QPlainTextEdit):
    """Plain text that commits on focus-out; Tab moves focus instead of typing a tab."""

    focus_out = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setTabChangesFocus(True)

    def focusOutEvent(self, event):
        self.focus_out.emit()
        super().focusOutEvent(event)


class AnswerPanel(QScrollArea):
    add_action_requested = Signal(str)
    add_risk_requested = Signal(str)

    def __init__(self, session: ProjectSession, perform, parent=None):
        super().__init__(parent)
        self.session = session
        self.perform = perform
        self.key: str | None = None
        self._loading = False
        self.setWidgetResizable(True)
        body = QWidget()
        self.setWidget(body)
        layout = QVBoxLayout(body)

        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.heading.setFont(font)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.questions = QLabel()
        self.questions.setWordWrap(True)
        self.questions.setTextFormat(Qt.TextFormat.PlainText)
        self.questions.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.link_label = QLabel()
        self.link_label.setWordWrap(True)
        for w in (self.heading, self.summary, self.questions, self.link_label):
            layout.addWidget(w)

        form = QFormLayout()
        self.result = QComboBox()
        for r in (Result.OPEN, Result.CONFORM, Result.PARTIAL, Result.NONCONFORM, Result.NA):
            self.result.addItem("", r.value)  # Qt stores str enums as plain str: use codes
        self.maturity = QComboBox()
        self.finding_type = QComboBox()
        self.interviewee = QLineEdit()
        self.assessed_on = QDateEdit()
        self.assessed_on.setCalendarPopup(True)
        self.assessed_on.setSpecialValueText(" ")
        self.assessed_on.setMinimumDate(QDate(2000, 1, 1))
        self.findings = _TextField()
        self.evidence = _TextField()
        self.findings.setMinimumHeight(90)
        self.evidence.setMaximumHeight(80)
        self.client_comment = QLabel()  # typed by the client in the workbook; read here
        self.client_comment.setWordWrap(True)
        self.client_comment.setTextFormat(Qt.TextFormat.PlainText)
        self.client_comment.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._labels = {}
        for name, widget in ((N_("Result"), self.result), (N_("Maturity"), self.maturity),
                             (N_("Findings"), self.findings), (N_("Evidence seen"), self.evidence),
                             (N_("Interviewee"), self.interviewee), (N_("Finding type"), self.finding_type),
                             (N_("Assessed on"), self.assessed_on),
                             (N_("Client comment"), self.client_comment)):
            label = QLabel()
            label.setBuddy(widget)
            self._labels[name] = label
            form.addRow(label, widget)
        layout.addLayout(form)

        buttons = QHBoxLayout()
        self.add_action = QPushButton()
        self.add_risk = QPushButton()
        self.link_button = QPushButton()
        for b in (self.add_action, self.add_risk, self.link_button):
            buttons.addWidget(b)
        buttons.addStretch()
        layout.addLayout(buttons)
        layout.addStretch()

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(TYPING_PAUSE_MS)
        self._timer.timeout.connect(self.commit_text)

        self.result.activated.connect(lambda _i: self._commit_choice("result", self.result.currentData()))
        self.maturity.activated.connect(lambda _i: self._commit_choice("maturity", self.maturity.currentData()))
        self.finding_type.activated.connect(
            lambda _i: self._commit_choice("finding_type", self.finding_type.currentData()))
        self.assessed_on.editingFinished.connect(self._commit_date)
        for field in (self.findings, self.evidence):
            field.textChanged.connect(self._typing)
            field.focus_out.connect(self.commit_text)
        self.interviewee.textEdited.connect(self._typing)
        self.interviewee.editingFinished.connect(self.commit_text)
        self.add_action.clicked.connect(lambda: self.key and self.add_action_requested.emit(self.key))
        self.add_risk.clicked.connect(lambda: self.key and self.add_risk_requested.emit(self.key))
        self.link_button.clicked.connect(self._link_clicked)
        self.retranslate()
        self.show_item(None)

    # ------------------------------------------------------------------------ display
    def retranslate(self) -> None:
        lang = self.session.info.language
        for name, label in self._labels.items():
            label.setText(tr(name) + ":")
        for i in range(self.result.count()):
            self.result.setItemText(i, Result(self.result.itemData(i)).label(lang))
        self.maturity.clear()
        self.maturity.addItem("—", None)
        for level, label in enumerate(maturity_labels(self.session)):
            self.maturity.addItem(label, level)
        self.finding_type.clear()
        self.finding_type.addItem("—", None)
        for ftype in FindingType:
            self.finding_type.addItem(ftype.label(lang), ftype.value)
        self.add_action.setText(tr("Add action…"))
        self.add_risk.setText(tr("Add risk…"))
        self.findings.setPlaceholderText(tr("What did you find? Typing is saved as you go."))
        self.evidence.setPlaceholderText(tr("Documents, records, observations"))
        self.refresh()

    def show_item(self, key: str | None) -> None:
        if key != self.key:
            self.commit_text()
        self.key = key
        self.refresh()

    def refresh(self) -> None:
        """Show the current item's requirement and answer (after an edit, undo or redo)."""
        self._loading = True
        try:
            self._fill()
        finally:
            self._loading = False

    def _fill(self) -> None:
        enabled = self.key is not None
        for w in (self.result, self.maturity, self.finding_type, self.interviewee, self.findings,
                  self.evidence, self.assessed_on, self.add_action, self.add_risk, self.link_button):
            w.setEnabled(enabled and not self.session.read_only)
        if not enabled:
            self.heading.setText(tr("Select an item in the checklist."))
            for w in (self.summary, self.questions, self.link_label, self.client_comment):
                w.clear()
            self.link_button.hide()
            return
        s = self.session
        lang = s.info.language
        req = s.requirement(self.key)
        answer = s.answer(self.key)
        cat = s.catalog(req.catalog_id)
        self.heading.setText(f"{cat.name} · {req.ref}  {text(req.title, lang)}")
        self.summary.setText(text(req.summary, lang))
        qs = req.questions.get(lang) or req.questions.get("en") or []
        self.questions.setText("\n".join(f"• {q}" for q in qs))
        self.result.setCurrentIndex(self.result.findData(answer.result.value))
        colour = result_colour(answer.result)
        self.result.setStyleSheet(f"QComboBox {{ background: {colour.name()}; }}" if colour else "")
        self.maturity.setCurrentIndex(self.maturity.findData(answer.maturity))
        ftype = answer.finding_type.value if answer.finding_type else None
        self.finding_type.setCurrentIndex(max(0, self.finding_type.findData(ftype)))
        if self.findings.toPlainText() != answer.findings:
            self.findings.setPlainText(answer.findings)
        if self.evidence.toPlainText() != answer.evidence:
            self.evidence.setPlainText(answer.evidence)
        if self.interviewee.text() != answer.interviewee:
            self.interviewee.setText(answer.interviewee)
        if answer.assessed_on:
            d = answer.assessed_on
            self.assessed_on.setDate(QDate(d.year, d.month, d.day))
        else:
            self.assessed_on.setDate(self.assessed_on.minimumDate())
        self.assessed_on.setDisplayFormat("dd-MM-yyyy" if language() == "nl" else "yyyy-MM-dd")
        self.client_comment.setText(answer.client_comment or "–")
        names = sorted({a.interviewee for a in s.answers.values() if a.interviewee})
        self.interviewee.setCompleter(QCompleter(names, self.interviewee))
        self._show_links(answer)

    def _show_links(self, answer) -> None:
        s = self.session
        partners = s.hs_partners(self.key)
        followers = [a.key for a in s.answers.values() if a.linked_to == self.key]
        if answer.linked_to:
            source = s.requirement(answer.linked_to)
            self.link_label.setText("↔ " + tr("Follows the answer of {name} {ref} (Harmonized Structure). "
                                              "Editing it here makes it this standard's own answer.").format(
                name=s.catalog(source.catalog_id).name, ref=source.ref))
            self.link_button.setText(tr("Unlink"))
            self.link_button.show()
        elif partners:
            names = ", ".join(f"{s.catalog(p.catalog_id).name} {p.ref}" for p in partners)
            linked = tr(" Linked: {n}.").format(n=len(followers)) if followers else ""
            self.link_label.setText("↔ " + tr("Same Harmonized Structure clause in: {names}.").format(
                names=names) + linked)
            self.link_button.setText(tr("Apply to other standards"))
            self.link_button.show()
        else:
            self.link_label.clear()
            self.link_button.hide()

    # ------------------------------------------------------------------------- commits
    def _commit_choice(self, name: str, value) -> None:
        if self._loading or self.key is None:
            return
        self.commit_text()
        fields = {name: value}
        key = self.key
        self.perform(lambda: self.session.set_answer(key, **fields))

    def _commit_date(self) -> None:
        if self._loading or self.key is None:
            return
        qd = self.assessed_on.date()
        value = None if qd == self.assessed_on.minimumDate() else date(qd.year(), qd.month(), qd.day())
        if value != self.session.answer(self.key).assessed_on:
            key = self.key
            self.perform(lambda: self.session.set_answer(key, assessed_on=value))

    def _typing(self, *_args) -> None:
        if not self._loading:
            self._timer.start()

    def commit_text(self) -> None:
        """Write typed text that differs from the stored answer (one undo step)."""
        self._timer.stop()
        if self._loading or self.key is None or self.session.read_only:
            return
        answer = self.session.answer(self.key)
        fields = {}
        for name, value in (("findings", self.findings.toPlainText()),
                            ("evidence", self.evidence.toPlainText()),
                            ("interviewee", self.interviewee.text())):
            if value != getattr(answer, name):
                fields[name] = value
        if fields:
            key = self.key
            self.perform(lambda: self.session.set_answer(key, **fields))

    def _link_clicked(self) -> None:
        if self.key is None:
            return
        self.commit_text()
        key = self.key
        if self.session.answer(key).linked_to:
            self.perform(lambda: self.session.unlink(key))
        else:
            self.perform(lambda: self.session.link_partners(key))

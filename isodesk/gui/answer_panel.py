"""The answer panel: what to ask (summary, questions) and what was found, for one item.

Choices (result, maturity, finding type) are committed the moment they change; typed text is
committed after a short pause in typing, when the field loses focus, and before another item is
shown, so nothing typed is ever only on screen. A note saved over several pauses is one undo step.
"""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QStringListModel, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from isodesk.app.session import ProjectSession
from isodesk.domain.model import text
from isodesk.domain.scales import DEFAULT_MATURITY_LABELS, FindingType, Result
from isodesk.gui.baseline_box import BaselineBox
from isodesk.gui.evidence import EvidenceInput, EvidenceStrip
from isodesk.gui.guidance import GuidanceLabel, show_anchors
from isodesk.gui.style import enlarge_font, result_colour
from isodesk.gui.text_fields import OneStopDateEdit, ProjectLineEdit, ProjectTextEdit
from isodesk.support.i18n import N_, language, tr

TYPING_PAUSE_MS = 800  # typed text is saved this long after the last key (well within 1 s)
TEXT_FIELDS = ("findings", "evidence", "interviewee")


def text_group(name: str, key: str) -> str:
    """The undo group of typing in one field of one item; the finding's is the interview
    note's too, so a note typed partly here and partly in interview mode is one step."""
    return f"note:{key}" if name == "findings" else f"{name}:{key}"


def maturity_labels(session: ProjectSession) -> list[str]:
    lang = session.info.language
    labels = list(session.info.maturity_labels) or DEFAULT_MATURITY_LABELS[lang]
    return [f"{level} – {label}" for level, label in enumerate(labels)]


class AnswerPanel(QScrollArea):
    add_action_requested = Signal(str)
    add_risk_requested = Signal(str)

    def __init__(self, session: ProjectSession, events, perform, parent=None):
        super().__init__(parent)
        self.session = session
        self.perform = lambda fn: perform(fn, origin=self)
        self.key: str | None = None
        self._loading = False
        self._stale = False
        self._typed: set[str] = set()  # fields typed in since the item was shown or saved
        self.setWidgetResizable(True)
        body = QWidget()
        self.setWidget(body)
        layout = QVBoxLayout(body)

        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        enlarge_font(self.heading, 1.25, bold=True)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.questions = QLabel()
        self.questions.setWordWrap(True)
        self.questions.setTextFormat(Qt.TextFormat.PlainText)
        self.questions.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.link_label = QLabel()
        self.link_label.setWordWrap(True)
        self.guidance = GuidanceLabel()  # note, verify, the other edition (gui/guidance.py)
        # Read-only: said once at the top, so greyed-out fields are not a riddle.
        self.read_only_note = QLabel(tr("This project is open read-only: nothing can be changed."))
        self.read_only_note.setWordWrap(True)
        self.read_only_note.setStyleSheet("color: #b00020; font-weight: bold;")
        self.read_only_note.setVisible(session.read_only)
        layout.addWidget(self.read_only_note)
        for w in (self.heading, self.summary, self.questions, self.guidance, self.link_label):
            layout.addWidget(w)
        # "Apply to other standards" / "Unlink" with the sentence about the linked clauses, and
        # not beside the other buttons: in Dutch that row would not fit a narrow panel.
        self.link_button = QPushButton()
        link_row = QHBoxLayout()
        link_row.addWidget(self.link_button)
        link_row.addStretch()
        layout.addLayout(link_row)
        # A follow-up's baseline for the item, above the answer it is compared with.
        self.baseline = BaselineBox(session, perform)
        layout.addWidget(self.baseline)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        form = QFormLayout()
        self.result = QComboBox()
        for r in (Result.OPEN, Result.CONFORM, Result.PARTIAL, Result.NONCONFORM, Result.NA):
            self.result.addItem("", r.value)  # Qt stores str enums as plain str: use codes
        self.maturity = QComboBox()
        self.finding_type = QComboBox()
        self.interviewee = ProjectLineEdit()
        self._names = QStringListModel(self)
        completer = QCompleter(self._names, self.interviewee)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.interviewee.setCompleter(completer)
        self.interviewee.focus_in.connect(self._offer_names)
        self.assessed_on = OneStopDateEdit()
        self.assessed_on.setCalendarPopup(True)
        self.assessed_on.setSpecialValueText(" ")
        self.assessed_on.setMinimumDate(QDate(2000, 1, 1))
        self.findings = ProjectTextEdit()
        self.evidence = ProjectTextEdit()
        self.findings.setMinimumHeight(90)
        self.findings.setMaximumHeight(150)  # the buttons below it stay in view at 720 pixels
        self.evidence.setMaximumHeight(70)
        self.client_comment = QLabel()  # typed by the client in the workbook; read here
        self.client_comment.setWordWrap(True)
        self.client_comment.setTextFormat(Qt.TextFormat.PlainText)
        self.client_comment.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        for name in TEXT_FIELDS:
            widget = getattr(self, name)
            widget.unsaved = lambda n=name: self._unsaved(n)
        # Actions and risks come from a finding: their buttons sit right below it, where they
        # are in view without scrolling the panel on a 720-pixel-high screen.
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        self.add_action = QPushButton()
        self.add_risk = QPushButton()
        for b in (self.add_action, self.add_risk):
            buttons.addWidget(b)
        buttons.addStretch()
        # Photos and documents: thumbnails, "Add evidence…"; dropped or pasted onto the panel.
        self.evidence_files = EvidenceStrip(session, events, self.perform)
        self._labels = {}
        for name, widget in ((N_("Result"), self.result), (N_("Maturity"), self.maturity),
                             (N_("Findings"), self.findings), ("", buttons),
                             (N_("Evidence seen"), self.evidence),
                             (N_("Photos and files"), self.evidence_files),
                             (N_("Interviewee"), self.interviewee), (N_("Finding type"), self.finding_type),
                             (N_("Assessed on"), self.assessed_on),
                             (N_("Client comment"), self.client_comment)):
            if not name:
                form.addRow(widget)
                continue
            label = QLabel()
            label.setBuddy(widget)
            self._labels[name] = label
            form.addRow(label, widget)
        layout.addLayout(form)
        layout.addStretch()
        self.evidence_input = EvidenceInput(self, session, self.perform, lambda: self.key)
        self.evidence_input.watch(body, self.findings, self.evidence, self.evidence_files.list)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(TYPING_PAUSE_MS)
        self._timer.timeout.connect(self.commit_text)

        self.result.activated.connect(lambda _i: self._commit_choice("result", self.result.currentData()))
        self.maturity.activated.connect(lambda _i: self._commit_choice("maturity", self.maturity.currentData()))
        self.finding_type.activated.connect(
            lambda _i: self._commit_choice("finding_type", self.finding_type.currentData()))
        self.assessed_on.editingFinished.connect(self._commit_date)
        for name in ("findings", "evidence"):
            getattr(self, name).textChanged.connect(lambda n=name: self._typing(n))
            getattr(self, name).focus_out.connect(self.commit_text)
        self.interviewee.textEdited.connect(lambda _text: self._typing("interviewee"))
        self.interviewee.editingFinished.connect(self.commit_text)
        self.add_action.clicked.connect(lambda: self.key and self.add_action_requested.emit(self.key))
        self.add_risk.clicked.connect(lambda: self.key and self.add_risk_requested.emit(self.key))
        self.link_button.clicked.connect(self._link_clicked)
        events.edited.connect(self._on_edit)
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
        self._stale = False
        self._loading = True
        self._typed.clear()
        try:
            self._fill()
        finally:
            self._loading = False

    def _fill(self) -> None:
        enabled = self.key is not None
        for w in (self.result, self.maturity, self.finding_type, self.interviewee, self.findings,
                  self.evidence, self.assessed_on, self.add_action, self.add_risk, self.link_button):
            w.setEnabled(enabled and not self.session.read_only)
        self.evidence_files.show_item(self.key)
        if not enabled:  # nothing of the item shown before may stay on screen
            self._clear()
            return
        s = self.session
        lang = s.info.language
        req = s.requirement(self.key)
        answer = s.answer(self.key)
        cat = s.catalog(req.catalog_id)
        self.heading.setText(f"{cat.name} · {req.ref}  {req.display_title(lang)}")
        self.summary.setText(text(req.summary, lang))
        qs = req.questions.get(lang) or req.questions.get("en") or []
        self.questions.setText("\n".join(f"• {q}" for q in qs))
        self.result.setCurrentIndex(self.result.findData(answer.result.value))
        colour = result_colour(answer.result)
        self.result.setStyleSheet(f"QComboBox {{ background: {colour.name()}; }}" if colour else "")
        self.maturity.setCurrentIndex(self.maturity.findData(answer.maturity))
        show_anchors(self.maturity, req, lang)  # in the list of levels
        self.guidance.show_for(s, req, answer, lang)
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
        self._show_links(answer)
        self.baseline.show_item(self.key)

    def _offer_names(self) -> None:
        """The interviewees named so far, collected when the field is entered (not for every
        item shown: that would walk all answers on each step through the list)."""
        self._names.setStringList(sorted({a.interviewee for a in self.session.answers.values()
                                          if a.interviewee}))

    def _on_edit(self, edit) -> None:
        if edit.origin is self or self.key is None:
            return
        if not self.isVisible():  # behind interview mode: shown again up to date
            self._stale = True
            return
        keys = edit.answer_keys
        if self.key in keys or any(p.key in keys for p in self.session.hs_partners(self.key)):
            self.refresh()

    def showEvent(self, event) -> None:
        if self._stale:
            self.refresh()
        super().showEvent(event)

    def _clear(self) -> None:
        """No item: empty fields (touching only what is not empty yet, so that filtering with
        nothing selected repaints nothing here)."""
        self.heading.setText(tr("Select an item in the checklist."))
        for w in (self.summary, self.questions, self.link_label, self.interviewee,
                  self.client_comment):
            if w.text():
                w.clear()
        self.guidance.show_for(self.session, None, None, "")
        for w in (self.findings, self.evidence):
            if w.toPlainText():
                w.clear()
        for combo in (self.result, self.maturity, self.finding_type):
            if combo.currentIndex() != -1:
                combo.setCurrentIndex(-1)
        if self.result.styleSheet():
            self.result.setStyleSheet("")
        if self.assessed_on.date() != self.assessed_on.minimumDate():
            self.assessed_on.setDate(self.assessed_on.minimumDate())
        self.link_button.hide()
        self.baseline.show_item(None)

    def _show_links(self, answer) -> None:
        s = self.session
        sharing = s.hs_partners(self.key)
        others = [p for p in s.partners(self.key) if not p.follows]
        followers = [a.key for a in s.answers.values() if a.linked_to == self.key]
        lines = []
        if answer.linked_to:
            source = s.requirement(answer.linked_to)
            lines.append("↔ " + tr("Follows the answer of {name} {ref} (Harmonized Structure). "
                                   "Editing it here makes it this standard's own answer.").format(
                name=s.catalog(source.catalog_id).name, ref=source.ref))
            self.link_button.setText(tr("Unlink"))
            self.link_button.show()
        elif sharing:
            names = ", ".join(f"{s.catalog(p.catalog_id).name} {p.ref}" for p in sharing)
            linked = tr(" Linked: {n}.").format(n=len(followers)) if followers else ""
            lines.append("↔ " + tr("Same Harmonized Structure clause in: {names}.").format(
                names=names) + linked)
            self.link_button.setText(tr("Apply to other standards"))
            self.link_button.show()
        else:
            self.link_button.hide()
        part_of = [p.requirement for p in others if p.kind == "same"]
        related = [p.requirement for p in others if p.kind != "same"]
        if part_of:  # this item covers only part of a clause that is judged as a whole there
            lines.append(tr("Part of: {names} (judged there as a whole).").format(
                names=", ".join(f"{s.catalog(r.catalog_id).name} {r.ref}" for r in part_of)))
        if related:
            lines.append(tr("Related: {names}.").format(
                names=", ".join(f"{s.catalog(r.catalog_id).name} {r.ref}" for r in related)))
        self.link_label.setText("\n".join(lines))

    # ------------------------------------------------------------------------- commits
    def _commit_choice(self, name: str, value) -> None:
        if self._loading or self.key is None:
            return
        self.commit_text()
        fields = {name: value}
        key = self.key
        self.perform(lambda: self.session.set_answer(key, **fields))
        self.refresh()  # its colour, and the date a first result stamps

    def _commit_date(self) -> None:
        if self._loading or self.key is None:
            return
        qd = self.assessed_on.date()
        value = None if qd == self.assessed_on.minimumDate() else date(qd.year(), qd.month(), qd.day())
        if value != self.session.answer(self.key).assessed_on:
            key = self.key
            self.perform(lambda: self.session.set_answer(key, assessed_on=value))
            self.refresh()

    def _typing(self, name: str) -> None:
        if not self._loading:
            self._typed.add(name)
            self._timer.start()

    def _text(self, name: str) -> str:
        widget = getattr(self, name)
        return widget.text() if name == "interviewee" else widget.toPlainText()

    def _unsaved(self, name: str) -> bool:
        """Typed here and not yet saved. Only typing counts: a field that merely shows an older
        value (the panel is not refreshed while interview mode hides it) is never written."""
        return (self.key is not None and name in self._typed
                and self._text(name) != getattr(self.session.answer(self.key), name))

    def commit_text(self) -> None:
        """Write typed text that differs from the stored answer. Each field's typing on one
        item joins its earlier saves into one undo step."""
        self._timer.stop()
        if self._loading or self.key is None or self.session.read_only:
            return
        key = self.key
        for name in TEXT_FIELDS:
            if self._unsaved(name):
                value = self._text(name)
                saved = self.perform(lambda n=name, v=value: self.session.set_answer(
                    key, group=text_group(n, key), **{n: v}))
                self._typed.discard(name)
                if saved and name != "interviewee":  # the field's Ctrl+Z: typing since this save
                    getattr(self, name).document().clearUndoRedoStacks()
                if saved:  # re-verified now, and the baseline's finding differs from this one
                    self.baseline.show_item(key)

    def _link_clicked(self) -> None:
        if self.key is None:
            return
        self.commit_text()
        key = self.key
        if self.session.answer(key).linked_to:
            self.perform(lambda: self.session.unlink(key))
        else:
            self.perform(lambda: self.session.link_partners(key))
        self.refresh()

"""Interview mode: one item at a time in large type, driven from the keyboard.

Each item goes through three steps, and the step bar always shows which one a key goes to:
  1. result:   1 conform, 2 partially conform, 3 not conform, 0 not applicable, 4 not assessed;
  2. maturity: 0–5 (skipped after n.a. and "not assessed");
  3. note:     every printable key, digits included, is text of the finding.
Enter goes on to the next item not yet assessed (at the end: a summary of the selection),
Tab / Shift+Tab to the next / previous item. F2, or Backspace in an empty note, goes back a step
to correct the result or the maturity. A letter typed in the result or maturity step starts the
note at once. Esc leaves interview mode. So "1", "3", Enter records conform with maturity 3 and
shows the next item: three keystrokes; "2", "2", "3 van de 5 …" is partially conform, maturity
2 and the note "3 van de 5 …".

The note is saved while typing (a pause of TYPING_PAUSE_MS) and when leaving the item; all saves
of one note are one undo step. Typing into an item that has a finding starts a new line.
"""
from __future__ import annotations

from enum import Enum

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from isodesk.app.followup import baseline_of
from isodesk.app.session import ProjectSession
from isodesk.domain.model import text
from isodesk.domain.scales import DEFAULT_MATURITY_LABELS, Result
from isodesk.gui.answer_panel import TYPING_PAUSE_MS, text_group
from isodesk.gui.baseline_box import baseline_line
from isodesk.gui.evidence import EvidenceCount, EvidenceInput
from isodesk.gui.guidance import GuidanceLabel, anchor_lines
from isodesk.gui.style import enlarge_font, result_colour
from isodesk.gui.text_fields import ProjectTextEdit
from isodesk.support.i18n import N_, plural, tr

RESULT_KEYS = {Qt.Key.Key_1: Result.CONFORM, Qt.Key.Key_2: Result.PARTIAL,
               Qt.Key.Key_3: Result.NONCONFORM, Qt.Key.Key_0: Result.NA, Qt.Key.Key_4: Result.OPEN}
DIGITS = {getattr(Qt.Key, f"Key_{n}"): n for n in range(10)}
PLAIN = Qt.KeyboardModifier.NoModifier | Qt.KeyboardModifier.KeypadModifier | Qt.KeyboardModifier.ShiftModifier


class Step(Enum):
    RESULT = N_("Result")
    MATURITY = N_("Maturity")
    NOTE = N_("Note")


def needs_maturity(result: Result) -> bool:
    return result in (Result.CONFORM, Result.PARTIAL, Result.NONCONFORM)


def first_step(answer) -> Step:
    """Where an item starts: the first thing it still lacks, else its note. A carried-over
    answer waiting for re-verification (a follow-up, a transition) starts at its result:
    pressing it again confirms it."""
    if answer.result is Result.OPEN or answer.reverify:
        return Step.RESULT
    if needs_maturity(answer.result) and answer.maturity is None:
        return Step.MATURITY
    return Step.NOTE


def _printable(event: QKeyEvent) -> bool:
    return bool(event.text()) and event.text().isprintable() and not (event.modifiers() & ~PLAIN)


class _NoteEdit(ProjectTextEdit):
    """The note box: text keys are the note's; the keys that move on go to the view."""

    finished = Signal()  # Enter: save and go on
    navigate = Signal(int)  # Tab / Shift+Tab
    back = Signal()  # Backspace in an empty note, F2
    leave = Signal()  # Esc
    refused = Signal()  # typing in a read-only project

    def __init__(self, parent=None):
        super().__init__(parent)
        self.new_line_first = False  # the next typed text starts a new line of the finding

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        shift = event.modifiers() & Qt.KeyboardModifier.ShiftModifier
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not shift:
            self.finished.emit()
        elif key == Qt.Key.Key_Escape:
            self.leave.emit()
        elif key == Qt.Key.Key_Tab:
            self.navigate.emit(1)
        elif key == Qt.Key.Key_Backtab:
            self.navigate.emit(-1)
        elif key == Qt.Key.Key_F2 or (key == Qt.Key.Key_Backspace and not self.toPlainText()):
            self.back.emit()
        elif self.isReadOnly() and _printable(event):
            self.refused.emit()
        else:
            if self.new_line_first and _printable(event):
                self.moveCursor(self.textCursor().MoveOperation.End)
                self.insertPlainText("\n")
            if event.text() or key in (Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Up,
                                       Qt.Key.Key_Down, Qt.Key.Key_Home, Qt.Key.Key_End):
                self.new_line_first = False  # typed, or the cursor was put somewhere on purpose
            super().keyPressEvent(event)

    def mousePressEvent(self, event) -> None:
        self.new_line_first = False
        super().mousePressEvent(event)


class InterviewView(QWidget):
    leave_requested = Signal()
    item_changed = Signal(str)
    dashboard_requested = Signal()
    report_requested = Signal()

    def __init__(self, session: ProjectSession, events, perform, parent=None):
        super().__init__(parent)
        self.session = session
        self._perform = perform
        self.keys: list[str] = []
        self._selected: set[str] = set()
        self._done = 0
        self.position = 0
        self.step = Step.RESULT
        self.finished = False  # the summary at the end of the selection is shown
        self._loading = False
        self._typed = False  # the note box holds typing not yet saved
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

        self.pages = QStackedWidget()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 24, 48, 24)
        layout.addWidget(self.pages)
        item = QWidget()
        item_layout = QVBoxLayout(item)
        item_layout.setContentsMargins(0, 0, 0, 0)
        self.progress = QLabel()
        self.heading = QLabel()
        self.shared = QLabel()  # the linked clauses of the other standards this answer serves
        self.summary = QLabel()
        self.questions = QLabel()
        self.guidance = GuidanceLabel()  # note, verify, the other edition (gui/guidance.py)
        self.anchors = QLabel()  # the maturity anchors, in the maturity step
        self.status = QLabel()
        self.baseline = QLabel()  # a follow-up's baseline for the item, in one line
        self.evidence = EvidenceCount(session, events)  # files dropped or pasted here attach
        self.note = _NoteEdit()
        self.note.unsaved = self._note_unsaved
        self.steps = [QLabel() for _ in Step]
        self.step_keys = QLabel()  # what the keys do in the current step
        self.hint = QLabel()
        self._style(((self.progress, 1.0, False), (self.heading, 1.9, True), (self.shared, 1.1, False),
                     (self.summary, 1.35, False), (self.questions, 1.35, False),
                     (self.status, 1.6, True), (self.baseline, 1.1, False),
                     (self.evidence, 1.1, False),
                     (self.step_keys, 1.2, False), (self.hint, 1.0, False),
                     (self.guidance, 1.1, False), (self.anchors, 1.1, False),
                     *((label, 1.2, True) for label in self.steps)))
        enlarge_font(self.note, 1.35)
        self.note.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.note.setMaximumHeight(260)
        for w in (self.progress, self.heading, self.shared, self.summary, self.questions,
                  self.guidance, self.status, self.baseline, self.evidence):
            item_layout.addWidget(w)
        bar = QHBoxLayout()
        for label in self.steps:
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            bar.addWidget(label, 1)
        item_layout.addLayout(bar)
        item_layout.addWidget(self.step_keys)
        item_layout.addWidget(self.anchors)
        item_layout.addWidget(self.note)
        item_layout.addStretch()
        item_layout.addWidget(self.hint)
        self.pages.addWidget(item)

        self.done_page = QLabel()
        self.done_page.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.done_page.setWordWrap(True)
        self._style(((self.done_page, 1.5, False),))
        self.pages.addWidget(self.done_page)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(TYPING_PAUSE_MS)
        self._timer.timeout.connect(self.save_note)
        self.note.textChanged.connect(self._typing)
        self.note.finished.connect(self._note_finished)
        self.note.navigate.connect(lambda step: self.go(self.position + step))
        self.note.back.connect(self.step_back)
        self.note.leave.connect(self._leave)
        self.note.refused.connect(self._refuse)
        events.edited.connect(self._on_edit)
        EvidenceInput(self, session, lambda fn: perform(fn, origin=self),
                      lambda: self.key if self.keys and not self.finished else None).watch(
            self, self.note)

    @staticmethod
    def _style(labels) -> None:
        for label, scale, bold in labels:
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.PlainText)
            enlarge_font(label, scale, bold=bold)

    # ---------------------------------------------------------------------------- items
    def start(self, keys: list[str], current: str | None = None) -> None:
        self.keys = keys
        # "n assessed" is kept up to date from the edits, not counted over 5,000 items per key.
        self._selected = set(keys)
        answers = self.session.answers
        self._done = sum(1 for k in keys if k in answers and answers[k].result is not Result.OPEN)
        if current in keys:
            self.position = keys.index(current)
        else:
            self.position = self._next_open(-1)
            if self.position is None:
                self.position = 0
        self._enter_item()

    @property
    def key(self) -> str | None:
        return self.keys[self.position] if self.keys else None

    def _next_open(self, start: int) -> int | None:
        """The next item not yet assessed (or carried over and not yet re-verified) after
        ``start``, going round; None when all are."""
        answers = self.session.answers
        n = len(self.keys)
        for i in range(1, n + 1):
            position = (start + i) % n
            answer = answers.get(self.keys[position])
            if answer is None or answer.result is Result.OPEN or answer.reverify:
                return position
        return None

    def go(self, position: int) -> None:
        self.save_note()
        if not self.keys:
            return
        self.position = max(0, min(position, len(self.keys) - 1))
        self._enter_item()
        self.item_changed.emit(self.key)

    def next_unanswered(self) -> None:
        self.save_note()
        position = self._next_open(self.position)
        if position is None:
            self._show_finished()
        else:
            self.go(position)

    def _enter_item(self) -> None:
        self.finished = False
        self.pages.setCurrentIndex(0)
        if self.keys:
            self.step = first_step(self.session.answer(self.key))
        self.refresh()
        self._focus_step()

    def _focus_step(self) -> None:
        if self.step is Step.NOTE and self.keys and not self.session.read_only:
            self.note.setFocus()
            self.note.moveCursor(self.note.textCursor().MoveOperation.End)
            self.note.new_line_first = bool(self.note.toPlainText())
        else:
            self.setFocus()

    def set_step(self, step: Step) -> None:
        self.step = step
        self._show_steps()
        self._focus_step()

    def step_back(self) -> None:
        """F2 or Backspace in an empty note: back to the maturity (when it has one) or result."""
        self.save_note()
        answer = self.session.answer(self.key)
        if self.step is Step.NOTE and needs_maturity(answer.result):
            self.set_step(Step.MATURITY)
        else:
            self.set_step(Step.RESULT)

    # ---------------------------------------------------------------------------- display
    def refresh(self) -> None:
        if self.finished:
            self._show_finished()
            return
        for w in (*self.steps, self.step_keys, self.note, self.status, self.evidence):
            w.setVisible(bool(self.keys))
        if not self.keys:
            self.heading.setText(tr("No items match the current filter."))
            for w in (self.progress, self.shared, self.summary, self.questions, self.baseline):
                w.clear()
            self.guidance.hide()
            self.anchors.hide()
            self.hint.setText(tr("Esc back to the checklist"))
            return
        s = self.session
        lang = s.info.language
        req = s.requirement(self.key)
        answer = s.answer(self.key)
        self.progress.setText(tr("Item {n} of {total} · {done} assessed · {name}").format(
            n=self.position + 1, total=len(self.keys), done=self._done, name=s.catalog(req.catalog_id).name))
        self.heading.setText(f"{req.ref}  {req.display_title(lang)}")
        self.shared.setText(self._shared_text())
        self.summary.setText(text(req.summary, lang))
        qs = req.questions.get(lang) or []
        self.questions.setText("\n".join(f"• {q}" for q in qs))
        self.guidance.show_for(s, req, answer, lang)
        maturity = "—" if answer.maturity is None else (
            f"{answer.maturity} – {(list(s.info.maturity_labels) or DEFAULT_MATURITY_LABELS[lang])[answer.maturity]}")
        self.status.setText(f"{answer.result.label(lang)}   ·   {tr('Maturity')}: {maturity}")
        self.evidence.show_item(self.key)
        colour = result_colour(answer.result)
        style = f"background: {colour.name()}; padding: 6px;" if colour else "padding: 6px;"
        if self.status.styleSheet() != style:
            self.status.setStyleSheet(style)
        line = baseline_line(baseline_of(s), self.key, lang, answer)
        if answer.reverify:
            line = "↻ " + tr("Not yet re-verified: press its result to confirm it.") + "\n" + line
        self.baseline.setText(line)
        self.baseline.setVisible(bool(line))
        if self.note.toPlainText() != answer.findings:
            self._loading = True
            self.note.setPlainText(answer.findings)
            self._loading = False
        self._typed = False
        self.note.setReadOnly(s.read_only)
        self.note.setPlaceholderText(tr("Type the note for this item; it is saved as you type."))
        self._show_steps()

    def _shared_text(self) -> str:
        """"Also ISO 14001 9.2.2, ISO 45001 9.2.2": the linked clauses this answer serves (they
        follow it, or will when they get no answer of their own)."""
        s = self.session
        partners = s.hs_partners(self.key)
        if not partners:
            return ""
        own = s.answer(self.key)
        if own.linked_to:
            source = s.requirement(own.linked_to)
            return "↔ " + tr("Follows {standard} {ref}").format(
                standard=s.catalog(source.catalog_id).standard, ref=source.ref)
        served, apart = [], []
        for p in partners:
            answer = s.answer(p.key)
            follows = answer.linked_to == self.key or (s.shares_answers and answer.is_blank)
            (served if follows else apart).append(f"{s.catalog(p.catalog_id).standard} {p.ref}")
        parts = []
        if served:
            parts.append(tr("also {items}").format(items=", ".join(served)))
        if apart:
            parts.append(tr("own answer: {items}").format(items=", ".join(apart)))
        return "↔ " + " · ".join(parts)

    def _show_steps(self) -> None:
        answer = self.session.answer(self.key) if self.keys else None
        skip_maturity = answer is not None and answer.result is not Result.OPEN and not needs_maturity(answer.result)
        palette = self.palette()
        for number, (step, label) in enumerate(zip(Step, self.steps), start=1):
            active = step is self.step
            label.setText(f"{number}  {tr(step.value)}")
            if active:
                style = (f"background: {palette.highlight().color().name()}; "
                         f"color: {palette.highlightedText().color().name()}; padding: 4px; border-radius: 4px;")
            elif step is Step.MATURITY and skip_maturity:
                style = "color: palette(mid); padding: 4px;"
            else:
                style = "padding: 4px; border: 1px solid palette(mid); border-radius: 4px;"
            if label.styleSheet() != style:
                label.setStyleSheet(style)
        if self.session.read_only:
            keys = tr("This project is open read-only: nothing can be changed. "
                      "Enter, Tab and Shift+Tab move through the items.")
        elif self.step is Step.RESULT:
            keys = tr("Press 1 conform · 2 partially conform · 3 not conform · 0 not applicable · "
                      "4 not assessed · a letter starts the note")
        elif self.step is Step.MATURITY:
            keys = tr("Press 0–5 for the maturity · a letter starts the note · Backspace back to the result")
        else:
            keys = tr("Every key is text of the note, digits too · F2 or Backspace in an empty note "
                      "corrects result and maturity")
        self.step_keys.setText(keys)
        self.step_keys.setStyleSheet("color: #b00020;" if self.session.read_only else "")
        # what levels 1, 3 and 5 look like, while the maturity is being chosen
        anchors = (anchor_lines(self.session.requirement(self.key), self.session.info.language)
                   if self.keys and self.step is Step.MATURITY else [])
        self.anchors.setText("\n".join(anchors))
        self.anchors.setVisible(bool(anchors))
        self.hint.setText(tr("Enter next item not yet assessed · Tab / Shift+Tab next / previous · "
                             "Shift+Enter new line · Esc back to the checklist"))

    def _show_finished(self) -> None:
        """All items of the selection are assessed: say so, with the counts and what next."""
        self.finished = True
        lang = self.session.info.language
        answers = self.session.answers
        counts = {r: 0 for r in Result}
        for k in self.keys:
            answer = answers.get(k)
            counts[answer.result if answer else Result.OPEN] += 1
        lines = [plural(len(self.keys), N_("The {n} item of this selection is assessed."),
                        N_("All {n} items of this selection are assessed.")), ""]
        lines += [f"{r.label(lang)}: {counts[r]}" for r in Result if counts[r]]
        lines += ["", tr("D dashboard · R report (PDF) · ↑ or Shift+Tab back to the last item · "
                         "Esc back to the checklist")]
        self.done_page.setText("\n".join(lines))
        self.pages.setCurrentIndex(1)
        self.setFocus()

    def _refuse(self) -> None:
        """Typing in a read-only project: say so where the eye is, instead of taking the text."""
        self.step_keys.setText(tr("This project is open read-only: nothing you type can be saved."))
        self.step_keys.setStyleSheet("color: #b00020; font-weight: bold;")

    # ------------------------------------------------------------------------- keyboard
    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key == Qt.Key.Key_Escape:
            self._leave()
        elif not self.keys:
            return
        elif self.finished:
            self._finished_key(event)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.next_unanswered()
        elif key == Qt.Key.Key_Tab or key == Qt.Key.Key_Down:
            self.go(self.position + 1)
        elif key == Qt.Key.Key_Backtab or key == Qt.Key.Key_Up:
            self.go(self.position - 1)
        elif key in (Qt.Key.Key_F2, Qt.Key.Key_Backspace):
            if self.step is Step.MATURITY:
                self.set_step(Step.RESULT)
        elif not _printable(event):
            super().keyPressEvent(event)
        elif self.session.read_only:
            self._refuse()
        elif key in DIGITS and self.step is Step.RESULT and key in RESULT_KEYS:
            result = RESULT_KEYS[key]
            self._set(result=result)
            self.set_step(Step.MATURITY if needs_maturity(result) else Step.NOTE)
        elif key in DIGITS and self.step is Step.MATURITY:
            if DIGITS[key] <= 5:
                self._set(maturity=DIGITS[key])
                self.set_step(Step.NOTE)
        elif key in DIGITS and self.step is Step.RESULT:
            pass  # 5–9 are no result; the step bar says which keys are
        else:
            if self.step is not Step.NOTE:
                self.set_step(Step.NOTE)
            self.note.keyPressEvent(event)

    def _finished_key(self, event: QKeyEvent) -> None:
        key = event.key()
        if key == Qt.Key.Key_D:
            self.dashboard_requested.emit()
        elif key == Qt.Key.Key_R:
            self.report_requested.emit()
        elif key in (Qt.Key.Key_Up, Qt.Key.Key_Backtab):
            self._enter_item()

    def focusNextPrevChild(self, next_: bool) -> bool:
        return False  # Tab is ours: "next item", not "next widget"

    def _leave(self) -> None:
        self.save_note()
        self.leave_requested.emit()

    # -------------------------------------------------------------------------- editing
    def _set(self, **fields) -> None:
        key = self.key
        self.save_note()
        if self._perform(lambda: self.session.set_answer(key, **fields), origin=self):
            self.refresh()

    def _note_unsaved(self) -> bool:
        """Typed and not yet saved. Only typing counts: while interview mode is hidden the box
        may show an older note, which must never be written back."""
        return (self._typed and bool(self.keys)
                and self.note.toPlainText() != self.session.answer(self.key).findings)

    def _typing(self) -> None:
        if not self._loading:
            self._typed = True
            self._timer.start()

    def save_note(self) -> None:
        """Write the note when it differs from the stored finding (one undo step per note)."""
        self._timer.stop()
        if not self.keys or self.session.read_only or not self._note_unsaved():
            return
        key, note = self.key, self.note.toPlainText()
        self._typed = False
        if self._perform(lambda: self.session.set_answer(key, group=text_group("findings", key), findings=note),
                         origin=self):
            # The box's own Ctrl+Z now covers typing after this save only; what is saved is
            # the project's Undo.
            self.note.document().clearUndoRedoStacks()

    def _note_finished(self) -> None:
        self.next_unanswered()

    def _on_edit(self, edit) -> None:
        for change in edit.changes:
            record = change.after if change.after is not None else change.before
            if getattr(record, "key", None) in self._selected and hasattr(record, "result"):
                was = change.before is not None and change.before.result is not Result.OPEN
                now = change.after is not None and change.after.result is not Result.OPEN
                self._done += int(now) - int(was)
        if edit.origin is self or not self.isVisible():
            return
        if self.keys and self.key in edit.answer_keys:
            self.step = first_step(self.session.answer(self.key)) if self.step is not Step.NOTE else self.step
        self.refresh()

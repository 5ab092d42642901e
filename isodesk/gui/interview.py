"""Interview mode: one item at a time in large type, driven from the keyboard.

Keys (command mode): 1 conform, 2 partially conform, 3 not conform, 0 not applicable,
4 not assessed; the next digit after a result sets the maturity (0–5). Enter or Tab goes on to
the next unanswered item, Shift+Tab / Up go back, Down goes forward. Any letter starts the
note: the text goes into the findings (Enter saves the note and goes on, Shift+Enter is a new
line, Esc ends the note). Esc in command mode leaves interview mode.
So "1", "3", Enter records conform with maturity 3 and shows the next item: three keystrokes.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QSizePolicy, QVBoxLayout, QWidget

from isodesk.app.session import ProjectSession
from isodesk.domain.model import text
from isodesk.domain.scales import DEFAULT_MATURITY_LABELS, Result
from isodesk.gui.style import result_colour
from isodesk.support.i18n import tr

RESULT_KEYS = {Qt.Key.Key_1: Result.CONFORM, Qt.Key.Key_2: Result.PARTIAL,
               Qt.Key.Key_3: Result.NONCONFORM, Qt.Key.Key_0: Result.NA, Qt.Key.Key_4: Result.OPEN}
DIGITS = {getattr(Qt.Key, f"Key_{n}"): n for n in range(10)}


class _NoteEdit(QPlainTextEdit):
    finished = Signal(bool)  # True: go on to the next item

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not (
                event.modifiers() & Qt.KeyboardModifier.ShiftModifier):
            self.finished.emit(True)
            return
        if event.key() == Qt.Key.Key_Escape:
            self.finished.emit(False)
            return
        super().keyPressEvent(event)


class InterviewView(QWidget):
    leave_requested = Signal()
    item_changed = Signal(str)

    def __init__(self, session: ProjectSession, perform, parent=None):
        super().__init__(parent)
        self.session = session
        self.perform = perform
        self.keys: list[str] = []
        self.position = 0
        self._awaiting_maturity = False
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 24, 48, 24)
        self.progress = QLabel()
        self.heading = QLabel()
        self.summary = QLabel()
        self.questions = QLabel()
        self.status = QLabel()
        self.note = _NoteEdit()
        self.hint = QLabel()
        for label, scale, bold in ((self.progress, 1.0, False), (self.heading, 1.9, True),
                                   (self.summary, 1.35, False), (self.questions, 1.35, False),
                                   (self.status, 1.6, True), (self.hint, 1.0, False)):
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.PlainText)
            font = label.font()
            font.setPointSizeF(font.pointSizeF() * scale)
            font.setBold(bold)
            label.setFont(font)
        font = self.note.font()
        font.setPointSizeF(font.pointSizeF() * 1.35)
        self.note.setFont(font)
        self.note.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.note.finished.connect(self._note_finished)
        for w in (self.progress, self.heading, self.summary, self.questions, self.status):
            layout.addWidget(w)
        self.note.setMaximumHeight(260)
        layout.addWidget(self.note)
        layout.addStretch()
        layout.addWidget(self.hint)

    # ---------------------------------------------------------------------------- items
    def start(self, keys: list[str], current: str | None = None) -> None:
        self.keys = keys
        if current in keys:
            self.position = keys.index(current)
        else:
            self.position = self._next_open(-1)
        self._awaiting_maturity = False
        self.refresh()
        self.setFocus()

    @property
    def key(self) -> str | None:
        return self.keys[self.position] if self.keys else None

    def _next_open(self, start: int) -> int:
        for i in range(start + 1, len(self.keys)):
            if self.session.answer(self.keys[i]).result is Result.OPEN:
                return i
        return min(start + 1, len(self.keys) - 1) if self.keys else 0

    def go(self, position: int) -> None:
        self._save_note()
        if not self.keys:
            return
        self.position = max(0, min(position, len(self.keys) - 1))
        self._awaiting_maturity = False
        self.refresh()
        self.item_changed.emit(self.key)
        self.setFocus()

    def next_unanswered(self) -> None:
        self.go(self._next_open(self.position))

    def refresh(self) -> None:
        if not self.keys:
            self.heading.setText(tr("No items match the current filter."))
            return
        s = self.session
        lang = s.info.language
        req = s.requirement(self.key)
        answer = s.answer(self.key)
        done = sum(1 for k in self.keys if s.answer(k).result is not Result.OPEN)
        self.progress.setText(tr("Item {n} of {total} · {done} assessed · {name}").format(
            n=self.position + 1, total=len(self.keys), done=done, name=s.catalog(req.catalog_id).name))
        self.heading.setText(f"{req.ref}  {text(req.title, lang)}")
        self.summary.setText(text(req.summary, lang))
        qs = req.questions.get(lang) or []
        self.questions.setText("\n".join(f"• {q}" for q in qs))
        maturity = "—" if answer.maturity is None else (
            f"{answer.maturity} – {(list(s.info.maturity_labels) or DEFAULT_MATURITY_LABELS[lang])[answer.maturity]}")
        self.status.setText(f"{answer.result.label(lang)}   ·   {tr('Maturity')}: {maturity}")
        colour = result_colour(answer.result)
        self.status.setStyleSheet(f"background: {colour.name()}; padding: 6px;" if colour else "padding: 6px;")
        if self.note.toPlainText() != answer.findings:
            self.note.setPlainText(answer.findings)
        self.note.setPlaceholderText(tr("Start typing to write a note for this item."))
        self.hint.setText(tr("1 conform · 2 partial · 3 not conform · 0 n/a · 4 not assessed · then 0–5 "
                             "maturity · Enter next open item · type to add a note · Esc leave"))

    # ------------------------------------------------------------------------- keyboard
    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        mods = event.modifiers()
        if not self.keys:
            if key == Qt.Key.Key_Escape:
                self.leave_requested.emit()
            return
        if key in DIGITS and not mods & ~Qt.KeyboardModifier.KeypadModifier:
            if self._awaiting_maturity and DIGITS[key] <= 5:
                self._set(maturity=DIGITS[key])
            elif key in RESULT_KEYS:
                result = RESULT_KEYS[key]
                self._set(result=result)
                self._awaiting_maturity = result not in (Result.NA, Result.OPEN)
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab):
            self.next_unanswered()
        elif key == Qt.Key.Key_Backtab or key == Qt.Key.Key_Up:
            self.go(self.position - 1)
        elif key == Qt.Key.Key_Down:
            self.go(self.position + 1)
        elif key == Qt.Key.Key_Escape:
            self._save_note()
            self.leave_requested.emit()
        elif event.text() and event.text().isprintable() and not mods & (
                Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier):
            self.note.setFocus()
            self.note.moveCursor(self.note.textCursor().MoveOperation.End)
            self.note.insertPlainText(event.text())
        else:
            super().keyPressEvent(event)

    def focusNextPrevChild(self, next_: bool) -> bool:
        return False  # Tab is ours: "next item", not "next widget"

    def _set(self, **fields) -> None:
        if self.session.read_only:
            return
        key = self.key
        self.perform(lambda: self.session.set_answer(key, **fields))
        self.refresh()

    def _save_note(self) -> None:
        if not self.keys or self.session.read_only:
            return
        note = self.note.toPlainText()
        if note != self.session.answer(self.key).findings:
            key = self.key
            self.perform(lambda: self.session.set_answer(key, findings=note))

    def _note_finished(self, go_on: bool) -> None:
        self._save_note()
        self.setFocus()
        if go_on:
            self.next_unanswered()

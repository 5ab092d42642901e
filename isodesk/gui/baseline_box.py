"""The baseline beside an item: what the baseline assessment (nulmeting) found, read-only, and
whether the carried-over answer is re-verified yet, with a button that confirms it unchanged.

Shown in the answer panel of a follow-up (``app/followup.py``); interview mode shows the same in
one line (``baseline_line``). The source is anything with ``answer(key) -> Answer | None`` and a
``day``: a follow-up's ``Baseline`` by default; a transition can pass its own, e.g. the old
edition's answers an item continues, and gets the same display.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from isodesk.app.followup import baseline_of
from isodesk.app.session import ProjectSession
from isodesk.domain.model import Answer
from isodesk.domain.scales import Result
from isodesk.gui.style import result_colour
from isodesk.support.i18n import format_date, tr

FINDING_CHARS = 280  # the baseline's finding is cut here in the panel; its tool tip has it all


def judgement(answer: Answer, lang: str) -> str:
    """"Voldoet deels · volwassenheid 2" (the result, and the maturity when there is one)."""
    if answer.maturity is None:
        return answer.result.label(lang)
    return tr("{result} · maturity {maturity}").format(result=answer.result.label(lang),
                                                      maturity=answer.maturity)


def baseline_line(source, key: str, lang: str, now: Answer | None = None) -> str:
    """The baseline of ``key`` in one line (interview mode), its finding's first line unless it
    is the finding ``now`` has too; "" without a baseline."""
    if source is None:
        return ""
    then = source.answer(key)
    if then is None:
        what = tr("not part of the baseline")
    elif then.result is Result.OPEN and then.maturity is None:
        what = tr("not assessed")
    else:
        same = now is not None and now.findings.strip() == then.findings.strip()
        first = "" if same else then.findings.strip().split("\n", 1)[0]
        what = judgement(then, lang) + (f" — {first}" if first else "")
    return tr("Baseline ({date}): {what}").format(date=format_date(source.day), what=what)


class BaselineBox(QFrame):
    def __init__(self, session: ProjectSession, perform, source=None, parent=None):
        super().__init__(parent)
        self.session = session
        self.perform = perform
        self._source = source
        self.key: str | None = None
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.setSpacing(2)
        self.heading = QLabel()
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setWordWrap(True)
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.finding = QLabel()
        self.finding.setTextFormat(Qt.TextFormat.PlainText)
        self.finding.setWordWrap(True)
        self.finding.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.state = QLabel()
        self.state.setTextFormat(Qt.TextFormat.PlainText)
        self.state.setWordWrap(True)
        self.confirm = QPushButton()
        self.confirm.clicked.connect(self._confirm)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.state, 1)
        row.addWidget(self.confirm)
        for w in (self.heading, self.finding):
            layout.addWidget(w)
        layout.addLayout(row)
        self.setVisible(False)

    @property
    def source(self):
        """The baseline (read once, when the first item is shown: not while the window opens)."""
        return self._source if self._source is not None else baseline_of(self.session)

    def show_item(self, key: str | None) -> None:
        """Show the baseline of ``key`` (hidden without a baseline or an item)."""
        self.key = key
        if key is None or self.source is None:
            self.setVisible(False)
            return
        lang = self.session.info.language
        then = self.source.answer(key)
        day = format_date(self.source.day)
        now = self.session.answer(key)
        if then is None:
            self.heading.setText(tr("Baseline ({date}): not part of it").format(date=day))
            finding = ""
        elif then.result is Result.OPEN and then.maturity is None:
            self.heading.setText(tr("Baseline ({date}): not assessed").format(date=day))
            finding = then.findings.strip()
        else:
            self.heading.setText(tr("Baseline ({date}): {judgement}").format(
                date=day, judgement=judgement(then, lang)))
            finding = then.findings.strip()
        if finding == now.findings.strip():
            finding = ""  # the same as the finding below: not twice (the box stays small)
        cut = finding if len(finding) <= FINDING_CHARS else finding[:FINDING_CHARS - 1] + "…"
        self.finding.setText(cut)
        self.finding.setToolTip(finding if cut != finding else "")
        self.finding.setVisible(bool(finding))
        colour = result_colour(then.result) if then is not None else None
        self.heading.setStyleSheet(f"background: {colour.name()}; padding: 2px 4px;"
                                   if colour else "padding: 2px 4px;")
        if now.reverify:
            self.state.setText("↻ " + tr("Not yet re-verified."))
            self.state.setStyleSheet("color: #8a4b00;")
        elif now.is_blank:  # nothing carried and nothing assessed yet: nothing was re-verified
            self.state.setText(tr("Not assessed yet in this follow-up."))
            self.state.setStyleSheet("")
        elif then is not None and (then.result, then.maturity) != (now.result, now.maturity):
            self.state.setText("✔ " + tr("Re-verified: changed since the baseline."))
            self.state.setStyleSheet("")
        else:
            self.state.setText("✔ " + tr("Re-verified."))
            self.state.setStyleSheet("")
        self.confirm.setText(tr("Confirm unchanged"))
        self.confirm.setToolTip(tr("The answer still holds as it is: mark it re-verified."))
        self.confirm.setVisible(now.reverify)
        self.confirm.setEnabled(not self.session.read_only)
        self.setVisible(True)

    def _confirm(self) -> None:
        key = self.key
        if key is not None:  # a follower is confirmed through its source (answer_edit)
            self.perform(lambda: self.session.set_answer(key, reverify=False))

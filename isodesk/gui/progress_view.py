"""Progress since the baseline (a follow-up's tab beside the dashboard): per standard the
compliance and maturity then and now, and per chapter a bar for the baseline beside a bar for
now. Recomputed from the session's snapshot when shown after edits (``domain/progress.py``)."""
from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from isodesk.app.followup import Baseline
from isodesk.app.session import ProjectSession
from isodesk.domain.model import Action
from isodesk.domain.progress import Comparison, ScorePair, StandardProgress, compare
from isodesk.gui.overview_area import OverviewArea
from isodesk.gui.style import enlarge_font, score_colour
from isodesk.support.i18n import N_, format_date, format_number, half_up, plural, tr

BASELINE_COLOUR = "#9aa3ad"


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{half_up(value, 0)}%"  # as the dashboard and report


def _mat(value: float | None) -> str:
    return "–" if value is None else format_number(value, 1)


def _figure(pair: ScorePair, name: str) -> tuple[float | None, float | None]:
    return tuple(None if sc is None else getattr(sc, name) for sc in (pair.before, pair.after))


class PairChart(QWidget):
    """Per chapter the baseline's compliance (grey) beside today's (coloured by its band)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.chapters: dict[str, ScorePair] = {}
        self.setMinimumHeight(170)
        self.setMouseTracking(True)

    def set_chapters(self, chapters: dict[str, ScorePair]) -> None:
        self.chapters = chapters
        self.update()

    def plot_area(self) -> QRectF:
        return QRectF(self.rect()).adjusted(40, 12, -8, -24)

    def slot_of(self, x: float) -> str | None:
        rect = self.plot_area()
        if not self.chapters or not rect.left() <= x <= rect.right():
            return None
        index = int((x - rect.left()) / (rect.width() / len(self.chapters)))
        return list(self.chapters)[min(index, len(self.chapters) - 1)]

    def paintEvent(self, _event) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        fg = self.palette().color(self.foregroundRole())
        rect = self.plot_area()
        grid = QColor(fg)
        grid.setAlpha(50)
        for pct in (0, 25, 50, 75, 100):
            y = rect.bottom() - rect.height() * pct / 100
            p.setPen(QPen(grid, 1))
            p.drawLine(QPointF(rect.left(), y), QPointF(rect.right(), y))
            p.setPen(fg)
            p.drawText(QRectF(0, y - 8, 36, 16), Qt.AlignmentFlag.AlignRight, f"{pct}%")
        if not self.chapters:
            return
        slot = rect.width() / len(self.chapters)
        bar = slot * 0.3
        for i, (chapter, pair) in enumerate(self.chapters.items()):
            left = rect.left() + slot * i + (slot - 2 * bar - 2) / 2
            before, after = _figure(pair, "compliance")
            for x, value, colour in ((left, before, QColor(BASELINE_COLOUR)),
                                     (left + bar + 2, after, score_colour(after))):
                if value is not None:
                    top = rect.bottom() - rect.height() * value / 100
                    p.fillRect(QRectF(x, top, bar, rect.bottom() - top), colour)
            p.setPen(fg)
            p.drawText(QRectF(rect.left() + slot * i, rect.bottom() + 4, slot, 18),
                       Qt.AlignmentFlag.AlignHCenter, chapter)

    def mouseMoveEvent(self, event) -> None:
        chapter = self.slot_of(event.position().x())
        if chapter is None:
            QToolTip.hideText()
            return
        pair = self.chapters[chapter]
        (c0, c1), (m0, m1) = _figure(pair, "compliance"), _figure(pair, "maturity")
        QToolTip.showText(event.globalPosition().toPoint(), tr(
            "Chapter {chapter}: compliance {before} → {after}, maturity {mat_before} → "
            "{mat_after}").format(chapter=chapter, before=_pct(c0), after=_pct(c1),
                                  mat_before=_mat(m0), mat_after=_mat(m1)), self)


class StandardProgressCard(QFrame):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        self.title = QLabel()
        enlarge_font(self.title, 1.3, bold=True)
        self.figures = QLabel()
        self.gaps = QLabel()
        self.gaps.setWordWrap(True)
        self.chart = PairChart()
        self.legend = QLabel()
        for w in (self.title, self.figures, self.gaps, self.chart, self.legend):
            layout.addWidget(w)

    def show_standard(self, std: StandardProgress, comparison: Comparison) -> None:
        self.title.setText(std.catalog.name)
        (c0, c1), (m0, m1) = _figure(std.total, "compliance"), _figure(std.total, "maturity")
        colour = score_colour(c1).name()
        self.figures.setText(
            f"{tr('Compliance')}: {_pct(c0)} → <b style='color:{colour}'>{_pct(c1)}</b>"
            f" &nbsp;·&nbsp; {tr('Average maturity')}: {_mat(m0)} → <b>{_mat(m1)}</b>")
        mine = std.catalog.id + ":"
        count = lambda changes: sum(1 for c in changes if c.key.startswith(mine))  # noqa: E731
        parts = [plural(count(comparison.gaps_closed), N_("{n} gap closed"), N_("{n} gaps closed")),
                 tr("{n} still open").format(n=count(comparison.gaps_open)),
                 plural(count(comparison.gaps_new), N_("{n} new gap"), N_("{n} new gaps"))]
        reverify = sum(1 for k in comparison.to_reverify if k.startswith(mine))
        if reverify:
            parts.append(plural(reverify, N_("{n} answer not yet re-verified"),
                                N_("{n} answers not yet re-verified")))
        self.gaps.setText(" · ".join(parts))
        self.chart.set_chapters(std.chapters)
        self.legend.setText(
            f"<span style='color:{BASELINE_COLOUR}'>■</span> {tr('Baseline')} &nbsp; "
            f"<span style='color:{score_colour(90).name()}'>■</span>"
            f"<span style='color:{score_colour(60).name()}'>■</span>"
            f"<span style='color:{score_colour(10).name()}'>■</span> {tr('Now')}"
            f" &nbsp; ({tr('compliance % per chapter')})")


class ProgressView(OverviewArea):
    """The follow-up's progress; ``reverify_requested`` asks for the checklist of the answers
    not yet re-verified."""

    reverify_requested = Signal()

    def __init__(self, session: ProjectSession, events, baseline: Baseline, parent=None):
        super().__init__(parent)
        self.session = session
        self.baseline = baseline
        self.comparison: Comparison | None = None
        events.edited.connect(lambda edit: self.mark_dirty()
                              if edit.answer_keys or edit.touches(Action) else None)
        body = QWidget()
        self.setWidget(body)
        layout = QVBoxLayout(body)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        enlarge_font(self.summary, 1.15)
        self.reverify_button = QPushButton()
        self.reverify_button.clicked.connect(self.reverify_requested.emit)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.reverify_button)
        layout.addLayout(top)
        self.cards: list[StandardProgressCard] = []
        self._cards_layout = QVBoxLayout()
        layout.addLayout(self._cards_layout)
        layout.addStretch()

    def refresh(self) -> None:
        c = self.comparison = compare(self.baseline.data, self.session.snapshot())
        self.summary.setText(tr(
            "Since the baseline of {date}: {closed}, {open} still open, {new}; {actions} done.").format(
            date=format_date(self.baseline.day),
            closed=plural(len(c.gaps_closed), N_("{n} gap closed"), N_("{n} gaps closed")),
            open=len(c.gaps_open),
            new=plural(len(c.gaps_new), N_("{n} new gap"), N_("{n} new gaps")),
            actions=plural(len(c.actions_done), N_("{n} action"), N_("{n} actions"))))
        self.reverify_button.setText(tr("Show answers to re-verify ({n})").format(n=len(c.to_reverify)))
        self.reverify_button.setVisible(bool(c.to_reverify))
        shown = [s for s in c.standards if s.total.after is not None]
        while len(self.cards) < len(shown):
            card = StandardProgressCard()
            self.cards.append(card)
            self._cards_layout.addWidget(card)
        for card, std in zip(self.cards, shown):
            card.show_standard(std, c)
        super().refresh()

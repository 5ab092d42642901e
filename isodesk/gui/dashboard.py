"""Dashboard: per standard the progress, compliance %, average maturity, counts per result, and
a bar chart per chapter (compliance bars, maturity markers). Refreshed when answers change."""
from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from isodesk.app.session import ProjectSession
from isodesk.domain.scales import MATURITY_LEVELS, Result
from isodesk.domain.scoring import Score
from isodesk.gui.guidance import catalog_label
from isodesk.gui.overview_area import OverviewArea
from isodesk.gui.style import CHART_COLOURS, enlarge_font, result_colour, score_colour
from isodesk.support.i18n import format_number, half_up, tr


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{half_up(value, 0)}%"  # as the report rounds: 62.5 → 63


def _mat(value: float | None) -> str:
    return "–" if value is None else format_number(value, 1)


class ChapterChart(QWidget):
    """Compliance per chapter as bars (0–100 %), average maturity as markers (0–5)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.scores: dict[str, Score] = {}
        self.setMinimumHeight(190)

    def set_scores(self, scores: dict[str, Score]) -> None:
        self.scores = scores
        self.update()

    def plot_area(self) -> QRectF:
        return QRectF(self.rect()).adjusted(40, 14, -40, -26)

    @staticmethod
    def compliance_y(rect: QRectF, pct: float) -> float:
        return rect.bottom() - rect.height() * pct / 100

    @staticmethod
    def maturity_y(rect: QRectF, level: float) -> float:
        return rect.bottom() - rect.height() * level / max(MATURITY_LEVELS)

    def paintEvent(self, _event) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        fg = self.palette().color(self.foregroundRole())
        rect = self.plot_area()
        grid = QColor(fg)
        grid.setAlpha(50)
        p.setPen(QPen(grid, 1))
        for pct in (0, 25, 50, 75, 100):
            y = self.compliance_y(rect, pct)
            p.drawLine(QPointF(rect.left(), y), QPointF(rect.right(), y))
            p.setPen(fg)
            p.drawText(QRectF(0, y - 8, 36, 16), Qt.AlignmentFlag.AlignRight, f"{pct}%")
            p.setPen(QPen(grid, 1))
        # The maturity axis has its own ticks, one per level: 0 to 5 do not fall on the
        # quarters of the compliance grid.
        p.setPen(QColor(CHART_COLOURS["maturity"]))
        for level in MATURITY_LEVELS:
            y = self.maturity_y(rect, level)
            p.drawLine(QPointF(rect.right(), y), QPointF(rect.right() + 4, y))
            p.drawText(QRectF(rect.right() + 7, y - 8, 30, 16), Qt.AlignmentFlag.AlignLeft, str(level))
        n = len(self.scores)
        if not n:
            return
        slot = rect.width() / n
        bar = slot * 0.55
        for i, (chapter, score) in enumerate(self.scores.items()):
            x = rect.left() + slot * i + (slot - bar) / 2
            if score.compliance is not None:
                top = self.compliance_y(rect, score.compliance)
                p.fillRect(QRectF(x, top, bar, rect.bottom() - top), QColor(CHART_COLOURS["compliance"]))
            if score.maturity is not None:
                y = self.maturity_y(rect, score.maturity)
                p.setBrush(QColor(CHART_COLOURS["maturity"]))
                p.setPen(Qt.PenStyle.NoPen)
                p.drawEllipse(QPointF(x + bar / 2, y), 5, 5)
            p.setPen(fg)
            p.drawText(QRectF(rect.left() + slot * i, rect.bottom() + 4, slot, 18),
                       Qt.AlignmentFlag.AlignHCenter, chapter)


class StandardCard(QFrame):
    def __init__(self, session: ProjectSession, catalog_id: str, parent=None):
        super().__init__(parent)
        self.session = session
        self.catalog_id = catalog_id
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        self.title = QLabel()
        enlarge_font(self.title, 1.3, bold=True)
        self.progress = QProgressBar()
        self.figures = QLabel()
        enlarge_font(self.figures, 1.15)
        self.counts = QHBoxLayout()
        self.count_labels: dict[Result, QLabel] = {}
        for r in (Result.CONFORM, Result.PARTIAL, Result.NONCONFORM, Result.NA, Result.OPEN):
            label = QLabel()
            colour = result_colour(r)
            label.setStyleSheet(f"background: {colour.name()}; padding: 3px 8px; border-radius: 3px;"
                                if colour else "padding: 3px 8px; border: 1px solid palette(mid);")
            self.counts.addWidget(label)
            self.count_labels[r] = label
        self.counts.addStretch()
        self.chart = ChapterChart()
        self.legend = QLabel()
        for w in (self.title, self.progress, self.figures):
            layout.addWidget(w)
        layout.addLayout(self.counts)
        layout.addWidget(self.chart)
        layout.addWidget(self.legend)

    def refresh(self) -> None:
        s = self.session
        lang = s.info.language
        score = s.score(self.catalog_id)
        self.title.setText(catalog_label(s, self.catalog_id))
        self.progress.setMaximum(max(score.items, 1))
        self.progress.setValue(score.assessed)
        self.progress.setFormat(tr("{done} of {total} assessed").format(done=score.assessed, total=score.items))
        colour = score_colour(score.compliance).name()
        self.figures.setText(
            f"{tr('Compliance')}: <b style='color:{colour}'>{_pct(score.compliance)}</b>"
            f" &nbsp;·&nbsp; {tr('Average maturity')}: <b>{_mat(score.maturity)}</b>")
        for r, label in self.count_labels.items():
            label.setText(f"{r.label(lang)}: {score.counts[r]}")
        self.chart.set_scores(s.chapter_scores(self.catalog_id))
        self.legend.setText(
            f"<span style='color:{CHART_COLOURS['compliance']}'>■</span> {tr('Compliance % per chapter')}"
            f" &nbsp; <span style='color:{CHART_COLOURS['maturity']}'>●</span> {tr('Average maturity (0–5)')}")


class Dashboard(OverviewArea):
    def __init__(self, session: ProjectSession, events, parent=None):
        super().__init__(parent)
        self.session = session
        events.edited.connect(lambda edit: self.mark_dirty() if edit.answer_keys else None)
        body = QWidget()
        self.setWidget(body)
        self.grid = QGridLayout(body)
        self.cards = [StandardCard(session, cat.id) for cat in session.catalogs]
        self._columns = 0
        self._arrange(2)

    def _arrange(self, columns: int) -> None:
        """Two cards side by side where they fit, else one below the other (no sideways
        scrolling on a 1280-pixel screen)."""
        if columns == self._columns:
            return
        self._columns = columns
        for card in self.cards:
            self.grid.removeWidget(card)
        for i, card in enumerate(self.cards):
            self.grid.addWidget(card, i // columns, i % columns)
        for row in range(self.grid.rowCount()):
            self.grid.setRowStretch(row, 0)
        self.grid.setRowStretch(len(self.cards) // columns + 1, 1)

    def resizeEvent(self, event) -> None:
        self._arrange(2 if event.size().width() >= 1400 else 1)
        super().resizeEvent(event)

    def refresh(self) -> None:
        for card in self.cards:
            card.refresh()
        super().refresh()

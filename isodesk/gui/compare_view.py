"""View → Compare…: two assessments side by side (``app/compare.py``): per standard and chapter
the compliance and maturity before and after, and lists of the changed items, the gaps closed,
new and still open, and the actions done. Double-clicking an item goes to it in the checklist."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
)

from isodesk.app.compare import Side, figures, related, unrelated_warning
from isodesk.domain.model import text
from isodesk.domain.progress import Comparison, ItemChange, ScorePair
from isodesk.gui.style import enlarge_font, result_colour
from isodesk.support.i18n import format_date, format_number, half_up, tr


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{format_number(value, 1)}%"


def _mat(value: float | None) -> str:
    return "–" if value is None else format_number(value, 2)


def _change(before: float | None, after: float | None, digits: int) -> str:
    """"+12,5" (the figures as ``isodesk info`` rounds them, and their difference); empty where
    nothing changed, so the changes stand out."""
    if before is None or after is None or after == before:
        return ""
    delta = float(half_up(after, digits) - half_up(before, digits))
    return ("+" if delta > 0 else "−") + format_number(abs(delta), digits)


def _side_label(side: Side) -> str:
    day = side.data.info.started_on
    return f"{side.path.name} ({format_date(day)})" if day else side.path.name


class CompareView(QDialog):
    """The comparison of ``old`` and ``new``; ``chosen_key`` is the item double-clicked."""

    def __init__(self, comparison: Comparison, old: Side, new: Side, parent=None):
        super().__init__(parent)
        self.comparison = comparison
        self.chosen_key: str | None = None
        self.lang = new.data.info.language
        self.setWindowTitle(tr("Compare assessments"))
        layout = QVBoxLayout(self)
        heading = QLabel(tr("{old} → {new}").format(old=_side_label(old), new=_side_label(new)))
        heading.setTextFormat(Qt.TextFormat.PlainText)
        enlarge_font(heading, 1.2, bold=True)
        layout.addWidget(heading)
        self.warning = QLabel(unrelated_warning(old, new))
        self.warning.setWordWrap(True)
        self.warning.setTextFormat(Qt.TextFormat.PlainText)
        self.warning.setStyleSheet("color: #b00020;")
        self.warning.setVisible(not related(old, new))
        layout.addWidget(self.warning)

        self.scores = self._scores()
        layout.addWidget(self.scores, 2)
        self.tabs = QTabWidget()
        c = comparison
        self.lists: dict[str, QTableWidget] = {}
        for name, title, changes in (("changed", tr("Changed items ({n})"), c.changed),
                                     ("closed", tr("Gaps closed ({n})"), c.gaps_closed),
                                     ("new", tr("New gaps ({n})"), c.gaps_new),
                                     ("open", tr("Still open ({n})"), c.gaps_open)):
            table = self._items(changes)
            self.lists[name] = table
            self.tabs.addTab(table, title.format(n=len(changes)))
        self.actions = self._actions()
        self.tabs.addTab(self.actions, tr("Actions done ({n})").format(n=len(c.actions_done)))
        layout.addWidget(self.tabs, 3)
        hint = QLabel(tr("Double-click an item to go to it in the checklist."))
        hint.setStyleSheet("color: palette(mid);")
        layout.addWidget(hint)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(1000, 640)

    # --------------------------------------------------------------------------- parts
    def _scores(self) -> QTreeWidget:
        tree = QTreeWidget()
        tree.setHeaderLabels([tr("Standard / chapter"), tr("Compliance then"), tr("now"),
                              tr("change"), tr("Maturity then"), tr("now"), tr("change")])
        tree.setRootIsDecorated(True)
        tree.setUniformRowHeights(True)
        c = self.comparison
        for std in c.standards:
            top = self._score_row(std.catalog.name, std.total)
            tree.addTopLevelItem(top)
            for chapter, pair in std.chapters.items():
                key = f"{std.catalog.id}:{chapter}"
                req = c.after.by_key.get(key) or c.before.by_key.get(key)
                title = f"{chapter}  {text(req.title, self.lang)}" if req else chapter
                top.addChild(self._score_row(title, pair))
        tree.expandAll()
        header = tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, 7):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        return tree

    @staticmethod
    def _score_row(name: str, pair: ScorePair) -> QTreeWidgetItem:
        before, after = figures(pair.before) or {}, figures(pair.after) or {}
        c0, c1 = before.get("compliance"), after.get("compliance")
        m0, m1 = before.get("maturity"), after.get("maturity")
        item = QTreeWidgetItem([name, _pct(c0), _pct(c1), _change(c0, c1, 1), _mat(m0), _mat(m1),
                                _change(m0, m1, 2)])
        for column in range(1, 7):
            item.setTextAlignment(column, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return item

    def _table(self, headers: list[str], rows: int) -> QTableWidget:
        table = QTableWidget(rows, len(headers))
        table.setHorizontalHeaderLabels(headers)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.verticalHeader().hide()
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 8)
        table.setWordWrap(False)
        return table

    def _items(self, changes: tuple[ItemChange, ...]) -> QTableWidget:
        table = self._table([tr("Standard"), tr("Ref"), tr("Title"), tr("Then"), tr("Now")],
                            len(changes))
        names = {s.catalog.id: s.catalog.standard for s in self.comparison.standards}
        for row, change in enumerate(changes):
            req = change.requirement
            cells = [names.get(req.catalog_id, req.catalog_id), req.ref, text(req.title, self.lang),
                     self._judgement(change.before), self._judgement(change.after)]
            for column, value in enumerate(cells):
                item = QTableWidgetItem(value)
                item.setData(Qt.ItemDataRole.UserRole, change.key)
                answer = (change.before, change.after)[column - 3] if column >= 3 else None
                colour = result_colour(answer.result) if answer is not None else None
                if colour is not None:
                    item.setBackground(colour)
                table.setItem(row, column, item)
        header = table.horizontalHeader()
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        for column in (0, 1, 3, 4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        table.cellDoubleClicked.connect(lambda row, _col, t=table: self._choose(t, row))
        return table

    def _judgement(self, answer) -> str:
        if answer is None:
            return tr("not in this assessment")
        label = answer.result.label(self.lang)
        label = label if answer.maturity is None else f"{label} ({answer.maturity})"
        return f"↻ {label}" if answer.reverify else label

    def _actions(self) -> QTableWidget:
        done = self.comparison.actions_done
        table = self._table([tr("Action"), tr("Title"), tr("Owner")], len(done))
        for row, action in enumerate(done):
            for column, value in enumerate((action.label, action.title, action.owner)):
                table.setItem(row, column, QTableWidgetItem(value))
        table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        return table

    def _choose(self, table: QTableWidget, row: int) -> None:
        item = table.item(row, 0)
        if item is not None:
            self.chosen_key = item.data(Qt.ItemDataRole.UserRole)
            self.accept()

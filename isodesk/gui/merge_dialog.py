"""The merge dialog: what arrives from a colleague's file, and the conflicts side by side.

Conflicts come first: a table of every field both sides changed, and below it the selected
conflict's two values in full, each with who changed it and when, and a button to keep it.
"Keep all here" / "Take all from the file" decide every conflict at once. Merge stays disabled
until each conflict has a side: nothing is applied without a decision. The second tab lists
what arrives without a question.
"""
from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from isodesk.app import merge_text
from isodesk.app.merge import MergePlan
from isodesk.gui.style import is_dark
from isodesk.support.i18n import tr

MINE, THEIRS = "mine", "theirs"
HERE_COLUMN, THERE_COLUMN, KEEP_COLUMN = 2, 3, 4


def _chosen_colour() -> QColor:
    return QColor("#2e5e31" if is_dark() else "#c8e6c9")


def _table(headers: list[str], widths: dict[int, int]) -> QTableWidget:
    """Columns with a width in ``widths`` keep it (the user may drag them); the others, the
    two values, share the rest of the width."""
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setWordWrap(False)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 10)
    header = table.horizontalHeader()
    for column in range(len(headers)):
        if column in widths:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            table.setColumnWidth(column, widths[column])
        else:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
    return table


def _cell(text: str) -> QTableWidgetItem:
    item = QTableWidgetItem(" ".join(text.split()))
    item.setToolTip(text)
    return item


class _SidePane(QGroupBox):
    """One side of the selected conflict: its full value and a button to keep it."""

    def __init__(self, button_text: str, parent=None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        self.button = QPushButton(button_text)
        layout.addWidget(self.text)
        layout.addWidget(self.button, alignment=Qt.AlignmentFlag.AlignRight)

    def show_value(self, title: str, value: str, chosen: bool) -> None:
        self.setTitle(title)
        self.text.setPlainText(value)
        self.text.setStyleSheet(f"QPlainTextEdit {{ background: {_chosen_colour().name()}; }}"
                                if chosen else "")
        self.button.setEnabled(not chosen)


class MergeDialog(QDialog):
    def __init__(self, plan: MergePlan, parent=None):
        super().__init__(parent)
        self.plan = plan
        self.other = plan.other.name
        self.conflicts = merge_text.conflict_lines(plan)
        self._decisions: dict[tuple, str] = {}
        self.setWindowTitle(tr("Merge {file}").format(file=self.other))
        layout = QVBoxLayout(self)
        heading = QLabel(merge_text.summary(plan))
        heading.setWordWrap(True)
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)
        layout.addWidget(heading)
        if plan.held_back:
            note = QLabel(merge_text.held_back_note(plan))
            note.setWordWrap(True)
            layout.addWidget(note)
        self.tabs = QTabWidget()
        if self.conflicts:
            self.tabs.addTab(self._conflict_page(), tr("Conflicts ({n})").format(n=len(self.conflicts)))
        self.tabs.addTab(self._arriving_page(), tr("Arriving ({n})").format(n=len(plan.arriving)))
        layout.addWidget(self.tabs, 1)
        bottom = QHBoxLayout()
        self.pending = QLabel()
        bottom.addWidget(self.pending, 1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.merge_button = self.buttons.addButton(tr("Merge"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        bottom.addWidget(self.buttons)
        layout.addLayout(bottom)
        self._fit_to_screen()
        self._refresh()

    # ------------------------------------------------------------------------------ pages
    def _conflict_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        explain = QLabel(tr("Both of you changed these fields. Choose per conflict which value to "
                            "keep, or decide all at once."))
        explain.setWordWrap(True)
        layout.addWidget(explain)
        self.conflict_table = _table([tr("Item"), tr("Field"), tr("Here"),
                                      tr("In {file}").format(file=self.other), tr("Keep")],
                                     {0: 230, 1: 110, KEEP_COLUMN: 170})
        self.conflict_table.setRowCount(len(self.conflicts))
        for row, line in enumerate(self.conflicts):
            for column, text in enumerate((line.item, line.field, line.here, line.there, "")):
                self.conflict_table.setItem(row, column, _cell(text))
        self.conflict_table.itemSelectionChanged.connect(self._show_selected)
        layout.addWidget(self.conflict_table, 3)

        self.selected_label = QLabel()
        layout.addWidget(self.selected_label)
        sides = QHBoxLayout()
        self.here_pane = _SidePane(tr("Keep this value"))
        self.there_pane = _SidePane(tr("Take this value"))
        self.here_pane.button.clicked.connect(lambda: self._decide_selected(MINE))
        self.there_pane.button.clicked.connect(lambda: self._decide_selected(THEIRS))
        sides.addWidget(self.here_pane)
        sides.addWidget(self.there_pane)
        layout.addLayout(sides, 2)

        all_row = QHBoxLayout()
        all_row.addStretch(1)
        self.all_mine = QPushButton(tr("Keep all values here"))
        self.all_theirs = QPushButton(tr("Take all values from {file}").format(file=self.other))
        self.all_mine.clicked.connect(lambda: self.decide_all(MINE))
        self.all_theirs.clicked.connect(lambda: self.decide_all(THEIRS))
        all_row.addWidget(self.all_mine)
        all_row.addWidget(self.all_theirs)
        layout.addLayout(all_row)
        self.conflict_table.selectRow(0)
        return page

    def _arriving_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        lines = merge_text.arriving_lines(self.plan)
        explain = QLabel(tr("Changed only in {file}: these arrive without a question.").format(
            file=self.other) if lines else tr("Nothing arrives without a question."))
        explain.setWordWrap(True)
        layout.addWidget(explain)
        self.arriving_table = _table([tr("Item"), tr("Field"), tr("Now"),
                                      tr("From {file}").format(file=self.other)], {0: 260, 1: 130})
        self.arriving_table.setRowCount(len(lines))
        for row, line in enumerate(lines):
            for column, text in enumerate((line.item, line.field, line.here, line.there)):
                self.arriving_table.setItem(row, column, _cell(text))
        layout.addWidget(self.arriving_table)
        return page

    def _fit_to_screen(self) -> None:
        screen = self.screen().availableGeometry() if self.screen() else None
        width, height = 1150, 720
        if screen is not None:
            width, height = min(width, screen.width() - 60), min(height, screen.height() - 60)
        self.resize(width, height)

    # -------------------------------------------------------------------------- deciding
    def decisions(self) -> dict[tuple, str]:
        """Conflict.key → "mine" / "theirs" for every conflict decided so far."""
        return dict(self._decisions)

    def decide(self, row: int, side: str) -> None:
        self._decisions[self.conflicts[row].key] = side
        self._refresh()

    def decide_all(self, side: str) -> None:
        for line in self.conflicts:
            self._decisions[line.key] = side
        self._refresh()

    def _decide_selected(self, side: str) -> None:
        row = self._selected_row()
        if row is not None:
            self.decide(row, side)
            if row + 1 < len(self.conflicts) and self.conflicts[row + 1].key not in self._decisions:
                self.conflict_table.selectRow(row + 1)  # on to the next open question

    def _selected_row(self) -> int | None:
        rows = self.conflict_table.selectionModel().selectedRows()
        return rows[0].row() if rows else None

    def _refresh(self) -> None:
        open_count = len(self.conflicts) - len(self._decisions)
        self.merge_button.setEnabled(open_count == 0)
        self.pending.setText(tr("{n} conflict(s) still to decide.").format(n=open_count)
                             if open_count else "")
        if not self.conflicts:
            return
        bold = QFont(self.conflict_table.font())
        bold.setBold(True)
        for row, line in enumerate(self.conflicts):
            side = self._decisions.get(line.key)
            keep = self.conflict_table.item(row, KEEP_COLUMN)
            keep.setText(tr("here") if side == MINE else self.other if side == THEIRS
                         else tr("choose…"))
            keep.setFont(bold if side is None else self.conflict_table.font())
            for column, colour_side in ((HERE_COLUMN, MINE), (THERE_COLUMN, THEIRS)):
                cell = self.conflict_table.item(row, column)
                cell.setBackground(_chosen_colour() if side == colour_side else QColor(0, 0, 0, 0))
        self._show_selected()

    def _show_selected(self) -> None:
        row = self._selected_row()
        if row is None:
            return
        line = self.conflicts[row]
        side = self._decisions.get(line.key)
        self.selected_label.setText(f"<b>{escape(line.item)}</b> · {escape(line.field)}")
        who_here = line.here_stamp or tr("unknown")
        who_there = line.there_stamp or tr("unknown")
        self.here_pane.show_value(tr("Here: {who}").format(who=who_here), line.here, side == MINE)
        self.there_pane.show_value(tr("In {file}: {who}").format(file=self.other, who=who_there),
                                   line.there, side == THEIRS)

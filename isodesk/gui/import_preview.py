"""The import preview: what a returned workbook changes, and the conflicts to decide first.

Changes the client made where the project did not change arrive as listed. A conflict (the
project and the workbook both changed a field since the export) shows both values, who changed
the project's side and when; the user keeps the project's value or takes the workbook's, per
row or for all at once. Apply stays disabled until every conflict is decided.
"""
from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from isodesk.app.workbook import import_work
from isodesk.excel.sheets import WorkbookError
from isodesk.support.i18n import N_, format_date, plural, tr

WARNING_COLOUR = "#9C5700"
CONFLICT_TINT = QColor("#FFF4CE")
MINE, THEIRS = "mine", "theirs"
FITTED_ROWS = 300


class ImportPreview(QDialog):
    """``decisions`` (Conflict.key → "mine" / "theirs") once accepted."""

    def __init__(self, plan, parent=None):
        super().__init__(parent)
        self.plan = plan
        self.decisions: dict[tuple, str] = {}
        self._groups: list[tuple[object, QButtonGroup]] = []
        self.setWindowTitle(tr("Import preview"))
        layout = QVBoxLayout(self)
        for warning in plan.warnings:
            label = _label("⚠ " + warning.text())
            label.setStyleSheet(f"color: {WARNING_COLOUR};")
            layout.addWidget(label)
        self.summary = _label("")
        layout.addWidget(self.summary)
        if plan.conflicts:
            layout.addWidget(self._conflict_bar())
            self.conflict_table = self._conflicts()
            layout.addWidget(self.conflict_table, 3)
        if plan.rows:
            layout.addWidget(_label(tr("Changes from the workbook, where the project was not "
                                       "changed since the export:")
                                    if plan.three_way else tr("Changes from the workbook:")))
            layout.addWidget(self._changes(), 2)
        for note in plan.notes:  # what is not imported, and why
            layout.addWidget(_label("• " + note.text()))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Apply
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.apply_button = self.buttons.button(QDialogButtonBox.StandardButton.Apply)
        self.apply_button.clicked.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.resize(1100, 640)
        self._update()

    # ------------------------------------------------------------------------------ parts
    def _conflict_bar(self) -> QWidget:
        bar = QWidget()
        row = QHBoxLayout(bar)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(_label(tr("Changed in the project and in the workbook since the export; "
                                "choose which value stays:")), 1)
        self.all_theirs = QPushButton(tr("Take all from the workbook"))
        self.all_mine = QPushButton(tr("Keep all mine"))
        self.all_theirs.clicked.connect(lambda: self.decide_all(THEIRS))
        self.all_mine.clicked.connect(lambda: self.decide_all(MINE))
        row.addWidget(self.all_theirs)
        row.addWidget(self.all_mine)
        return bar

    def _conflicts(self) -> QTableWidget:
        rows = self.plan.conflicts
        headers = [tr("Item"), tr("Where"), tr("Field"), tr("In the project"),
                   tr("Changed by"), tr("In the workbook"), tr("Keep")]
        table = _table(len(rows), headers)
        for r, row in enumerate(rows):
            where = tr("{sheet}, row {row}").format(sheet=row.sheet, row=row.row) if row.sheet else ""
            who = " · ".join(v for v in (row.changed_by, row.changed_at) if v)
            for c, value in enumerate((row.ref, where, row.label, row.mine, who, row.theirs)):
                item = QTableWidgetItem(value)
                item.setToolTip(value)
                if c in (3, 5):
                    item.setBackground(CONFLICT_TINT)
                table.setItem(r, c, item)
            table.setCellWidget(r, 6, self._choice(row))
        header = table.horizontalHeader()
        for column, width in ((0, 140), (1, 120), (2, 110), (4, 150), (6, 210)):
            table.setColumnWidth(column, width)
        for column in (3, 5):  # the two values get the room
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(6, QHeaderView.ResizeMode.Fixed)
        _fit_rows(table)
        return table

    def _choice(self, row) -> QWidget:
        box = QWidget()
        line = QHBoxLayout(box)
        line.setContentsMargins(4, 0, 4, 0)
        group = QButtonGroup(box)
        for side, text in ((MINE, tr("mine")), (THEIRS, tr("workbook"))):
            button = QRadioButton(text)
            button.setProperty("side", side)
            group.addButton(button)
            line.addWidget(button)
        group.buttonClicked.connect(lambda button, key=row.decision_key:
                                    self._decided(key, button.property("side")))
        self._groups.append((row.decision_key, group))
        return box

    def _changes(self) -> QTableWidget:
        rows = self.plan.rows
        table = _table(len(rows), [tr("Item"), tr("Field"), tr("Now"), tr("From the workbook")])
        for r, row in enumerate(rows):
            for c, value in enumerate((row.ref, row.label, row.old, row.new)):
                item = QTableWidgetItem(value)
                item.setToolTip(value)
                table.setItem(r, c, item)
        table.setColumnWidth(0, 200)
        table.setColumnWidth(1, 150)
        table.setColumnWidth(2, 320)
        table.horizontalHeader().setStretchLastSection(True)
        _fit_rows(table)
        return table

    # -------------------------------------------------------------------------- decisions
    def decide(self, index: int, side: str, update: bool = True) -> None:
        """Decide the conflict in row ``index`` (as a click on its radio button does)."""
        key, group = self._groups[index]
        for button in group.buttons():
            button.setChecked(button.property("side") == side)
        self.decisions[key] = side
        if update:
            self._update()

    def decide_all(self, side: str) -> None:
        for index in range(len(self._groups)):
            self.decide(index, side, update=False)
        self._update()

    def _decided(self, key: tuple, side: str) -> None:
        self.decisions[key] = side
        self._update()

    def _update(self) -> None:
        open_ = len(self.plan.conflicts) - len(self.decisions)
        count = len(self.plan.edit(self.decisions).changes) if not open_ else self.plan.change_count
        text = plural(count, N_("{n} change will be applied (Undo takes it back)."),
                      N_("{n} changes will be applied in one step (Undo takes them back)."))
        if self.plan.exported_at:
            text = tr("Exported on {date}.").format(date=_date(self.plan.exported_at)) + " " + text
        if open_:
            text += " " + plural(open_, N_("{n} conflict still to decide."),
                                 N_("{n} conflicts still to decide."))
        self.summary.setText(text)
        self.apply_button.setEnabled(not open_ and count > 0)


def planning(session, workbook: Path):
    """The planning work for the background task: the plan made from a snapshot taken now.
    Another project's workbook is read too (the user is asked before the preview), and a bad
    workbook's error lists every problem, for the error dialog."""
    work = import_work(session, workbook, force=True)

    def run(progress, cancel):
        try:
            return work(progress, cancel)
        except WorkbookError as e:
            raise e.listing() from None

    return run


def run_preview(parent, plan) -> dict | None:
    """The decisions (empty without conflicts) when the user applies, None when cancelled."""
    dialog = ImportPreview(plan, parent)
    return dict(dialog.decisions) if dialog.exec() == QDialog.DialogCode.Accepted else None


def _label(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def _table(rows: int, headers: list[str]) -> QTableWidget:
    table = QTableWidget(rows, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setWordWrap(True)
    table.verticalHeader().setVisible(False)
    return table


def _fit_rows(table: QTableWidget) -> None:
    """Rows as high as their wrapped text, for a list a person reads through (measuring
    thousands of rows would keep the dialog from opening)."""
    if table.rowCount() <= FITTED_ROWS:
        table.resizeRowsToContents()


def _date(stamp: str) -> str:
    try:
        return format_date(datetime.fromisoformat(stamp).astimezone().date())
    except ValueError:
        return stamp

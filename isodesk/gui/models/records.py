"""An editable table over a list of records (SoA lines, actions, risks), defined by columns.

Edits go through ``perform`` (the main window's: it runs the session method, which commits the
change, and shows a message if it fails), so the table never writes anything itself. After an
edit the table takes its rows again and tells the view only which rows changed, came or went.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Callable

from PySide6.QtCore import QAbstractTableModel, QDate, QModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QComboBox, QLineEdit, QStyledItemDelegate

from isodesk.domain.errors import DataError
from isodesk.support.i18n import format_date, language, parse_date, tr


@dataclass
class Column:
    header: str  # English; translated when shown
    display: Callable[[Any], str]
    edit_value: Callable[[Any], Any] | None = None  # EditRole value; None = read-only
    commit: Callable[[Any, Any], None] | None = None  # (record, new value) -> performs the edit
    choices: Callable[[], list[tuple[str, Any]]] | None = None  # (label, value) for a combo box
    check: Callable[[Any], bool] | None = None  # checkbox column
    colour: Callable[[Any], QColor | None] | None = None
    width: int = 120
    is_date: bool = False  # typed as dd-mm-jjjj (nl) or YYYY-MM-DD (en)
    foreground: Callable[[Any], QColor | None] | None = None


def date_from_text(value) -> date | None:
    """What was typed in a date column, as a date; a sentence when it is none."""
    try:
        return parse_date(str(value or ""))
    except ValueError:
        raise DataError("{value} is not a date (use {format}).", value=repr(str(value)),
                        format="dd-mm-jjjj" if language() == "nl" else "YYYY-MM-DD") from None


class RecordTableModel(QAbstractTableModel):
    def __init__(self, columns: list[Column], rows: Callable[[], list], identity: Callable[[Any], Any],
                 perform, parent=None):
        super().__init__(parent)
        self.columns = columns
        self._source = rows
        self._identity = identity  # what stays the same across versions of a row (key, id)
        self._perform = perform
        self._rows = list(rows())

    def reload(self) -> None:
        """All rows anew (another filter)."""
        self.beginResetModel()
        self._rows = list(self._source())
        self.endResetModel()

    def update_rows(self, changed: set = frozenset()) -> None:
        """Take the rows again after an edit: rows that went are removed, new ones inserted,
        and only rows that differ (or whose identity is in ``changed``) are repainted; when the
        order itself changed (a risk's score), the rows move with the selection kept."""
        new = list(self._source())
        ident = self._identity
        new_ids = [ident(r) for r in new]
        wanted = set(new_ids)
        for row in reversed(range(len(self._rows))):
            if ident(self._rows[row]) not in wanted:
                self.beginRemoveRows(QModelIndex(), row, row)
                del self._rows[row]
                self.endRemoveRows()
        old_ids = [ident(r) for r in self._rows]
        present = set(old_ids)
        if [i for i in new_ids if i in present] == old_ids:
            for row, record in enumerate(new):
                if new_ids[row] not in present:
                    self.beginInsertRows(QModelIndex(), row, row)
                    self._rows.insert(row, record)
                    self.endInsertRows()
        else:
            added = [r for r in new if ident(r) not in present]
            if added:
                end = len(self._rows)
                self.beginInsertRows(QModelIndex(), end, end + len(added) - 1)
                self._rows += added
                self.endInsertRows()
            self.layoutAboutToBeChanged.emit()
            position = {i: row for row, i in enumerate(new_ids)}
            old = self.persistentIndexList()
            self.changePersistentIndexList(old, [
                self.index(position[ident(self._rows[i.row()])], i.column()) for i in old])
            self._rows = new
            self.layoutChanged.emit()
            return
        last = len(self.columns) - 1
        for row, record in enumerate(new):
            if record != self._rows[row] or new_ids[row] in changed:
                self._rows[row] = record
                self.dataChanged.emit(self.index(row, 0), self.index(row, last))

    def record(self, row: int):
        return self._rows[row]

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        column = self.columns[index.column()]
        record = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return None if column.check else column.display(record)
        if role == Qt.ItemDataRole.ToolTipRole:
            return None if column.check else column.display(record) or None
        if role == Qt.ItemDataRole.EditRole and column.edit_value:
            value = column.edit_value(record)
            if column.is_date:
                return format_date(value)
            if isinstance(value, date):
                return QDate(value.year, value.month, value.day)
            return value
        if role == Qt.ItemDataRole.CheckStateRole and column.check:
            return Qt.CheckState.Checked if column.check(record) else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.BackgroundRole and column.colour:
            return column.colour(record)
        if role == Qt.ItemDataRole.ForegroundRole and column.foreground:
            return column.foreground(record)
        return None

    def setData(self, index: QModelIndex, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid():
            return False
        column = self.columns[index.column()]
        record = self._rows[index.row()]
        if role == Qt.ItemDataRole.CheckStateRole and column.check and column.commit:
            checked = Qt.CheckState(value) == Qt.CheckState.Checked
            return self._perform(lambda: column.commit(record, checked))
        if role == Qt.ItemDataRole.EditRole and column.commit:
            if column.is_date:
                return self._perform(lambda: column.commit(record, date_from_text(value)))
            if isinstance(value, QDate):
                value = date(value.year(), value.month(), value.day()) if value.isValid() else None
            return self._perform(lambda: column.commit(record, value))
        return False

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return tr(self.columns[section].header) if 0 <= section < len(self.columns) else None
        return section + 1

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        column = self.columns[index.column()]
        if column.commit and column.check:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        elif column.commit:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags


class ChoiceDelegate(QStyledItemDelegate):
    """A combo box editor for columns with ``choices``; other columns use Qt's defaults."""

    def __init__(self, columns: list[Column], parent=None):
        super().__init__(parent)
        self.columns = columns

    def createEditor(self, parent, option, index):
        column = self.columns[index.column()]
        if column.is_date:
            editor = QLineEdit(parent)
            editor.setPlaceholderText(tr("dd-mm-yyyy") if language() == "nl" else "YYYY-MM-DD")
            return editor
        if column.choices is None:
            return super().createEditor(parent, option, index)
        combo = QComboBox(parent)
        for label, value in column.choices():
            combo.addItem(label, value)
        return combo

    def setEditorData(self, editor, index):
        if isinstance(editor, QComboBox):
            value = index.data(Qt.ItemDataRole.EditRole)
            position = editor.findData(value)
            editor.setCurrentIndex(max(position, 0))
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor, model, index):
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
        else:
            super().setModelData(editor, model, index)

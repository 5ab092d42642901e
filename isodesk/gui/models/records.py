"""An editable table over a list of records (SoA lines, actions, risks), defined by columns.

Edits go through ``perform`` (the main window's: it runs the session method, which commits the
change, and shows a message if it fails), so the table never writes anything itself.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Callable

from PySide6.QtCore import QAbstractTableModel, QDate, QModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QComboBox, QStyledItemDelegate

from isodesk.support.i18n import tr


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


class RecordTableModel(QAbstractTableModel):
    def __init__(self, columns: list[Column], rows: Callable[[], list], perform, parent=None):
        super().__init__(parent)
        self.columns = columns
        self._source = rows
        self._perform = perform
        self._rows = list(rows())

    def reload(self) -> None:
        self.beginResetModel()
        self._rows = list(self._source())
        self.endResetModel()

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
            if isinstance(value, date):
                return QDate(value.year, value.month, value.day)
            return value
        if role == Qt.ItemDataRole.CheckStateRole and column.check:
            return Qt.CheckState.Checked if column.check(record) else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.BackgroundRole and column.colour:
            return column.colour(record)
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

"""The checklist: tree of standards and chapters, a filterable table, and the answer panel."""
from __future__ import annotations

from typing import NamedTuple

from PySide6.QtCore import QEvent, QItemSelectionModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSplitter,
    QTableView,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from isodesk.app.session import ProjectSession
from isodesk.domain.scales import Result
from isodesk.gui.answer_panel import AnswerPanel
from isodesk.gui.models.checklist_table import ChecklistFilter, ChecklistTableModel
from isodesk.gui.models.checklist_tree import ChecklistTreeModel
from isodesk.support.i18n import N_, plural, tr


class ResultFilter(NamedTuple):
    label: str
    results: frozenset = frozenset()  # empty: any result
    reverify: bool = False  # only answers carried over and not yet re-verified


RESULT_FILTERS = [
    ResultFilter(N_("All results")),
    ResultFilter(N_("Not yet assessed"), frozenset({Result.OPEN})),
    ResultFilter(N_("Gaps (not conform or partial)"), frozenset({Result.NONCONFORM, Result.PARTIAL})),
    ResultFilter(N_("Not conform"), frozenset({Result.NONCONFORM})),
    ResultFilter(N_("Partially conform"), frozenset({Result.PARTIAL})),
    ResultFilter(N_("Conform"), frozenset({Result.CONFORM})),
    ResultFilter(N_("Not applicable"), frozenset({Result.NA})),
    # a follow-up's or a transition's answers taken over from the earlier assessment
    ResultFilter(N_("Not yet re-verified"), reverify=True),
]
REVERIFY_FILTER = len(RESULT_FILTERS) - 1


class ChecklistView(QWidget):
    current_changed = Signal(object)  # key or None

    def __init__(self, session: ProjectSession, events, perform, parent=None):
        super().__init__(parent)
        self.session = session
        self.table_model = ChecklistTableModel(session, self)
        self.tree_model = ChecklistTreeModel(session, self)

        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.result_filter = QComboBox()
        for choice in RESULT_FILTERS:
            self.result_filter.addItem(tr(choice.label))
        self.count = QLabel()
        # A fixed width: a count that changes width with every keystroke would lay out (and
        # repaint) the whole bar, table included.
        self.count.setMinimumWidth(self.count.fontMetrics().horizontalAdvance(tr("{n} items").format(n=88888)) + 8)
        self.count.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        bar = QHBoxLayout()
        bar.addWidget(self.search, 2)
        bar.addWidget(self.result_filter, 1)
        bar.addWidget(self.count)

        self.tree = QTreeView()
        self.tree.setModel(self.tree_model)
        self.tree.setUniformRowHeights(True)
        self.tree.header().setStretchLastSection(False)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        # A fixed width: "resize to contents" would ask every row for its text at start-up.
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.Fixed)
        metrics = self.tree.fontMetrics()
        header_text = self.tree.header().fontMetrics().horizontalAdvance(tr("Assessed"))
        self.tree.header().resizeSection(1, max(metrics.horizontalAdvance("888/888"), header_text) + 16)
        for row in range(self.tree_model.rowCount()):
            self.tree.expand(self.tree_model.index(row, 0))

        self.table = QTableView()
        self.table.setModel(self.table_model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # The indicator first: switching sorting on sorts by it (Qt's default is descending).
        self.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicatorShown(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.setWordWrap(False)
        self.table.setTabKeyNavigation(False)  # Tab goes on to the answer panel
        self._size_columns()

        self.panel = AnswerPanel(session, events, perform)

        middle = QWidget()
        middle_layout = QVBoxLayout(middle)
        middle_layout.setContentsMargins(0, 0, 0, 0)
        middle_layout.addLayout(bar)
        middle_layout.addWidget(self.table)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.tree)
        self.splitter.addWidget(middle)
        self.splitter.addWidget(self.panel)
        self._tree_needs = self._tree_width()
        self._user_split = False  # once the user drags a divider, the split is theirs
        self.splitter.splitterMoved.connect(lambda *_: setattr(self, "_user_split", True))
        self._split(1400)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.splitter)

        self.search.installEventFilter(self)
        self.search.textChanged.connect(self._filter_changed)
        self.result_filter.currentIndexChanged.connect(self._filter_changed)
        self.tree.selectionModel().currentChanged.connect(lambda *_: self._filter_changed())
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        events.edited.connect(self._on_edit)
        self.retranslate()
        self._update_count()

    def _size_columns(self) -> None:
        """Fixed widths from the font for the short columns; title and finding share the rest,
        so the finding stays in view at 1280 pixels wide without scrolling sideways."""
        header = self.table.horizontalHeader()
        metrics = self.table.fontMetrics()
        model = self.table_model
        # "Niet van toepassing" may be cut: the colour says it too, and the tool tip in full.
        result = metrics.horizontalAdvance("↔ " + Result.PARTIAL.label(self.session.info.language))
        standard = max(map(metrics.horizontalAdvance, ["ISO 45001", *model.standard_labels()]))
        fixed = {"standard": standard + 14,
                 "ref": metrics.horizontalAdvance("A.8.88") + 14, "result": result + 14,
                 "maturity": header.fontMetrics().horizontalAdvance(tr("Mat.")) + 18}
        for name, width in fixed.items():
            if name in model.columns:
                header.setSectionResizeMode(model.column(name), QHeaderView.ResizeMode.Interactive)
                header.resizeSection(model.column(name), width)
        for name in ("title", "findings"):
            header.setSectionResizeMode(model.column(name), QHeaderView.ResizeMode.Stretch)

    def eventFilter(self, watched, event) -> bool:
        """Down or Enter in the search field goes to the first item found."""
        if (watched is self.search and event.type() == QEvent.Type.KeyPress
                and event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter)):
            if self.table_model.rowCount():
                if self.current_key() is None:
                    self.select_key(self.table_model.requirement(0).key)
                self.table.setFocus()
            return True
        return super().eventFilter(watched, event)

    def _split(self, width: int) -> None:
        """Tree as wide as its chapter names (at most 30 %), the answer panel 30 % (360–480
        pixels), the table the rest: at 1280 pixels the finding column stays in view."""
        tree = min(self._tree_needs, int(width * 0.3))
        panel = max(360, min(480, int(width * 0.3)))
        self.splitter.setSizes([tree, max(width - tree - panel, 200), panel])

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if not self._user_split:
            self._split(self.splitter.width())

    def _tree_width(self) -> int:
        """Wide enough for the chapter names (sub-clauses may be cut; their tool tip has all)."""
        metrics = self.tree.fontMetrics()
        widest = max((metrics.horizontalAdvance(label) for label in self.tree_model.chapter_labels()
                      if not label.startswith("A ")), default=200)  # Annex A's long title may be cut
        return min(widest + 2 * self.tree.indentation() + self.tree.header().sectionSize(1) + 24, 440)

    def retranslate(self) -> None:
        self.search.setPlaceholderText(tr("Search ref, title, findings… (Ctrl+F)"))
        for i, choice in enumerate(RESULT_FILTERS):
            self.result_filter.setItemText(i, tr(choice.label))
        self.panel.retranslate()

    # --------------------------------------------------------------------------- filtering
    def _filter_changed(self, *_args) -> None:
        current = self.current_key()
        catalog_id, ref = self.tree_model.node_filter(self.tree.currentIndex())
        choice = RESULT_FILTERS[max(self.result_filter.currentIndex(), 0)]
        self.table_model.set_filter(ChecklistFilter(
            catalog_id=catalog_id, subtree=ref, results=choice.results,
            reverify=choice.reverify, text=self.search.text()))
        self._update_count()
        if current is not None and self.table_model.row_of(current) is not None:
            self.select_key(current)
        else:
            self.panel.show_item(None)
            self.current_changed.emit(None)

    def _update_count(self) -> None:
        self.count.setText(plural(self.table_model.rowCount(), N_("{n} item"), N_("{n} items")))

    def show_open_only(self) -> None:
        self.result_filter.setCurrentIndex(1)

    def show_reverify_only(self) -> None:
        self.result_filter.setCurrentIndex(REVERIFY_FILTER)

    # --------------------------------------------------------------------------- selection
    def current_key(self) -> str | None:
        index = self.table.currentIndex()
        return self.table_model.requirement(index.row()).key if index.isValid() else None

    def _row_changed(self, current, _previous) -> None:
        key = self.table_model.requirement(current.row()).key if current.isValid() else None
        self.panel.show_item(key)
        self.current_changed.emit(key)

    def select_key(self, key: str) -> bool:
        row = self.table_model.row_of(key)
        if row is None:  # hidden by the filter: clear the filter so the item can be shown
            self.search.blockSignals(True)
            self.search.clear()
            self.search.blockSignals(False)
            self.result_filter.blockSignals(True)
            self.result_filter.setCurrentIndex(0)
            self.result_filter.blockSignals(False)
            self.tree.setCurrentIndex(self.tree_model.index_for(key.split(":")[0]))
            row = self.table_model.row_of(key)
            if row is None:
                return False
        index = self.table_model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self.table.scrollTo(index)
        return True

    def select_next(self, step: int = 1) -> None:
        index = self.table.currentIndex()
        row = (index.row() + step) if index.isValid() else 0
        if 0 <= row < self.table_model.rowCount():
            self.select_key(self.table_model.requirement(row).key)

    # ----------------------------------------------------------------------------- updates
    def _on_edit(self, edit) -> None:
        keys = edit.answer_keys
        if keys:
            self.table_model.answers_changed(keys)
            self.tree_model.edited(edit)

"""The checklist table: assessable items with ref, title, result, maturity and finding.

Filtering and sorting happen in Python on a precomputed list (a QSortFilterProxyModel over 5,000
rows is too slow for filter-as-you-type, see ARCHITECTURE.md "Large tables"); the model is then
reset, and the view only asks for the rows it shows.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

from isodesk.app.session import ProjectSession
from isodesk.domain.model import Requirement, text
from isodesk.domain.scales import Result
from isodesk.gui.style import result_colour
from isodesk.support.i18n import N_, tr

COLUMNS = ("standard", "ref", "title", "result", "maturity", "findings")
HEADERS = {"standard": N_("Standard"), "ref": N_("Ref"), "title": N_("Title"), "result": N_("Result"),
           "maturity": N_("Mat."), "findings": N_("Finding")}
HEADER_TIPS = {"maturity": N_("Maturity (0–5)")}


@dataclass
class ChecklistFilter:
    catalog_id: str | None = None
    subtree: str | None = None  # ref of a heading: only items below it
    results: frozenset[Result] = field(default_factory=frozenset)  # empty = all
    reverify: bool = False  # only answers carried over and not yet re-verified
    text: str = ""

    def matches_ref(self, req: Requirement) -> bool:
        if self.catalog_id and req.catalog_id != self.catalog_id:
            return False
        if self.subtree and not (req.ref == self.subtree or req.ref.startswith(self.subtree + ".")):
            return False
        return True


class ChecklistTableModel(QAbstractTableModel):
    def __init__(self, session: ProjectSession, parent=None):
        super().__init__(parent)
        self.session = session
        self.filter = ChecklistFilter()
        # The standard's short name only when there are several: otherwise a search for 9.2.2
        # gives rows that look the same.
        self.columns = COLUMNS if len(session.catalogs) > 1 else COLUMNS[1:]
        # Two editions of one standard (a transition): "14001:2015" and "14001:2026", as narrow
        # as the others.
        standards = [c.standard for c in session.catalogs]
        self._standard = {c.id: c.name.removeprefix("ISO ") if standards.count(c.standard) > 1
                          else c.standard.replace("ISO/IEC ", "ISO ") for c in session.catalogs}
        self._all = session.assessable()
        self._haystack: dict[str, str] = {}
        self._rows: list[Requirement] = list(self._all)
        self._row_of: dict[str, int] = {}
        self._sort: tuple[int, Qt.SortOrder] | None = None
        self._order_of = {r.key: i for i, r in enumerate(self._all)}
        for req in self._all:
            self._index_text(req.key)
        self._reindex()

    # ---------------------------------------------------------------- filtering and sorting
    def _index_text(self, key: str) -> None:
        req = self.session.by_key[key]
        a = self.session.answer(key)
        self._haystack[key] = " ".join((
            req.ref, req.title.get("nl", ""), req.title.get("en", ""), a.findings, a.evidence,
            a.interviewee)).casefold()

    def set_filter(self, new_filter: ChecklistFilter) -> None:
        self.filter = new_filter
        self.refilter()

    def refilter(self) -> None:
        """One pass per criterion over what the previous one left (a list comprehension per
        search word: the fastest way through 5,000 rows in Python, one keystroke each)."""
        f = self.filter
        rows = self._all
        if f.catalog_id or f.subtree:
            rows = [req for req in rows if f.matches_ref(req)]
        answers = self.session.answers
        if f.results:
            rows = [req for req in rows
                    if (answers[req.key].result if req.key in answers else Result.OPEN) in f.results]
        if f.reverify:
            rows = [req for req in rows if req.key in answers and answers[req.key].reverify]
        hay = self._haystack
        for word in f.text.strip().casefold().split():
            rows = [req for req in rows if word in hay[req.key]]
        self.beginResetModel()
        self._rows = list(rows)
        if not self._natural_order():
            self._apply_sort()
        self._reindex()
        self.endResetModel()

    def _natural_order(self) -> bool:
        """Sorted by standard or ref, ascending: the order of the catalogs, as filtered."""
        return self._sort is None or (self.columns[self._sort[0]] in ("standard", "ref")
                                      and self._sort[1] == Qt.SortOrder.AscendingOrder)

    def _reindex(self) -> None:
        self._row_of = {req.key: i for i, req in enumerate(self._rows)}

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if (self._sort or (0, Qt.SortOrder.AscendingOrder)) == (column, order):
            self._sort = (column, order)
            return  # already in this order (the view asks again when sorting is switched on)
        self._sort = (column, order)
        self.layoutAboutToBeChanged.emit()
        old = [self.index(i, 0) for i in range(len(self._rows))]
        keys = [r.key for r in self._rows]
        self._apply_sort()
        self._reindex()
        self.changePersistentIndexList(
            old, [self.index(self._row_of[k], 0) for k in keys])
        self.layoutChanged.emit()

    def standard_labels(self) -> list[str]:
        return list(self._standard.values())

    def column(self, name: str) -> int:
        return self.columns.index(name)

    def _apply_sort(self) -> None:
        column, order = self._sort
        name = self.columns[column]
        order_of = self._order_of
        lang = self.session.info.language

        def key(req: Requirement):
            a = self.session.answer(req.key)
            if name in ("ref", "standard"):
                return order_of[req.key]
            if name == "title":
                return text(req.title, lang).casefold()
            if name == "result":
                return list(Result).index(a.result)
            if name == "maturity":
                return -1 if a.maturity is None else a.maturity
            return a.findings.casefold()

        self._rows.sort(key=key, reverse=order == Qt.SortOrder.DescendingOrder)

    # ------------------------------------------------------------------------ updates
    def answers_changed(self, keys: set[str]) -> None:
        """Refresh the rows of ``keys`` (they stay where they are until the filter changes, so
        the row under the cursor does not jump away while the user works on it)."""
        for key in keys:
            if key in self._haystack:
                self._index_text(key)
            row = self._row_of.get(key)
            if row is not None:
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.columns) - 1))

    # ------------------------------------------------------------------- model interface
    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def requirement(self, row: int) -> Requirement:
        return self._rows[row]

    def row_of(self, key: str) -> int | None:
        return self._row_of.get(key)

    def keys(self) -> list[str]:
        return [r.key for r in self._rows]

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.BackgroundRole,
                        Qt.ItemDataRole.ToolTipRole):
            return None
        req = self._rows[index.row()]
        name = self.columns[index.column()]
        answer = self.session.answers.get(req.key)
        result = answer.result if answer else Result.OPEN
        if role == Qt.ItemDataRole.BackgroundRole:
            return result_colour(result) if name in ("ref", "result") else None
        lang = self.session.info.language
        if role == Qt.ItemDataRole.ToolTipRole:
            if name == "findings" and answer and answer.findings:
                return answer.findings
            if name == "title":
                return text(req.summary, lang)
            if name == "result":
                label = result.label(lang) if result is not Result.OPEN else ""
                if answer and answer.reverify:
                    label += " · " + tr("carried over, not yet re-verified")
                if answer and answer.linked_to:
                    return f"{label} · " + tr("Linked to {key}").format(key=answer.linked_to)
                return label or None
            return None
        if name == "ref":
            return req.ref
        if name == "standard":
            return self._standard[req.catalog_id]
        if name == "title":
            return req.display_title(lang)
        if name == "result":
            label = result.label(lang) if result is not Result.OPEN else ""
            if answer and answer.reverify:
                label = f"↻ {label}"
            return f"↔ {label}" if answer and answer.linked_to else label
        if name == "maturity":
            return "" if not answer or answer.maturity is None else str(answer.maturity)
        first_line = answer.findings.split("\n", 1)[0] if answer else ""
        return first_line

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns):
            name = self.columns[section]
            if role == Qt.ItemDataRole.DisplayRole:
                return tr(HEADERS[name])
            if role == Qt.ItemDataRole.ToolTipRole:
                return tr(HEADER_TIPS.get(name, HEADERS[name]))
            return None
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return None
        return section + 1

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

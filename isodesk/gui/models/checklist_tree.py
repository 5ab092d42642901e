"""Standards → chapters → clauses/controls, with "assessed / total" progress per node."""
from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt

from isodesk.app.session import ProjectSession
from isodesk.domain.model import Answer
from isodesk.domain.scales import Result
from isodesk.gui.guidance import catalog_label
from isodesk.support.i18n import tr


class _Node:
    __slots__ = ("parent", "children", "row", "catalog_id", "ref", "label", "leaves", "assessed")

    def __init__(self, parent, catalog_id, ref, label):
        self.parent = parent
        self.children: list[_Node] = []
        self.row = 0
        self.catalog_id = catalog_id
        self.ref = ref  # None for a standard's node
        self.label = label
        self.leaves = 0
        self.assessed = 0


class ChecklistTreeModel(QAbstractItemModel):
    def __init__(self, session: ProjectSession, parent=None):
        super().__init__(parent)
        self.session = session
        self._root = _Node(None, None, None, "")
        self._leaf_path: dict[str, list[_Node]] = {}  # key -> nodes from the item up to its standard
        self._build()

    def _build(self) -> None:
        s = self.session
        lang = s.info.language
        for cat in s.catalogs:
            cat_node = _Node(self._root, cat.id, None, catalog_label(s, cat.id, short=True))
            cat_node.row = len(self._root.children)
            self._root.children.append(cat_node)
            by_ref: dict[str, _Node] = {}
            for req in s.items_of(cat.id):
                parent = by_ref.get(req.parent, cat_node) if req.parent else cat_node
                node = _Node(parent, cat.id, req.ref, f"{req.ref}  {req.display_title(lang)}")
                node.row = len(parent.children)
                parent.children.append(node)
                by_ref[req.ref] = node
                if req.assessable:
                    path = []
                    walk = node
                    while walk is not self._root:
                        path.append(walk)
                        walk = walk.parent
                    self._leaf_path[req.key] = path
                    done = s.answer(req.key).result is not Result.OPEN
                    for n in path:
                        n.leaves += 1
                        n.assessed += done

    def edited(self, edit) -> None:
        """Move the "assessed" counts of the items an edit changed, up to their standard."""
        for change in edit.changes:
            record = change.after if change.after is not None else change.before
            path = self._leaf_path.get(getattr(record, "key", None)) if isinstance(record, Answer) else None
            if not path:
                continue
            was = change.before is not None and change.before.result is not Result.OPEN
            now = change.after is not None and change.after.result is not Result.OPEN
            delta = int(now) - int(was)
            if not delta:
                continue
            for node in path:
                node.assessed += delta
                idx = self.createIndex(node.row, 1, node)
                self.dataChanged.emit(idx, idx)

    def chapter_labels(self) -> list[str]:
        """The labels of the standards and their chapters (what the tree must show uncut)."""
        return [n.label for cat in self._root.children for n in (cat, *cat.children)]

    # ----------------------------------------------------------------- helpers for views
    def node_filter(self, index: QModelIndex) -> tuple[str | None, str | None]:
        """(catalog id, heading ref) of an index; (None, None) for nothing selected."""
        if not index.isValid():
            return None, None
        node: _Node = index.internalPointer()
        return node.catalog_id, node.ref

    def index_for(self, catalog_id: str, ref: str | None = None) -> QModelIndex:
        for cat in self._root.children:
            if cat.catalog_id != catalog_id:
                continue
            if ref is None:
                return self.createIndex(cat.row, 0, cat)
            stack = list(cat.children)
            while stack:
                node = stack.pop()
                if node.ref == ref:
                    return self.createIndex(node.row, 0, node)
                stack.extend(node.children)
        return QModelIndex()

    # ------------------------------------------------------------------ model interface
    def index(self, row: int, column: int, parent: QModelIndex = QModelIndex()) -> QModelIndex:
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        node = parent.internalPointer() if parent.isValid() else self._root
        return self.createIndex(row, column, node.children[row])

    def parent(self, index: QModelIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]
        if not index.isValid():
            return QModelIndex()
        node: _Node = index.internalPointer()
        parent = node.parent
        if parent is None or parent is self._root:
            return QModelIndex()
        return self.createIndex(parent.row, 0, parent)

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:
        if parent.isValid() and parent.column() != 0:
            return 0
        node = parent.internalPointer() if parent.isValid() else self._root
        return len(node.children)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 2

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        node: _Node = index.internalPointer()
        if role == Qt.ItemDataRole.DisplayRole:
            if index.column() == 0:
                return node.label
            return f"{node.assessed}/{node.leaves}" if node.leaves else ""
        if role == Qt.ItemDataRole.ToolTipRole:
            if index.column() == 0:
                return node.label
            return tr("{done} of {total} items assessed").format(done=node.assessed, total=node.leaves)
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 1:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (tr("Standard / clause"), tr("Assessed"))[section] if section in (0, 1) else None
        return None

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

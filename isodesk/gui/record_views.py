"""The Statement of Applicability, the action plan and the risk register as editable tables."""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from isodesk.app.session import ProjectSession
from isodesk.domain.model import Action, Answer, Risk, text
from isodesk.domain.rules import is_overdue, risk_band
from isodesk.domain.scales import (
    ActionStatus,
    Priority,
    Theme,
    Treatment,
)
from isodesk.gui import dialogs, soa_groups
from isodesk.gui.models.records import ChoiceDelegate, Column, RecordTableModel
from isodesk.gui.style import result_colour
from isodesk.support.i18n import N_, format_date, language, plural, tr

OVERDUE = QColor("#b00020")


def _enum_choices(enum, lang):
    return lambda: [(member.label(lang), member.value) for member in enum]


def _refs(session: ProjectSession, keys) -> str:
    out = []
    for key in keys:
        req = session.by_key.get(key)
        if req:
            out.append(f"{session.catalog(req.catalog_id).standard} {req.ref}")
    return ", ".join(out)


RISK_COLOURS = {"high": "#f8b4b4", "medium": "#ffe0a3", "low": "#c8e6c9"}


def _risk_colour(score: int) -> QColor:
    return QColor(RISK_COLOURS[risk_band(score)])


class RecordView(QWidget):
    """A table with a small tool bar; double-click on the requirement column jumps there.

    It follows the session's edits of its record type itself, row by row (its own edits too:
    the row it edited shows the stored value, e.g. a date as typed in another form)."""

    jump_to = Signal(str)
    record_type: type

    def __init__(self, session: ProjectSession, events, perform, parent=None):
        super().__init__(parent)
        self.session = session
        self.perform = lambda fn: perform(fn, origin=self)
        events.edited.connect(self._on_edit)
        self.bar = QHBoxLayout()
        self.table = QTableView()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed
                                   | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setWordWrap(False)
        layout = QVBoxLayout(self)
        layout.addLayout(self.bar)
        layout.addWidget(self.table)
        self.model: RecordTableModel | None = None

    def _install(self, columns: list[Column], rows, identity=lambda record: record.id) -> None:
        self.model = RecordTableModel(columns, rows, identity, self.perform, self)
        self.table.setModel(self.model)
        self.table.setItemDelegate(ChoiceDelegate(columns, self.table))
        header = self.table.horizontalHeader()
        for i, column in enumerate(columns):
            header.resizeSection(i, column.width)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.doubleClicked.connect(self._double_clicked)

    def _double_clicked(self, index: QModelIndex) -> None:
        column = self.model.columns[index.column()]
        if column.header == "Requirements":  # the English source text identifies the column
            keys = getattr(self.model.record(index.row()), "keys", ())
            if keys:
                self.jump_to.emit(keys[0])

    def reload(self) -> None:
        self.model.reload()

    def _on_edit(self, edit) -> None:
        if edit.touches(self.record_type):
            self.model.update_rows()

    def _add_buttons(self, add_label: str, add, delete_label: str, delete) -> None:
        """Add / Delete buttons for a table of records with ids (actions, risks)."""
        add_button = QPushButton(add_label)
        delete_button = QPushButton(delete_label)
        add_button.clicked.connect(add)
        delete_button.clicked.connect(lambda: self._delete_selected(delete))
        writable = not self.session.read_only
        add_button.setEnabled(writable)
        delete_button.setEnabled(writable)
        self.bar.addWidget(add_button)
        self.bar.addWidget(delete_button)

    def _delete_selected(self, delete) -> None:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        for record in [self.model.record(row) for row in rows]:
            self.perform(lambda r=record: delete(r.id))


class SoAView(RecordView):
    """Statement of Applicability for ISO/IEC 27001 Annex A (its lines are read off the
    controls' answers)."""

    record_type = Answer

    def __init__(self, session: ProjectSession, events, perform, catalog_id: str, parent=None):
        super().__init__(session, events, perform, parent)
        self.catalog_id = catalog_id
        lang = session.info.language
        self.theme = QComboBox()
        self.theme.addItem(tr("All themes"), None)
        for theme in Theme:
            self.theme.addItem(theme.label(language()), theme.value)
        self.theme.currentIndexChanged.connect(lambda _i: self.reload())
        # Group by an ISO/IEC 27002 attribute type (catalogs that give the controls attributes)
        self.group = QComboBox()
        self.group.addItem(tr("No grouping"), None)
        for name, label in soa_groups.ATTRIBUTE_NAMES.items():
            self.group.addItem(tr(label), name)
        self.group.currentIndexChanged.connect(lambda _i: self.reload())
        self.summary = QLabel()
        self.bar.addWidget(QLabel(tr("Theme:")))
        self.bar.addWidget(self.theme)
        if any(r.attributes for r in session.assessable(catalog_id)):
            self.bar.addWidget(QLabel(tr("Group by:")))
            self.bar.addWidget(self.group)
        self.bar.addStretch()
        self.bar.addWidget(self.summary)

        def line(req):
            return session.soa(req.key)

        def applicable_text(req):
            applicable = line(req).applicable
            if applicable is None:
                return ""
            return tr("Yes") if applicable else tr("No")

        columns = [
            Column(N_("Control"), lambda r: r.ref, width=70),
            Column(N_("Title"), lambda r: text(r.title, lang), width=320),
            Column(N_("Applicable"), applicable_text,
                   edit_value=lambda r: line(r).applicable,
                   commit=lambda r, v: session.set_soa(r.key, applicable=v),
                   choices=lambda: [("", None), (tr("Yes"), True), (tr("No"), False)], width=90),
            # Follows from the control's result in the checklist: one truth, not edited here.
            Column(N_("Implementation"), lambda r: line(r).status.label(lang) if line(r).status else "",
                   colour=lambda r: result_colour(session.answer(r.key).result), width=160),
            Column(N_("Justification"), lambda r: line(r).justification,
                   edit_value=lambda r: line(r).justification,
                   commit=lambda r, v: session.set_soa(r.key, justification=v or ""), width=360),
        ]
        self._install(soa_groups.columns(columns), self._rows, identity=soa_groups.identity)
        self.model.modelReset.connect(self._span_headings)
        self._update_summary()

    def _rows(self):
        theme = self.theme.currentData()
        controls = [r for r in self.session.assessable(self.catalog_id)
                    if r.kind == "control" and (theme is None or r.theme == theme)]
        return soa_groups.rows(self.session, controls, self.group.currentData())

    def reload(self) -> None:
        super().reload()
        self._update_summary()

    def _span_headings(self) -> None:
        """A group's heading row spans the table."""
        self.table.clearSpans()
        for row in range(self.model.rowCount()):
            if soa_groups.control(self.model.record(row)) is None:
                self.table.setSpan(row, 0, 1, self.model.columnCount())

    def _on_edit(self, edit) -> None:
        keys = {k for k in edit.answer_keys if k.startswith(self.catalog_id + ":")}
        if keys:  # the rows show the controls; their answers changed (and a group's counts)
            self.model.update_rows(changed=soa_groups.affected(self._rows(), keys))
            self._update_summary()

    def _update_summary(self) -> None:
        controls = [r for r in self.session.assessable(self.catalog_id) if r.kind == "control"]
        decided = [line for line in (self.session.soa(r.key) for r in controls)
                   if line.applicable is not None]
        applicable = sum(1 for line in decided if line.applicable)
        self.summary.setText(tr("{decided} of {total} controls decided · {applicable} applicable").format(
            decided=len(decided), total=len(controls), applicable=applicable))

    def _double_clicked(self, index: QModelIndex) -> None:
        control = soa_groups.control(self.model.record(index.row()))
        if index.column() == 0 and control is not None:
            self.jump_to.emit(control.key)


class ActionsView(RecordView):
    record_type = Action

    def __init__(self, session: ProjectSession, events, perform, parent=None):
        super().__init__(session, events, perform, parent)
        lang = session.info.language
        self._add_buttons(tr("Add action…"), self.add_action, tr("Delete action"), session.delete_action)
        self.overdue_only = QCheckBox()
        self.overdue_only.toggled.connect(lambda _on: self.reload())
        self.overdue_count = QLabel()
        self.bar.addWidget(self.overdue_only)
        self.bar.addStretch()
        self.bar.addWidget(self.overdue_count)
        upd = session.update_action
        late = lambda a: is_overdue(a, date.today())  # noqa: E731
        columns = [
            Column(N_("No."), lambda a: a.label, width=60),
            Column(N_("Action"), lambda a: a.title, edit_value=lambda a: a.title,
                   commit=lambda a, v: upd(a.id, title=v) if str(v).strip() else None, width=300),
            Column(N_("Owner"), lambda a: a.owner, edit_value=lambda a: a.owner,
                   commit=lambda a, v: upd(a.id, owner=v or ""), width=130),
            Column(N_("Deadline"), lambda a: format_date(a.deadline) + (" ⚠" if late(a) else ""),
                   edit_value=lambda a: a.deadline, commit=lambda a, v: upd(a.id, deadline=v), width=110,
                   is_date=True, foreground=lambda a: OVERDUE if late(a) else None),
            Column(N_("Priority"), lambda a: a.priority.label(lang), edit_value=lambda a: a.priority.value,
                   commit=lambda a, v: upd(a.id, priority=v), choices=_enum_choices(Priority, lang),
                   colour=lambda a: QColor("#f8b4b4") if a.priority is Priority.HIGH else None, width=90),
            Column(N_("Status"), lambda a: a.status.label(lang), edit_value=lambda a: a.status.value,
                   commit=lambda a, v: upd(a.id, status=v), choices=_enum_choices(ActionStatus, lang),
                   width=110),
            Column(N_("Quick win"), lambda a: "", check=lambda a: a.quick_win,
                   commit=lambda a, v: upd(a.id, quick_win=v), width=80),
            Column(N_("Requirements"), lambda a: _refs(session, a.keys), width=260),
        ]
        self._install(columns, lambda: [a for a in sorted(session.actions.values(), key=lambda a: a.number)
                                        if not self.overdue_only.isChecked() or late(a)])
        self._update_overdue()

    def _on_edit(self, edit) -> None:
        super()._on_edit(edit)
        if edit.touches(Action):
            self._update_overdue()

    def _update_overdue(self) -> None:
        n = sum(1 for a in self.session.actions.values() if is_overdue(a, date.today()))
        self.overdue_only.setText(tr("Only overdue ({n})").format(n=n))
        self.overdue_count.setText(plural(n, N_("⚠ {n} action overdue"), N_("⚠ {n} actions overdue")) if n else "")
        self.overdue_count.setStyleSheet(f"color: {OVERDUE.name()}; font-weight: bold;")

    def add_action(self) -> None:
        fields = dialogs.new_action(self, {"title": "", "priority": "medium", "keys": []})
        if fields is not None:
            self.perform(lambda: self.session.add_action(**fields))



class RisksView(RecordView):
    record_type = Risk

    def __init__(self, session: ProjectSession, events, perform, parent=None):
        super().__init__(session, events, perform, parent)
        lang = session.info.language
        self._add_buttons(tr("Add risk"), lambda: self.perform(lambda: session.add_risk(tr("New risk"))),
                          tr("Delete risk"), session.delete_risk)
        self.bar.addStretch()
        upd = session.update_risk
        scale = lambda: [(str(n), n) for n in range(1, 6)]  # noqa: E731
        columns = [
            Column(N_("No."), lambda r: r.label, width=60),
            Column(N_("Risk"), lambda r: r.description, edit_value=lambda r: r.description,
                   commit=lambda r, v: upd(r.id, description=v) if str(v).strip() else None, width=320),
            Column(N_("Likelihood"), lambda r: str(r.likelihood), edit_value=lambda r: r.likelihood,
                   commit=lambda r, v: upd(r.id, likelihood=v), choices=scale, width=80),
            Column(N_("Impact"), lambda r: str(r.impact), edit_value=lambda r: r.impact,
                   commit=lambda r, v: upd(r.id, impact=v), choices=scale, width=70),
            Column(N_("Score"), lambda r: str(r.score), colour=lambda r: _risk_colour(r.score), width=60),
            Column(N_("Treatment"), lambda r: r.treatment.label(lang), edit_value=lambda r: r.treatment.value,
                   commit=lambda r, v: upd(r.id, treatment=v), choices=_enum_choices(Treatment, lang),
                   width=110),
            Column(N_("Owner"), lambda r: r.owner, edit_value=lambda r: r.owner,
                   commit=lambda r, v: upd(r.id, owner=v or ""), width=130),
            Column(N_("Requirements"), lambda r: _refs(session, r.keys), width=240),
        ]
        self._install(columns, lambda: sorted(session.risks.values(), key=lambda r: -r.score))


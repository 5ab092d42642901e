"""The small "Add action" dialog: a finding becomes a line of the action plan in one go
(title prefilled from the finding, owner, deadline, priority, quick win)."""
from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
)

from isodesk.domain.scales import Priority
from isodesk.support.i18n import format_date, language, parse_date, tr


def date_placeholder() -> str:
    return tr("dd-mm-yyyy") if language() == "nl" else "YYYY-MM-DD"


class ActionDialog(QDialog):
    def __init__(self, draft: dict, parent=None):
        super().__init__(parent)
        self.draft = draft
        self.setWindowTitle(tr("Add action"))
        self.title = QLineEdit(draft.get("title", ""))
        self.owner = QLineEdit(draft.get("owner", ""))
        self.deadline = QLineEdit(format_date(draft.get("deadline")))
        self.deadline.setPlaceholderText(date_placeholder())
        self.priority = QComboBox()
        for p in Priority:
            self.priority.addItem(p.label(language()), p.value)
        self.priority.setCurrentIndex(self.priority.findData(
            Priority.parse(draft.get("priority", Priority.MEDIUM)).value))
        self.quick_win = QCheckBox(tr("Quick win"))
        self.quick_win.setChecked(bool(draft.get("quick_win")))
        self.problem = QLabel()
        self.problem.setStyleSheet("color: #b00020;")
        form = QFormLayout()
        form.addRow(tr("Action:"), self.title)
        form.addRow(tr("Owner:"), self.owner)
        form.addRow(tr("Deadline:"), self.deadline)
        form.addRow(tr("Priority:"), self.priority)
        form.addRow("", self.quick_win)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.title.selectAll()
        self.resize(520, self.sizeHint().height())

    def problems(self) -> str:
        if not self.title.text().strip():
            return tr("An action needs a title.")
        try:
            parse_date(self.deadline.text())
        except ValueError:
            return tr("{value} is not a date (use {format}).").format(
                value=repr(self.deadline.text()), format=date_placeholder())
        return ""

    def accept(self) -> None:
        problem = self.problems()
        self.problem.setText(problem)
        if not problem:
            super().accept()

    def values(self) -> dict:
        return {"title": self.title.text().strip(), "owner": self.owner.text().strip(),
                "deadline": parse_date(self.deadline.text()),
                "priority": self.priority.currentData(), "quick_win": self.quick_win.isChecked(),
                "keys": list(self.draft.get("keys", ()))}

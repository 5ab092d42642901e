"""New-project wizard and the project details dialog (client, sites, assessors, scope, ...)."""
from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from isodesk.catalog import CatalogRegistry
from isodesk.domain.model import ProjectInfo, Scope
from isodesk.gui import dialogs
from isodesk.support.i18n import LANGUAGES, N_, tr


def _lines(text: str) -> tuple[str, ...]:
    return tuple(line.strip() for line in text.replace(";", "\n").splitlines() if line.strip())


def suggested_name(client: str) -> str:
    """The project file name for a client: characters a file name cannot hold dropped, and no
    dot left before the suffix ("Nulmeting Bakkerij B.V.isodesk", not "B.V..isodesk")."""
    safe = "".join(c for c in client if c.isalnum() or c in " -_.").strip().rstrip(". ") or "project"
    return tr("Baseline {client}").format(client=safe) + ".isodesk"


class InfoForm(QWidget):
    """Client, title, sites, assessors, date, report language."""

    def __init__(self, info: ProjectInfo | None = None, parent=None):
        super().__init__(parent)
        form = QFormLayout(self)
        self.client = QLineEdit()
        self.title = QLineEdit()
        self.sites = QPlainTextEdit()
        self.sites.setMaximumHeight(70)
        self.sites.setTabChangesFocus(True)
        self.assessors = QLineEdit()
        self.started_on = QDateEdit()
        self.started_on.setCalendarPopup(True)
        self.language = QComboBox()
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.confidentiality = QLineEdit()
        form.addRow(tr("Client:"), self.client)
        form.addRow(tr("Report title:"), self.title)
        form.addRow(tr("Sites (one per line):"), self.sites)
        form.addRow(tr("Assessor(s), separated by ;"), self.assessors)
        form.addRow(tr("Date:"), self.started_on)
        form.addRow(tr("Report language:"), self.language)
        form.addRow(tr("Confidentiality line:"), self.confidentiality)
        info = info or ProjectInfo(client="", started_on=date.today())
        self.client.setText(info.client)
        self.title.setText(info.title)
        self.sites.setPlainText("\n".join(info.sites))
        self.assessors.setText("; ".join(info.assessors))
        d = info.started_on or date.today()
        self.started_on.setDate(QDate(d.year, d.month, d.day))
        self.language.setCurrentIndex(max(0, self.language.findData(info.language)))
        self.confidentiality.setText(info.confidentiality)

    def values(self) -> dict:
        d = self.started_on.date()
        return {
            "client": self.client.text().strip(),
            "title": self.title.text().strip(),
            "sites": _lines(self.sites.toPlainText()),
            "assessors": tuple(a.strip() for a in self.assessors.text().split(";") if a.strip()),
            "started_on": date(d.year(), d.month(), d.day()),
            "language": self.language.currentData(),
            "confidentiality": self.confidentiality.text().strip(),
        }


class ScopeForm(QWidget):
    FIELDS = (("description", N_("Scope (activities, products, services):")),
              ("sites", N_("Sites in scope:")),
              ("processes", N_("Processes and systems:")),
              ("exclusions", N_("Out of scope / exclusions:")),
              ("justification", N_("Justification:")))

    def __init__(self, scope: Scope | None = None, parent=None):
        super().__init__(parent)
        form = QFormLayout(self)
        self.edits: dict[str, QPlainTextEdit] = {}
        scope = scope or Scope()
        for name, label in self.FIELDS:
            edit = QPlainTextEdit(getattr(scope, name))
            edit.setTabChangesFocus(True)
            edit.setMaximumHeight(80)
            self.edits[name] = edit
            form.addRow(tr(label), edit)

    def values(self) -> dict:
        return {name: edit.toPlainText().strip() for name, edit in self.edits.items()}


class _InfoPage(QWizardPage):
    def __init__(self, form: InfoForm):
        super().__init__()
        self.form = form
        self.setTitle(tr("Client and assessment"))
        self.setSubTitle(tr("Who is assessed, where, by whom and in which language the report is written."))
        QVBoxLayout(self).addWidget(form)
        form.client.textChanged.connect(self.completeChanged)

    def isComplete(self) -> bool:
        return bool(self.form.client.text().strip())


class _StandardsPage(QWizardPage):
    def __init__(self, registry: CatalogRegistry):
        super().__init__()
        self.setTitle(tr("Standards to assess"))
        self.setSubTitle(tr("Clauses shared by the Harmonized Structure can be answered once for all."))
        layout = QVBoxLayout(self)
        self.boxes: dict[str, QCheckBox] = {}
        for cat in registry.available():
            box = QCheckBox(f"{cat.info.name} — {cat.info.title.get('en')}  ({len(cat.assessable)})")
            box.toggled.connect(self.completeChanged)
            self.boxes[cat.id] = box
            layout.addWidget(box)
        for problem in registry.problems:
            layout.addWidget(QLabel("⚠ " + problem))
        layout.addStretch()

    def selected(self) -> list[str]:
        return [cat_id for cat_id, box in self.boxes.items() if box.isChecked()]

    def isComplete(self) -> bool:
        return bool(self.selected())


class _FilePage(QWizardPage):
    def __init__(self, folder: str):
        super().__init__()
        self.setTitle(tr("Project file"))
        self.setSubTitle(tr("Everything is saved in this one file as you work."))
        layout = QHBoxLayout(self)
        self.path = QLineEdit()
        browse = QPushButton(tr("Browse…"))
        browse.clicked.connect(self._browse)
        layout.addWidget(self.path)
        layout.addWidget(browse)
        self.folder = folder
        self.path.textChanged.connect(self.completeChanged)

    def suggest(self, client: str) -> None:
        if not self.path.text():
            self.path.setText(str(Path(self.folder) / suggested_name(client)))

    def _browse(self) -> None:
        path = dialogs.save_file(self, tr("Project file"), self.path.text(), dialogs.PROJECT_FILTER,
                                 ".isodesk")
        if path:
            self.path.setText(str(path))

    def isComplete(self) -> bool:
        return bool(self.path.text().strip())


class NewProjectWizard(QWizard):
    def __init__(self, registry: CatalogRegistry, folder: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle(tr("New project"))
        self.info_form = InfoForm()
        self.scope_form = ScopeForm()
        self.info_page = _InfoPage(self.info_form)
        scope_page = QWizardPage()
        scope_page.setTitle(tr("Scope statement"))
        scope_page.setSubTitle(tr("What is in and out of scope, and why. You can change it later."))
        QVBoxLayout(scope_page).addWidget(self.scope_form)
        self.standards_page = _StandardsPage(registry)
        self.file_page = _FilePage(folder)
        for page in (self.info_page, scope_page, self.standards_page, self.file_page):
            self.addPage(page)
        self.currentIdChanged.connect(self._page_changed)
        self.resize(720, 560)

    def _page_changed(self, _id: int) -> None:
        if self.currentPage() is self.file_page:
            self.file_page.suggest(self.info_form.client.text())

    def result_values(self) -> tuple[Path, dict, dict, list[str]]:
        return (Path(self.file_page.path.text().strip()), self.info_form.values(),
                self.scope_form.values(), self.standards_page.selected())


class ProjectDetailsDialog(QDialog):
    def __init__(self, info: ProjectInfo, scope: Scope, shares_answers: bool = False,
                 several_standards: bool = False, parent=None):
        super().__init__(parent)
        self.setWindowTitle(tr("Project details"))
        tabs = QTabWidget()
        self.info_form = InfoForm(info)
        # Only meaningful with several standards: the same Harmonized Structure clause in each.
        self.share = QCheckBox(tr("Answer shared clauses once (Harmonized Structure)"))
        self.share.setToolTip(tr("An answer also serves the same clause of the other standards, "
                                 "as long as that clause has no answer of its own."))
        self.share.setChecked(shares_answers)
        self.share.setVisible(several_standards)
        self._several = several_standards
        self.info_form.layout().addRow(self.share)
        self.scope_form = ScopeForm(scope)
        tabs.addTab(self.info_form, tr("Project"))
        tabs.addTab(self.scope_form, tr("Scope"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(tabs)
        layout.addWidget(buttons)
        self.resize(640, 520)

    def share_answers(self) -> bool | None:
        """The choice for shared clauses; None when the project has one standard."""
        return self.share.isChecked() if self._several else None

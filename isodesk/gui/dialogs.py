"""Every modal question the application asks goes through these functions.

One place for message boxes and file dialogs keeps the wording consistent, and lets the tests
replace them (tests/gui/conftest.py) so that no modal dialog can ever block the suite.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from isodesk.support.i18n import tr

PROJECT_FILTER = "isodesk (*.isodesk)"
EXCEL_FILTER = "Excel (*.xlsx)"
PDF_FILTER = "PDF (*.pdf)"
WORD_FILTER = "Word (*.docx)"
IMAGE_FILTER = "Images (*.png *.jpg *.jpeg)"


def error(parent: QWidget | None, message: str, title: str = "") -> None:
    QMessageBox.warning(parent, title or tr("isodesk"), message)


def inform(parent: QWidget | None, message: str, title: str = "") -> None:
    QMessageBox.information(parent, title or tr("isodesk"), message)


def confirm(parent: QWidget | None, message: str, title: str = "") -> bool:
    answer = QMessageBox.question(parent, title or tr("isodesk"), message,
                                  QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                  QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes


def open_read_only(parent: QWidget | None, message: str) -> bool:
    """The project is locked or read-only: offer to open it read-only."""
    box = QMessageBox(QMessageBox.Icon.Question, tr("isodesk"), message,
                      QMessageBox.StandardButton.Cancel, parent)
    read_only = box.addButton(tr("Open read-only"), QMessageBox.ButtonRole.AcceptRole)
    box.exec()
    return box.clickedButton() is read_only


def open_locked(parent: QWidget | None, message: str) -> str | None:
    """Someone else has the project open: "read_only", "anyway" (after a warning), or None."""
    box = QMessageBox(QMessageBox.Icon.Warning, tr("isodesk"), message,
                      QMessageBox.StandardButton.Cancel, parent)
    box.setInformativeText(tr(
        "Open anyway only if you are sure nobody is working in this project any more (for "
        "example after a crash on another computer): if two people change it at the same time, "
        "one overwrites the other's work."))
    read_only = box.addButton(tr("Open read-only"), QMessageBox.ButtonRole.AcceptRole)
    anyway = box.addButton(tr("Open anyway"), QMessageBox.ButtonRole.DestructiveRole)
    box.setDefaultButton(read_only)
    box.exec()
    clicked = box.clickedButton()
    return "read_only" if clicked is read_only else "anyway" if clicked is anyway else None


def open_file(parent, title: str, folder: str, file_filter: str) -> Path | None:
    name, _ = QFileDialog.getOpenFileName(parent, title, folder, file_filter)
    return Path(name) if name else None


def open_files(parent, title: str, folder: str, file_filter: str) -> list[Path]:
    names, _ = QFileDialog.getOpenFileNames(parent, title, folder, file_filter)
    return [Path(name) for name in names]


def choose_folder(parent, title: str, folder: str) -> Path | None:
    name = QFileDialog.getExistingDirectory(parent, title, folder)
    return Path(name) if name else None


def ask_photo_size(parent, current: int, low: int, high: int) -> int | None:
    """The long side, in pixels, evidence photos are scaled down to."""
    from PySide6.QtWidgets import QInputDialog

    value, ok = QInputDialog.getInt(
        parent, tr("Photo size"),
        tr("Evidence photos are kept with this many pixels on their long side (1600 is sharp "
           "on screen and in the report; more makes the project file larger):"),
        current, low, high, 100)
    return value if ok else None


def save_file(parent, title: str, suggested: str, file_filter: str, suffix: str) -> Path | None:
    name, _ = QFileDialog.getSaveFileName(parent, title, suggested, file_filter)
    if not name:
        return None
    path = Path(name)
    return path if path.suffix.lower() == suffix else path.with_name(path.name + suffix)


def open_document(url) -> bool:
    """Open a file or folder in the system's program for it; False when there is none."""
    from PySide6.QtGui import QDesktopServices

    return QDesktopServices.openUrl(url)


def file_written(parent, message: str, path: Path) -> None:
    """A report or workbook is ready: say where, and offer to open it or its folder (the
    system may have no viewer for it, so opening is a choice, not the only trace)."""
    from PySide6.QtCore import QUrl

    box = QMessageBox(QMessageBox.Icon.Information, tr("isodesk"), f"{message}\n\n{path}",
                      QMessageBox.StandardButton.Close, parent)
    open_button = box.addButton(tr("&Open"), QMessageBox.ButtonRole.AcceptRole)
    folder_button = box.addButton(tr("Show in &folder"), QMessageBox.ButtonRole.ActionRole)
    box.setDefaultButton(open_button)
    box.exec()
    target = path if box.clickedButton() is open_button else path.parent
    if box.clickedButton() in (open_button, folder_button) and not open_document(
            QUrl.fromLocalFile(str(target))):
        error(parent, tr("This computer has no program to open {name}; it is in {folder}.").format(
            name=path.name, folder=path.parent))


def recent_label(name: str) -> str:
    """A recent file as "name — folder", so two "Nulmeting.isodesk" can be told apart."""
    path = Path(name)
    folder = str(path.parent)
    home = str(Path.home())
    if folder == home or folder.startswith(home + "/"):
        folder = "~" + folder[len(home):]
    return f"{path.name} — {folder}"


def new_action(parent, draft: dict) -> dict | None:
    """The "Add action" dialog, filled from ``draft``; the action's fields, or None."""
    from isodesk.gui.action_dialog import ActionDialog

    dialog = ActionDialog(draft, parent)
    return dialog.values() if run_dialog(dialog) else None


def ask_assessor(parent, suggested: str) -> str | None:
    """The user's name for the change history of their projects (asked once)."""
    from PySide6.QtWidgets import QInputDialog

    name, ok = QInputDialog.getText(
        parent, tr("Your name"),
        tr("Your name, as it appears in the change history of the projects you edit:"),
        text=suggested)
    return name.strip() if ok and name.strip() else None


def run_dialog(dialog) -> bool:
    return dialog.exec() == dialog.DialogCode.Accepted


def preview_import(parent, plan) -> dict | None:
    """Show what an import will change and let the user decide its conflicts: the decisions
    (Conflict.key → "mine" / "theirs"; empty without conflicts) when applied, None when
    cancelled (gui/import_preview.py)."""
    from isodesk.gui.import_preview import run_preview

    return run_preview(parent, plan)


def merge_decisions(parent, plan) -> dict | None:
    """Show what a merge brings and let the user decide each conflict: ``Conflict.key`` →
    "mine" / "theirs" for every conflict, or None when the user cancels."""
    from isodesk.gui.merge_dialog import MergeDialog

    dialog = MergeDialog(plan, parent)
    return dialog.decisions() if dialog.exec() == dialog.DialogCode.Accepted else None


def show_comparison(parent, comparison, old, new) -> str | None:
    """Two assessments compared (``gui/compare_view.py``); the key of the item the user
    double-clicked to go to, or None."""
    from isodesk.gui.compare_view import CompareView

    dialog = CompareView(comparison, old, new, parent)
    dialog.exec()
    return dialog.chosen_key


def run_wizard(wizard) -> bool:
    return wizard.exec() == wizard.DialogCode.Accepted

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


def open_file(parent, title: str, folder: str, file_filter: str) -> Path | None:
    name, _ = QFileDialog.getOpenFileName(parent, title, folder, file_filter)
    return Path(name) if name else None


def save_file(parent, title: str, suggested: str, file_filter: str, suffix: str) -> Path | None:
    name, _ = QFileDialog.getSaveFileName(parent, title, suggested, file_filter)
    if not name:
        return None
    path = Path(name)
    return path if path.suffix.lower() == suffix else path.with_name(path.name + suffix)


def open_document(url) -> None:
    """Open a finished report or workbook in the system's viewer."""
    from PySide6.QtGui import QDesktopServices

    QDesktopServices.openUrl(url)


def preview_import(parent, plan) -> dict | None:
    """Show what an import will change and let the user decide its conflicts: the decisions
    (Conflict.key → "mine" / "theirs"; empty without conflicts) when applied, None when
    cancelled (gui/import_preview.py)."""
    from isodesk.gui.import_preview import run_preview

    return run_preview(parent, plan)


def run_wizard(wizard) -> bool:
    return wizard.exec() == wizard.DialogCode.Accepted

"""Starting the application: QApplication, language, the first project, and opening projects.

``isodesk`` without a file opens the project worked on last; on the very first start, the demo
project (written to the user's data folder on first use; Help opens it again). A file that cannot
be opened gets one sentence and the welcome window; the application keeps running.

Test-only: with ``ISODESK_QUIT_WHEN_SHOWN=1`` the application prints the shown window's title
and quits as soon as its event loop runs (the packaging tests and the start-up benchmark).
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QObject, QTimer, QTranslator
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QMainWindow,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from isodesk.app.session import ProjectSession, create_project
from isodesk.app.settings import Settings
from isodesk.app.upgrade import upgrade_message
from isodesk.domain.errors import IsodeskError, ProjectLockedError, ReadOnlyFileError
from isodesk.gui import dialogs
from isodesk.gui.main_window import MainWindow
from isodesk.gui.style import enlarge_font
from isodesk.storage.lock import break_lock
from isodesk.support import i18n
from isodesk.support.i18n import localize, tr
from isodesk.support.paths import bundled, user_data_dir


def demo_path() -> Path:
    """The demo project in the user's data folder, written on first use."""
    path = user_data_dir() / ("demo-en.isodesk" if i18n.language() == "en" else "demo.isodesk")
    if not path.exists():  # the writer and the catalogs are loaded only to write it
        from isodesk.app.demo import write_demo
        from isodesk.catalog import CatalogRegistry

        path.parent.mkdir(parents=True, exist_ok=True)
        write_demo(path, CatalogRegistry.default(), language=i18n.language())
    return path


class WelcomeWindow(QMainWindow):
    """Shown when no project is open: new, open, recent, demo."""

    def __init__(self, controller: "Controller"):
        super().__init__()
        self.setWindowTitle("isodesk")
        body = QWidget()
        layout = QVBoxLayout(body)
        title = QLabel("isodesk")
        enlarge_font(title, 2, bold=True)
        layout.addWidget(title)
        for text, slot in ((tr("New project…"), controller.new_project),
                           (tr("Open…"), controller.open_dialog),
                           (tr("Open the demo project"), lambda: controller.open_path(demo_path()))):
            button = QPushButton(text)
            button.clicked.connect(slot)
            layout.addWidget(button)
        for name in controller.settings.existing_recent()[:5]:
            button = QPushButton(dialogs.recent_label(name))
            button.setToolTip(name)
            button.clicked.connect(lambda _c=False, n=name: controller.open_path(Path(n)))
            layout.addWidget(button)
        layout.addStretch()
        self.setCentralWidget(body)
        self.resize(420, 360)


class Controller(QObject):
    """Owns the windows: one MainWindow per open project, or the welcome window."""

    def __init__(self, app: QApplication, settings: Settings):
        super().__init__()
        self.app = app
        self.settings = settings
        self.window: MainWindow | None = None
        self.welcome: WelcomeWindow | None = None
        self._qt_translator: QTranslator | None = None

    # ----------------------------------------------------------------------- language
    def apply_language(self, code: str) -> None:
        i18n.set_language(code)
        if self._qt_translator:
            self.app.removeTranslator(self._qt_translator)
            self._qt_translator = None
        if code != "en":
            translator = QTranslator(self.app)
            folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
            if translator.load(QLocale(code), "qtbase", "_", folder):
                self.app.installTranslator(translator)
                self._qt_translator = translator

    def change_language(self, code: str) -> None:
        self.settings.language = code
        self.settings.save()
        self.apply_language(code)
        if self.window:
            self.window.rebuild()

    # -------------------------------------------------------------------------- projects
    def open_path(self, path: Path | str, read_only: bool = False) -> bool:
        path = Path(path)
        parent = self.window or self.welcome
        if self.window and self.window.session.path.resolve() == path.resolve():
            self.window.raise_()
            return True
        try:
            session = ProjectSession.open(path, read_only=read_only, author=self.settings.assessor or None)
        except ProjectLockedError as e:
            choice = dialogs.open_locked(parent, localize(e))
            if choice == "anyway":
                break_lock(path)
            elif choice != "read_only":
                return False
            return self.open_path(path, read_only=choice == "read_only")
        except ReadOnlyFileError as e:
            if not dialogs.open_read_only(parent, localize(e)):
                return False
            return self.open_path(path, read_only=True)
        except IsodeskError as e:
            dialogs.error(parent, localize(e))
            return False
        self._show(session)
        message = upgrade_message(session)
        if message:
            dialogs.inform(self.window, message, tr("File format upgraded"))
        return True

    def _show(self, session: ProjectSession) -> None:
        old = self.window
        self.settings.add_recent(session.path)  # before the window: its Open recent lists it
        window = MainWindow(session, self.settings)
        window.open_requested.connect(lambda name: self.open_path(Path(name)))
        window.new_requested.connect(self.new_project)
        window.demo_requested.connect(lambda: self.open_path(demo_path()))
        window.language_changed.connect(self.change_language)
        self.settings.last_folder = str(session.path.resolve().parent)
        # Written once the window is on screen: the recent-files list can wait a moment, the
        # consultant waiting for the window cannot (the write is synced to disk).
        QTimer.singleShot(300, self.settings.save)
        self.window = window
        window.show()
        if old is not None:
            old.close()
        if self.welcome is not None:
            self.welcome.close()
            self.welcome = None

    def start(self, file: str | None = None, read_only: bool = False) -> None:
        """The first window: the file given, else the project worked on last, else (the very
        first start, nothing opened yet) the demo project; the welcome window when it fails."""
        if file:
            opened = self.open_path(Path(file), read_only=read_only)
        elif self.settings.existing_recent():
            opened = self.open_path(Path(self.settings.existing_recent()[0]))
        elif not self.settings.recent_files:
            opened = self.open_path(demo_path())
        else:
            opened = False  # the recent projects have gone (moved, or on a stick not present)
        if not opened:
            self.show_welcome()

    def ask_assessor_once(self) -> None:
        """The user's name for the change history, asked on the first start only (Settings has
        a menu entry to change it)."""
        if self.settings.assessor:
            return
        from isodesk.app.identity import default_author

        name = dialogs.ask_assessor(self.window or self.welcome, default_author())
        if name:
            self.settings.assessor = name
            self.settings.save()
            if self.window is not None:  # opened before the question: its edits are by them too
                self.window.session.author = name

    def show_welcome(self) -> None:
        self.welcome = WelcomeWindow(self)
        self.welcome.show()

    def open_dialog(self) -> None:
        path = dialogs.open_file(self.window or self.welcome, tr("Open project"),
                                 self.settings.last_folder, dialogs.PROJECT_FILTER)
        if path:
            self.open_path(path)

    def new_project(self) -> None:
        from isodesk.catalog import CatalogRegistry
        from isodesk.gui.project_dialogs import NewProjectWizard

        registry = CatalogRegistry.default()
        folder = self.settings.last_folder or str(Path.home())
        wizard = NewProjectWizard(registry, folder, self.window or self.welcome)
        if not dialogs.run_wizard(wizard):
            return
        path, info, scope, norms = wizard.result_values()
        try:
            session = create_project(path, info.pop("client"), norms, registry,
                                     language=info.pop("language"),
                                     assessors=info.pop("assessors"),
                                     author=self.settings.assessor or None, **info)
            session.set_scope(**scope)
        except IsodeskError as e:
            dialogs.error(self.window or self.welcome, localize(e))
            return
        self._show(session)


def create_application(argv: list[str] | None = None) -> tuple[QApplication, Controller]:
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    app.setApplicationName("isodesk")
    app.setOrganizationName("isodesk")
    icon = bundled("resources") / "icons" / "isodesk.svg"
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    settings = Settings.load()
    controller = Controller(app, settings)
    controller.apply_language(settings.language or i18n.system_language())
    return app, controller


def run_gui(file: str | None, read_only: bool = False) -> int:
    app, controller = create_application()
    controller.start(file, read_only)
    if os.environ.get("ISODESK_QUIT_WHEN_SHOWN"):
        shown = controller.window or controller.welcome
        QTimer.singleShot(0, lambda: (print(shown.windowTitle(), flush=True), app.quit()))
    else:  # over the window that just opened, once it is on screen
        QTimer.singleShot(0, controller.ask_assessor_once)
    return app.exec()

"""The main window: menus, tabs (checklist, SoA, actions, risks, dashboard), interview mode,
status bar, and the long-running file work (export, import, report) in the background."""
from __future__ import annotations

import base64
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QIcon, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from isodesk.app.followup import has_baseline
from isodesk.app.session import ProjectSession
from isodesk.app.settings import Settings
from isodesk.domain.errors import IsodeskError
from isodesk.gui import dialogs, evidence
from isodesk.gui.checklist_view import ChecklistView
from isodesk.gui.events import SessionEvents
from isodesk.gui.undo import UndoActions
from isodesk.storage.fileformat import shared_location_warning
from isodesk.support.i18n import LANGUAGES, N_, language, localize, plural, tr
from isodesk.support.paths import bundled

if TYPE_CHECKING:  # the worker and its progress dialog are loaded with the first export
    from isodesk.gui.tasks import BackgroundTask


def _merge_actions():
    """Copy and merge (their use cases and the merge code) load when first used, not at start."""
    from isodesk.gui import merge_actions

    return merge_actions


def _followup_actions():
    """The follow-up and the comparison, loaded when first used like copy and merge."""
    from isodesk.gui import followup_actions

    return followup_actions


class MainWindow(QMainWindow):
    open_requested = Signal(str)  # path: the application opens it (replacing this window)
    new_requested = Signal()
    demo_requested = Signal()
    language_changed = Signal(str)

    def __init__(self, session: ProjectSession, settings: Settings, parent=None):
        super().__init__(parent)
        self.session = session
        self.settings = settings
        self.task: BackgroundTask | None = None
        self.events = SessionEvents(session)
        self.events.edited.connect(self._on_edit)
        self.history = UndoActions(self, session, self.perform, self.flush_typing)
        self.undo_action, self.redo_action = self.history.undo, self.history.redo
        self.setAcceptDrops(True)
        self._build()
        self._restore_geometry()
        self._update_title()
        self.set_saved_status(tr("Opened"))
        warning = shared_location_warning(session.path)
        if warning:
            QTimer.singleShot(0, lambda: self.statusBar().showMessage("⚠ " + warning, 15000))

    # ------------------------------------------------------------------------------ layout
    def _build(self) -> None:
        s = self.session
        self.checklist = ChecklistView(s, self.events, self.perform)
        self.checklist.panel.add_action_requested.connect(self.add_action_for)
        self.checklist.panel.add_risk_requested.connect(self.add_risk_for)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.checklist, tr("Checklist"))
        # The other tabs and interview mode are built the first time they are shown: the window
        # (and the checklist a consultant starts with) appears sooner.
        self._views: dict[str, QWidget] = {}
        self._pages: dict[str, QWidget] = {}
        self.soa_catalog = next((c.id for c in s.catalogs
                                 if any(r.kind == "control" and r.assessable for r in s.items_of(c.id))), None)
        self.has_baseline = has_baseline(s)  # a follow-up: its progress beside the dashboard
        for name, title in (("soa", N_("Statement of Applicability")), ("actions", N_("Action plan")),
                            ("risks", N_("Risks")), ("dashboard", N_("Dashboard")),
                            ("progress", N_("Progress")), ("report", N_("Report"))):
            if name == "soa" and not self.soa_catalog or name == "progress" and not self.has_baseline:
                continue
            page = QWidget()
            QVBoxLayout(page).setContentsMargins(0, 0, 0, 0)
            self._pages[name] = page
            self.tabs.addTab(page, tr(title))
        self.tabs.currentChanged.connect(self._tab_changed)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.tabs)
        self.setCentralWidget(self.stack)

        if not hasattr(self, "saved_label"):
            self.saved_label = QLabel()
            self.mode_label = QLabel()
            self.statusBar().addPermanentWidget(self.mode_label)
            self.statusBar().addPermanentWidget(self.saved_label)
        self._build_menus()

    def _tab_changed(self, index: int) -> None:
        for name, page in self._pages.items():
            if self.tabs.widget(index) is page:
                self.view(name)

    def view(self, name: str) -> QWidget:
        """The view ``name`` (soa, actions, risks, dashboard, interview), built on first use."""
        if name not in self._views:
            s = self.session
            if name == "interview":
                from isodesk.gui.interview import InterviewView

                widget = InterviewView(s, self.events, self.perform)
                widget.leave_requested.connect(self.leave_interview)
                widget.item_changed.connect(self.checklist.select_key)
                widget.dashboard_requested.connect(lambda: self.show_tab(self.dashboard))
                widget.report_requested.connect(self.make_report)
                self.stack.addWidget(widget)
            elif name == "dashboard":
                from isodesk.gui.dashboard import Dashboard

                widget = Dashboard(s, self.events)
            elif name == "report":
                from isodesk.gui.report_tab import ReportTab

                widget = ReportTab(s, self.perform, self.events)
            elif name == "progress":
                from isodesk.app.followup import baseline_of
                from isodesk.gui.progress_view import ProgressView

                widget = ProgressView(s, self.events, baseline_of(s))
                widget.reverify_requested.connect(self.show_reverify)
            else:
                from isodesk.gui import record_views

                widget = (record_views.SoAView(s, self.events, self.perform, self.soa_catalog)
                          if name == "soa"
                          else record_views.ActionsView(s, self.events, self.perform) if name == "actions"
                          else record_views.RisksView(s, self.events, self.perform))
                widget.jump_to.connect(self.jump_to)
            if name in self._pages:
                self._pages[name].layout().addWidget(widget)
            self._views[name] = widget
        return self._views[name]

    @property
    def soa_view(self):
        return self.view("soa") if self.soa_catalog else None

    @property
    def actions_view(self):
        return self.view("actions")

    @property
    def risks_view(self):
        return self.view("risks")

    @property
    def dashboard(self):
        return self.view("dashboard")

    @property
    def interview(self):
        return self.view("interview")

    @property
    def progress_view(self):
        return self.view("progress") if self.has_baseline else None

    def _interviewing(self) -> bool:
        return "interview" in self._views and self.stack.currentWidget() is self._views["interview"]

    def rebuild(self) -> None:
        """Build every view again (after a change of the user-interface language)."""
        current = self.checklist.current_key()
        old = self.centralWidget()
        self._build()
        old.deleteLater()
        self._update_title()
        self.set_saved_status(tr("Saved"))
        if current:
            self.checklist.select_key(current)

    def _action(self, menu, text: str, slot, shortcut=None, enabled: bool = True,
                icon: str | None = None) -> QAction:
        action = QAction(tr(text), self)
        if icon:
            action.setIcon(QIcon(str(bundled("resources") / "icons" / f"{icon}.svg")))
        if shortcut is not None:
            if isinstance(shortcut, (list, tuple)):
                action.setShortcuts([QKeySequence(k) for k in shortcut])
            else:
                action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _checked=False: slot())
        action.setEnabled(enabled)
        menu.addAction(action)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        bar.clear()
        writable = not self.session.read_only
        m = bar.addMenu(tr("&File"))
        new = self._action(m, N_("&New project…"), self.new_requested.emit, QKeySequence.StandardKey.New,
                           icon="new")
        open_ = self._action(m, N_("&Open…"), self.open_dialog, QKeySequence.StandardKey.Open, icon="open")
        self.recent_menu = m.addMenu(tr("Open &recent"))
        self._fill_recent()
        m.addSeparator()
        self._action(m, N_("Save a &copy as…"), self.save_copy, QKeySequence.StandardKey.SaveAs)
        self._action(m, N_("Copy for a co&lleague…"), lambda: _merge_actions().copy_for_colleague(self))
        self._action(m, N_("&Merge…"), lambda: _merge_actions().merge_from_file(self), enabled=writable)
        self._action(m, N_("New &follow-up…"), lambda: _followup_actions().new_followup(self))
        export = self._action(m, N_("&Export to Excel…"), self.export_excel, "Ctrl+E", icon="export")
        import_ = self._action(m, N_("&Import from Excel…"), self.import_excel, "Ctrl+Shift+I", writable,
                               icon="import")
        report = self._action(m, N_("&Report (PDF)…"), self.make_report, QKeySequence.StandardKey.Print,
                              icon="report")
        self._action(m, N_("Report as &Word…"), lambda: self.make_report(word=True))
        self._action(m, N_("Export e&vidence…"), lambda: evidence.export_evidence(self))
        m.addSeparator()
        self._action(m, N_("&Close"), self.close, QKeySequence.StandardKey.Close)
        self._action(m, N_("&Quit"), self._quit, QKeySequence.StandardKey.Quit)

        m = bar.addMenu(tr("&Edit"))
        self.history.update()  # texts in the (new) language
        m.addAction(self.undo_action)
        m.addAction(self.redo_action)
        m.addSeparator()
        self._action(m, N_("&Find…"), self.find, QKeySequence.StandardKey.Find)
        self._action(m, N_("Next item"), lambda: self.step_item(1), "Ctrl+Down")
        self._action(m, N_("Previous item"), lambda: self.step_item(-1), "Ctrl+Up")
        self._action(m, N_("Apply answer to other standards"), self.link_current, "Ctrl+L", writable)
        m.addSeparator()
        self._action(m, N_("Project &details…"), self.edit_details, "Ctrl+Shift+D", writable)

        m = bar.addMenu(tr("&Project"))
        from isodesk.gui.transition_actions import TransitionMenu

        self.transition_menu = TransitionMenu(self, m)  # its entries when it is first opened

        m = bar.addMenu(tr("&View"))
        interview = self._action(m, N_("&Interview mode"), self.enter_interview, ["F11", "Ctrl+Shift+M"],
                                 icon="interview")
        self._action(m, N_("&Checklist"), lambda: self.show_tab(self.checklist), "Ctrl+1")
        if self.soa_catalog:
            self._action(m, N_("&Statement of Applicability"), lambda: self.show_tab(self.soa_view), "Ctrl+2")
        self._action(m, N_("&Action plan"), lambda: self.show_tab(self.actions_view), "Ctrl+3")
        self._action(m, N_("R&isks"), lambda: self.show_tab(self.risks_view), "Ctrl+4")
        dashboard = self._action(m, N_("&Dashboard"), lambda: self.show_tab(self.dashboard), "Ctrl+5",
                                 icon="dashboard")
        if self.has_baseline:
            self._action(m, N_("&Progress since the baseline"), lambda: self.show_tab(self.progress_view),
                         "Ctrl+6")
        self._action(m, N_("Co&mpare with another assessment…"),
                     lambda: _followup_actions().compare_with_file(self))
        m.addSeparator()
        self._action(m, N_("Show items not yet assessed"), self.checklist.show_open_only, "Ctrl+Shift+O")
        self._action(m, N_("Show answers not yet re-verified"), self.show_reverify, "Ctrl+Shift+R")

        m = bar.addMenu(tr("&Settings"))
        language_menu = m.addMenu(tr("&Language"))
        for code, name in LANGUAGES.items():
            action = QAction(name, self)
            action.setCheckable(True)
            action.setChecked(language() == code)
            action.triggered.connect(lambda _c=False, c=code: self.language_changed.emit(c))
            language_menu.addAction(action)
        self._action(m, N_("Report &logo…"), self.choose_logo)
        self._action(m, N_("&Photo size…"), self.choose_photo_size)
        self._action(m, N_("Your &name…"), self.ask_assessor)

        m = bar.addMenu(tr("&Help"))
        self._action(m, N_("&Keyboard shortcuts"), self.show_shortcuts, QKeySequence.StandardKey.HelpContents)
        self._action(m, N_("Open the &demo project"), self.demo_requested.emit)
        self._action(m, N_("&About isodesk"), self.show_about)

        if getattr(self, "toolbar", None) is not None:
            self.removeToolBar(self.toolbar)
        self.toolbar = self.addToolBar(tr("Tools"))
        self.toolbar.setObjectName("main-toolbar")
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        for action in (new, open_, None, self.undo_action, self.redo_action, None, interview, dashboard,
                       None, export, import_, report):
            if action is None:
                self.toolbar.addSeparator()
            else:
                self.toolbar.addAction(action)

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        files = self.settings.existing_recent()
        for name in files:
            action = QAction(dialogs.recent_label(name), self)
            action.setToolTip(name)
            action.triggered.connect(lambda _c=False, n=name: self.open_requested.emit(n))
            self.recent_menu.addAction(action)
        self.recent_menu.setEnabled(bool(files))

    # ---------------------------------------------------------------------------- editing
    def perform(self, fn, origin: object = None) -> bool:
        """Run an edit (a session method) on behalf of ``origin`` (the view that asks, so it
        can skip refreshing itself); show a sentence if it fails. True on success."""
        try:
            with self.session.acting_for(origin):
                fn()
        except IsodeskError as e:
            self.show_error(localize(e))
            return False
        return True

    def show_error(self, message: str) -> None:
        dialogs.error(self, message)
        self.checklist.panel.refresh()

    def flush_typing(self) -> None:
        """Save what is typed but still waiting for the typing pause (before commands that
        act on the stored answer: undo, apply to other standards, export, closing)."""
        self.checklist.panel.commit_text()
        if "interview" in self._views:
            self.interview.save_note()

    def _on_edit(self, _edit) -> None:
        self._update_title()
        self.set_saved_status(tr("Saved"))

    def set_saved_status(self, what: str) -> None:
        if self.session.read_only:
            self.saved_label.setText(tr("Read-only: changes cannot be saved"))
        else:
            self.saved_label.setText("✔ " + tr("{what} {time} · every change is saved automatically").format(
                what=what, time=datetime.now().strftime("%H:%M:%S")))

    def _update_title(self) -> None:
        info = self.session.info
        ro = f" [{tr('read-only')}]" if self.session.read_only else ""
        title = f"{info.client} — {self.session.path.name}{ro} — isodesk"
        if title != self.windowTitle():
            self.setWindowTitle(title)
        self.mode_label.setText(tr("Interview mode") if self._interviewing() else "")

    def current_key(self) -> str | None:
        """The item the user is on: in interview mode the interview's, else the checklist's."""
        return self.interview.key if self._interviewing() else self.checklist.current_key()

    def step_item(self, step: int) -> None:
        if self._interviewing():
            self.interview.go(self.interview.position + step)
        else:
            self.checklist.select_next(step)

    def add_action_for(self, key: str) -> None:
        self.flush_typing()
        fields = dialogs.new_action(self, self.session.action_draft(key))
        if fields is not None and self.perform(lambda: self.session.add_action(**fields)):
            self.statusBar().showMessage(tr("Action added to the action plan."), 4000)

    def add_risk_for(self, key: str) -> None:
        self.flush_typing()
        draft = self.session.risk_draft(key)
        if self.perform(lambda: self.session.add_risk(**draft)):
            self.statusBar().showMessage(tr("Risk added to the risk register."), 4000)

    def link_current(self) -> None:
        key = self.current_key()
        if key:
            self.flush_typing()
            self.perform(lambda: self.session.link_partners(key))

    def ask_assessor(self) -> None:
        name = dialogs.ask_assessor(self, self.settings.assessor or self.session.author)
        if name:
            self.settings.assessor = name
            self.settings.save()
            self.session.author = name

    def edit_details(self) -> None:
        from isodesk.gui.project_dialogs import ProjectDetailsDialog

        dialog = ProjectDetailsDialog(self.session.info, self.session.scope, self.session.shares_answers,
                                      len(self.session.catalogs) > 1, self)
        if not dialogs.run_dialog(dialog):
            return
        info = dialog.info_form.values()
        if not info["client"]:
            self.show_error(tr("The client name is empty."))
            return
        share = dialog.share_answers()
        if share is not None and share != self.session.shares_answers:
            info["share_answers"] = share
        self.perform(lambda: self.session.set_info(**info))
        self.perform(lambda: self.session.set_scope(**dialog.scope_form.values()))

    # --------------------------------------------------------------------------- navigation
    def show_tab(self, widget) -> None:
        self.leave_interview()
        page = next((self._pages[n] for n, w in self._views.items() if w is widget and n in self._pages),
                    widget)
        self.tabs.setCurrentWidget(page)

    def show_reverify(self) -> None:
        """The checklist of the answers carried over from an earlier assessment and not yet
        re-verified (a follow-up's, a transition's)."""
        self.show_tab(self.checklist)
        self.checklist.show_reverify_only()

    def find(self) -> None:
        self.show_tab(self.checklist)
        self.checklist.search.setFocus()
        self.checklist.search.selectAll()

    def jump_to(self, key: str) -> None:
        self.show_tab(self.checklist)
        self.checklist.select_key(key)

    def enter_interview(self) -> None:
        self.flush_typing()
        keys = self.checklist.table_model.keys()
        self.stack.setCurrentWidget(self.interview)
        self.interview.start(keys, self.checklist.current_key())
        self._update_title()

    def leave_interview(self) -> None:
        if self._interviewing():
            self.stack.setCurrentWidget(self.tabs)
            self.tabs.setCurrentWidget(self.checklist)
            if self.interview.key:
                self.checklist.select_key(self.interview.key)
            self.checklist.table.setFocus()
            self._update_title()

    # ---------------------------------------------------------------------- files and tasks
    def _folder(self) -> str:
        return self.settings.last_folder or str(self.session.path.parent)

    def open_dialog(self) -> None:
        path = dialogs.open_file(self, tr("Open project"), self._folder(), dialogs.PROJECT_FILTER)
        if path:
            self.open_requested.emit(str(path))

    def save_copy(self) -> None:
        suggested = str(self.session.path.with_name(
            tr("{name} (copy)").format(name=self.session.path.stem) + ".isodesk"))
        path = dialogs.save_file(self, tr("Save a copy as"), suggested, dialogs.PROJECT_FILTER, ".isodesk")
        if path and self.perform(lambda: self.session.save_copy(path)):
            self.statusBar().showMessage(tr("Copy saved as {name}.").format(name=path.name), 6000)

    def _run(self, label: str, work, done) -> None:
        if self.task and self.task.running:
            return
        self.flush_typing()
        from isodesk.gui.tasks import BackgroundTask

        self.task = BackgroundTask(self, label, work)
        self.task.done.connect(done)
        self.task.failed.connect(self.show_error)
        self.task.start()

    def _reader(self, fn):
        """Work on a snapshot of the project in the worker thread (the user can go on
        editing; the worker never touches the project file's connection)."""
        data = self.session.snapshot()
        return lambda progress, cancel: fn(data, progress, cancel)

    def export_excel(self) -> None:
        suggested = str(self.session.path.with_suffix(".xlsx"))
        out = dialogs.save_file(self, tr("Export to Excel"), suggested, dialogs.EXCEL_FILTER, ".xlsx")
        if not out:
            return
        from isodesk.excel.export import export_workbook

        self._run(tr("Exporting to Excel…"),
                  self._reader(lambda s, p, c: export_workbook(s, out, progress=p, cancel=c)),
                  lambda _r: dialogs.file_written(self, tr("The checklist is exported to:"), out))

    def import_excel(self) -> None:
        path = dialogs.open_file(self, tr("Import from Excel"), self._folder(), dialogs.EXCEL_FILTER)
        if not path:
            return
        from isodesk.gui.import_preview import planning

        self.flush_typing()  # before the snapshot the workbook is merged into
        self._run(tr("Reading the workbook…"), planning(self.session, path), self._apply_import)

    def _apply_import(self, plan) -> None:
        from isodesk.app.workbook import apply_import

        if plan.foreign is not None and not dialogs.confirm(
                self, tr("{sentence} Import it anyway?").format(sentence=plan.foreign.text())):
            return
        if plan.is_empty:
            dialogs.inform(self, "\n\n".join([tr("The workbook holds no changes for this project."),
                                               *(w.text() for w in plan.warnings)]))
            return
        decisions = dialogs.preview_import(self, plan)
        if decisions is not None and self.perform(lambda: apply_import(self.session, plan, decisions)):
            n = len(plan.edit(decisions).changes)
            self.statusBar().showMessage(plural(n, N_("{n} change imported; Undo takes it back."),
                                                N_("{n} changes imported; Undo takes them back.")), 8000)

    def make_report(self, word: bool = False) -> None:
        suffix = ".docx" if word else ".pdf"
        suggested = str(self.session.path.with_suffix(suffix))
        out = dialogs.save_file(self, tr("Report as Word") if word else tr("Report (PDF)"),
                                suggested, dialogs.WORD_FILTER if word else dialogs.PDF_FILTER,
                                suffix)
        if not out:
            return
        from isodesk.app.attachments import reading_content
        from isodesk.app.followup import baseline_of
        from isodesk.report.builder import build_report

        logo = self.session.asset("logo")  # the project's own: every copy prints the same cover
        baseline = baseline_of(self.session)  # a follow-up's report shows the progress since it
        before = baseline.data if baseline else None
        path = self.session.path

        def write(data, progress, cancel) -> None:
            with reading_content(path) as content:  # the photos, read in the worker
                build_report(data, out, progress=progress, cancel=cancel, logo=logo,
                             baseline=before, content=content)

        self._run(tr("Writing the report…"), self._reader(write),
                  lambda _r: dialogs.file_written(self, tr("The report is written to:"), out))

    def choose_logo(self) -> None:
        """The consultancy's logo: for this project, and as the default for new projects."""
        path = dialogs.open_file(self, tr("Report logo"), self._folder(), dialogs.IMAGE_FILTER)
        if path and self.perform(lambda: self._store_logo(path)):
            self.settings.logo_path = str(path)
            self.settings.save()

    def choose_photo_size(self) -> None:
        """The long side evidence photos are scaled down to (a setting of this computer)."""
        from isodesk.app.evidence_files import LONG_SIDES

        size = dialogs.ask_photo_size(self, self.settings.photo_long_side, *LONG_SIDES)
        if size is not None:
            self.settings.photo_long_side = size
            self.settings.save()

    def _store_logo(self, path: Path) -> None:
        from isodesk.app.project_fields import set_field

        if not self.session.read_only:
            set_field(self.session, "consultancy.logo", str(path))

    # ----------------------------------------------------------------------- help, window
    def show_shortcuts(self) -> None:
        dialogs.inform(self, tr(
            "Checklist: Ctrl+F search · Ctrl+Down/Up next/previous item · Tab from the list to the "
            "answer · Ctrl+L apply the answer to the other standards · Ctrl+Z/Ctrl+Y undo/redo.\n\n"
            "Interview mode (F11), step by step as the screen shows: result 1 conform · 2 partial · "
            "3 not conform · 0 n/a · 4 not assessed; then maturity 0–5; then the note, where every key "
            "is text, digits too. F2, or Backspace in an empty note, goes back to correct result or "
            "maturity. Enter next item not yet assessed · Tab/Shift+Tab next/previous · Esc back to "
            "the checklist."), tr("Keyboard shortcuts"))

    def show_about(self) -> None:
        from isodesk import __version__

        dialogs.inform(self, tr("isodesk {version} — offline ISO gap analyses. Your data stays on this "
                                "computer: isodesk never uses the network.").format(version=__version__))

    def _restore_geometry(self) -> None:
        if self.settings.window_geometry:
            self.restoreGeometry(QByteArray(base64.b64decode(self.settings.window_geometry)))
            return
        screen = self.screen().availableGeometry() if self.screen() else None
        if screen is not None and (screen.width() < 1400 or screen.height() < 860):
            self.resize(screen.size())  # a small laptop screen: all of it, not more
        else:
            self.resize(1400, 860)

    def _quit(self) -> None:
        from PySide6.QtWidgets import QApplication

        self.close()
        QApplication.closeAllWindows()

    def closeEvent(self, event) -> None:
        if self.task and self.task.running:
            self.task.cancel()
        self.flush_typing()
        self.settings.window_geometry = base64.b64encode(bytes(self.saveGeometry())).decode()
        self.settings.save()
        self.session.close()
        super().closeEvent(event)

    def dragEnterEvent(self, event) -> None:
        if any(u.toLocalFile().endswith(".isodesk") for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        for url in event.mimeData().urls():
            if url.toLocalFile().endswith(".isodesk"):
                self.open_requested.emit(url.toLocalFile())
                break

"""Long work (export, import planning, report) in a QThreadPool worker with a progress dialog.

The work function is Qt-free: ``work(progress, cancel)`` where ``progress(done, total)`` and
``cancel() -> bool``. It opens its own read-only ProjectSession inside the worker, because SQLite
connections stay on the thread that made them; every edit is already committed, so the worker
sees exactly what the user sees.
"""
from __future__ import annotations

import threading
from typing import Any, Callable

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from isodesk.domain.errors import Cancelled, IsodeskError
from isodesk.support.i18n import localize, tr


class _Signals(QObject):
    progress = Signal(int, int)
    finished = Signal(object)
    failed = Signal(str, bool)  # message, was cancelled


class _Runnable(QRunnable):
    def __init__(self, work, signals: _Signals, cancel_flag: threading.Event):
        super().__init__()
        self.work = work
        self.signals = signals
        self.cancel_flag = cancel_flag

    def run(self) -> None:
        try:
            result = self.work(lambda done, total: self.signals.progress.emit(done, total),
                               self.cancel_flag.is_set)
        except Cancelled:
            self.signals.failed.emit(tr("Cancelled."), True)
        except IsodeskError as e:
            self.signals.failed.emit(localize(e), False)
        except Exception as e:  # noqa: BLE001 - shown as a sentence, never a traceback
            self.signals.failed.emit(tr("Unexpected error: {error}").format(error=e), False)
        else:
            self.signals.finished.emit(result)


class BackgroundTask(QObject):
    """Runs ``work`` with a progress dialog; ``done(result)`` or ``failed(message)`` afterwards."""

    done = Signal(object)
    failed = Signal(str)

    def __init__(self, parent: QWidget, label: str, work: Callable[[Any, Any], Any]):
        super().__init__(parent)
        self._cancel = threading.Event()
        self._signals = _Signals()
        self.dialog = QProgressDialog(label, tr("Cancel"), 0, 100, parent)
        self.dialog.setWindowTitle(tr("isodesk"))
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(300)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.dialog.canceled.connect(self._cancel.set)
        self._signals.progress.connect(self._on_progress)
        self._signals.finished.connect(self._on_finished)
        self._signals.failed.connect(self._on_failed)
        self._runnable = _Runnable(work, self._signals, self._cancel)
        self.running = False

    def start(self) -> None:
        self.running = True
        self.dialog.setValue(0)
        QThreadPool.globalInstance().start(self._runnable)

    def cancel(self) -> None:
        self._cancel.set()

    def _on_progress(self, done: int, total: int) -> None:
        self.dialog.setMaximum(max(total, 1))
        self.dialog.setValue(min(done, max(total, 1)))

    def _finish(self) -> None:
        self.running = False
        self.dialog.close()

    def _on_finished(self, result) -> None:
        self._finish()
        self.done.emit(result)

    def _on_failed(self, message: str, cancelled: bool) -> None:
        self._finish()
        if not cancelled:
            self.failed.emit(message)

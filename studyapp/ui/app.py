"""Start the GUI: QApplication, error handling, first paint, then the data.

The window paints before the database is opened, so a first run (which imports the bundled
pack) shows a window at once rather than nothing. One window per data folder: a second launch
brings the first forward and exits. An exception in any slot or thread, and any critical Qt
message, is logged with its traceback and shown to the student as one sentence; the app keeps
running (read-only, when a write failed for lack of space or permission).
"""

from __future__ import annotations

import gc
import logging
import sys
import threading
import time
import traceback
from collections.abc import Callable
from types import TracebackType
from typing import TYPE_CHECKING, Any

# Not `Qt` itself: its namespace costs ~15 ms to load, before the first paint.
from PySide6.QtCore import (
    QMessageLogContext,
    QObject,
    QTimer,
    QtMsgType,
    Signal,
    qInstallMessageHandler,
)
from PySide6.QtWidgets import QApplication, QWidget

from studyapp import APP_NAME, __version__
from studyapp.paths import AppPaths
from studyapp.resources import resource_file

if TYPE_CHECKING:
    from PySide6.QtCore import QEvent

log = logging.getLogger(__name__)

_QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def run_gui(paths: AppPaths, *, started_at: float, startup_report: str | None = None,
            process_ends: bool = False) -> int:  # fmt: skip
    """Open the window and run until it closes. `startup_report` ("full" or "data") prints the
    start-up timings and quits; `process_ends` says the caller ends the process right after
    (`cli.fast_exit`), so closing need not wait for a loader thread still importing."""
    from studyapp.ui.theme.manager import new_application

    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else new_application(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName(APP_NAME)
    app.setDesktopFileName("studyapp")
    quiet = startup_report is not None  # nobody to answer a dialog
    hooks = install_exception_hooks(interactive=not quiet)

    from studyapp.ui.instance import SingleInstance

    instance = SingleInstance(paths)
    if not instance.claim():
        return 0  # the window already open on this folder has been brought forward

    from studyapp.ui.main_window import MainWindow
    from studyapp.ui.safety import offer_recovery

    window = MainWindow(paths)
    instance.on_raise(lambda: bring_forward(window))
    # Answer later launches once the notes are on screen (or refused): start-up is a feature.
    for shown in (window.data_ready, window.open_failed, window.open_damaged):
        shown.connect(lambda *_args: QTimer.singleShot(0, instance.listen))
    hooks.write_failed.connect(window.safety.enter_read_only)
    # "data": a student who glances at the notes and closes
    reporter = StartupReporter(started_at, startup_report == "data") if startup_report else None
    if reporter:
        window.first_painted.connect(reporter.painted)
        window.data_ready.connect(reporter.ready)
        window.edits_ready.connect(reporter.edits_ready)
    # After the reporter's: the paint began before the icon was set (SVG icon engine: 2 ms)
    window.first_painted.connect(lambda: _set_window_icon(app))
    for settled in (window.edits_ready, window.open_failed, window.open_damaged):
        settled.connect(lambda *_args: settle_garbage_collector())
    window.open_failed.connect(lambda sentence: _refuse(app, sentence, quiet))
    window.open_damaged.connect(lambda error: offer_recovery(window, error, quiet=quiet))
    window.show()
    exit_code = app.exec()
    if not quiet:
        window.safety.backup_on_close()
    window.close_database(wait_for_loader=not process_ends)
    instance.release()
    return exit_code


def _set_window_icon(app: QApplication) -> None:
    from PySide6.QtGui import QIcon

    icon_path = resource_file("icons/studyapp.svg")
    if icon_path.exists():
        app.setWindowIcon(QIcon(str(icon_path)))


def settle_garbage_collector() -> None:
    """Start-up runs with the cyclic garbage collector off (`cli.main`): importing Qt, the
    ORM and the tabs makes hundreds of thousands of long-lived objects, and scanning them
    again and again cost 165–240 ms. Once everything is loaded, those objects are moved out
    of the collector's sight for good (`gc.freeze`) and collection resumes for what the
    student's work makes."""
    if not gc.isenabled():
        gc.freeze()
        gc.enable()


def bring_forward(window: QWidget) -> None:
    """A second launch asked for this window: show it, on top, with the focus."""
    if window.isMinimized():
        window.showNormal()
    window.show()
    window.raise_()
    window.activateWindow()


def _refuse(app: QApplication, sentence: str, quiet: bool) -> None:
    """The database cannot be opened: say so once, change nothing, and quit."""
    log.error("Cannot open the database: %s", sentence)
    if quiet:
        print(f"studyapp: {sentence}", file=sys.stderr)
    else:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.critical(None, "StudyApp cannot open your notes", sentence)
    QTimer.singleShot(0, lambda: app.exit(1))


class StartupReporter(QObject):
    """Prints `first_paint_ms=… data_ready_ms=… edits_ready_ms=…` (since process start) once
    the ORM is open too (the app fully started), and quits; or, with `at_data`, prints the
    first two once the data shows and quits then.

    The data is on screen when the window starts painting it: the first paint after the tab
    took its rows (`ready`), not the moment it took them, since work queued in between (menus,
    a filter's index) would keep the student waiting as much as the rows themselves."""

    def __init__(self, started_at: float, at_data: bool = False,
                 quit_app: Callable[[], None] = QApplication.quit) -> None:  # fmt: skip
        super().__init__()
        self.started_at = started_at
        self.at_data = at_data
        self._quit = quit_app
        self.first_paint_ms: int | None = None
        self.data_ready_ms: int | None = None
        self.edits_ready_ms: int | None = None
        self.reported = False
        self._waiting_for_paint = False
        self._paint: QEvent.Type | None = None  # set when needed: see `ready`

    def _elapsed_ms(self) -> int:
        return round((time.time() - self.started_at) * 1000)

    def painted(self) -> None:
        if self.first_paint_ms is None:
            self.first_paint_ms = self._elapsed_ms()

    def ready(self) -> None:
        """The tab has its rows: the data is on screen at the next paint."""
        from PySide6.QtCore import QEvent  # not before the first paint: its enums cost ~3 ms

        app = QApplication.instance()
        if app is not None and self.data_ready_ms is None and not self._waiting_for_paint:
            self._paint = QEvent.Type.Paint
            self._waiting_for_paint = True
            app.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if self._waiting_for_paint and event.type() == self._paint:
            self._waiting_for_paint = False
            app = QApplication.instance()
            if app is not None:
                app.removeEventFilter(self)
            self.data_ready_ms = self._elapsed_ms()
            self._report_when_due()
        return False

    def edits_ready(self) -> None:
        self.edits_ready_ms = self._elapsed_ms()
        self._report_when_due()

    def _report_when_due(self) -> None:
        if self.reported or self.data_ready_ms is None:
            return  # (closing at data, the ORM may still open before the quit is handled)
        if not self.at_data and self.edits_ready_ms is None:
            return
        self.reported = True
        data = self.data_ready_ms
        first_paint = self.first_paint_ms if self.first_paint_ms is not None else data
        # Fully started: edits possible and the data painted (a first run's data paints after)
        edits = "" if self.at_data else f" edits_ready_ms={max(data, self.edits_ready_ms or 0)}"
        print(f"first_paint_ms={first_paint} data_ready_ms={data}{edits}", flush=True)
        QTimer.singleShot(0, self._quit)


class ExceptionHooks(QObject):
    """The hooks `install_exception_hooks` put in place, and the way to take them out.

    `write_failed(sentence)` is emitted when the exception was a write refused by a full disk
    or an unwritable folder: the window then stays open read-only."""

    write_failed = Signal(str)
    _report = Signal(str, str, str)  # (sentence, details, kind); queued to the GUI thread

    def __init__(self, interactive: bool) -> None:
        super().__init__()
        self.interactive = interactive
        self._previous = (sys.excepthook, threading.excepthook)
        self._previous_qt_handler: Any = None
        # Emitted from another thread, the report is queued to the GUI thread (auto connection).
        self._report.connect(self._show)

    def install(self) -> None:
        sys.excepthook = self.on_exception
        threading.excepthook = self._on_thread_exception
        self._previous_qt_handler = qInstallMessageHandler(self._on_qt_message)

    def uninstall(self) -> None:
        sys.excepthook, threading.excepthook = self._previous
        qInstallMessageHandler(self._previous_qt_handler)

    def on_exception(
        self, exc_type: type[BaseException], value: BaseException, tb: TracebackType | None
    ) -> None:
        details = "".join(traceback.format_exception(exc_type, value, tb))
        log.error("Unexpected error:\n%s", details)
        sentence, kind = _sentence_for(value)
        self._report.emit(sentence, details, kind)  # shown on the GUI thread, whichever this is

    def _on_thread_exception(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_type is SystemExit:  # a thread ending itself, as threading's own hook allows
            return
        value = args.exc_value or args.exc_type()
        self.on_exception(args.exc_type, value, args.exc_traceback)

    def _on_qt_message(self, mode: QtMsgType, context: QMessageLogContext, message: str) -> None:
        level = _QT_LEVELS.get(mode, logging.WARNING)
        where = f" ({context.file}:{context.line})" if context.file else ""
        log.log(level, "Qt: %s%s", message, where)
        if mode in (QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg):
            self._report.emit(f"StudyApp hit an unexpected problem: {message}", message, "bug")

    def _show(self, sentence: str, details: str, kind: str) -> None:
        if kind == "write":
            self.write_failed.emit(sentence)
        app = QApplication.instance()
        if not self.interactive:
            print(f"studyapp: {sentence}", file=sys.stderr)
            if app is not None and kind == "bug":
                app.exit(1)
            return
        from PySide6.QtWidgets import QMessageBox  # loaded when first needed, not at start-up

        box = QMessageBox(QMessageBox.Icon.Warning, "Something went wrong", sentence)
        if kind == "bug":
            box.setInformativeText("Your notes are saved. The details are in the log file.")
            box.setDetailedText(details)
        box.exec()


def _sentence_for(value: BaseException) -> tuple[str, str]:
    """(one sentence, kind): "write" for a full disk or unwritable folder, "student" for our
    own one-sentence errors, "bug" for everything else."""
    from studyapp.db.errors import write_failure

    failure = write_failure(value)
    if failure is not None:
        return (f"{failure}; StudyApp stays open read-only so nothing else is lost — free "
                "some space or fix the folder, then restart it.", "write")  # fmt: skip
    from studyapp.db.backup import BackupError
    from studyapp.db.database import DatabaseOpenError
    from studyapp.db.locks import LockTimeoutError

    if isinstance(value, BackupError | LockTimeoutError | DatabaseOpenError):
        return str(value), "student"
    return f"StudyApp hit an unexpected problem: {value}", "bug"


def install_exception_hooks(*, interactive: bool = True) -> ExceptionHooks:
    """Log and show exceptions that reach the event loop or a thread, and Qt's own critical
    messages, instead of losing them; the app keeps running. Returns the hooks, whose
    `uninstall()` puts the previous ones back (tests do).

    Non-interactive runs (`--startup-report`) print one sentence and quit with status 1
    rather than wait on a dialog nobody will see.
    """
    hooks = ExceptionHooks(interactive)
    hooks.install()
    return hooks

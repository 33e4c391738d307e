"""Start the GUI: QApplication, error handling, first paint, then the data.

The window paints before the database is opened, so a first run (which imports the bundled
pack) shows a window at once rather than nothing. An exception in any slot is logged with its
traceback and shown to the student as one sentence; the app keeps running.
"""

from __future__ import annotations

import logging
import sys
import threading
import time
import traceback
from types import TracebackType

from PySide6.QtCore import QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from studyapp import APP_NAME, __version__
from studyapp.paths import AppPaths
from studyapp.resources import resource_file

log = logging.getLogger(__name__)


def run_gui(paths: AppPaths, *, started_at: float, startup_report: bool = False) -> int:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName(APP_NAME)
    app.setDesktopFileName("studyapp")
    icon_path = resource_file("icons/studyapp.svg")
    if icon_path.exists():
        app.setWindowIcon(QIcon(str(icon_path)))
    install_exception_hooks(interactive=not startup_report)

    from studyapp.ui.main_window import MainWindow

    window = MainWindow(paths)
    reporter = StartupReporter(started_at) if startup_report else None
    if reporter:
        window.first_painted.connect(reporter.painted)
        window.data_ready.connect(reporter.ready)
    window.open_failed.connect(lambda sentence: _refuse(app, sentence, startup_report))
    window.show()
    exit_code = app.exec()
    window.close_database()
    return exit_code


def _refuse(app: QApplication, sentence: str, quiet: bool) -> None:
    """The database cannot be opened: say so once, change nothing, and quit."""
    log.error("Cannot open the database: %s", sentence)
    if quiet:
        print(f"studyapp: {sentence}", file=sys.stderr)
    else:
        QMessageBox.critical(None, "StudyApp cannot open your notes", sentence)
    QTimer.singleShot(0, lambda: app.exit(1))


class StartupReporter:
    """Prints `first_paint_ms=… data_ready_ms=…` (since process start) and quits."""

    def __init__(self, started_at: float) -> None:
        self.started_at = started_at
        self.first_paint_ms: int | None = None

    def _elapsed_ms(self) -> int:
        return round((time.time() - self.started_at) * 1000)

    def painted(self) -> None:
        if self.first_paint_ms is None:
            self.first_paint_ms = self._elapsed_ms()

    def ready(self) -> None:
        data_ready = self._elapsed_ms()
        first_paint = self.first_paint_ms if self.first_paint_ms is not None else data_ready
        print(f"first_paint_ms={first_paint} data_ready_ms={data_ready}", flush=True)
        QTimer.singleShot(0, QApplication.quit)


def install_exception_hooks(*, interactive: bool = True) -> None:
    """Show and log exceptions that reach the event loop instead of losing them.

    Non-interactive runs (`--startup-report`) print one sentence and quit with status 1
    rather than wait on a dialog nobody will see.
    """

    def hook(exc_type: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        _on_exception(exc_type, value, tb, interactive=interactive)

    sys.excepthook = hook
    threading.excepthook = lambda args: hook(
        args.exc_type, args.exc_value or args.exc_type(), args.exc_traceback
    )


def _on_exception(
    exc_type: type[BaseException],
    value: BaseException,
    tb: TracebackType | None,
    *,
    interactive: bool = True,
) -> None:
    details = "".join(traceback.format_exception(exc_type, value, tb))
    log.error("Unexpected error:\n%s", details)
    if threading.current_thread() is not threading.main_thread():
        return  # widgets belong to the main thread; the log has it
    app = QApplication.instance()
    if not interactive:
        print(f"studyapp: StudyApp failed unexpectedly ({value}).", file=sys.stderr)
        if app is not None:
            app.exit(1)
        return
    if app is None:
        sys.__excepthook__(exc_type, value, tb)
        return
    box = QMessageBox(QMessageBox.Icon.Warning, "Something went wrong", "")
    box.setText(f"StudyApp hit an unexpected problem: {value}")
    box.setInformativeText("Your notes are saved. The details are in the log file.")
    box.setDetailedText(details)
    box.exec()

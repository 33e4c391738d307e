"""Feedback for work that takes a while: a progress dialog with Cancel for imports, exports and
backups, and the view the window shows while it prepares the notes at start-up.

`run_with_progress` runs the work on a worker thread, so the window keeps painting, and shows
a busy dialog only when the work lasts over half a second (`SHOW_AFTER_MS`). The work receives
`check`, which it calls at its safe points: after Cancel, `check()` raises `Cancelled` there,
so the work stops where stopping leaves nothing half-done — an import inside its one
transaction (rolled back), an export or a backup before its finished file replaces anything.
"""

from __future__ import annotations

import os
import stat
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QMainWindow,
    QProgressBar,
    QProgressDialog,
    QVBoxLayout,
    QWidget,
)

T = TypeVar("T")
SHOW_AFTER_MS = 500
POLL_MS = 15  # how often the GUI thread looks whether the worker has finished
Check = Callable[[], None]


class Cancelled(Exception):  # noqa: N818 - a decision of the student's, not an error
    """The student pressed Cancel; the work stopped at a safe point and changed nothing."""


def run_with_progress(parent: QWidget, label: str, work: Callable[[Check], T], *,
                      in_thread: bool = True) -> T:  # fmt: skip
    """`work(check)` behind a progress dialog with Cancel that appears after half a second.
    Returns its result; raises `Cancelled` when the student cancelled in time, and whatever
    else the work raised (a refusal, a bug) as it was.

    Work that draws with Qt (a PDF) must stay on the GUI thread (`in_thread=False`): Qt's
    fonts are not safe to use from two threads at once. Its `check()` then also lets the
    window repaint and the Cancel button be pressed."""
    dialog = _ProgressDialog(label, parent)

    def check() -> None:
        if not in_thread:
            QApplication.processEvents()
        if dialog.cancelled.is_set():
            raise Cancelled

    try:
        return _in_worker(lambda: work(check)) if in_thread else work(check)
    finally:
        dialog.finish()


class _ProgressDialog(QProgressDialog):
    """A busy dialog that shows itself after SHOW_AFTER_MS; Cancel sets `cancelled` (a
    thread-safe flag the work reads through `check`)."""

    def __init__(self, label: str, parent: QWidget) -> None:
        super().__init__(label, "Cancel", 0, 0, parent)  # 0..0: busy, no percentage
        self.cancelled = threading.Event()
        self.setWindowTitle("Please wait")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setMinimumDuration(SHOW_AFTER_MS)
        self.setAutoClose(False)
        self.setAutoReset(False)
        self.canceled.connect(self._on_cancel)
        self.setValue(0)  # starts the clock: the dialog shows itself after SHOW_AFTER_MS

    def _on_cancel(self) -> None:
        self.cancelled.set()
        self.setLabelText("Cancelling…")

    def finish(self) -> None:
        """Close, and go now rather than later: no timer of a finished dialog left running,
        and nothing waiting on an event loop that a synchronous caller may never return to."""
        self.close()
        self.setParent(None)  # Python owns it now; it is deleted with its last reference


def _in_worker(work: Callable[[], T]) -> T:
    """`work()` on a plain Python thread, while this (GUI) thread keeps handling events.

    The worker touches no Qt object at all — the GUI thread polls it — so nothing Qt-made
    is ever created, signalled or destroyed from two threads."""
    outcome: dict[str, Any] = {}

    def run() -> None:
        try:
            outcome["value"] = work()
        except BaseException as error:  # handed back to the caller on the GUI thread
            outcome["error"] = error

    worker = threading.Thread(target=run, name="studyapp-progress", daemon=True)
    worker.start()
    loop = QEventLoop()
    poll = QTimer()
    poll.setInterval(POLL_MS)
    poll.timeout.connect(lambda: None if worker.is_alive() else loop.quit())
    poll.start()
    if worker.is_alive():
        loop.exec()
    poll.stop()
    worker.join()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


def write_with_progress(parent: QWidget, label: str, target: Path, write: Callable[[Path], T],
                        *, in_thread: bool = True) -> T:  # fmt: skip
    """`write(path)` writes a whole file (atomically, as every export writer does). Here it
    writes a hidden file beside `target` (on a worker thread unless `in_thread` is False),
    which replaces `target` only once it is complete and the student has not cancelled:
    Cancel leaves `target` as it was. Returns what `write` returned; a sentence naming the
    file it wrote names `target` instead (the student never sees the hidden file)."""
    staging = target.with_name(f".{target.stem}.partial{target.suffix}")

    def work(check: Check) -> T:
        try:
            check()
            result = write(staging)
            check()
            if target.exists():  # keep the permissions the student's file had
                os.chmod(staging, stat.S_IMODE(target.stat().st_mode))
            os.replace(staging, target)
        finally:
            staging.unlink(missing_ok=True)
        if isinstance(result, str):
            return result.replace(str(staging), str(target))  # type: ignore[return-value]
        if isinstance(result, Path) and result == staging:
            return target  # type: ignore[return-value]
        return result

    return run_with_progress(parent, label, work, in_thread=in_thread)


class PreparingView(QWidget):
    """What the window shows until the notes are open: what is happening, and a busy bar."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel("Opening your notes…", self)
        self.title.setStyleSheet("font-size: 13pt; font-weight: 600;")
        self.detail = QLabel(self)
        self.detail.setWordWrap(True)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.detail.setFixedWidth(460)  # wraps at a readable width, not at its first word
        self.bar = QProgressBar(self)
        self.bar.setRange(0, 0)  # busy: the steps have no honest percentage
        self.bar.setFixedWidth(460)
        self.bar.setAccessibleName("Preparing your notes")
        layout = QVBoxLayout(self)
        layout.addStretch(2)
        for widget in (self.title, self.bar, self.detail):
            layout.addWidget(widget, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(3)

    def show_stage(self, sentence: str) -> None:
        self.detail.setText(sentence)
        self.bar.setAccessibleDescription(sentence)


def show_preparing(window: QMainWindow, sentence: str) -> PreparingView:
    """Put the preparing view in the window (until the tabs replace it) and say `sentence`.
    Made only when a slow step starts, so an ordinary start never builds it."""
    view = window.centralWidget()
    if not isinstance(view, PreparingView):
        view = PreparingView(window)
        window.setCentralWidget(view)
    view.show_stage(sentence)
    window.statusBar().showMessage(sentence)
    return view

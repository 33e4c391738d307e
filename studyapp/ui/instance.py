"""One window per data folder: a `QLockFile` says who has the folder, and a second launch
asks the window that has it to come forward instead of opening the same file twice.

The lock file holds the owner's process id; when that process is gone (killed, crashed), Qt
treats the lock as stale and the next launch takes it over.

The asking is done with files, with QtCore alone: a second launch leaves an empty
`raise-<pid>` file in the data folder's `.studyapp-window` folder and waits for the window to
take it away; the window watches that folder (`QFileSystemWatcher`) once its notes are shown,
and answers what came before too. A local socket (QtNetwork's `QLocalServer`) did the same but
loaded QtNetwork into every window: 3 MiB of the start-up's memory and 6.5 ms.

`studyapp backup --restore` takes the same lock for the length of the restore, so a restore
never runs under an open window and no window opens in the middle of one; a launch that finds
the lock held and no window answering waits for it.
"""

from __future__ import annotations

import contextlib
import logging
import os
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QLockFile, QObject

if TYPE_CHECKING:
    from PySide6.QtCore import QFileSystemWatcher

from studyapp.paths import AppPaths

log = logging.getLogger(__name__)

LOCK_NAME = ".studyapp-window.lock"
REQUESTS = ".studyapp-window"  # the folder where a second launch asks to be brought forward
REQUEST_PREFIX = "raise-"
ANSWER_WAIT_S = 10.0  # a window that has just started answers once its notes are shown
ANSWER_POLL_S = 0.05
WAIT_FOR_RESTORE_MS = 60_000


class FolderLock:
    """The data folder's lock file: held by the window for its lifetime, or by a restore."""

    def __init__(self, paths: AppPaths) -> None:
        try:
            paths.data.mkdir(parents=True, exist_ok=True)
        except OSError as error:  # try_lock fails and says why; the window opens read-only
            log.warning("Cannot create %s: %s", paths.data, error)
        self._lock = QLockFile(str(paths.data / LOCK_NAME))
        # Stale only when its owner is gone; never by age (a window may stay open for days).
        self._lock.setStaleLockTime(0)

    def try_lock(self, timeout_ms: int = 0) -> bool:
        return self._lock.tryLock(timeout_ms)

    def held_elsewhere(self) -> bool:
        """After a failed `try_lock`: True when another process holds it, False when the
        lock file cannot be made at all (a read-only folder)."""
        return self._lock.error() == QLockFile.LockError.LockFailedError

    def is_locked(self) -> bool:
        return self._lock.isLocked()

    def unlock(self) -> None:
        if self._lock.isLocked():
            self._lock.unlock()


class SingleInstance(QObject):
    """`claim()` is True when this process may open the window; otherwise it has asked the
    running window to come forward (or waited out a restore) and the caller exits."""

    def __init__(self, paths: AppPaths, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._paths = paths
        self._lock = FolderLock(paths)
        self._requests = paths.data / REQUESTS
        self._watcher: QFileSystemWatcher | None = None
        self._on_raise: Callable[[], None] | None = None

    def claim(self) -> bool:
        """Take the folder, or hand over to the window that has it. The window that takes it
        calls `listen()` once its notes are on screen."""
        if self._lock.try_lock():
            return True
        if not self._lock.held_elsewhere():
            # A read-only folder: no lock file can be made, and no window can write there
            # either, so two windows cannot collide. Open, read-only.
            log.warning("No lock file can be made in %s; opening without one", self._paths.data)
            return True
        if self._ask_to_raise():
            log.info("StudyApp is already open on %s; brought it forward", self._paths.data)
            return False
        # Locked but nobody answers: a restore from the command line holds it. Wait it out.
        return self._lock.try_lock(WAIT_FOR_RESTORE_MS)

    def on_raise(self, callback: Callable[[], None]) -> None:
        self._on_raise = callback

    def release(self) -> None:
        if self._watcher is not None:
            self._watcher.deleteLater()
            self._watcher = None
        self._lock.unlock()

    def listen(self) -> None:
        """Answer later launches (they ask this window to come forward), and any that asked
        while this window was starting."""
        from PySide6.QtCore import QFileSystemWatcher

        if self._watcher is not None or not self._lock.is_locked():
            return
        try:
            self._requests.mkdir(exist_ok=True)
        except OSError as error:
            log.warning("Cannot listen for a second launch (%s)", error)
            return
        self._watcher = QFileSystemWatcher([str(self._requests)], self)
        self._watcher.directoryChanged.connect(self._answer)
        self._answer()

    def _answer(self, _folder: str = "") -> None:
        """Take away every request and come forward. (One left by a launch killed while it
        waited only brings forward a window that is in front anyway.)"""
        try:
            requests = list(self._requests.glob(f"{REQUEST_PREFIX}*"))
        except OSError as error:
            log.warning("Cannot read the requests of a second launch (%s)", error)
            return
        if not requests:
            return  # e.g. the change this window made by taking the last ones away
        for request in requests:
            try:
                request.unlink()
            except FileNotFoundError:
                pass  # taken already (a change seen twice)
            except OSError as error:
                log.warning("Cannot take a second launch's request %s (%s)", request, error)
        log.info("A second launch asked this window to come forward")
        if self._on_raise is not None:
            self._on_raise()

    def _ask_to_raise(self) -> bool:
        """Leave a request for the window that holds the lock; True once it has taken it."""
        request = self._requests / f"{REQUEST_PREFIX}{os.getpid()}"
        try:
            self._requests.mkdir(exist_ok=True)
            request.touch()
        except OSError as error:
            log.warning("Cannot ask the open window to come forward (%s)", error)
            return False
        deadline = time.monotonic() + ANSWER_WAIT_S
        while time.monotonic() < deadline:
            if not request.exists():
                return True
            time.sleep(ANSWER_POLL_S)
        with contextlib.suppress(OSError):  # nobody answered: a restore holds the lock
            request.unlink()
        return False

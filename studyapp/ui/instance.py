"""One window per data folder: a `QLockFile` says who has the folder, a `QLocalServer` lets a
second launch bring the first window forward instead of opening the same file twice.

The lock file holds the owner's process id; when that process is gone (killed, crashed), Qt
treats the lock as stale and the next launch takes it over. The local socket a killed owner
leaves behind on Unix is removed with `QLocalServer.removeServer` before listening again.

`studyapp backup --restore` takes the same lock for the length of the restore, so a restore
never runs under an open window and no window opens in the middle of one.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QLockFile, QObject

if TYPE_CHECKING:  # QtNetwork is loaded after the first paint, when it is needed
    from PySide6.QtNetwork import QLocalServer, QLocalSocket

from studyapp.paths import AppPaths

log = logging.getLogger(__name__)

LOCK_NAME = ".studyapp-window.lock"
RAISE_MESSAGE = b"raise\n"
CONNECT_TIMEOUT_MS = 1000
CONNECT_ATTEMPTS = 20  # a window that has just started listens once its notes are shown
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


def server_name(paths: AppPaths) -> str:
    """A socket name unique to the data folder (short: Unix socket paths are limited)."""
    import hashlib  # when first needed, after the first paint

    digest = hashlib.sha256(str(paths.data.resolve()).encode("utf-8")).hexdigest()[:20]
    return f"studyapp-{digest}"


class SingleInstance(QObject):
    """`claim()` is True when this process may open the window; otherwise it has asked the
    running window to come forward (or waited out a restore) and the caller exits."""

    def __init__(self, paths: AppPaths, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._paths = paths
        self._lock = FolderLock(paths)
        self._server: QLocalServer | None = None
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
        if self._server is not None:
            self._server.close()
            self._server = None
        self._lock.unlock()

    def listen(self) -> None:
        """Answer later launches (they ask this window to come forward)."""
        from PySide6.QtNetwork import QLocalServer

        if self._server is not None or not self._lock.is_locked():
            return
        name = server_name(self._paths)
        QLocalServer.removeServer(name)  # a socket left behind by a killed window
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(name):
            log.warning("Cannot listen for a second launch (%s)", server.errorString())
            return
        server.newConnection.connect(self._on_connection)
        self._server = server

    def _on_connection(self) -> None:
        assert self._server is not None
        while (socket := self._server.nextPendingConnection()) is not None:
            socket.readyRead.connect(lambda s=socket: self._on_message(s))
            socket.disconnected.connect(socket.deleteLater)

    def _on_message(self, socket: QLocalSocket) -> None:
        if bytes(socket.readAll().data()).startswith(RAISE_MESSAGE.strip()):
            log.info("A second launch asked this window to come forward")
            if self._on_raise is not None:
                self._on_raise()

    def _ask_to_raise(self) -> bool:
        from PySide6.QtCore import QThread
        from PySide6.QtNetwork import QLocalSocket

        socket = QLocalSocket()
        for _attempt in range(CONNECT_ATTEMPTS):
            socket.connectToServer(server_name(self._paths))
            if socket.waitForConnected(CONNECT_TIMEOUT_MS):
                break
            socket.abort()
            QThread.msleep(200)  # the server may not be listening yet; a restore never does
        else:
            return False
        socket.write(RAISE_MESSAGE)
        sent = socket.waitForBytesWritten(CONNECT_TIMEOUT_MS)
        socket.disconnectFromServer()
        return sent

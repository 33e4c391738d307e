"""Open the database off the GUI thread, so the window stays alive while it happens.

Two steps. First the rows of the first screen, read with `sqlite3` alone
(`db/first_screen.py`) when the file was closed cleanly at this app's schema: `first_screen`
hands them over before SQLAlchemy is even imported. Then the full open (creating, migrating,
checking, importing the bundled pack on a first run, about half a second; a backup on an
upgrade): `opened` hands over the `Database` for edits and every other read. None of that
touches a widget, so it runs on a worker thread and hands plain results back through queued
signals. SQLAlchemy's SQLite pool allows a connection made there to be used on the GUI thread.
"""

from __future__ import annotations

import logging
import threading
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from studyapp.db.first_screen import PendingSessionFactory
from studyapp.paths import AppPaths

if TYPE_CHECKING:
    from studyapp.db.database import Database

log = logging.getLogger(__name__)
SCREEN_WAIT_SECONDS = 2.0  # the most the full open waits for the first screen to be shown


class DatabaseLoader(QObject):
    """`start()` opens the database in the background: `first_screen` may come first, then
    `opened` or `failed` (or `damaged`) is emitted."""

    first_screen = Signal(object)  # FirstScreen: the first tab's rows, before the ORM loads
    opened = Signal(object, object)  # (Database, TopicRow)
    failed = Signal(str)  # one sentence for the student
    damaged = Signal(object)  # DatabaseDamagedError: offer the newest backup or a fresh start
    stage = Signal(str)  # a slow step begins (first run, upgrade, check): one sentence

    def __init__(self, paths: AppPaths, preferred_pack_id: str | None = None,
                 parent: QObject | None = None, *, first_screen: bool = True) -> None:  # fmt: skip
        """`first_screen=False` when the window will not show the first tab (another was
        shown last): its rows would only delay that tab, which needs the ORM anyway."""
        super().__init__(parent)
        self._paths = paths
        self._preferred = preferred_pack_id
        self._first_screen_wanted = first_screen
        self._lock = threading.Lock()  # held while the database opens: see `abandon`
        self._abandoned = False
        self._database: Database | None = None
        self._finished = threading.Event()
        self._screen_shown = threading.Event()
        # The first screen's tabs read and write through this; it is handed the real session
        # factory here, on the loader thread, so a GUI call waiting on it cannot block that.
        # A read or edit that cannot wait for the first screen's paint starts the open at once.
        self.pending = PendingSessionFactory(wanted=self._screen_shown.set)

    def start(self) -> None:
        QThreadPool.globalInstance().start(QRunnable.create(self._run))

    def abandon(self, wait_for_thread: bool = True) -> Database | None:
        """The window is closing: open nothing more. Returns the database this loader opened
        (its `opened` may still be queued) so the caller can close it; waits while an open is
        under way, so a half-opened file is never left behind.

        Before an open starts the thread may still be importing SQLAlchemy (half a second). It
        is waited for, since Python must not shut down under it, unless `wait_for_thread` is
        False: the process then ends at once (`cli.fast_exit`), with nothing of the student's
        in that thread's hands, and a student who closes the window straight away is not kept
        waiting for an import."""
        self._screen_shown.set()  # a thread waiting to start the open must not wait for it
        with self._lock:
            self._abandoned = True
            if self._database is None:
                self.pending.failed()
            database = self._database
        if wait_for_thread:
            self._finished.wait(timeout=30)
        return database

    def screen_shown(self) -> None:
        """The window has shown the `first_screen` rows: the full open may start."""
        self._screen_shown.set()

    def _run(self) -> None:
        try:
            shown = self._first_screen_wanted and self._read_first_screen()
            if shown:
                # Importing SQLAlchemy here would take the GIL from the GUI thread while it
                # builds the first tab: wait until those rows are on screen (or until the
                # window asks for a read that needs the ORM: `pending`).
                self._screen_shown.wait(timeout=SCREEN_WAIT_SECONDS)
            self._open(check_bundled=not shown)  # the first screen has just asked that
        finally:
            if self._database is None:
                self.pending.failed()  # nothing may wait for a database that will not come
            self._finished.set()

    def _read_first_screen(self) -> bool:
        from studyapp.db.first_screen import read_first_screen

        screen = read_first_screen(self._paths.database, self._preferred)
        if screen is not None:
            _load_first_tab_module()
            self.first_screen.emit(screen)
        return screen is not None

    def _open(self, *, check_bundled: bool) -> None:
        from studyapp.db.database import DatabaseDamagedError, DatabaseOpenError, open_database
        from studyapp.db.services.topic import current_topic

        with self._lock:
            if self._abandoned:
                return
            try:
                database = self._database = open_database(self._paths, progress=self.stage.emit,
                                                             check_bundled=check_bundled)
                topic = current_topic(database.session_factory)
            except DatabaseDamagedError as error:
                log.warning("%s", error)
                self.damaged.emit(error)
                return
            except DatabaseOpenError as error:
                self.failed.emit(str(error))
                return
            except Exception as error:  # not ours to swallow: log it whole, say it in one sentence
                log.exception("Opening the database failed")
                reason = str(error).splitlines()[0] if str(error) else type(error).__name__
                self.failed.emit(f"StudyApp could not open your notes ({reason}).")
                return
            if topic is None:
                database.close()
                self._database = None
                self.failed.emit("The database holds no study pack; run studyapp import FILE.")
                return
            self.pending.ready(database.session_factory)
        _load_first_tab_module()
        self.opened.emit(database, topic)


def _load_first_tab_module() -> None:
    """Import the first tab's code here, while the window waits anyway, so the GUI thread only
    builds widgets (importing is safe off the GUI thread; making widgets is not)."""
    import importlib

    from studyapp.ui.tabs import TABS

    importlib.import_module(TABS[0].module)

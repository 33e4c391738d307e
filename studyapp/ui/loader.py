"""Open the database off the GUI thread, so the window stays alive while it happens.

On a first run, opening means creating the file, running the migrations and importing the
bundled pack (about half a second); on an upgrade it includes a backup. None of that touches a
widget, so it runs on a worker thread and hands plain results back through queued signals.
SQLAlchemy's SQLite pool allows a connection made there to be used on the GUI thread later.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from studyapp.paths import AppPaths

log = logging.getLogger(__name__)


class DatabaseLoader(QObject):
    """`start()` opens the database in the background; then `opened` or `failed` is emitted."""

    opened = Signal(object, object)  # (Database, TopicRow)
    failed = Signal(str)  # one sentence for the student
    damaged = Signal(object)  # DatabaseDamagedError: offer the newest backup or a fresh start
    stage = Signal(str)  # a slow step begins (first run, upgrade, check): one sentence

    def __init__(self, paths: AppPaths, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._paths = paths

    def start(self) -> None:
        QThreadPool.globalInstance().start(QRunnable.create(self._run))

    def _run(self) -> None:
        from studyapp.db.database import DatabaseDamagedError, DatabaseOpenError, open_database
        from studyapp.db.services.topic import current_topic

        try:
            database = open_database(self._paths, progress=self.stage.emit)
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
            self.failed.emit("The database holds no study pack; run studyapp import FILE.")
            return
        _load_first_tab_module()
        self.opened.emit(database, topic)


def _load_first_tab_module() -> None:
    """Import the first tab's code here, while the window waits anyway, so the GUI thread only
    builds widgets (importing is safe off the GUI thread; making widgets is not)."""
    import importlib

    from studyapp.ui.tabs import TABS

    importlib.import_module(TABS[0].module)

"""Open the student's database: check it, migrate it, and fill it from the bundled pack.

This is the one place that turns a folder into a ready `Database`. Every failure a student can
meet here (a damaged file, a file from a newer StudyApp, a full disk) becomes a
`DatabaseOpenError` whose message is one sentence, and the file is left as it was.
"""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, exc, select
from sqlalchemy.orm import Session, sessionmaker

from studyapp.db import migrate
from studyapp.db.engine import make_engine, make_session_factory
from studyapp.db.models import Topic
from studyapp.paths import AppPaths

log = logging.getLogger(__name__)
SQLITE_HEADER = b"SQLite format 3\x00"


class DatabaseOpenError(RuntimeError):
    """The database cannot be opened; the message is one sentence for the student."""


@dataclass
class Database:
    path: Path
    engine: Engine
    session_factory: sessionmaker[Session]
    backups_dir: Path

    def close(self) -> None:
        self.engine.dispose()


def open_database(paths: AppPaths, *, import_bundled: bool = True) -> Database:
    """Open (creating or upgrading as needed) the database in `paths`."""
    paths.ensure()
    db_path = paths.database
    _check_header(db_path)
    engine = make_engine(db_path)
    try:
        if not migrate.is_current(engine):
            backup = migrate.upgrade(engine, db_path, paths.backups)
            if backup:
                log.info("Backed up %s to %s before upgrading it", db_path, backup)
        database = Database(db_path, engine, make_session_factory(engine), paths.backups)
        if import_bundled and not has_topic(database):
            from studyapp.db.pack_import import import_pack_file
            from studyapp.packs.loader import bundled_pack_path

            report = import_pack_file(database.session_factory, bundled_pack_path())
            log.info("First run: %s", report.summary())
        return database
    except migrate.DatabaseTooNewError as error:
        engine.dispose()
        raise DatabaseOpenError(str(error)) from error
    except (exc.DatabaseError, sqlite3.DatabaseError) as error:
        engine.dispose()
        raise DatabaseOpenError(
            f"{db_path} cannot be opened as a StudyApp database ({_reason(error)}); "
            "it has not been changed."
        ) from error


def _check_header(db_path: Path) -> None:
    """Refuse a file that is not SQLite before SQLite gets a chance to write to it."""
    if not db_path.exists() or db_path.stat().st_size == 0:
        return
    try:
        with db_path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as error:
        raise DatabaseOpenError(f"{db_path} cannot be read ({error.strerror}).") from error
    if header != SQLITE_HEADER:
        raise DatabaseOpenError(
            f"{db_path} is not a StudyApp database (it may be damaged); it has not been changed."
        )


def _reason(error: BaseException) -> str:
    original = getattr(error, "orig", None) or error
    return str(original).splitlines()[0]


def has_topic(database: Database) -> bool:
    with database.session_factory() as session:
        return session.scalar(select(Topic.id).limit(1)) is not None

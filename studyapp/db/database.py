"""Open the student's database: check it, migrate it, and fill it from the bundled pack.

This is the one place that turns a folder into a ready `Database`. Every failure a student can
meet here becomes a `DatabaseOpenError` whose message is one sentence; a damaged file is a
`DatabaseDamagedError`, which also names the newest verified backup so the caller can offer
it (or a fresh start). Nothing here replaces, repairs or deletes a file: a damaged file is only
renamed aside by `recover`, when the student has chosen what to do.

After a crash (a hot WAL, or no clean-shutdown mark) or when the file changed while StudyApp
was not running it, a `quick_check` runs before any data is read.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, event, exc, select
from sqlalchemy.orm import Session, sessionmaker

from studyapp.db import errors, migrate
from studyapp.db.backup import BackupError, BackupInfo
from studyapp.db.clean_mark import (
    clear_clean_mark,
    mark_path,
    needs_quick_check,
    write_clean_mark,
)
from studyapp.db.engine import make_engine, make_session_factory
from studyapp.db.first_screen import bundled_update_due, decode_leniently
from studyapp.db.models import Topic
from studyapp.paths import AppPaths

if TYPE_CHECKING:
    from studyapp.db.pack_import import ImportReport

log = logging.getLogger(__name__)
SQLITE_HEADER = b"SQLite format 3\x00"
_CHANGES_SEEN = "studyapp_total_changes"


class DatabaseOpenError(RuntimeError):
    """The database cannot be opened; the message is one sentence for the student."""


class DatabaseDamagedError(DatabaseOpenError):
    """The file is damaged or unreadable; the student may restore a backup or start afresh."""

    def __init__(self, sentence: str, db_path: Path, newest_backup: BackupInfo | None) -> None:
        super().__init__(sentence)
        self.db_path = db_path
        self.newest_backup = newest_backup


@dataclass
class Database:
    path: Path
    engine: Engine
    session_factory: sessionmaker[Session]
    backups_dir: Path
    changed: bool = field(default=False)  # committed changes since the last backup
    read_only: bool = field(default=False)
    read_only_reason: str = field(default="")  # why, as a sentence, when opened read-only

    def close(self) -> None:
        self.engine.dispose()
        if not self.read_only_reason:  # opened read-only: we never took the mark away
            write_clean_mark(self.path)

    def make_read_only(self) -> None:
        """Refuse every further write (after a full disk or an unwritable folder): a write
        then fails at once instead of half-way, and nothing already saved is touched."""
        if self.read_only:
            return
        self.read_only = True
        event.listen(self.engine, "connect", _query_only)
        self.engine.dispose()  # pooled connections are replaced by query-only ones

    def backup(self, reason: str = "manual", *,
               check: Callable[[], None] | None = None) -> BackupInfo:  # fmt: skip
        """Take a verified backup now (raises BackupError with one sentence). `check()` runs
        before the finished copy takes its name: raising there leaves no backup behind."""
        from studyapp.db.backup import backup_database, list_backups

        path = backup_database(self.engine, self.backups_dir, reason, check=check)
        self.changed = False
        return next(info for info in list_backups(self.backups_dir) if info.path == path)

    def backup_if_changed(self, reason: str) -> BackupInfo | None:
        return self.backup(reason) if self.changed else None

    def import_pack(self, path: Path, *, pack: dict[str, Any] | None = None,
                    check: Callable[[], None] | None = None) -> ImportReport:  # fmt: skip
        """Validate `path` (unless the caller did and hands over its `pack`), back up, then
        import it in one transaction, taking turns with other writers to this folder. A
        refused pack leaves everything as it was, without even a backup. `check()` is called
        between the import's steps, inside its transaction: raising there rolls it all back."""
        from studyapp.db.locks import write_lock
        from studyapp.db.pack_import import import_pack
        from studyapp.packs.loader import load_pack

        if pack is None:
            pack = load_pack(path)  # refuse a bad file before anything is written, even a backup
        if self.read_only:
            raise DatabaseOpenError(
                f"{self.path.parent} cannot be written to, so nothing was imported.")
        with write_lock(self.path.parent):
            self.backup("before-import")
            return import_pack(self.session_factory, pack, check=check)  # validated once, above


def open_database(paths: AppPaths, *, import_bundled: bool = True, check_bundled: bool = True,
                  progress: Callable[[str], None] | None = None) -> Database:  # fmt: skip
    """Open (creating or upgrading as needed) the database in `paths`; read-only when the
    file is there but its folder cannot be written to. `progress(sentence)` is told of each
    slow step (a check, an upgrade, the first import) as it starts. `check_bundled=False`
    skips looking for a newer bundled pack, for a caller that has just looked (first_screen)."""
    say = progress or (lambda _sentence: None)
    db_path = paths.database
    first_run = not db_path.exists()
    try:
        paths.ensure()
    except OSError as error:
        if not db_path.exists():
            raise DatabaseOpenError(
                f"StudyApp cannot create its folders in {paths.data} ({error.strerror})."
            ) from error
    _check_file(db_path, paths.backups)
    needs_check = needs_quick_check(db_path)
    had_mark = mark_path(db_path).exists()
    # Read-only first: a damaged file (and its journal) is refused before any connection
    # that could write, checkpoint or delete a -wal has touched it.
    checked = needs_check and _quick_check_read_only(db_path, paths.backups)
    engine = make_engine(db_path)
    event.listen(engine, "connect", _lenient_text)
    try:
        if needs_check and not checked:
            say("Checking your notes, as StudyApp did not close normally last time…")
            _quick_check(engine, db_path, paths.backups)
        clear_clean_mark(db_path)  # from here on, a crash leaves no mark behind
        if not migrate.is_current(engine):
            say("Creating your notes file…" if first_run else
                "Preparing your notes for this version of StudyApp (a backup comes first)…")
            backup = migrate.upgrade(engine, db_path, paths.backups)
            if backup:
                log.info("Backed up %s to %s before upgrading it", db_path, backup)
        database = Database(db_path, engine, make_session_factory(engine), paths.backups)
        _track_changes(database)
        if not has_topic(database) and import_bundled:
            from studyapp.db.pack_import import import_pack_file
            from studyapp.packs.loader import bundled_pack_path

            say("Adding the bundled study pack to your new notes…")
            report = import_pack_file(database.session_factory, bundled_pack_path())
            log.info("First run: %s", report.summary())
        elif import_bundled and check_bundled and not database.read_only:
            _update_bundled_pack(database)
        return database
    except migrate.DatabaseTooNewError as error:
        _give_back(engine, db_path, had_mark=had_mark)
        raise DatabaseOpenError(str(error)) from error
    except BackupError as error:
        _give_back(engine, db_path, had_mark=had_mark)
        raise DatabaseOpenError(f"{error} {db_path} has not been changed.") from error
    except UnicodeDecodeError as error:  # SQLite quoting damaged schema text in its message
        engine.dispose()
        raise damaged(db_path, paths.backups, "its schema text is damaged") from error
    except (exc.DatabaseError, sqlite3.DatabaseError) as error:
        engine.dispose()
        if errors.is_damage(error):
            what = f"it is damaged: {errors.reason(error)}"
            raise damaged(db_path, paths.backups, what) from error
        if errors.write_failure(error) and db_path.is_file():
            log.warning("%s cannot be written (%s): opening it read-only", db_path,
                        errors.reason(error))  # fmt: skip
            return _open_read_only(paths)
        raise DatabaseOpenError(
            f"{db_path} cannot be opened ({errors.reason(error)}); it has not been changed."
        ) from error


def _update_bundled_pack(database: Database) -> None:
    """Bring the student's copy of the bundled topic up to this release's version (a backup
    first; their own edits and deletions are kept, as in any re-import)."""
    with database.engine.connect() as connection:
        due = bundled_update_due(connection.connection.driver_connection)  # type: ignore[arg-type]
    if due:
        from studyapp.packs.loader import bundled_pack_path

        report = database.import_pack(bundled_pack_path())
        log.info("Updated the bundled topic: %s", report.summary())


READ_ONLY_SENTENCE = ("Your notes' folder cannot be written to, so StudyApp has opened your "
                      "notes read-only: you can read them, but changes will not be saved.")


def open_existing_database(paths: AppPaths) -> Database:
    """The database, for a command that reads it: never creates one where there is none."""
    if not paths.database.exists():
        raise DatabaseOpenError(f"There is no StudyApp database at {paths.database} yet.")
    return open_database(paths, import_bundled=False)


def _open_read_only(paths: AppPaths) -> Database:
    """The file through a read-only connection: no journal created, no write attempted."""
    from sqlalchemy import create_engine

    from studyapp.db.backup import connect_read_only

    db_path = paths.database
    engine = create_engine(
        "sqlite://", creator=lambda: connect_read_only(db_path, check_same_thread=False))
    event.listen(engine, "connect", _lenient_text)
    event.listen(engine, "connect", _query_only)
    try:
        if not migrate.is_current(engine):
            raise DatabaseOpenError(
                f"{db_path} needs upgrading for this StudyApp, but its folder cannot be "
                "written to; it has not been changed."
            )
        database = Database(db_path, engine, make_session_factory(engine), paths.backups,
                            read_only=True, read_only_reason=READ_ONLY_SENTENCE)  # fmt: skip
        has_topic(database)
        return database
    except (exc.DatabaseError, sqlite3.DatabaseError) as error:
        engine.dispose()
        raise DatabaseOpenError(
            f"{db_path} cannot be opened, even read-only ({errors.reason(error)}); "
            "it has not been changed."
        ) from error
    except DatabaseOpenError:
        engine.dispose()
        raise


def damaged(db_path: Path, backups_dir: Path, what: str) -> DatabaseDamagedError:
    """The one sentence for a damaged file, offering the newest verified backup."""
    from studyapp.db.backup import newest_verified_backup

    newest = newest_verified_backup(backups_dir)
    if newest is not None:
        offer = (f"restore the backup from {newest.taken_at:%d %b %Y %H:%M} "
                 f"(studyapp backup --restore {newest.name}) or start afresh")  # fmt: skip
    else:
        offer = "there is no backup to restore, but you can start afresh"
    sentence = (f"{db_path} cannot be opened as a StudyApp database ({what}); {offer}, "
                "and the damaged file will be kept beside it.")  # fmt: skip
    return DatabaseDamagedError(sentence, db_path, newest)


def recover(paths: AppPaths, backup_name: str | None) -> Path:
    """The student's choice after `DatabaseDamagedError`: set the damaged file aside (with its
    -wal and -shm) and restore `backup_name`, or leave the place empty for a fresh start.
    Returns where the damaged file now is."""
    from studyapp.db.backup import (
        BackupError,
        find_backup,
        restore_backup,
        set_aside,
        verify_backup,
    )
    from studyapp.db.locks import write_lock

    with write_lock(paths.data):
        if backup_name is not None:  # a backup that will not restore must not cost the file
            problem = verify_backup(find_backup(paths.backups, backup_name).path,
                                    require_known_revision=True)  # fmt: skip
            if problem is not None:
                raise BackupError(f"The backup {backup_name} cannot be restored ({problem}).")
        kept = set_aside(paths.database)
        if backup_name is not None:
            restore_backup(paths.database, paths.backups, backup_name)
    return kept


def _check_file(db_path: Path, backups_dir: Path) -> None:
    """Refuse an empty file or one that is not SQLite before SQLite gets a chance to write."""
    if not db_path.exists():
        return
    try:
        with db_path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as error:
        raise DatabaseOpenError(f"{db_path} cannot be read ({error.strerror}).") from error
    if not header:
        raise damaged(db_path, backups_dir, "the file is empty")
    if header != SQLITE_HEADER:
        raise damaged(db_path, backups_dir, "it is not a StudyApp database, or it is damaged")


def _give_back(engine: Engine, db_path: Path, *, had_mark: bool) -> None:
    """Refusing a file we did not write to: close it, and leave its clean mark as it was."""
    engine.dispose()
    if had_mark:
        write_clean_mark(db_path)


def _quick_check_read_only(db_path: Path, backups_dir: Path) -> bool:
    """`quick_check` through a read-only connection; False when that cannot be done here
    (no -shm and no right to create one, say), so the caller checks read-write instead."""
    from studyapp.db.backup import read_only_uri

    log.info("%s was not closed cleanly or changed outside StudyApp: checking it", db_path)
    try:
        connection = sqlite3.connect(read_only_uri(db_path), uri=True)
        try:
            rows = [row[0] for row in connection.execute("PRAGMA quick_check")]
        finally:
            connection.close()
    except UnicodeDecodeError as error:  # SQLite quoting damaged schema text in its message
        raise damaged(db_path, backups_dir, "its schema text is damaged") from error
    except sqlite3.Error as error:
        if errors.is_damage(error):
            raise damaged(db_path, backups_dir, f"it is damaged: {errors.reason(error)}") from error
        log.warning("Read-only check of %s not possible (%s)", db_path, errors.reason(error))
        return False
    if rows != ["ok"]:
        log.error("quick_check of %s: %s", db_path, rows[:5])
        raise damaged(db_path, backups_dir, f"it is damaged: {rows[0]}")
    return True


def _quick_check(engine: Engine, db_path: Path, backups_dir: Path) -> None:
    with engine.connect() as connection:
        rows = [row[0] for row in connection.exec_driver_sql("PRAGMA quick_check")]
    if rows != ["ok"]:
        log.error("quick_check of %s: %s", db_path, rows[:5])
        raise damaged(db_path, backups_dir, f"it is damaged: {rows[0]}")


# -- connection behaviour ----------------------------------------------------------------------


def _lenient_text(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
    dbapi_connection.text_factory = decode_leniently


def _query_only(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
    dbapi_connection.execute("PRAGMA query_only=ON")


def _track_changes(database: Database) -> None:
    """Set `database.changed` when a commit wrote rows (what the timed backups wait for)."""

    def on_commit(connection) -> None:  # type: ignore[no-untyped-def]
        proxied = connection.connection
        total = proxied.dbapi_connection.total_changes
        if total != proxied.info.get(_CHANGES_SEEN, 0):
            proxied.info[_CHANGES_SEEN] = total
            database.changed = True

    event.listen(database.engine, "commit", on_commit)


def has_topic(database: Database) -> bool:
    with database.session_factory() as session:
        return session.scalar(select(Topic.id).limit(1)) is not None


"""Backups through SQLite's online backup API: safe while the app has the file open.

Every backup is written beside its final name, verified (`quick_check` and the schema revision
it was taken at) and only then given its name; only after that are older backups thinned out,
so a failed backup never costs an old one. The thinning policy (`thin`) is a pure function of
the backups' times and a clock, kept apart so it can be tested on a frozen clock.

A restore verifies the chosen backup, keeps the current file as a backup first (or, when it is
too damaged to back up, renames it aside with its `-wal` and `-shm`), then copies the backup in
through the same API. Nothing here deletes a database file that is not one of our backups.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine

log = logging.getLogger(__name__)

KEEP_LAST = 10
KEEP_DAILY = 7
KEEP_WEEKLY = 8
_STAMP = "%Y%m%d-%H%M%S-%f"
_NAME = re.compile(r"^studyapp-(\d{8}-\d{6}-\d{6})-([a-z]+(?:-[a-z]+)*)\.db$")
_PARTIAL = ".partial"
_STALE_PARTIAL = dt.timedelta(minutes=10)


class BackupError(RuntimeError):
    """A backup could not be taken, verified or restored; the message is one sentence."""


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    taken_at: dt.datetime
    reason: str
    size: int

    @property
    def name(self) -> str:
        return self.path.name

    def describe(self) -> str:
        """`name  time  size`: one line of `studyapp backup --list`."""
        return f"{self.name}  {self.taken_at:%Y-%m-%d %H:%M:%S}  {human_size(self.size)}"


@dataclass(frozen=True)
class RestoreReport:
    restored: BackupInfo
    previous_kept_as: Path | None  # the backup of the replaced file, or the damaged file set aside

    def summary(self) -> str:
        kept = f"; the previous file is kept as {self.previous_kept_as.name}" if (
            self.previous_kept_as) else ""  # fmt: skip
        return f"Restored the backup from {self.restored.taken_at:%d %b %Y %H:%M}{kept}."


def human_size(size: int) -> str:
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size / 1024 / 1024:.1f} MB"


# -- listing and thinning ----------------------------------------------------------------------


def list_backups(backups_dir: Path) -> list[BackupInfo]:
    """Our backups in `backups_dir`, newest first; any other file there is ignored."""
    if not backups_dir.is_dir():
        return []
    found = []
    for path in backups_dir.iterdir():
        match = _NAME.match(path.name)
        if not match:
            continue
        taken_at = dt.datetime.strptime(match.group(1), _STAMP)
        try:
            size = path.stat().st_size
        except FileNotFoundError:  # thinned out by another process a moment ago
            continue
        found.append(BackupInfo(path, taken_at, match.group(2), size))
    return sorted(found, key=lambda info: info.taken_at, reverse=True)


def thin(
    backups: Iterable[BackupInfo],
    now: dt.datetime,
    *,
    last: int = KEEP_LAST,
    daily: int = KEEP_DAILY,
    weekly: int = KEEP_WEEKLY,
) -> set[str]:
    """The names to keep: the `last` newest, the newest of each of the last `daily` calendar
    days and of each of the last `weekly` weeks (7-day spans back from `now`). A backup dated
    after `now` (the clock was moved back) is kept: dropping it would surprise the student."""
    ordered = sorted(backups, key=lambda info: info.taken_at, reverse=True)
    keep = {info.name for info in ordered[:last]}
    days: dict[int, str] = {}
    weeks: dict[int, str] = {}
    for info in ordered:  # newest first, so setdefault keeps the newest of each span
        if info.taken_at > now:
            keep.add(info.name)
            continue
        day = (now.date() - info.taken_at.date()).days
        if day < daily:
            days.setdefault(day, info.name)
        week = (now - info.taken_at).days // 7
        if week < weekly:
            weeks.setdefault(week, info.name)
    return keep | set(days.values()) | set(weeks.values())


def prune(backups_dir: Path, now: dt.datetime, *, protect: Iterable[str] = ()) -> list[str]:
    """Delete the backups `thin` does not keep (never one in `protect`); return their names."""
    backups = list_backups(backups_dir)
    keep = thin(backups, now) | set(protect)
    dropped = []
    for info in backups:
        if info.name not in keep:
            info.path.unlink(missing_ok=True)
            dropped.append(info.name)
    for partial in backups_dir.glob(f"studyapp-*{_PARTIAL}"):  # left by a killed backup
        age = now - dt.datetime.fromtimestamp(partial.stat().st_mtime)
        if age > _STALE_PARTIAL:
            partial.unlink(missing_ok=True)
    if dropped:
        log.info("Thinned out %d old backups: %s", len(dropped), ", ".join(dropped))
    return dropped


def newest_verified_backup(backups_dir: Path) -> BackupInfo | None:
    """The newest backup that still passes verification (a backup can rot on disk too)."""
    for info in list_backups(backups_dir):
        if verify_backup(info.path, require_known_revision=True) is None:
            return info
    return None


# -- taking ------------------------------------------------------------------------------------


def backup_database(engine: Engine, backups_dir: Path, reason: str = "manual", *,
                    check: Callable[[], None] | None = None) -> Path:  # fmt: skip
    """Back up the database behind `engine`; return the verified backup's path."""
    raw = engine.raw_connection()
    try:
        source = raw.driver_connection
        assert isinstance(source, sqlite3.Connection)
        return take_backup(source, backups_dir, reason, check=check).path
    finally:
        raw.close()


def backup_file(db_path: Path, backups_dir: Path, reason: str = "manual") -> BackupInfo:
    """Back up the database file at `db_path`, opened read-only (the window may have it open)."""
    if not db_path.is_file():
        raise BackupError(f"There is no StudyApp database at {db_path} to back up.")
    try:
        source = connect_read_only(db_path)
    except sqlite3.Error as error:
        raise BackupError(f"{db_path} cannot be read to back it up ({error}).") from error
    try:
        return take_backup(source, backups_dir, reason)
    finally:
        source.close()


def take_backup(
    source: sqlite3.Connection, backups_dir: Path, reason: str, *, now: dt.datetime | None = None,
    protect: Sequence[str] = (), check: Callable[[], None] | None = None,
) -> BackupInfo:  # fmt: skip
    """Copy `source` into a new verified backup, then thin the folder. `check()` runs before
    the verified copy takes its final name; whatever it raises leaves no file behind."""
    now = now or dt.datetime.now()
    backups_dir.mkdir(parents=True, exist_ok=True)
    final = backups_dir / f"studyapp-{now.strftime(_STAMP)}-{reason}.db"
    partial = final.with_name(final.name + _PARTIAL)
    try:
        expected = read_revision(source)
        _copy(source, partial)
    except sqlite3.Error as error:
        partial.unlink(missing_ok=True)
        raise BackupError(f"The database could not be backed up ({_first_line(error)}).") from error
    problem = verify_backup(partial, expected_revision=expected)
    if problem is not None:
        partial.unlink(missing_ok=True)
        raise BackupError(f"The new backup failed its check ({problem}); older backups are kept.")
    try:
        if check is not None:
            check()
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    partial.replace(final)
    log.info("Backed up the database to %s", final)
    prune(backups_dir, now, protect=protect)
    return BackupInfo(final, now, reason, final.stat().st_size)


def _copy(source: sqlite3.Connection, target: Path) -> None:
    destination = sqlite3.connect(target)
    try:
        destination.execute("PRAGMA synchronous=FULL")
        source.backup(destination)
        # A standalone file: no -wal beside it, whatever the source's journal mode was.
        destination.execute("PRAGMA journal_mode=DELETE")
    finally:
        destination.close()


_ANY = object()


def verify_backup(
    path: Path, *, expected_revision: object = _ANY, require_known_revision: bool = False
) -> str | None:
    """None when `path` passes `quick_check` and carries the expected schema revision; else
    what is wrong with it, as a phrase."""
    try:
        connection = sqlite3.connect(read_only_uri(path), uri=True)
    except sqlite3.Error as error:
        return f"it cannot be opened: {_first_line(error)}"
    try:
        rows = connection.execute("PRAGMA quick_check").fetchall()
        if rows != [("ok",)]:
            return "it is damaged"
        revision = read_revision(connection)
    except sqlite3.Error as error:
        return f"it cannot be read: {_first_line(error)}"
    finally:
        connection.close()
    if expected_revision is not _ANY and revision != expected_revision:
        return f"it holds schema {revision}, not {expected_revision}"
    if require_known_revision:
        from studyapp.db import migrate

        if revision is None:
            return "it is not a StudyApp database"
        if revision not in migrate.known_revisions():
            return f"it was written by a newer version of StudyApp (schema {revision})"
    return None


def read_revision(connection: sqlite3.Connection) -> str | None:
    """The Alembic revision a file is stamped with; None when it has no stamp."""
    has_table = connection.execute(
        "SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'"
    ).fetchone()
    if not has_table:
        return None
    row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    return row[0] if row else None


def read_only_uri(path: Path) -> str:
    return f"{path.resolve().as_uri()}?mode=ro"


def connect_read_only(path: Path, *, check_same_thread: bool = True) -> sqlite3.Connection:
    """A read-only connection, even in a folder we cannot write to.

    A WAL file opened read-only still needs its -shm (and -wal) beside it, or the right to
    create them. When neither is there and they cannot be made, and no -wal exists (so the
    whole database is in the main file), read it as an immutable file instead."""
    connection = sqlite3.connect(read_only_uri(path), uri=True,
                                 check_same_thread=check_same_thread)  # fmt: skip
    try:
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return connection
    except sqlite3.OperationalError:
        connection.close()
        if path.with_name(path.name + "-wal").exists():
            raise
    return sqlite3.connect(read_only_uri(path) + "&immutable=1", uri=True,
                           check_same_thread=check_same_thread)  # fmt: skip


def _first_line(error: BaseException) -> str:
    return str(error).splitlines()[0] if str(error) else type(error).__name__


# -- restoring and setting aside ---------------------------------------------------------------


def find_backup(backups_dir: Path, name: str) -> BackupInfo:
    for info in list_backups(backups_dir):
        if info.name == name:
            return info
    raise BackupError(
        f"There is no backup called {name} in {backups_dir} (studyapp backup --list shows them)."
    )


def restore_backup(db_path: Path, backups_dir: Path, name: str) -> RestoreReport:
    """Put backup `name` in place of `db_path`, keeping the current file first.

    The caller makes sure nothing has the database open (the window is closed, or has closed
    its own connections) and holds the folder's write lock."""
    chosen = find_backup(backups_dir, name)
    problem = verify_backup(chosen.path, require_known_revision=True)
    if problem is not None:
        raise BackupError(f"The backup {name} cannot be restored ({problem}).")
    kept: Path | None = None
    if db_path.exists():
        try:
            kept = backup_file(db_path, backups_dir, "before-restore").path
        except BackupError as error:  # too damaged to copy: keep the file itself instead
            log.warning("Could not back up %s before restoring (%s); setting it aside", db_path,
                        error)  # fmt: skip
            kept = set_aside(db_path)
    source = sqlite3.connect(read_only_uri(chosen.path), uri=True)
    try:
        destination = sqlite3.connect(db_path)
        try:
            source.backup(destination)
            destination.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            destination.close()
    except sqlite3.Error as error:
        raise BackupError(
            f"The backup {name} could not be copied into place ({_first_line(error)})."
        ) from error
    finally:
        source.close()
    log.info("Restored %s from %s (previous file kept as %s)", db_path, chosen.path, kept)
    return RestoreReport(chosen, kept)


def set_aside(db_path: Path, now: dt.datetime | None = None) -> Path:
    """Rename `db_path` and its `-wal` and `-shm` aside with a timestamp; return the new name.

    The three move together (SQLite pairs a database with its journal by name), so the set-aside
    copy can still be opened and nothing in the journal is lost."""
    stamp = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    target = db_path.with_name(f"{db_path.name}.damaged-{stamp}")
    counter = 1
    while target.exists():
        counter += 1
        target = db_path.with_name(f"{db_path.name}.damaged-{stamp}-{counter}")
    for suffix in ("-wal", "-shm"):
        companion = db_path.with_name(db_path.name + suffix)
        if companion.exists():
            companion.replace(target.with_name(target.name + suffix))
    if db_path.exists():
        db_path.replace(target)
    log.warning("Set the damaged database %s aside as %s", db_path, target)
    return target

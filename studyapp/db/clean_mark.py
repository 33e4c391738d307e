"""The clean-shutdown mark: a small file beside the database saying it was closed cleanly and
how it looked then (size and modification time).

Its absence, a hot WAL, or a file that changed since the mark was written means the file gets a
`quick_check` before any data is read. Kept apart from `database.py` (and free of SQLAlchemy)
because the first-screen read (`first_screen.py`) asks the same question before the ORM loads.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

log = logging.getLogger(__name__)
CLEAN_MARK_SUFFIX = ".clean"


def mark_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + CLEAN_MARK_SUFFIX)


def _fingerprint(db_path: Path) -> dict[str, int]:
    status = db_path.stat()
    return {"size": status.st_size, "mtime_ns": status.st_mtime_ns}


def write_clean_mark(db_path: Path) -> None:
    """Record that the file was closed cleanly, and how it looked then."""
    try:
        if db_path.exists():
            mark_path(db_path).write_text(json.dumps(_fingerprint(db_path)), "utf-8")
    except OSError as error:  # a read-only folder: the next start checks the file, that is all
        log.warning("Could not write the clean-shutdown mark for %s: %s", db_path, error)


def clear_clean_mark(db_path: Path) -> None:
    try:
        mark_path(db_path).unlink(missing_ok=True)
    except OSError as error:
        log.warning("Could not clear the clean-shutdown mark for %s: %s", db_path, error)


def needs_quick_check(db_path: Path) -> bool:
    """A hot WAL, a missing mark, or a file that changed since its clean close."""
    if not db_path.exists():
        return False
    wal = db_path.with_name(db_path.name + "-wal")
    if wal.exists() and wal.stat().st_size > 0:
        return True
    try:
        recorded = json.loads(mark_path(db_path).read_text("utf-8"))
    except (OSError, ValueError):
        return True
    return recorded != _fingerprint(db_path)

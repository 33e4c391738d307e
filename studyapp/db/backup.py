"""Backups through SQLite's online backup API: safe while the app has the file open."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from sqlalchemy import Engine


def backup_database(engine: Engine, backups_dir: Path, reason: str = "manual") -> Path:
    """Copy the live database into `backups_dir` and return the new file's path."""
    backups_dir.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = backups_dir / f"studyapp-{stamp}-{reason}.db"
    raw = engine.raw_connection()
    try:
        source = raw.driver_connection
        assert isinstance(source, sqlite3.Connection)
        with sqlite3.connect(target) as destination:
            source.backup(destination)
        destination.close()
    finally:
        raw.close()
    return target

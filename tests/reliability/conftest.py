"""Helpers for the reliability tests: the CLI in a subprocess, damaging a file on purpose."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest


def run_cli(*args: str, home: Path, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "STUDYAPP_HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([sys.executable, "-m", "studyapp", *args], capture_output=True,
                          text=True, env=env, timeout=timeout, check=False)  # fmt: skip


def folder_listing(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` with its bytes: equal before and after means untouched."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file()}  # fmt: skip


def page_of_table(db_path: Path, table: str) -> int:
    """The 1-based page number of `table`'s root page."""
    with sqlite3.connect(db_path) as connection:
        page = connection.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]
    connection.close()
    return page


def flip(db_path: Path, offset: int, count_: int = 16) -> None:
    """Invert `count_` bytes at `offset`: what a failing disk or a bad copy does."""
    with db_path.open("r+b") as handle:
        handle.seek(offset)
        data = handle.read(count_)
        handle.seek(offset)
        handle.write(bytes(b ^ 0xFF for b in data))


@pytest.fixture
def closed_database(app_paths):
    """A first-run database, closed cleanly (so it is a file on disk and nothing more)."""
    from studyapp.db.database import open_database

    open_database(app_paths).close()
    return app_paths.database

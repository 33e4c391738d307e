"""kill -9 at random moments, during edits and during a large import: afterwards the file
passes `integrity_check`, no import is half there, and every edit reported saved is present.

Each kill is a fresh writer process on the same data folder, so every start after the first
is also a start after a crash (hot WAL, no clean-shutdown mark: the quick_check path)."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from studyapp.db.database import open_database
from studyapp.db.integrity import check_file

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")

WRITER = Path(__file__).with_name("_edit_writer.py")
EDIT_KILLS = 40
IMPORT_KILLS = 10
BULK = 1000


def _env(home: Path) -> dict[str, str]:
    root = str(Path(__file__).resolve().parents[2])
    return {**os.environ, "STUDYAPP_HOME": str(home),
            "PYTHONPATH": os.pathsep.join([root, os.environ.get("PYTHONPATH", "")])}  # fmt: skip


def _kill_writer(home: Path, first: int, rng: random.Random) -> list[int]:
    """Start a writer, let it save for a random moment, kill -9 it; return what it saved."""
    process = subprocess.Popen(
        [sys.executable, str(WRITER), str(first)], env=_env(home),
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)  # fmt: skip
    lines: list[str] = []
    ready = threading.Event()

    def read() -> None:
        for line in process.stdout:  # type: ignore[union-attr]
            lines.append(line.strip())
            ready.set()

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    assert ready.wait(60), process.stderr.read() if process.poll() is not None else "no start"
    time.sleep(rng.uniform(0.0, 0.25))
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    reader.join(timeout=30)
    process.stderr.close()  # type: ignore[union-attr]
    assert lines[0] == "ready" and process.returncode == -signal.SIGKILL
    return [int(line) for line in lines[1:] if line.isdigit()]


def _saved_edits(db_path: Path) -> set[int]:
    with sqlite3.connect(db_path) as connection:
        rows = connection.execute("SELECT name FROM historian WHERE key LIKE 'kill-%'").fetchall()
    connection.close()
    return {int(name.split()[1]) for (name,) in rows}


def test_kill_nine_during_edits_loses_no_saved_edit(app_paths):
    rng = random.Random(os.environ.get("PYTEST_RANDOMLY_SEED", "11"))
    open_database(app_paths).close()
    reported: list[int] = []
    for _kill in range(EDIT_KILLS):
        first = max(reported, default=0) + 1000  # numbers never reused across writers
        reported += _kill_writer(app_paths.data, first, rng)
        assert set(reported) <= _saved_edits(app_paths.database)  # rows lost: none
    assert len(reported) > EDIT_KILLS  # the kills landed among real edits
    open_database(app_paths).close()  # a start after a crash: checks, then opens
    result = check_file(app_paths.database)
    assert result.healthy, result.problems
    assert set(reported) <= _saved_edits(app_paths.database)


def _bulk_pack(pack_file):
    def change(pack: dict) -> None:
        pack["pack"]["version"] = "9.0.0"
        pack["events"] += [
            {"key": f"bulk-{i}", "title": f"Bulk {i}", "date": f"{1900 + i % 50}",
             "date_label": f"{1900 + i % 50}", "category": "war"}
            for i in range(BULK)
        ]  # fmt: skip

    return pack_file(change, name="big.json")


def test_kill_nine_during_a_large_import_leaves_all_or_nothing(app_paths, pack_file):
    rng = random.Random(os.environ.get("PYTEST_RANDOMLY_SEED", "12"))
    open_database(app_paths).close()
    path = _bulk_pack(pack_file)
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-m", "studyapp", "import", str(path)],
                          env=_env(app_paths.data / "probe"), capture_output=True,
                          check=True)  # fmt: skip
    full = time.monotonic() - started  # how long a whole import takes on this machine
    assert b"added" in done.stdout
    outcomes = []
    for _kill in range(IMPORT_KILLS):
        process = subprocess.Popen([sys.executable, "-m", "studyapp", "import", str(path)],
                                   env=_env(app_paths.data), stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL)  # fmt: skip
        time.sleep(rng.uniform(0.1, full * 1.1))
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
        with sqlite3.connect(app_paths.database) as connection:
            bulk = connection.execute(
                "SELECT count(*) FROM event WHERE key LIKE 'bulk-%'").fetchone()[0]  # fmt: skip
        connection.close()
        assert bulk in (0, BULK)  # all of the import, or none of it
        outcomes.append(bulk)
    result = check_file(app_paths.database)
    assert result.healthy, result.problems
    assert result.counts["event"] in (44, 44 + BULK)

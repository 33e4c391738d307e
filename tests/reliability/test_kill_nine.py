"""kill -9 at random moments, during edits and during a large import: afterwards the file
passes `integrity_check`, no import is half there, and every edit reported saved is present.

Each kill is of a fresh writer process on the same data folder (forked from the test, so that
fifty kills cost seconds, not a minute of interpreter start-ups), so every start after the
first is also a start after a crash: a hot WAL and no clean-shutdown mark."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from studyapp.db.database import open_database
from studyapp.db.integrity import check_file

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="fork and SIGKILL are POSIX")

EDIT_KILLS = 40
IMPORT_KILLS = 10
BULK = 1000


def _edit_forever(first: int, emit: Callable[[str], None]) -> None:
    """The writer: opens the database as the app does, then saves one edit after another (a
    new row and a changed row per transaction), reporting each only once it has committed."""
    from sqlalchemy import select, update

    from studyapp import paths
    from studyapp.db.models import Factor, Historian, Topic

    database = open_database(paths.resolve())
    with database.session_factory() as session:
        topic_id = session.scalar(select(Topic.id))
    emit("ready")
    n = first
    while True:
        n += 1
        with database.session_factory.begin() as session:
            session.add(Historian(topic_id=topic_id, key=f"kill-{n}", source="user",
                                  name=f"edit {n}", work="", school="", stance=""))  # fmt: skip
            session.execute(update(Factor).values(justification=f"edit {n}"))
        emit(str(n))


def _import(path: Path) -> Callable[[Callable[[str], None]], None]:
    def run(emit: Callable[[str], None]) -> None:
        from studyapp.cli import main

        emit("ready")
        emit(f"done {main(['import', str(path)])}")

    return run


class Child:
    """A forked writer whose reports ("saved") arrive on a pipe, line by line."""

    def __init__(self, work: Callable[[Callable[[str], None]], None]) -> None:
        read_fd, write_fd = os.pipe()
        self.pid = os.fork()
        if self.pid == 0:  # the child: work until killed; never return into pytest
            status = 1
            try:
                os.close(read_fd)
                work(lambda line: os.write(write_fd, f"{line}\n".encode()))
                status = 0
            finally:
                os._exit(status)
        os.close(write_fd)
        self.lines: list[str] = []
        self.ready = threading.Event()
        self._reader = threading.Thread(target=self._read, args=(read_fd,), daemon=True)
        self._reader.start()

    def _read(self, read_fd: int) -> None:
        with os.fdopen(read_fd, "rb") as stream:
            for raw in stream:
                if raw.endswith(b"\n"):  # a line is only a report once it is whole
                    self.lines.append(raw.decode().strip())
                    self.ready.set()

    def kill(self) -> int:
        os.kill(self.pid, signal.SIGKILL)
        _pid, status = os.waitpid(self.pid, 0)
        self._reader.join(timeout=30)
        return status

    def wait(self) -> None:
        os.waitpid(self.pid, 0)
        self._reader.join(timeout=30)


def _saved_edits(db_path: Path) -> set[int]:
    with sqlite3.connect(db_path) as connection:
        rows = connection.execute("SELECT name FROM historian WHERE key LIKE 'kill-%'").fetchall()
    connection.close()
    return {int(name.split()[1]) for (name,) in rows}


def _rng(salt: str) -> random.Random:
    return random.Random(f"{os.environ.get('PYTEST_RANDOMLY_SEED', 'fixed')}-{salt}")


def test_kill_nine_during_edits_loses_no_saved_edit(app_paths):
    rng = _rng("edits")
    open_database(app_paths).close()
    reported: list[int] = []
    for _kill in range(EDIT_KILLS):
        first = max(reported, default=0) + 1000  # numbers never reused across writers
        child = Child(lambda emit, first=first: _edit_forever(first, emit))
        assert child.ready.wait(60), "the writer never started"
        time.sleep(rng.uniform(0.0, 0.2))
        assert os.WIFSIGNALED(child.kill())  # it was killed, not finished
        assert child.lines[0] == "ready"
        reported += [int(line) for line in child.lines[1:]]
        assert set(reported) <= _saved_edits(app_paths.database)  # rows lost: none
    assert len(reported) > EDIT_KILLS  # the kills landed among real edits
    open_database(app_paths).close()  # a start after a crash: checks, then opens
    result = check_file(app_paths.database)
    assert result.healthy, result.problems
    assert set(reported) <= _saved_edits(app_paths.database)


def _bulk_pack(pack_file) -> Path:
    def change(pack: dict) -> None:
        pack["pack"]["version"] = "9.0.0"
        pack["events"] += [
            {"key": f"bulk-{i}", "title": f"Bulk {i}", "date": f"{1900 + i % 50}",
             "date_label": f"{1900 + i % 50}", "category": "war"}
            for i in range(BULK)
        ]  # fmt: skip

    return pack_file(change, name="big.json")


def _bulk_rows(db_path: Path) -> int:
    with sqlite3.connect(db_path) as connection:
        count = connection.execute("SELECT count(*) FROM event WHERE key LIKE 'bulk-%'"
                                   ).fetchone()[0]  # fmt: skip
    connection.close()
    return count


def test_kill_nine_during_a_large_import_leaves_all_or_nothing(app_paths, pack_file,
                                                               monkeypatch):  # fmt: skip
    rng = _rng("import")
    path = _bulk_pack(pack_file)
    monkeypatch.setenv("STUDYAPP_HOME", str(app_paths.data / "probe"))
    started = time.monotonic()
    probe = Child(_import(path))
    probe.wait()
    full = time.monotonic() - started  # how long a whole import takes on this machine
    assert probe.lines == ["ready", "done 0"]

    monkeypatch.setenv("STUDYAPP_HOME", str(app_paths.data))
    open_database(app_paths).close()
    for _kill in range(IMPORT_KILLS):
        child = Child(_import(path))
        assert child.ready.wait(60)
        time.sleep(rng.uniform(0.0, full * 1.1))
        child.kill()
        assert _bulk_rows(app_paths.database) in (0, BULK)  # all of the import, or none
    open_database(app_paths).close()
    result = check_file(app_paths.database)
    assert result.healthy, result.problems
    assert result.counts["event"] in (44, 44 + BULK)

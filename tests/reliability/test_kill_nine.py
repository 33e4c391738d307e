"""kill -9 at random moments, during edits and during a large import: afterwards the file
passes `integrity_check`, no import is half there, and every edit reported saved is present.

Each kill is of a fresh writer process on the same data folder (forked from the test, so that
fifty kills cost seconds, not a minute of interpreter start-ups), so every start after the
first is also a start after a crash: a hot WAL and no clean-shutdown mark."""

from __future__ import annotations

import os
import random
import shutil
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
        from studyapp.db import pack_import

        write = pack_import._Importer.run

        def reporting_write(importer):  # type: ignore[no-untyped-def]
            emit("writing")  # inside the import's transaction (this child only)
            return write(importer)

        pack_import._Importer.run = reporting_write
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
        # Numbers never reused across writers: start past every row already in the file (a
        # killed writer may have committed edits whose reports never reached us).
        first = max(_saved_edits(app_paths.database) | set(reported), default=0) + 1000
        child = Child(lambda emit, first=first: _edit_forever(first, emit))
        assert child.ready.wait(60), "the writer never started"
        time.sleep(rng.uniform(0.0, 0.2))
        assert os.WIFSIGNALED(child.kill())  # it was killed, not finished
        assert child.lines[0] == "ready"
        reported += [int(line) for line in child.lines[1:]]
        assert set(reported) <= _saved_edits(app_paths.database)  # rows lost: none
    assert len(reported) > EDIT_KILLS  # the kills landed among real edits
    print(f"{EDIT_KILLS} kills during edits: {len(reported)} edits reported saved, all present")
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


def _copy_of(app_paths, name: str) -> Path:
    """A fresh data folder holding a copy of the cleanly closed first-run database."""
    folder = app_paths.data.parent / name
    folder.mkdir()
    shutil.copyfile(app_paths.database, folder / app_paths.database.name)
    return folder


def test_kill_nine_during_a_large_import_leaves_all_or_nothing(app_paths, pack_file,
                                                               monkeypatch):  # fmt: skip
    """Each kill hits its own copy of the database, so every one lands in a first import."""
    rng = _rng("import")
    path = _bulk_pack(pack_file)
    open_database(app_paths).close()
    monkeypatch.setenv("STUDYAPP_HOME", str(_copy_of(app_paths, "probe")))
    started = time.monotonic()
    probe = Child(_import(path))
    probe.wait()
    full = time.monotonic() - started  # how long a whole import takes on this machine
    assert probe.lines == ["ready", "writing", "done 0"]

    outcomes: list[int] = []
    writing = 0
    for kill in range(IMPORT_KILLS):
        folder = _copy_of(app_paths, f"kill-{kill}")
        monkeypatch.setenv("STUDYAPP_HOME", str(folder))
        child = Child(_import(path))
        assert child.ready.wait(60)
        time.sleep(rng.uniform(0.3 * full, 1.1 * full))  # mostly inside the write
        child.kill()
        db_path = folder / app_paths.database.name
        writing += int("writing" in child.lines and not child.lines[-1].startswith("done"))
        outcomes.append(_bulk_rows(db_path))
        assert outcomes[-1] in (0, BULK)  # all of the import, or none of it
        result = check_file(db_path)
        assert result.healthy, result.problems
        assert result.counts["event"] == 44 + outcomes[-1]
    print(f"{IMPORT_KILLS} kills during imports ({writing} inside its transaction): "
          f"{outcomes.count(0)} left none, {outcomes.count(BULK)} all, none in part")

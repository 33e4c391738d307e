"""Backups: taken through the online API (even while another thread writes), verified before
anything older is dropped, thinned on a frozen clock, listed, and restored."""

from __future__ import annotations

import datetime as dt
import sqlite3
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import text

from studyapp.cli import main
from studyapp.db import backup
from studyapp.db.backup import BackupError, BackupInfo, thin
from studyapp.db.database import open_database
from studyapp.db.locks import write_lock
from tests.conftest import table_counts
from tests.reliability.conftest import run_cli

NOW = dt.datetime(2026, 11, 28, 12, 0, 0)


def _info(taken_at: dt.datetime) -> BackupInfo:
    name = f"studyapp-{taken_at:%Y%m%d-%H%M%S-%f}-auto.db"
    return BackupInfo(Path(name), taken_at, "auto", 1)


def test_thinning_keeps_ten_newest_a_day_for_a_week_and_a_week_for_eight_weeks():
    # One backup every 6 hours for 100 days, newest 1 hour ago.
    backups = [_info(NOW - dt.timedelta(hours=1 + 6 * i)) for i in range(400)]
    kept = thin(backups, NOW)
    kept_times = sorted((b.taken_at for b in backups if b.name in kept), reverse=True)
    newest_ten = sorted((b.taken_at for b in backups), reverse=True)[:10]
    assert set(newest_ten) <= set(kept_times)
    days = {NOW.date() - t.date() for t in kept_times}
    assert {dt.timedelta(days=d) for d in range(7)} <= days
    weeks = {(NOW - t).days // 7 for t in kept_times}
    assert weeks == set(range(8))  # nothing older than eight weeks survives
    assert all(NOW - t < dt.timedelta(weeks=8) for t in kept_times)
    assert len(kept) <= 10 + 7 + 8


def test_thinning_keeps_everything_while_there_are_few_and_a_backup_from_the_future():
    few = [_info(NOW - dt.timedelta(days=400 + i)) for i in range(10)]
    assert thin(few, NOW) == {b.name for b in few}  # the last ten, however old
    future = _info(NOW + dt.timedelta(days=3))
    old = [_info(NOW - dt.timedelta(days=100 + i)) for i in range(20)]
    kept = thin([future, *old], NOW)
    assert future.name in kept and len(kept) == 10


def test_thinning_is_applied_on_disk_after_each_verified_backup(database):
    with database.engine.connect() as connection:
        source = connection.connection.driver_connection
        for i in range(40):  # one a day for 40 days, on a frozen clock
            backup.take_backup(source, database.backups_dir, "auto",
                               now=NOW - dt.timedelta(days=39 - i))  # fmt: skip
    names = {info.name for info in backup.list_backups(database.backups_dir)}
    # the newest ten days, plus one per week further back, up to eight weeks
    assert len(names) == len(thin(backup.list_backups(database.backups_dir), NOW))
    assert 10 <= len(names) <= 16
    for info in backup.list_backups(database.backups_dir):
        assert backup.verify_backup(info.path, require_known_revision=True) is None


def test_a_backup_that_fails_verification_is_dropped_and_older_ones_stay(database, monkeypatch):
    first = database.backup("manual")
    monkeypatch.setattr(backup, "verify_backup", lambda *a, **k: "it is damaged")
    with pytest.raises(BackupError, match="failed its check"):
        database.backup("manual")
    assert [i.name for i in backup.list_backups(database.backups_dir)] == [first.name]
    assert not list(database.backups_dir.glob("*.partial"))


def test_a_backup_taken_while_another_thread_writes_is_consistent(database):
    stop = threading.Event()
    written: list[int] = []

    def write() -> None:
        n = 0
        while not stop.is_set():
            n += 1
            with database.engine.begin() as connection:
                connection.execute(text("UPDATE factor SET justification = :j"), {"j": f"w{n}"})
                connection.execute(text("UPDATE event SET description = :j WHERE id = 1"),
                                   {"j": f"w{n}"})  # fmt: skip
            written.append(n)

    writer = threading.Thread(target=write)
    writer.start()
    try:
        while not written:  # back up only once the writer is under way
            time.sleep(0.01)
        infos = [database.backup("manual") for _ in range(5)]
    finally:
        stop.set()
        writer.join()
    assert len(written) > 5
    for info in infos:  # each copy is one moment: every factor and the event agree
        with sqlite3.connect(info.path) as copy:
            values = {row[0] for row in copy.execute("SELECT justification FROM factor")}
            values |= {copy.execute("SELECT description FROM event WHERE id = 1").fetchone()[0]}
        copy.close()
        assert len(values) == 1, values


def test_backup_list_and_restore_from_the_command_line(app_paths, capsys):
    database = open_database(app_paths)
    database.close()
    assert main(["backup"]) == 0
    assert "Backed up to" in capsys.readouterr().out
    assert main(["backup", "--list"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == 1
    name, day, time_, size, unit = lines[0].split()
    assert name.startswith("studyapp-") and name.endswith("-manual.db")
    assert dt.datetime.strptime(f"{day} {time_}", "%Y-%m-%d %H:%M:%S") and unit == "KB"

    with sqlite3.connect(app_paths.database) as connection:  # a change made after the backup
        connection.execute("UPDATE factor SET justification = 'after the backup'")
    connection.close()
    assert main(["backup", "--restore", name]) == 0
    assert "Restored the backup" in capsys.readouterr().out
    with sqlite3.connect(app_paths.database) as connection:
        assert connection.execute("SELECT count(*) FROM factor WHERE justification = "
                                  "'after the backup'").fetchone()[0] == 0  # fmt: skip
    connection.close()
    reasons = [info.reason for info in backup.list_backups(app_paths.backups)]
    assert reasons == ["before-restore", "manual"]  # the replaced file is kept as a backup
    restored_over = backup.list_backups(app_paths.backups)[0].path
    with sqlite3.connect(restored_over) as copy:
        assert copy.execute("SELECT count(*) FROM factor WHERE justification = "
                            "'after the backup'").fetchone()[0] == 8  # fmt: skip
    copy.close()
    assert main(["check"]) == 0


def test_restoring_an_unknown_backup_is_one_sentence(app_paths, closed_database, capsys):
    before = closed_database.read_bytes()
    assert main(["backup", "--restore", "studyapp-nothing.db"]) == 1
    err = capsys.readouterr().err
    assert "There is no backup called studyapp-nothing.db" in err and err.count("\n") == 1
    assert closed_database.read_bytes() == before


def test_an_import_and_a_migration_are_preceded_by_a_backup(app_paths, pack_file):
    database = open_database(app_paths)
    try:
        before = table_counts(database)
        database.import_pack(pack_file(lambda p: p["pack"].update(version="1.1.0")))
        reasons = [info.reason for info in backup.list_backups(app_paths.backups)]
        assert reasons == ["before-import"]
        with sqlite3.connect(backup.list_backups(app_paths.backups)[0].path) as copy:
            assert copy.execute("SELECT count(*) FROM event").fetchone()[0] == before["event"]
        copy.close()
    finally:
        database.close()


def test_a_refused_pack_takes_no_backup(database, pack_file):
    from studyapp.packs.loader import PackError

    with pytest.raises(PackError):
        database.import_pack(pack_file(lambda p: p["events"][0].update(date="never")))
    assert backup.list_backups(database.backups_dir) == []


def test_command_line_writers_wait_for_each_other(app_paths, closed_database):
    """`backup` waits while another writer holds the folder, then succeeds."""
    import subprocess
    import sys
    import time

    env_home = app_paths.data
    with write_lock(app_paths.data):
        import os

        env = {**os.environ, "STUDYAPP_HOME": str(env_home)}
        process = subprocess.Popen([sys.executable, "-m", "studyapp", "backup"], env=env,
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        time.sleep(1.5)
        assert process.poll() is None  # still waiting for the lock
    out, err = process.communicate(timeout=60)
    assert process.returncode == 0, err
    assert "Backed up to" in out


def test_restore_is_pruned_like_the_rest_and_a_migration_backup_too(app_paths):
    """The before-upgrade backup of an old file is verified and listed like any other."""
    app_paths.ensure()
    with sqlite3.connect(app_paths.database) as connection:
        connection.execute("CREATE TABLE legacy_notes (id INTEGER PRIMARY KEY, text TEXT)")
    connection.close()
    open_database(app_paths).close()
    infos = backup.list_backups(app_paths.backups)
    assert [info.reason for info in infos] == ["before-upgrade"]
    assert backup.verify_backup(infos[0].path) is None
    result = run_cli("backup", "--list", home=app_paths.data)
    assert result.returncode == 0 and infos[0].name in result.stdout

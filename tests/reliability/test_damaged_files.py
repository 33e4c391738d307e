"""Damaged and unreadable files: one sentence, the file untouched until the student chooses,
then the newest verified backup (or a fresh start) with the damaged file kept aside."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text

from studyapp.cli import main
from studyapp.db.backup import list_backups
from studyapp.db.database import DatabaseDamagedError, DatabaseOpenError, open_database, recover
from studyapp.db.integrity import check_file
from studyapp.packs.loader import bundled_pack_path
from tests.reliability.conftest import flip, page_of_table, run_cli

PAGE = 4096


def _magic(db: Path) -> None:
    flip(db, 0, 16)


def _page_size_field(db: Path) -> None:
    flip(db, 16, 2)


def _table_page(db: Path) -> None:
    flip(db, (page_of_table(db, "event") - 1) * PAGE, 12)  # the b-tree page header


def _schema_text(db: Path) -> None:
    data = db.read_bytes()
    flip(db, data.index(b"CREATE TABLE event") + 7, 10)


def _truncated(db: Path) -> None:
    with db.open("r+b") as handle:
        handle.truncate(db.stat().st_size // 2)


def _empty(db: Path) -> None:
    db.write_bytes(b"")


DAMAGE = {
    "header magic": _magic,
    "header page size": _page_size_field,
    "table page": _table_page,
    "schema text": _schema_text,
    "truncated": _truncated,
    "0 bytes": _empty,
}


@pytest.fixture
def backed_up(app_paths):
    """A database with one verified backup, closed cleanly; returns that backup's name."""
    database = open_database(app_paths)
    name = database.backup("manual").name
    database.close()
    return name


@pytest.mark.parametrize("case", DAMAGE)
def test_a_damaged_file_is_one_sentence_left_alone_then_recovered(app_paths, backed_up, case):
    db = app_paths.database
    DAMAGE[case](db)
    (db.parent / "studyapp.db-wal").write_bytes(b"journal bytes the student may need")
    damaged_bytes = db.read_bytes()
    with pytest.raises(DatabaseDamagedError) as caught:
        open_database(app_paths)
    sentence = str(caught.value)
    assert "\n" not in sentence and sentence.endswith(".")
    assert "restore the backup from" in sentence and "start afresh" in sentence
    assert caught.value.newest_backup.name == backed_up
    assert db.read_bytes() == damaged_bytes  # nothing replaced, nothing repaired

    kept = recover(app_paths, caught.value.newest_backup.name)
    assert kept.name.startswith("studyapp.db.damaged-") and kept.read_bytes() == damaged_bytes
    assert kept.with_name(kept.name + "-wal").read_bytes() == b"journal bytes the student may need"
    database = open_database(app_paths)
    try:
        with database.engine.connect() as connection:
            assert connection.execute(text("SELECT count(*) FROM event")).scalar() == 44
    finally:
        database.close()
    assert check_file(db).healthy


@pytest.mark.parametrize("case", DAMAGE)
def test_the_command_line_says_one_sentence_and_changes_nothing(app_paths, backed_up, case,
                                                               capsys):  # fmt: skip
    DAMAGE[case](app_paths.database)
    before = app_paths.database.read_bytes()
    capsys.readouterr()
    for command in (["check"], ["import", str(bundled_pack_path())]):
        assert main(command) == 1, command
        err = capsys.readouterr().err
        assert err.startswith("studyapp: ") and err.count("\n") == 1, (command, err)
        assert "unexpectedly" not in err and "sqlalche.me" not in err
    assert app_paths.database.read_bytes() == before


def test_a_fresh_start_keeps_the_damaged_file_and_needs_no_backup(app_paths, closed_database):
    _empty(closed_database)
    with pytest.raises(DatabaseDamagedError) as caught:
        open_database(app_paths)
    assert caught.value.newest_backup is None
    assert "no backup to restore" in str(caught.value)
    kept = recover(app_paths, None)
    assert kept.exists() and kept.stat().st_size == 0
    database = open_database(app_paths)
    database.close()
    assert check_file(closed_database).healthy


def test_damaged_text_in_one_row_locks_nobody_out_and_check_names_the_row(app_paths, backed_up):
    with sqlite3.connect(app_paths.database) as connection:
        connection.execute(  # "Munich" then a byte that is not UTF-8
            "UPDATE event SET title = CAST(x'4d756e696368ff3f' AS TEXT) WHERE id = 3")
    connection.close()
    database = open_database(app_paths)
    try:
        from studyapp.db.services.timeline import list_events

        topic_id = database.engine.connect().execute(text("SELECT id FROM topic")).scalar()
        titles = [event.title for event in list_events(database.session_factory, topic_id)]
        assert "Munich\ufffd?" in titles and len(titles) == 44
    finally:
        database.close()
    result = check_file(app_paths.database)
    assert not result.healthy
    assert "event row 3 has damaged text in its title" in result.sentence()
    cli = run_cli("check", home=app_paths.data)
    assert cli.returncode == 1 and "event row 3 has damaged text" in cli.stderr


def test_a_file_from_a_newer_version_is_refused_untouched_not_set_aside(app_paths, backed_up):
    with sqlite3.connect(app_paths.database) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999_future'")
    connection.close()
    before = sorted(p.name for p in app_paths.data.iterdir())
    data = app_paths.database.read_bytes()
    with pytest.raises(DatabaseOpenError) as caught:
        open_database(app_paths)
    assert not isinstance(caught.value, DatabaseDamagedError)
    assert "newer version of StudyApp" in str(caught.value)
    assert app_paths.database.read_bytes() == data
    assert sorted(p.name for p in app_paths.data.iterdir()) == before
    assert [i.name for i in list_backups(app_paths.backups)] == [backed_up]
    result = run_cli("check", home=app_paths.data)
    assert result.returncode == 1 and "newer version of StudyApp" in result.stderr


def test_after_a_crash_a_quick_check_runs_before_data_is_read(app_paths, closed_database,
                                                              monkeypatch):  # fmt: skip
    from studyapp.db import database as database_module

    checked: list[Path] = []
    real = database_module._quick_check_read_only
    monkeypatch.setattr(database_module, "_quick_check_read_only",
                        lambda p, b: (checked.append(p), real(p, b))[1])  # fmt: skip
    open_database(app_paths).close()
    assert checked == []  # a clean close: no check, start-up stays fast
    (closed_database.parent / "studyapp.db.clean").unlink()  # as a kill -9 would leave it
    open_database(app_paths).close()
    assert checked == [closed_database]
    checked.clear()
    with closed_database.open("r+b") as handle:  # changed while StudyApp was not running it
        handle.seek(0, 2)
        handle.write(b"\0" * PAGE)
    open_database(app_paths).close()
    assert checked == [closed_database]


def test_restoring_over_a_damaged_file_from_the_command_line_sets_it_aside(app_paths, backed_up,
                                                                           capsys):  # fmt: skip
    _table_page(app_paths.database)
    damaged_bytes = app_paths.database.read_bytes()
    assert main(["backup", "--restore", backed_up]) == 0
    assert "the previous file is kept as studyapp.db.damaged-" in capsys.readouterr().out
    [kept] = [p for p in app_paths.data.glob("studyapp.db.damaged-*")
              if not p.name.endswith(("-wal", "-shm"))]  # its journal, if any, moved with it
    assert kept.read_bytes() == damaged_bytes
    assert check_file(app_paths.database).healthy


def test_a_backup_that_will_not_restore_leaves_the_damaged_file_in_place(app_paths, backed_up):
    from studyapp.db.backup import BackupError

    _magic(app_paths.database)
    damaged_bytes = app_paths.database.read_bytes()
    flip(app_paths.backups / backed_up, 0, 16)  # the backup has rotted on disk as well
    with pytest.raises(BackupError, match="cannot be restored"):
        recover(app_paths, backed_up)
    assert app_paths.database.read_bytes() == damaged_bytes
    assert not list(app_paths.data.glob("studyapp.db.damaged-*"))

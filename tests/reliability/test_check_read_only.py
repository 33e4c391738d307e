"""`studyapp check` and Help ▸ Check database only read: whatever the folder holds, nothing is
created, migrated or repaired, and a file that is not a StudyApp database is called that."""

from __future__ import annotations

import sqlite3

from sqlalchemy import text

from studyapp.cli import main
from studyapp.db.database import open_database
from studyapp.ui.tabs import TABS
from tests.reliability.conftest import folder_listing


def test_check_on_a_folder_that_does_not_exist_creates_nothing(tmp_path, capsys):
    home = tmp_path / "never-made"
    assert main(["--data-dir", str(home), "check"]) == 1
    assert "There is no StudyApp database" in capsys.readouterr().err
    assert not home.exists()


def test_check_on_an_empty_folder_creates_no_logs(app_paths, capsys):
    app_paths.data.mkdir(parents=True)
    assert main(["check"]) == 1
    assert "There is no StudyApp database" in capsys.readouterr().err
    assert list(app_paths.data.iterdir()) == []


def test_check_on_an_empty_or_foreign_sqlite_file_creates_no_tables(app_paths, capsys):
    app_paths.data.mkdir(parents=True)
    sqlite3.connect(app_paths.database).close()  # SQLite makes a 0-byte file
    before = folder_listing(app_paths.data)
    assert main(["check"]) == 1
    assert "is empty (0 bytes): it is not a StudyApp database" in capsys.readouterr().err
    assert folder_listing(app_paths.data) == before

    with sqlite3.connect(app_paths.database) as connection:
        connection.execute("CREATE TABLE recipes (id INTEGER PRIMARY KEY, name TEXT)")
        connection.execute("INSERT INTO recipes (name) VALUES ('borscht')")
    connection.close()
    before = folder_listing(app_paths.data)
    assert main(["check"]) == 1
    err = capsys.readouterr().err
    assert "is not a StudyApp database (it has no StudyApp schema stamp)" in err
    assert err.count("\n") == 1
    assert folder_listing(app_paths.data) == before  # no tables, no backup, no logs


def test_check_of_a_healthy_file_changes_no_byte_in_the_folder(app_paths, capsys):
    open_database(app_paths).close()
    before = folder_listing(app_paths.data)
    assert main(["check"]) == 0
    assert "is healthy (44 events" in capsys.readouterr().out
    after = folder_listing(app_paths.data)
    after.pop("logs/studyapp.log", None)  # the one file it may write: its own log
    assert after == before


def test_check_reads_what_an_open_window_has_saved(app_paths, capsys):
    database = open_database(app_paths)  # as the window holds it: WAL with fresh commits
    try:
        with database.engine.begin() as connection:
            connection.execute(text("DELETE FROM point WHERE id = 1"))
        db_bytes = app_paths.database.read_bytes()
        assert main(["check"]) == 0
        assert "is healthy" in capsys.readouterr().out
        assert app_paths.database.read_bytes() == db_bytes
    finally:
        database.close()


def test_help_check_database_reports_in_one_sentence(qtbot, app_paths):
    from studyapp.ui.main_window import MainWindow

    win = MainWindow(app_paths)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.database is not None and len(win.tabs) == len(TABS),
                    timeout=15_000)  # fmt: skip
    try:
        help_menu = [a.menu() for a in win.menuBar().actions() if a.text() == "&Help"][0]
        assert "&Check database" in [a.text() for a in help_menu.actions()]
        sentence, healthy = win.safety.check_sentence()
        assert healthy and sentence.endswith(".") and "is healthy (44 events" in sentence
        with sqlite3.connect(app_paths.database) as connection:  # tampering behind its back
            connection.execute("PRAGMA foreign_keys=OFF")
            connection.execute("UPDATE point SET question_id = 999 WHERE id = 2")
        connection.close()
        sentence, healthy = win.safety.check_sentence()
        assert not healthy and "points at a missing question row" in sentence
    finally:
        win.close_database()

"""Opening the database: migrations, pragmas, refusing damaged or newer files."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import text

from studyapp.db import migrate
from studyapp.db.database import DatabaseOpenError, open_database


def test_first_run_creates_the_file_in_the_data_folder(app_paths):
    database = open_database(app_paths)
    try:
        assert app_paths.database.is_file()
        assert migrate.current_revision(database.engine) == migrate.head_revision()
    finally:
        database.close()


def test_every_connection_has_foreign_keys_and_wal(database):
    with database.engine.connect() as connection:
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA synchronous")).scalar() == 1  # NORMAL


def test_a_rolled_back_savepoint_undoes_its_changes(database):
    """pysqlite's legacy transactions break SAVEPOINT; our BEGIN handling must not."""
    with database.session_factory.begin() as session:
        nested = session.begin_nested()
        session.execute(text("UPDATE factor SET justification = 'gone'"))
        nested.rollback()
        assert session.execute(text("SELECT count(*) FROM factor WHERE justification = 'gone'")
                               ).scalar() == 0  # fmt: skip


def test_reopening_imports_nothing_twice(app_paths):
    open_database(app_paths).close()
    database = open_database(app_paths)
    try:
        with database.engine.connect() as connection:
            assert connection.execute(text("SELECT count(*) FROM topic")).scalar() == 1
            assert connection.execute(text("SELECT count(*) FROM event")).scalar() == 44
    finally:
        database.close()


def test_a_database_from_a_newer_version_is_refused_and_untouched(app_paths):
    open_database(app_paths).close()
    with sqlite3.connect(app_paths.database) as connection:
        connection.execute("UPDATE alembic_version SET version_num = 'f00dfacefeed'")
    connection.close()
    before = app_paths.database.read_bytes()
    with pytest.raises(DatabaseOpenError) as caught:
        open_database(app_paths)
    assert "newer version of StudyApp" in str(caught.value)
    assert app_paths.database.read_bytes() == before
    assert not app_paths.backups.exists() or not any(app_paths.backups.iterdir())


def test_a_file_that_is_not_a_database_is_refused_and_untouched(app_paths):
    app_paths.ensure()
    app_paths.database.write_bytes(b"this is an essay, not a database\n" * 50)
    before = app_paths.database.read_bytes()
    with pytest.raises(DatabaseOpenError) as caught:
        open_database(app_paths)
    assert "not a StudyApp database" in str(caught.value)
    assert app_paths.database.read_bytes() == before


def test_an_old_unversioned_database_is_backed_up_before_upgrading(app_paths):
    app_paths.ensure()
    with sqlite3.connect(app_paths.database) as connection:
        connection.execute("CREATE TABLE legacy_notes (id INTEGER PRIMARY KEY, text TEXT)")
    connection.close()
    database = open_database(app_paths)
    try:
        backups = list(app_paths.backups.iterdir())
        assert len(backups) == 1
        with sqlite3.connect(backups[0]) as copy:
            tables = {row[0] for row in copy.execute("SELECT name FROM sqlite_master")}
        copy.close()
        assert "legacy_notes" in tables
    finally:
        database.close()


def test_migrations_match_the_models(database):
    """A model change without a migration would make new and upgraded files differ."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from studyapp.db.models import Base
    from studyapp.db.search_schema import is_search_table

    # The FTS5 search index (a virtual table, its shadow tables and vocabulary view) is made by
    # hand in migration 0002, outside the ORM metadata, so it is left out of the comparison.
    def include(name, type_, _parents):  # type: ignore[no-untyped-def]
        return type_ != "table" or not is_search_table(name)

    with database.engine.connect() as connection:
        opts = {"render_as_batch": True, "include_name": include}
        context = MigrationContext.configure(connection, opts=opts)
        assert compare_metadata(context, Base.metadata) == []


def test_the_start_up_fast_path_knows_the_real_head_revision():
    assert migrate.head_revision() == migrate.HEAD_REVISION

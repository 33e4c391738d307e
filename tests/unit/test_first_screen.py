"""The first screen's rows read with sqlite3 alone must be the rows the services give."""

from __future__ import annotations

import shutil
import sqlite3

import pytest

from studyapp.db.clean_mark import write_clean_mark
from studyapp.db.database import open_database
from studyapp.db.first_screen import PendingSessionFactory, read_first_screen
from studyapp.db.services.citations import citations_of_event
from studyapp.db.services.timeline import list_events
from studyapp.db.services.topic import current_topic, list_periods


@pytest.fixture
def closed_cleanly(app_paths, first_run_template):
    """A copied first-run database, opened and closed by the app (so it has its clean mark)."""
    app_paths.ensure()
    shutil.copyfile(first_run_template, app_paths.database)
    open_database(app_paths).close()
    return app_paths


def test_the_rows_are_the_services_rows_in_the_same_order(closed_cleanly):
    screen = read_first_screen(closed_cleanly.database)
    assert screen is not None
    database = open_database(closed_cleanly)
    try:
        factory = database.session_factory
        topic = current_topic(factory)
        assert screen.topic == topic
        assert screen.events == list_events(factory, topic.id)
        flags = {type(value) for e in screen.events for value in (e.key_date, e.user_modified)}
        assert flags == {bool}  # as the ORM gives them, not SQLite's 0 and 1
        assert any(e.key_date for e in screen.events)
        assert screen.periods == list_periods(factory, topic.id)
        cited = {event.id: citations_of_event(factory, event.id) for event in screen.events}
        assert cited == {event.id: screen.citations_of(event.id) for event in screen.events}
        assert any(cited.values())  # the bundled notes cite events
    finally:
        database.close()


def test_the_topic_open_last_time_is_the_one_read(closed_cleanly):
    with sqlite3.connect(closed_cleanly.database) as connection:
        connection.execute("INSERT INTO topic (pack_id, version, title, exam, paper, period_label,"
                           " source_note, page_refs, advice, imported_at) VALUES ('other', '1',"
                           " 'Another topic', '', '', '', '', '', '', '2026-01-01')")  # fmt: skip
    connection.close()
    open_database(closed_cleanly).close()  # the app's own close: the mark matches the file again
    assert read_first_screen(closed_cleanly.database, "other").topic.title == "Another topic"
    assert read_first_screen(closed_cleanly.database, "gone").topic.pack_id != "other"


@pytest.mark.parametrize("change", ["no mark", "older schema", "no file", "not a database"])
def test_anything_but_a_clean_current_file_takes_the_full_open(closed_cleanly, change):
    db = closed_cleanly.database
    if change == "no mark":
        db.with_name(db.name + ".clean").unlink()
    elif change == "older schema":
        with sqlite3.connect(db) as connection:
            connection.execute("UPDATE alembic_version SET version_num = '0001_initial'")
        connection.close()
        write_clean_mark(db)  # the mark matches again: only the revision differs
    elif change == "no file":
        db.unlink()
    else:
        db.write_bytes(b"not a database " * 100)
        write_clean_mark(db)
    assert read_first_screen(db) is None


def test_a_pending_factory_hands_over_the_real_one_or_refuses():
    pending = PendingSessionFactory()
    pending.ready(lambda: "session")
    assert pending() == "session"
    failed = PendingSessionFactory()
    failed.failed()
    with pytest.raises(RuntimeError, match="did not open"):
        failed()


def test_a_damaged_byte_is_read_as_a_replacement_character(closed_cleanly):
    with sqlite3.connect(closed_cleanly.database) as connection:
        connection.execute(  # "Munich" then a byte that is not UTF-8
            "UPDATE event SET title = CAST(x'4d756e696368ff3f' AS TEXT) WHERE id = 3")
    connection.close()
    open_database(closed_cleanly).close()  # the app's own close: the mark matches the file again
    screen = read_first_screen(closed_cleanly.database)
    assert screen is not None
    titles = [event.title for event in screen.events]
    assert "Munich\ufffd?" in titles and len(titles) == 44


def test_citations_unreadable_now_are_left_to_the_services(closed_cleanly):
    screen = read_first_screen(closed_cleanly.database)
    assert screen is not None
    closed_cleanly.database.unlink()
    assert screen.citations_of(screen.events[0].id) is None


def test_events_on_the_same_dates_keep_the_services_order(closed_cleanly):
    with sqlite3.connect(closed_cleanly.database) as connection:
        ids = [row[0] for row in connection.execute("SELECT id FROM event ORDER BY id LIMIT 6")]
        for place, event_id in enumerate(ids):  # the same dates; positions against the ids,
            connection.execute(  # and four positions equal, so the id decides
                "UPDATE event SET start = '1939-08-23', \"end\" = '1939-08-23', position = ?"
                " WHERE id = ?", (min(10 - place, 7), event_id))
    connection.close()
    open_database(closed_cleanly).close()  # the app's own close: the mark matches the file again
    screen = read_first_screen(closed_cleanly.database)
    assert screen is not None
    database = open_database(closed_cleanly)
    try:
        assert screen.events == list_events(database.session_factory, screen.topic.id)
    finally:
        database.close()
    same_day = [event.id for event in screen.events if event.start == "1939-08-23"]
    assert same_day[:6] == [ids[5], ids[4], ids[0], ids[1], ids[2], ids[3]]

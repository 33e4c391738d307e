"""TimelineJS JSON and spreadsheet CSV come in with their dates, eras and groups, once."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from sqlalchemy import select

from studyapp.db.models import Event, Period
from studyapp.db.operations.base import perform
from studyapp.db.services.timeline import list_events
from studyapp.db.services.topic import list_periods
from studyapp.db.timeline_import import ImportTimeline
from studyapp.domain.errors import StudentError
from studyapp.packs.timelinejs import looks_like_timeline, read_timeline_file
from tests.conftest import TESTS, table_counts

SAMPLES = TESTS / "data" / "timelinejs"


def _import(session_factory, topic, path: Path):
    return perform(session_factory, ImportTimeline(topic.id, read_timeline_file(path))).value


def _imported(session_factory, topic):
    return {e.title: e for e in list_events(session_factory, topic.id) if e.key.startswith("tljs-")}


def test_eras_json_brings_events_and_eras(session_factory, topic):
    report = _import(session_factory, topic, SAMPLES / "eras.json")
    assert report.added["event"] == 20 and report.added["period"] == 3
    events = _imported(session_factory, topic)
    migrates = events["Muhammad Migrates from Mecca to Medina"]
    assert (migrates.edtf, migrates.start, migrates.end) == (
        "0622-08-09/0622-08-23", "0622-08-09", "0622-08-23")  # fmt: skip
    assert migrates.date_label == "9–23 August 622"
    assert events["Battle of Nehawand"].precision == "year"
    eras = [p.title for p in list_periods(session_factory, topic.id)]
    assert eras[-3:] == ["Era Test 600-650", "Era Test 650-700", "Era Test 700-720"]


@pytest.mark.parametrize("name", ["eras.json", "marktwain.json", "women_in_computing.csv",
                                  "my-own-timeline-template.csv"])  # fmt: skip
def test_importing_twice_changes_nothing(database, session_factory, topic, name):
    first = _import(session_factory, topic, SAMPLES / name)
    assert sum(first.added.values()) > 0
    before = table_counts(database)
    rows = list_events(session_factory, topic.id)
    again = _import(session_factory, topic, SAMPLES / name)
    assert sum(again.added.values()) == sum(again.updated.values()) == 0
    assert table_counts(database) == before
    assert list_events(session_factory, topic.id) == rows


def test_csv_dates_html_and_precision(session_factory, topic):
    _import(session_factory, topic, SAMPLES / "women_in_computing.csv")
    events = _imported(session_factory, topic)
    ada = events["Ada Lovelace"]
    assert (ada.start, ada.end, ada.precision) == ("1815-12-10", "1852-11-27", "range")
    assert ada.description.startswith("Women have been programming since before it was a thing.")
    assert "<" not in ada.description and "Lovelace: Daughter" in ada.description
    eniac = events["...And the women who made it work"]
    assert (eniac.edtf, eniac.date_label) == ("1943-07/1946", "July 1943 – 1946")
    assert events["Grace Hopper invents the compiler"].precision == "year"
    assert ada.category == "other"  # no Group column value


def test_group_display_date_and_student_edits(tmp_path, session_factory, topic):
    document = {"events": [
        {"start_date": {"year": "1939", "month": "8", "day": "23"}, "display_date": "late Aug 1939",
         "text": {"headline": "Pact <b>signed</b> &amp; sealed"}, "group": "Diplomacy"},
        {"start_date": {"year": "1941"}, "text": {"headline": "Barbarossa"}, "group": "War"},
    ]}  # fmt: skip
    path = tmp_path / "mine.json"
    path.write_text(json.dumps(document), "utf-8")
    _import(session_factory, topic, path)
    pact = _imported(session_factory, topic)["Pact signed & sealed"]
    assert (pact.category, pact.date_label) == ("Diplomacy", "late Aug 1939")
    assert pact.edtf == "1939-08-23"
    with session_factory.begin() as session:  # the student edits one row and deletes nothing
        row = session.scalars(select(Event).where(Event.id == pact.id)).one()
        row.title, row.user_modified = "My own title", True
    document["events"][0]["display_date"] = "23 Aug 1939"
    document["events"][1]["text"]["text"] = "Germany invades."
    path.write_text(json.dumps(document), "utf-8")
    report = _import(session_factory, topic, path)
    assert report.kept["event"] == 1 and report.updated["event"] == 1
    titles = _imported(session_factory, topic)
    assert "My own title" in titles and titles["Barbarossa"].description == "Germany invades."


@pytest.mark.parametrize(
    ("content", "suffix", "sentence"),
    [
        ('{"events": [{"start_date": {"year": "1939", "month": "13"}, "text": {"headline": "x"}}]}',
         ".json", "events[0].start_date: 1939-13 is not a real date"),
        ('{"events": [{"text": {"headline": "x"}}]}', ".json",
         "events[0].start_date.year is missing"),
        ('{"events": [{"start_date": {"year": "1939"}, "end_date": {"year": "1930"}, '
         '"text": {"headline": "x"}}]}', ".json", "events[0]: the event ends before it starts"),
        ('{"events": [{"start_date": {"year": "nine"}, "text": {"headline": "x"}}]}', ".json",
         "the year 'nine' is not a number"),
        ('{"events": [], "eras": [{"start_date": {"year": "1939"}, "text": {}}]}', ".json",
         "eras[0].end_date.year is missing"),
        ('{"slides": []}', ".json", "has no list of 'events'"),
        ("{not json", ".json", "is not valid JSON"),
        ("Year,Headline\n1939,Fine\n,Broken\n", ".csv", "row 3: the Year is empty"),
        ("Year,Month,Headline\n1939,14,Bad month\n", ".csv", "row 2: 1939-14 is not a real date"),
        ("Date,Title\n1939,x\n", ".csv", "has no 'Year' column"),
    ],
)  # fmt: skip
def test_malformed_files_are_one_sentence_and_write_nothing(
    tmp_path, database, session_factory, topic, content, suffix, sentence
):
    path = tmp_path / f"bad{suffix}"
    path.write_text(content, "utf-8")
    before = table_counts(database)
    with pytest.raises(StudentError) as refusal:
        _import(session_factory, topic, path)
    assert sentence in str(refusal.value) and path.name in str(refusal.value)
    assert table_counts(database) == before


def test_deleted_rows_stay_deleted(session_factory, topic):
    from studyapp.db.operations.base import perform
    from studyapp.db.operations.events import delete_event

    _import(session_factory, topic, SAMPLES / "women_in_computing.csv")
    ada = _imported(session_factory, topic)["Ada Lovelace"]
    perform(session_factory, delete_event(ada.id, ada.title))
    report = _import(session_factory, topic, SAMPLES / "women_in_computing.csv")
    assert report.kept["event"] == 1
    assert "Ada Lovelace" not in _imported(session_factory, topic)


def test_recognises_timeline_files_but_not_packs(tmp_path):
    from studyapp.packs.loader import bundled_pack_path

    assert looks_like_timeline(SAMPLES / "eras.json")
    assert looks_like_timeline(SAMPLES / "women_in_computing.csv")
    assert not looks_like_timeline(bundled_pack_path())
    archive = tmp_path / "pack.zip"
    shutil.make_archive(str(archive.with_suffix("")), "zip", SAMPLES)
    assert not looks_like_timeline(archive)


def test_empty_slides_are_counted_not_imported(session_factory, topic):
    report = _import(session_factory, topic, SAMPLES / "marktwain.json")
    assert report.skipped == 3 and report.added["event"] == 14
    assert "3 empty slides skipped" in report.summary()
    with session_factory() as session:
        assert session.scalars(select(Period).where(Period.key.like("tljs-%"))).first() is None

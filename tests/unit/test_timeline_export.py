"""CSV, ICS and TimelineJS JSON exports hold every event and open in real parsers."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import icalendar
import pytest

from studyapp.cli import main
from studyapp.db.services.timeline import list_events
from studyapp.domain.errors import StudentError
from studyapp.export import files
from studyapp.export.timeline_data import _fold, timeline_ics
from studyapp.packs.timelinejs import read_timeline_file
from tests.conftest import TESTS


@pytest.fixture
def events(session_factory, topic):
    return list_events(session_factory, topic.id)


def _export(tmp_path: Path, fmt: str) -> Path:
    output = tmp_path / f"timeline.{fmt}"
    assert main(["export", "timeline", "--format", fmt, "--output", str(output)]) == 0
    return output


def test_csv_has_one_row_per_event(tmp_path, database, events):
    rows = list(csv.DictReader(io.StringIO(_export(tmp_path, "csv").read_text("utf-8"))))
    assert [r["Title"] for r in rows] == [e.title for e in events]
    pact = next(r for r in rows if r["Title"] == "Nazi–Soviet Pact")
    assert (pact["EDTF"], pact["Start"], pact["End"], pact["Key date"]) == (
        "1939-08-23", "1939-08-23", "1939-08-23", "yes")  # fmt: skip
    assert set(rows[0]) == {"Date as written", "EDTF", "Start", "End", "Title", "Category",
                            "Key date", "Page"}  # fmt: skip


def test_ics_has_one_all_day_event_per_event(tmp_path, database, events):
    calendar = icalendar.Calendar.from_ical(_export(tmp_path, "ics").read_bytes())
    vevents = calendar.walk("VEVENT")
    assert len(vevents) == len(events)
    by_title = {str(v["SUMMARY"]): v for v in vevents}
    for event in events:
        vevent = by_title[event.title]
        assert vevent["DTSTART"].dt == dt.date.fromisoformat(event.start)
        # DTEND is exclusive: the day after the event's last day.
        assert vevent["DTEND"].dt == dt.date.fromisoformat(event.end) + dt.timedelta(days=1)
        assert str(vevent["UID"]).startswith(f"{event.key}@")
    assert len({str(v["UID"]) for v in vevents}) == len(events)


def test_ics_escapes_and_folds(events):
    tricky = events[0]._replace(title="Pact; signed, sealed \\ done",
                                description="Line one\nLine two " + "é" * 80)
    text = timeline_ics([tricky], calendar_name="Test", uid_domain="x",
                        now=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))  # fmt: skip
    assert all(len(line.encode("utf-8")) <= 75 for line in text.split("\r\n"))
    vevent = icalendar.Calendar.from_ical(text).walk("VEVENT")[0]
    assert str(vevent["SUMMARY"]) == "Pact; signed, sealed \\ done"
    assert str(vevent["DESCRIPTION"]).endswith("Line one\nLine two " + "é" * 80)


def test_folding_never_splits_a_character():
    folded = _fold("DESCRIPTION:" + "€" * 60)
    for line in folded.split("\r\n"):
        assert len(line.encode("utf-8")) <= 75
        line.encode("utf-8").decode("utf-8")


def test_json_is_timelinejs_and_imports_back(tmp_path, database, events, session_factory, topic):
    output = _export(tmp_path, "json")
    document = json.loads(output.read_text("utf-8"))
    assert len(document["events"]) == len(events)
    assert len(document["eras"]) == 6
    slide = next(s for s in document["events"] if s["unique_id"] == "berlin-blockade")
    assert slide["start_date"] == {"year": "1948", "month": "6", "day": "24"}
    assert slide["end_date"] == {"year": "1949", "month": "5", "day": "12"}
    back = read_timeline_file(output)
    assert [e.title for e in back.events] == [e.title for e in events]
    from studyapp.domain.dates import parse

    for event, again in zip(events, back.events, strict=True):
        if event.precision not in {"set", "season"}:  # TimelineJS has no sets or seasons
            assert (parse(again.edtf).start.isoformat(), parse(again.edtf).end.isoformat()) == (
                event.start, event.end)  # fmt: skip


def test_export_to_a_missing_folder_is_one_sentence(tmp_path, database, capsys):
    output = tmp_path / "nowhere" / "timeline.csv"
    assert main(["export", "timeline", "--format", "csv", "--output", str(output)]) == 1
    assert "does not exist" in capsys.readouterr().err
    assert not output.exists()


def test_atomic_write_keeps_the_old_file_when_writing_fails(tmp_path):
    target = tmp_path / "out.txt"
    target.write_text("old", "utf-8")
    with pytest.raises(RuntimeError), files.atomic_path(target) as temporary:
        temporary.write_text("half", "utf-8")
        raise RuntimeError("disk full")
    assert target.read_text("utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]
    files.write_text(target, "new")
    assert target.read_text("utf-8") == "new"


def test_atomic_write_refuses_a_missing_folder(tmp_path):
    with pytest.raises(StudentError):
        files.write_bytes(tmp_path / "no" / "x.bin", b"x")


def test_cli_imports_timelinejs_then_changes_nothing(database, capsys):

    sample = TESTS / "data" / "timelinejs" / "eras.json"
    database.close()
    assert main(["import", str(sample)]) == 0
    assert "20 events added" in capsys.readouterr().out
    assert main(["import", str(sample)]) == 0
    assert "0 events added, 0 updated" in capsys.readouterr().out


def test_cli_refuses_a_broken_timeline(tmp_path, capsys):
    bad = tmp_path / "bad.csv"
    bad.write_text("Year,Headline\nnineteen,x\n", "utf-8")
    assert main(["import", str(bad)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "row 2" in err

"""A topic written out as a pack: valid, complete, and the same topic when imported elsewhere."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from studyapp import paths
from studyapp.db.database import open_database
from studyapp.db.operations.arguments import add_point, set_judgement
from studyapp.db.operations.base import perform
from studyapp.db.operations.events import EventFields, add_event, edit_event
from studyapp.db.operations.factors import justify_factor, move_factor, rate_factor
from studyapp.db.operations.notes import annotate_item, set_learnt
from studyapp.db.pack_export import export_topic
from studyapp.db.pack_import import import_pack_file
from studyapp.db.services import arguments, factors, notes, timeline
from studyapp.db.services.topic import find_topic
from studyapp.domain.errors import StudentError
from studyapp.packs.loader import load_pack
from tests.conftest import table_counts


def _study(session_factory, topic) -> None:
    """What a student does in a week: their own event, an edit, notes, ranks, a point."""
    perform(session_factory, add_event(topic.id, EventFields(
        title="Soviet invasion of Finland", edtf="1939-11-30/1940-03-13", category="war",
        date_label="Nov 1939 – Mar 1940")))  # fmt: skip
    munich = next(e for e in timeline.list_events(session_factory, topic.id)
                  if e.key == "munich-conference")  # fmt: skip
    fields = EventFields(**{f: getattr(munich, f) for f in EventFields.__dataclass_fields__})
    perform(session_factory, edit_event(munich.id, replace(fields, title="Munich (no USSR)")))
    section = notes.section_tree(session_factory, topic.id)[0].children[0]
    item = notes.section_items(session_factory, section.id)[0]
    perform(session_factory, annotate_item(item.id, "Compare with 1939"))
    perform(session_factory, set_learnt(item.id, True))
    ranking = factors.list_factors(session_factory, topic.id)
    perform(session_factory, move_factor(ranking[4].id, 0))
    perform(session_factory, rate_factor(ranking[4].id, 5))
    perform(session_factory, justify_factor(ranking[4].id, "Decisive in 1942"))
    question = arguments.list_questions(session_factory, topic.id)[1]
    perform(session_factory, add_point(question.id, "against", "Security first", weight=4))
    perform(session_factory, set_judgement(question.id, "Security mattered most", ""))


def _write(pack: dict, path) -> None:
    path.write_text(json.dumps(pack, ensure_ascii=False), "utf-8")


def test_a_shared_topic_round_trips_into_a_fresh_folder(session_factory, topic, tmp_path):
    _study(session_factory, topic)
    first = export_topic(session_factory, topic.id, study_state=True)
    _write(first, tmp_path / "shared.json")
    load_pack(tmp_path / "shared.json")  # valid against the schema and its own references

    other = open_database(paths.resolve(tmp_path / "classmate"), import_bundled=False)
    try:
        import_pack_file(other.session_factory, tmp_path / "shared.json")
        received = find_topic(other.session_factory, None)
        second = export_topic(other.session_factory, received.id, study_state=True)
    finally:
        other.close()
    assert second == first
    events = {e["key"]: e for e in first["events"]}
    assert events["munich-conference"]["title"] == "Munich (no USSR)"
    assert any(e["title"] == "Soviet invasion of Finland" for e in first["events"])
    assert first["factors"][0]["justification"] == "Decisive in 1942"
    assert first["questions"][1]["judgement"] == {"thesis": "Security mattered most"}


def test_without_study_state_the_students_own_notes_stay_home(session_factory, topic):
    _study(session_factory, topic)
    shared = json.dumps(export_topic(session_factory, topic.id))
    for private in ("Compare with 1939", "Decisive in 1942", "Security mattered most",
                    '"learnt"', '"importance"'):  # fmt: skip
        assert private not in shared
    assert "Soviet invasion of Finland" in shared  # content they wrote does travel


def test_a_newer_export_updates_the_receiver_without_touching_their_work(
    database, session_factory, topic, tmp_path
):
    _write(export_topic(session_factory, topic.id), tmp_path / "v1.json")
    other = open_database(paths.resolve(tmp_path / "classmate"), import_bundled=False)
    try:
        import_pack_file(other.session_factory, tmp_path / "v1.json")
        theirs = find_topic(other.session_factory, None)
        mine = next(e for e in timeline.list_events(other.session_factory, theirs.id)
                    if e.key == "anschluss")  # fmt: skip
        fields = EventFields(**{f: getattr(mine, f) for f in EventFields.__dataclass_fields__})
        perform(other.session_factory, edit_event(mine.id, replace(fields, title="My title")))
        before = table_counts(other)

        _study(session_factory, topic)  # the teacher adds an event and edits Munich
        newer = export_topic(session_factory, topic.id)
        newer["pack"]["version"] = "1.1.0"
        _write(newer, tmp_path / "v2.json")
        import_pack_file(other.session_factory, tmp_path / "v2.json")
        import_pack_file(other.session_factory, tmp_path / "v2.json")  # twice: no duplicates

        after = {e.key: e for e in timeline.list_events(other.session_factory, theirs.id)}
        assert after["anschluss"].title == "My title"
        assert after["munich-conference"].title == "Munich (no USSR)"
        assert table_counts(other)["event"] == before["event"] + 1
        assert table_counts(other)["point"] == before["point"] + 1
    finally:
        other.close()


def test_a_command_that_needs_one_topic_says_which_there_are(session_factory, topic, pack_file):
    assert find_topic(session_factory, None) == topic
    assert find_topic(session_factory, "stalin") == topic
    assert find_topic(session_factory, str(topic.id)) == topic
    with pytest.raises(StudentError, match="No topic matches 'Tudors'"):
        find_topic(session_factory, "Tudors")

    def another(pack: dict) -> None:
        pack["pack"] |= {"id": "cold-war", "title": "The Cold War, 1945–91"}

    import_pack_file(session_factory, pack_file(another))
    with pytest.raises(StudentError, match="There are 2 topics; choose one with --topic"):
        find_topic(session_factory, None)
    with pytest.raises(StudentError, match="matches 2 topics"):
        find_topic(session_factory, "–")

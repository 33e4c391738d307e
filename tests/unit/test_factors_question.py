"""A topic's factors question below the UI: migration 0008 from a 0007 file with topics in it,
the pack field's import and export, the new-topic operation, and the factors export's heading."""

from __future__ import annotations

import json
import sqlite3

import pytest
from alembic import command

from studyapp import paths
from studyapp.db.database import open_database
from studyapp.db.operations.base import perform
from studyapp.db.operations.topics import TopicFields, create_topic
from studyapp.db.pack_export import export_topic
from studyapp.db.pack_import import import_pack_file
from studyapp.db.services.factors import factors_question
from studyapp.db.services.topic import find_topic
from studyapp.domain.errors import StudentError
from studyapp.export.factors import NEUTRAL_HEADING, factors_document
from studyapp.packs.loader import load_pack
from tests.conftest import table_counts
from tests.unit.test_migration_arguments import _run

STALIN = "What factors enabled Stalin to defeat Hitler?"


def test_0008_gives_the_bundled_topic_its_question_and_others_none(tmp_path):
    path = tmp_path / "old.db"
    _run(path, command.upgrade, "0007_key_terms")
    with sqlite3.connect(path) as db:
        for topic_id, pack_id in ((1, "stalin-foreign-policy"), (2, "my-cuba-abc123")):
            db.execute("INSERT INTO topic (id, pack_id, version, title, exam, paper, period_label,"
                       " source_note, page_refs, advice, imported_at) VALUES (?, ?, '1', 'T', '',"
                       " '', '', '', '', '', '2026-01-01')", (topic_id, pack_id))  # fmt: skip
        db.execute("INSERT INTO factor (id, topic_id, title, explanation, category, rank,"
                   " importance, justification, key, source, user_modified) VALUES (1, 1,"
                   " 'Lend-Lease', '', 'allied-aid', 1, 4, 'Trucks', 'f', 'pack', 0)")  # fmt: skip
    db.close()
    _run(path, command.upgrade, "0008_factors_question")
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT id, factors_question FROM topic ORDER BY id").fetchall() \
            == [(1, STALIN), (2, "")]  # fmt: skip
        assert db.execute("SELECT title, justification FROM factor").fetchall() \
            == [("Lend-Lease", "Trucks")]  # fmt: skip
    db.close()
    _run(path, command.downgrade, "0007_key_terms")  # and back: the column goes, the rows stay
    with sqlite3.connect(path) as db:
        columns = {row[1] for row in db.execute("PRAGMA table_info(topic)")}
        assert "factors_question" not in columns
        assert db.execute("SELECT count(*) FROM topic").fetchone() == (2,)
        assert db.execute("SELECT count(*) FROM factor").fetchone() == (1,)
    db.close()


def test_the_bundled_pack_carries_its_question_through_import_and_export(session_factory, topic,
                                                                          tmp_path):  # fmt: skip
    assert topic.factors_question == STALIN
    pack = export_topic(session_factory, topic.id, study_state=False)
    assert pack["pack"]["factors_question"] == STALIN
    shared = tmp_path / "shared.json"
    shared.write_text(json.dumps(pack, ensure_ascii=False), "utf-8")
    assert load_pack(shared)["pack"]["factors_question"] == STALIN  # the schema accepts it

    other = open_database(paths.resolve(tmp_path / "classmate"), import_bundled=False)
    try:
        import_pack_file(other.session_factory, shared)
        received = find_topic(other.session_factory, None)
        assert received.factors_question == STALIN
        assert export_topic(other.session_factory, received.id, study_state=False) == pack
    finally:
        other.close()


def test_a_pack_without_a_question_keeps_the_one_the_topic_has(session_factory, topic,
                                                               pack_file):  # fmt: skip
    def newer_without(pack):
        del pack["pack"]["factors_question"]
        pack["pack"]["version"] = "9.0.0"

    import_pack_file(session_factory, pack_file(newer_without))
    assert factors_question(session_factory, topic.id) == STALIN

    def newer_with(pack):
        pack["pack"]["factors_question"] = "Why did the USSR win the war?"
        pack["pack"]["version"] = "9.0.1"

    import_pack_file(session_factory, pack_file(newer_with))
    assert factors_question(session_factory, topic.id) == "Why did the USSR win the war?"


def test_a_new_topic_takes_its_question_trimmed_and_the_export_asks_it(session_factory):
    fields = TopicFields(title="The First World War",
                         factors_question="  What caused the First World War?  ")
    made = perform(session_factory, create_topic(fields)).value
    assert made.factors_question == "What caused the First World War?"
    document = factors_document(session_factory, made.id)
    assert document.title == "Answer plan: What caused the First World War?"
    pack = export_topic(session_factory, made.id, study_state=False)
    assert pack["pack"]["factors_question"] == "What caused the First World War?"


def test_a_topic_without_a_question_gets_the_neutral_heading(session_factory, topic):
    made = perform(session_factory, create_topic(TopicFields(title="The Cold War"))).value
    assert made.factors_question == ""
    assert factors_document(session_factory, made.id).title == NEUTRAL_HEADING
    assert "factors_question" not in export_topic(session_factory, made.id)["pack"]
    assert factors_document(session_factory, topic.id).title == f"Answer plan: {STALIN}"


def test_a_question_too_long_is_refused_and_makes_nothing(database, session_factory):
    before = table_counts(database)
    with pytest.raises(StudentError, match="factors question can be at most 500 characters"):
        perform(session_factory, create_topic(TopicFields(title="T", factors_question="?" * 501)))
    assert table_counts(database) == before

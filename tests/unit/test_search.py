"""Search: the index stays in step with every write, any typed text is safe, results make sense."""

from __future__ import annotations

import sqlite3

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import insert, select, text

from studyapp.db import card_sources, migrate, search_schema
from studyapp.db.database import open_database
from studyapp.db.models import Event, Judgement, NoteItem, Point, Question
from studyapp.db.search import (
    Searcher,
    Term,
    match_expression,
    parse_query,
    rebuild_search_index,
    search,
    verify_search_index,
)
from studyapp.domain.changes import Kind


def titles(session_factory, typed: str, **kwargs) -> list[tuple[str, str]]:
    return [(r.kind.value, r.plain_title) for r in search(session_factory, typed, **kwargs).results]


def test_the_bundled_pack_is_indexed_and_in_step(session_factory):
    assert verify_search_index(session_factory) == []
    assert ("event", "Nazi–Soviet Pact") in titles(session_factory, "Nazi-Soviet")


def test_results_are_case_and_diacritic_insensitive_prefixes(session_factory):
    for typed in ("MOLOTOV", "molo", "Mólótov"):
        assert ("event", "Molotov becomes foreign commissar") in titles(session_factory, typed)


def test_a_misspelt_word_finds_the_right_item(session_factory):
    results = search(session_factory, "Rapalo")
    assert results.corrected == ("rapallo",)
    assert results.results[0].plain_title == "Rapallo Treaty between Germany and Russia"


def test_a_quoted_phrase_matches_only_those_words_in_order(session_factory):
    found = titles(session_factory, '"treaty of rapallo"')
    assert found and all("rapallo" in title.lower() or kind == "note_item" for kind, title in found)
    assert titles(session_factory, '"rapallo of treaty"') == []


def test_results_carry_highlighted_snippets_and_date_labels(session_factory):
    result = search(session_factory, "rapallo").results[0]
    assert result.kind is Kind.EVENT and result.date_label == "1922"
    assert [s.text for s in result.title if s.hit] == ["Rapallo"]
    assert all("\x02" not in s.text and "\x03" not in s.text for s in result.snippet)


def test_results_can_be_limited_to_a_topic(session_factory, topic):
    assert titles(session_factory, "rapallo", topic_id=topic.id)
    assert titles(session_factory, "rapallo", topic_id=topic.id + 1) == []


ODD_INPUTS = [
    "", " ", "don't", "Stalin's", "Nazi-Soviet", '"', '""', '"unbalanced', "a\"b\"c", "AND", "OR",
    "NOT", "NEAR", "NEAR(stalin hitler)", "stalin AND", "OR OR OR", "*", "stalin*", "^stalin",
    "(", ")", "(stalin", "title:stalin", "kind:event", ":", "{title body}: pact", "\x00", "\x02",
    "\x1b[31m", "stalin\nhitler", "\t", "'; DROP TABLE event; --", "x" * 5000,
    "stalin " * 1000, "—–-", "🙂", "Сталин", "斯大林", "e\u0301", "\ud7ff", "+", "-stalin",
    "NEAR/3", "stalin NOT hitler", "1939", "19", "%", "_", "\\",
]  # fmt: skip


@pytest.mark.parametrize("typed", ODD_INPUTS)
def test_odd_input_never_raises(session_factory, typed):
    results = search(session_factory, typed)
    assert all(isinstance(r.kind, Kind) for r in results.results)


def test_fts_syntax_typed_by_a_student_is_only_text(session_factory):
    bracketed = titles(session_factory, "NEAR(stalin hitler)")
    assert bracketed == titles(session_factory, "near stalin hitler")
    assert titles(session_factory, "stalin AND") == titles(session_factory, "stalin and")
    assert titles(session_factory, "title:Rapallo") == titles(session_factory, "title Rapallo")


def test_every_word_is_quoted_and_matched_as_a_prefix():
    terms = parse_query('Nazi-Soviet "collective security" OR don\'t ^x*')
    assert terms == [Term("nazi"), Term("soviet"), Term("collective security", phrase=True),
                     Term("or"), Term("don")]  # fmt: skip
    assert match_expression(terms) == (
        '"nazi"* AND "soviet"* AND "collective security" AND "or"* AND "don"*'
    )


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(typed=st.text(max_size=300))
def test_any_text_searches_without_error(session_factory, typed):
    search(session_factory, typed)


def test_edits_deletes_cascades_and_restores_keep_the_index_in_step(session_factory):
    with session_factory.begin() as session:
        event = session.scalars(select(Event).where(Event.title.like("Rapallo%"))).one()
        event.title = "Treaty signed at Zanzibar"
        item = session.scalars(select(NoteItem)).first()
        item.annotation = "remember the quokka"
        question = session.scalars(select(Question)).first()
        session.add(Judgement(question_id=question.id, thesis="Mostly the wombat"))
    assert titles(session_factory, "zanzibar") == [("event", "Treaty signed at Zanzibar")]
    assert [r.id for r in search(session_factory, "quokka").results] == [item.id]
    assert titles(session_factory, "wombat") == [("judgement", "Mostly the wombat")]
    with session_factory.begin() as session:
        points = session.execute(select(Point.__table__).where(Point.question_id == question.id))
        saved = [dict(row._mapping) for row in points]
        session.delete(session.get(Question, question.id))  # cascades to points and judgement
    assert titles(session_factory, "wombat") == []
    assert verify_search_index(session_factory) == []
    with session_factory.begin() as session:  # undo's snapshot restore: Core inserts, same ids
        session.execute(insert(Question.__table__).values(
            id=question.id, topic_id=question.topic_id, text=question.text, key=question.key,
            source=question.source, user_modified=False, exam_source="", paper="",
            command_term="", position=0))  # fmt: skip
        session.execute(insert(Point.__table__), saved)
    assert verify_search_index(session_factory) == []
    assert {r.id for r in search(session_factory, saved[0]["claim"]).results if r.kind == "point"}


def test_a_reimport_of_the_pack_leaves_the_index_in_step(session_factory):
    from studyapp.db.pack_import import import_pack_file
    from studyapp.packs.loader import bundled_pack_path

    import_pack_file(session_factory, bundled_pack_path())
    assert verify_search_index(session_factory) == []


def test_verify_finds_a_damaged_index_and_rebuild_repairs_it(session_factory):
    with session_factory.begin() as session:
        session.execute(text("DELETE FROM search_index WHERE rowid IN "
                             "(SELECT rowid FROM search_index WHERE kind = 'event' LIMIT 2)"))
        session.execute(text("UPDATE search_index SET title = 'stale' WHERE kind = 'factor'"))
        session.execute(text("INSERT INTO search_index (rowid, title, kind, row_id) "
                             "VALUES (99999, 'ghost', 'event', 99999)"))  # fmt: skip
    problems = verify_search_index(session_factory)
    assert problems == [
        "the search index is missing 2 items (studyapp search --rebuild-index rebuilds it)",
        "the search index lists 1 item that no longer exist (studyapp search --rebuild-index "
        "rebuilds it)",
        "the search index is out of date for 8 items (studyapp search --rebuild-index "
        "rebuilds it)",
    ]
    assert rebuild_search_index(session_factory) == 143  # with the 25 key terms
    assert verify_search_index(session_factory) == []


def test_the_vocabulary_is_kept_until_forgotten(session_factory):
    searcher = Searcher(session_factory)
    assert searcher.search("Rapalo").results
    with session_factory.begin() as session:
        session.add(Event(topic_id=1, key="k", source="user", title="Zebrafish congress",
                          edtf="1950", date_label="1950", start="1950-01-01", end="1950-12-31",
                          precision="year", category="war"))  # fmt: skip
    assert searcher.search("Zebrafsh").results == ()  # the new word is not in its vocabulary yet
    searcher.forget_vocabulary()
    assert [r.plain_title for r in searcher.search("Zebrafsh").results] == ["Zebrafish congress"]


def test_an_edit_teaches_the_vocabulary_its_new_words(session_factory):
    searcher = Searcher(session_factory)
    assert searcher.search("Rapalo").results  # the vocabulary is loaded now
    with session_factory.begin() as session:
        event = Event(topic_id=1, key="k", source="user", title="Ornithopter trials",
                      edtf="1950", date_label="1950", start="1950-01-01", end="1950-12-31",
                      precision="year", category="war")  # fmt: skip
        session.add(event)
    searcher.learn([(Kind.EVENT, event.id), (Kind.REVIEW_CARD, 1)])
    assert [r.plain_title for r in searcher.search("ornitopter").results] == ["Ornithopter trials"]


def test_the_database_triggers_are_the_ones_search_schema_describes(database):
    with database.engine.connect() as connection:
        stored = dict(connection.exec_driver_sql(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger'").all())  # fmt: skip
    sources = search_schema.SOURCES
    described = [sql for source in sources for sql in search_schema.trigger_statements(source)]
    # and the review cards' notes of changed rows (db/card_sources.py)
    described += [sql for watched in card_sources.WATCHED
                  for sql in card_sources.trigger_statements(watched)]  # fmt: skip
    assert sorted(stored.values()) == sorted(described)


def test_upgrading_a_0001_file_with_notes_indexes_them(app_paths):
    """A student's file from before search: the upgrade indexes what is already there."""
    from alembic import command

    database = open_database(app_paths)
    with database.engine.begin() as connection:
        config = migrate._config()
        config.attributes["connection"] = connection
        command.downgrade(config, "0001")
        connection.exec_driver_sql("UPDATE factor SET justification = 'the kangaroo argument'")
    database.close()
    with sqlite3.connect(app_paths.database) as raw:
        assert raw.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
        assert not raw.execute("SELECT 1 FROM sqlite_master WHERE name = 'search_index'").fetchall()
    raw.close()
    database = open_database(app_paths)
    try:
        assert migrate.current_revision(database.engine) == migrate.HEAD_REVISION
        assert verify_search_index(database.session_factory) == []
        assert len(search(database.session_factory, "kangaroo").results) == 8
    finally:
        database.close()

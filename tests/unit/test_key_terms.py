"""Key terms end to end below the UI: migration 0007 from a 0006 file with data, pack import
(update rules, tombstones) and export round-trip, the typed operations with undo, and their
review cards kept in step by the incremental sync."""

from __future__ import annotations

import json
import sqlite3

from alembic import command
from sqlalchemy import select, text

from studyapp.db.models import Event, KeyTerm, ReviewCard
from studyapp.db.operations import key_terms as term_ops
from studyapp.db.operations.base import perform
from studyapp.db.operations.events import EventFields, edit_event
from studyapp.db.operations.review import RateCard
from studyapp.db.pack_export import export_topic
from studyapp.db.pack_import import import_pack_file
from studyapp.db.search import search
from studyapp.db.services import review, timeline
from studyapp.db.services.key_terms import list_key_terms
from studyapp.domain.changes import Changes, Kind
from studyapp.domain.scheduling import Rating
from studyapp.packs.loader import load_pack
from tests.conftest import bundled_pack, table_counts
from tests.unit.test_migration_arguments import _run

NOW = review.utc_now()


def _terms(session_factory, topic_id: int) -> dict[str, object]:
    return {t.key: t for t in list_key_terms(session_factory, topic_id)}


# -- migration -----------------------------------------------------------------------------------


def test_0007_upgrades_a_0006_file_with_data_and_indexes_new_terms(tmp_path):
    path = tmp_path / "old.db"
    _run(path, command.upgrade, "0006_arguments")
    with sqlite3.connect(path) as db:
        db.execute("INSERT INTO topic (id, pack_id, version, title, exam, paper, period_label,"
                   " source_note, page_refs, advice, imported_at) VALUES (1, 'p', '1', 'T', '',"
                   " '', '', '', '', '', '2026-01-01')")  # fmt: skip
        db.execute("INSERT INTO event (id, topic_id, title, description, edtf, date_label, start,"
                   " \"end\", precision, category, key_date, position, key, source, user_modified)"
                   " VALUES (1, 1, 'Comintern founded', '', '1919', '1919', '1919-01-01',"
                   " '1919-12-31', 'year', 'diplomacy', 0, 0, 'e', 'pack', 0)")  # fmt: skip
    db.close()
    _run(path, command.upgrade, "0007_key_terms")
    db = sqlite3.connect(path)
    db.execute("PRAGMA foreign_keys=ON")
    with db:
        assert db.execute("SELECT title FROM event").fetchall() == [("Comintern founded",)]
        indexed = db.execute("SELECT count(*) FROM search_index WHERE kind = 'event'").fetchone()
        assert indexed == (1,)
        db.execute("INSERT INTO key_term (id, topic_id, term, meaning, section_id, position, key,"
                   " source, user_modified) VALUES (1, 1, 'Comintern', 'The Communist"
                   " International.', NULL, 0, 'comintern', 'pack', 0)")  # fmt: skip
        db.execute("INSERT INTO key_term_event (key_term_id, event_id) VALUES (1, 1)")
    assert db.execute("SELECT title, body FROM search_index WHERE kind = 'key_term'").fetchall() \
        == [("Comintern", "The Communist International.")]  # fmt: skip
    with db:  # deleting the event unlinks it from the term, which stays
        db.execute("DELETE FROM event WHERE id = 1")
    assert db.execute("SELECT count(*) FROM key_term_event").fetchone() == (0,)
    db.close()
    _run(path, command.downgrade, "0006_arguments")  # and back: the terms and their index go
    with sqlite3.connect(path) as db:
        tables = {name for (name,) in db.execute("SELECT name FROM sqlite_master")}
        assert "key_term" not in tables and "key_term_event" not in tables
        assert db.execute("SELECT count(*) FROM search_index WHERE kind = 'key_term'"
                          ).fetchone() == (0,)  # fmt: skip
    db.close()


# -- the pack ----------------------------------------------------------------------------------


def test_the_bundled_pack_has_key_terms_from_the_notes(session_factory, topic):
    terms = _terms(session_factory, topic.id)
    assert 15 <= len(terms) <= 25
    comintern = terms["comintern"]
    assert comintern.section_title == "Aims and methods"
    assert comintern.event_titles == ("Comintern (Communist International) is established",)
    assert terms["lend-lease"].section_title.startswith("Winning the Great Patriotic War")


def test_a_pack_update_follows_the_key_term_rules(database, session_factory, topic, pack_file):
    terms = _terms(session_factory, topic.id)
    perform(session_factory, term_ops.edit_key_term(
        terms["appeasement"].id, "Appeasement", "My own words.", terms["appeasement"].section_id))
    perform(session_factory, term_ops.delete_key_term(terms["anschluss"].id, "Anschluss"))

    def newer(pack):
        for term in pack["key_terms"]:
            term["meaning"] += " (revised)"
        pack["key_terms"].append({"key": "detente", "term": "Détente",
                                  "meaning": "An easing of tension.", "section": "phase-1"})

    report = import_pack_file(session_factory, pack_file(newer))
    after = _terms(session_factory, topic.id)
    assert after["comintern"].meaning.endswith("(revised)")  # untouched: updated
    assert after["appeasement"].meaning == "My own words."  # the student's: kept
    assert "anschluss" not in after  # deleted by the student: not brought back
    assert after["detente"].section_title.startswith("Phase 1")
    assert report.added["key_term"] == 1 and report.kept["key_term"] == 2
    counts = table_counts(database)
    import_pack_file(session_factory, pack_file(newer))  # twice: nothing changes
    assert table_counts(database) == counts


def test_export_round_trips_the_key_terms(tmp_path, session_factory, topic):
    terms = _terms(session_factory, topic.id)
    perform(session_factory, term_ops.add_key_term(topic.id, "Robber's den",
                                                   "Lenin's name for the League.", None))
    exported = export_topic(session_factory, topic.id)
    bundled = {t["key"]: t for t in bundled_pack()["key_terms"]}
    for term in exported["key_terms"]:
        if term["key"] in bundled:
            assert term == bundled[term["key"]]
    path = tmp_path / "shared.json"
    path.write_text(json.dumps(exported, ensure_ascii=False), "utf-8")
    assert len(load_pack(path)["key_terms"]) == len(terms) + 1  # the schema accepts it


# -- operations --------------------------------------------------------------------------------


def test_add_edit_delete_and_their_undo(session_factory, topic):
    section = _terms(session_factory, topic.id)["comintern"].section_id
    added = perform(session_factory, term_ops.add_key_term(topic.id, " Détente ",
                                                           "An easing of tension.", section))
    assert added.changes == Changes.of(Kind.KEY_TERM, added.value)
    row = _terms_by_id(session_factory, topic.id)[added.value]
    assert (row.term, row.is_own, row.section_id) == ("Détente", True, section)
    edited = perform(session_factory, term_ops.edit_key_term(added.value, "Détente",
                                                             "A relaxing of tension.", None))
    assert _terms_by_id(session_factory, topic.id)[added.value].section_id is None
    perform(session_factory, edited.inverse)
    assert _terms_by_id(session_factory, topic.id)[added.value].meaning == "An easing of tension."
    undone = perform(session_factory, added.inverse)
    assert added.value not in _terms_by_id(session_factory, topic.id)
    perform(session_factory, undone.inverse)  # redo: the same row, the same id
    assert _terms_by_id(session_factory, topic.id)[added.value].term == "Détente"


def test_deleting_a_pack_term_is_undone_with_its_event_links(session_factory, topic):
    comintern = _terms(session_factory, topic.id)["comintern"]
    deleted = perform(session_factory, term_ops.delete_key_term(comintern.id, comintern.term))
    with session_factory() as session:
        assert session.execute(text("SELECT key FROM pack_tombstone WHERE table_name = "
                                    "'key_term'")).all() == [("comintern",)]  # fmt: skip
    perform(session_factory, deleted.inverse)
    assert _terms(session_factory, topic.id)["comintern"] == comintern
    hits = search(session_factory, "Communist International", topic.id).results
    assert any(hit.kind is Kind.KEY_TERM and hit.id == comintern.id for hit in hits)


def test_undoing_a_section_delete_gives_its_key_terms_their_section_back(session_factory, topic):
    from studyapp.db.operations.notes import delete_note_section

    before = _terms(session_factory, topic.id)
    section_id = before["comintern"].section_id
    assert section_id is not None
    deleted = perform(session_factory, delete_note_section(section_id, "section"))
    assert before["comintern"].id in (deleted.changes.ids(Kind.KEY_TERM) or ())  # tabs hear of it
    unlinked = _terms(session_factory, topic.id)
    assert unlinked["comintern"].section_id is None  # the term stays, without its section
    restored = perform(session_factory, deleted.inverse)
    assert _terms(session_factory, topic.id) == before
    redone = perform(session_factory, restored.inverse)  # redo unlinks it again
    assert _terms(session_factory, topic.id)["comintern"].section_id is None
    perform(session_factory, redone.inverse)
    assert _terms(session_factory, topic.id) == before


def test_editing_a_pack_term_makes_it_the_students(session_factory, topic):
    term = _terms(session_factory, topic.id)["buffer-zone"]
    perform(session_factory, term_ops.edit_key_term(term.id, term.term, "Mine.", term.section_id))
    assert _terms(session_factory, topic.id)["buffer-zone"].user_modified


def _terms_by_id(session_factory, topic_id: int) -> dict[int, object]:
    return {t.id: t for t in list_key_terms(session_factory, topic_id)}


# -- cards and the incremental sync --------------------------------------------------------------


def _cards(session_factory) -> dict[str, tuple]:
    with session_factory() as session:
        return {row.card_key: (row.prompt, row.answer, row.state_json, row.due,
                               row.source_missing, row.period_id)
                for row in session.scalars(select(ReviewCard))}  # fmt: skip


def _sync_edit(session_factory, topic_id: int, operation) -> review.SyncReport:
    outcome = perform(session_factory, operation)
    return review.refresh_changed(session_factory, topic_id, outcome.changes)


def test_an_edit_rewords_exactly_its_card_and_keeps_its_schedule(session_factory, topic):
    term = _terms(session_factory, topic.id)["cold-war"]
    card = next(c for c in review.list_cards(session_factory, topic.id)
                if c.key == "key-term:cold-war")  # fmt: skip
    assert card.prompt == "What does this term mean?\nCold War" and card.answer == term.meaning
    perform(session_factory, RateCard(card.id, Rating.GOOD, NOW))
    before = _cards(session_factory)
    report = _sync_edit(session_factory, topic.id, term_ops.edit_key_term(
        term.id, "Cold War", "Rivalry short of all-out war.", term.section_id))
    after = _cards(session_factory)
    assert report == review.SyncReport(0, 1, 0)
    changed = {key for key in after if after[key] != before[key]}
    assert changed == {"key-term:cold-war"}
    assert after["key-term:cold-war"][1] == "Rivalry short of all-out war."
    assert after["key-term:cold-war"][2:4] == before["key-term:cold-war"][2:4]  # state, due
    assert review.refresh_cards(session_factory, topic.id) == review.SyncReport()  # in step


def test_add_and_delete_give_and_retire_a_card(session_factory, topic):
    added = perform(session_factory, term_ops.add_key_term(topic.id, "Détente", "Easing.", None))
    assert review.refresh_changed(session_factory, topic.id, added.changes).added == 1
    undone = perform(session_factory, added.inverse)
    assert review.refresh_changed(session_factory, topic.id, undone.changes).source_missing == 1
    redone = perform(session_factory, undone.inverse)
    assert review.refresh_changed(session_factory, topic.id, redone.changes).updated == 1
    assert review.refresh_cards(session_factory, topic.id) == review.SyncReport()


def test_an_event_redated_onto_anothers_date_matches_a_full_sync(session_factory, topic):
    events = {e.key: e for e in timeline.list_events(session_factory, topic.id)}
    rapallo, munich = events["rapallo-treaty"], events["munich-conference"]
    fields = EventFields(title=munich.title, edtf=rapallo.edtf, date_label=rapallo.date_label,
                         category=munich.category)  # fmt: skip
    report = _sync_edit(session_factory, topic.id, edit_event(munich.id, fields))
    cards = _cards(session_factory)
    assert cards["event-date:munich-conference"][1] == "16 April 1922"
    # Two events now share the date: neither keeps a date → event card.
    assert cards["date-event:munich-conference"][4] and cards["date-event:rapallo-treaty"][4]
    assert report.source_missing == 2
    assert review.refresh_cards(session_factory, topic.id) == review.SyncReport()  # in step
    with session_factory.begin() as session:  # and back, as undo would
        session.execute(text("DELETE FROM event WHERE id = :id"), {"id": munich.id})
    review.refresh_changed(session_factory, topic.id, Changes.of(Kind.EVENT, munich.id))
    cards = _cards(session_factory)
    assert not cards["date-event:rapallo-treaty"][4]  # Rapallo's date is its own again
    assert review.refresh_cards(session_factory, topic.id) == review.SyncReport()


def test_an_import_still_syncs_every_card(session_factory, topic):
    with session_factory.begin() as session:
        session.execute(text("UPDATE key_term SET meaning = 'Changed behind the sync'"))
    report = review.refresh_changed(session_factory, topic.id, Changes.everything())
    assert report.updated == len(_terms(session_factory, topic.id))
    with session_factory() as session:
        assert session.scalar(select(Event.id).limit(1)) is not None
        assert session.scalar(select(KeyTerm.id).limit(1)) is not None

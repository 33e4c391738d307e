"""Issue 7 in the database: section confidence, the student's own items and sections, item
check notes, the notes' order of factors and comparisons between two factors — each undone and
redone exactly — and the 0005 migration upgrading a 0001 file that holds data."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import create_engine, text

from studyapp.db import migrate
from studyapp.db.operations import factors as factor_ops
from studyapp.db.operations import notes as note_ops
from studyapp.db.operations.base import perform
from studyapp.db.services import factors, notes
from studyapp.domain.changes import Kind
from studyapp.domain.errors import StudentError


def _first_leaf(session_factory, topic) -> notes.SectionRow:
    return notes.section_tree(session_factory, topic.id)[0].children[0]


def _confidence(session_factory, topic, section_id) -> str:
    every = dict((s.id, s) for s, _d in notes.walk(notes.section_tree(session_factory, topic.id)))
    return every[section_id].confidence


def test_confidence_is_study_state_and_counts_towards_progress(session_factory, topic):
    section = _first_leaf(session_factory, topic)
    roots = notes.section_tree(session_factory, topic.id)
    secure, total = notes.confidence_summary(roots)
    assert (secure, total) == (0, 9)
    outcome = perform(session_factory, note_ops.set_confidence(section.id, "secure", "Aims"))
    assert _confidence(session_factory, topic, section.id) == "secure"
    assert notes.confidence_summary(notes.section_tree(session_factory, topic.id)) == (1, 9)
    row = next(s for s, _d in notes.walk(notes.section_tree(session_factory, topic.id))
               if s.id == section.id)
    assert not row.user_modified  # how sure you feel is not an edit of the pack's text
    undone = perform(session_factory, outcome.inverse)
    assert _confidence(session_factory, topic, section.id) == "not-yet"
    perform(session_factory, undone.inverse)
    assert _confidence(session_factory, topic, section.id) == "secure"


def test_own_item_is_added_last_and_undo_redo_keep_its_id(session_factory, topic):
    section = _first_leaf(session_factory, topic)
    outcome = perform(session_factory, note_ops.add_note_item(section.id, " My own point. "))
    items = notes.section_items(session_factory, section.id)
    assert (items[-1].id, items[-1].text, items[-1].source) == (outcome.value, "My own point.",
                                                                "user")
    undone = perform(session_factory, outcome.inverse)
    assert outcome.value not in [i.id for i in notes.section_items(session_factory, section.id)]
    perform(session_factory, undone.inverse)
    assert notes.get_item(session_factory, outcome.value).text == "My own point."


def test_own_section_is_added_under_its_parent(session_factory, topic):
    parent = notes.section_tree(session_factory, topic.id)[0]
    outcome = perform(session_factory, note_ops.add_note_section(topic.id, parent.id, "Mine"))
    children = notes.section_tree(session_factory, topic.id)[0].children
    assert (children[-1].id, children[-1].title, children[-1].source) == (outcome.value, "Mine",
                                                                          "user")
    perform(session_factory, outcome.inverse)
    assert outcome.value not in [c.id for c in notes.section_tree(session_factory,
                                                                   topic.id)[0].children]


def test_check_notes_and_event_ids_reach_the_items(session_factory, topic):
    grouped = notes.items_by_section(session_factory, topic.id)
    by_key = {item.key: item for rows in grouped.values() for item in rows}
    lend_lease = by_key["gpw-lend-lease"]
    assert "November 1941" in (lend_lease.check_note or "")
    assert "summer of 1941" in lend_lease.text
    assert [tag.label for tag in lend_lease.events] == list(lend_lease.event_labels)
    assert all(tag.id > 0 for tag in lend_lease.events)


def test_reset_to_the_notes_order_is_undoable(session_factory, topic):
    original = [f.id for f in factors.list_factors(session_factory, topic.id)]
    last = original[-1]
    perform(session_factory, factor_ops.move_factor(last, 0))
    moved = [f.id for f in factors.list_factors(session_factory, topic.id)]
    outcome = perform(session_factory, factor_ops.reset_factor_order(topic.id))
    assert [f.id for f in factors.list_factors(session_factory, topic.id)] == original
    perform(session_factory, outcome.inverse)
    assert [f.id for f in factors.list_factors(session_factory, topic.id)] == moved
    again = perform(session_factory, factor_ops.reset_factor_order(topic.id))
    assert perform(session_factory, factor_ops.reset_factor_order(topic.id)).inverse is None
    assert again.changes.touches(Kind.FACTOR)


def test_a_comparison_shows_on_both_factors_and_is_undoable(session_factory, topic):
    first, second = factors.list_factors(session_factory, topic.id)[:2]
    op = factor_ops.compare_factors(second.id, first.id, " Without it nothing else mattered. ")
    outcome = perform(session_factory, op)
    assert outcome.changes.ids(Kind.FACTOR) == {first.id, second.id}
    rows = {f.id: f for f in factors.list_factors(session_factory, topic.id)}
    for factor_id in (first.id, second.id):
        (comparison,) = rows[factor_id].comparisons
        assert (comparison.stronger_id, comparison.weaker_id) == (second.id, first.id)
        assert comparison.reason == "Without it nothing else mattered."
    with pytest.raises(StudentError, match="already compared"):
        perform(session_factory, factor_ops.compare_factors(first.id, second.id, "Other way."))
    perform(session_factory, factor_ops.edit_comparison(outcome.value, "Better reason."))
    rows = {f.id: f for f in factors.list_factors(session_factory, topic.id)}
    assert rows[first.id].comparisons[0].reason == "Better reason."
    perform(session_factory, factor_ops.delete_comparison(outcome.value, second.id, first.id))
    assert not any(f.comparisons for f in factors.list_factors(session_factory, topic.id))


def test_factor_evidence_names_events_and_note_items(session_factory, topic):
    rows = {f.key: f for f in factors.list_factors(session_factory, topic.id)}
    links = {(link.kind, link.label) for link in rows["factor-centralised-economy"].evidence}
    assert any(kind == "note_item" and label.startswith("Notes: Since the economy")
               for kind, label in links)
    assert all(f.evidence for f in rows.values()), "every factor in the pack cites something"
    kinds = {link.kind for f in rows.values() for link in f.evidence}
    assert kinds == {"event", "note_item"}


def test_migration_0005_upgrades_a_0001_file_with_data(tmp_path):
    from alembic import command

    path = tmp_path / "old.db"
    engine = create_engine(f"sqlite:///{path}")
    config = migrate._config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0001")
    with sqlite3.connect(path) as db:
        db.execute("INSERT INTO topic (id, pack_id, version, title, exam, paper, period_label,"
                   " source_note, page_refs, advice, imported_at) VALUES (1, 'p', '1', 'T', '',"
                   " '', '', '', '', '', '2026-01-01')")
        db.execute("INSERT INTO note_section (id, topic_id, title, intro, position, key, source,"
                   " user_modified) VALUES (7, 1, 'Aims', '', 0, 'aims', 'pack', 0)")
        db.execute("INSERT INTO note_item (id, section_id, kind, text, position, annotation,"
                   " learnt, key, source, user_modified) VALUES (3, 7, 'point', 'Kept', 0,"
                   " 'mine', 1, 'k', 'pack', 0)")
    db.close()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    with engine.connect() as connection:
        section = connection.execute(text("SELECT title, confidence FROM note_section")).one()
        item = connection.execute(text("SELECT text, annotation, learnt, check_note, "
                                       "highlighted FROM note_item")).one()
        tables = {r[0] for r in connection.execute(text("SELECT name FROM sqlite_master"))}
    engine.dispose()
    assert tuple(section) == ("Aims", "not-yet")
    assert tuple(item) == ("Kept", "mine", 1, None, 0)
    assert "factor_comparison" in tables


def test_a_pack_update_never_overwrites_edited_notes_or_the_students_own(
    session_factory, topic, pack_file
):
    from studyapp.db.pack_import import import_pack_file

    grouped = notes.items_by_section(session_factory, topic.id)
    by_key = {i.key: i for rows in grouped.values() for i in rows}
    edited, untouched = by_key["gpw-lend-lease"], by_key["gpw-size-of-ussr"]
    perform(session_factory, note_ops.edit_note_item(edited.id, "Lend-Lease: from Nov 1941."))
    own = perform(session_factory, note_ops.add_note_item(edited.section_id, "Mine.")).value
    perform(session_factory, note_ops.set_confidence(edited.section_id, "shaky"))

    def revise(newer: dict) -> None:
        newer["pack"]["version"] = "1.1.0"
        for section in newer["note_sections"]:
            for item in section["items"]:
                if item["key"] in {"gpw-lend-lease", "gpw-size-of-ussr"}:
                    item["text"] += " (revised)"

    import_pack_file(session_factory, pack_file(revise))
    assert notes.get_item(session_factory, edited.id).text == "Lend-Lease: from Nov 1941."
    assert notes.get_item(session_factory, edited.id).user_modified  # shown as "edited"
    assert notes.get_item(session_factory, untouched.id).text.endswith("(revised)")
    assert notes.get_item(session_factory, own).text == "Mine."
    assert _confidence(session_factory, topic, edited.section_id) == "shaky"

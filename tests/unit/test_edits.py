"""The undoable write services: every change is saved at once and can be put back exactly."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from studyapp.db.services import arguments, edits, factors, notes, timeline
from studyapp.domain.dates import DateError


def _event(session_factory, topic, key):
    return next(e for e in timeline.list_events(session_factory, topic.id) if e.key == key)


def test_update_returns_what_undo_needs(session_factory, topic):
    munich = _event(session_factory, topic, "munich-conference")
    previous = edits.update_fields(
        session_factory, "event", munich.id, {"title": "Munich", "edtf": "1938-09-30"}
    )
    changed = timeline.get_event(session_factory, munich.id)
    assert (changed.title, changed.start, changed.precision) == ("Munich", "1938-09-30", "day")
    assert changed.user_modified

    edits.update_fields(session_factory, "event", munich.id, previous)
    assert timeline.get_event(session_factory, munich.id) == munich


def test_a_bad_date_changes_nothing(session_factory, topic):
    munich = _event(session_factory, topic, "munich-conference")
    with pytest.raises(DateError):
        edits.update_fields(session_factory, "event", munich.id, {"edtf": "Munich-ish"})
    assert timeline.get_event(session_factory, munich.id) == munich


def test_fields_outside_the_allow_list_are_refused(session_factory, topic):
    munich = _event(session_factory, topic, "munich-conference")
    with pytest.raises(edits.EditError, match="cannot be edited"):
        edits.update_fields(session_factory, "event", munich.id, {"topic_id": 99})
    with pytest.raises(edits.EditError, match="not something StudyApp can edit"):
        edits.update_fields(session_factory, "sqlite_master", 1, {"sql": ""})


def test_study_state_does_not_mark_a_row_as_edited(session_factory, topic):
    section = notes.section_tree(session_factory, topic.id)[0].children[0]
    item = notes.section_items(session_factory, section.id)[0]
    edits.update_fields(session_factory, "note_item", item.id, {"learnt": True,
                                                                 "annotation": "Revise"})
    after = notes.get_item(session_factory, item.id)
    assert after.learnt and after.annotation == "Revise" and not after.user_modified


def test_delete_and_restore_bring_back_the_row_and_its_links(session_factory, topic):
    berlin = _event(session_factory, topic, "berlin-blockade")

    def links() -> tuple[int, int]:
        with session_factory() as session:
            return (
                session.execute(text("SELECT count(*) FROM evidence WHERE event_id = :id"),
                                {"id": berlin.id}).scalar(),
                session.execute(text("SELECT count(*) FROM note_item_event WHERE event_id = :id"),
                                {"id": berlin.id}).scalar(),
            )  # fmt: skip

    before = links()
    assert before[0] >= 1 and before[1] >= 1, "the pack cites the Berlin Blockade"
    snapshot = edits.delete_row(session_factory, "event", berlin.id)
    assert berlin.id not in {e.id for e in timeline.list_events(session_factory, topic.id)}
    assert links() == (0, 0)
    edits.restore_row(session_factory, snapshot)
    assert timeline.get_event(session_factory, berlin.id) == berlin
    assert links() == before
    with session_factory() as session:
        assert session.execute(text("SELECT count(*) FROM pack_tombstone")).scalar() == 0


def test_added_event_is_the_students_and_sorted_by_date(session_factory, topic):
    added = timeline.add_event(
        session_factory, topic.id, title="Purge of the Red Army command", edtf="1937-06",
        category="domestic",
    )  # fmt: skip
    assert added.source == "user" and added.precision == "month" and added.date_label == "1937-06"
    order = [e.id for e in timeline.list_events(session_factory, topic.id)]
    anschluss = _event(session_factory, topic, "anschluss")
    assert order.index(added.id) < order.index(anschluss.id)
    with pytest.raises(edits.EditError, match="needs a title"):
        timeline.add_event(session_factory, topic.id, title="  ", edtf="1937")


def test_factor_ranking_moves_and_moves_back(session_factory, topic):
    before = [f.id for f in factors.list_factors(session_factory, topic.id)]
    old_index = factors.move_factor(session_factory, topic.id, before[5], 0)
    assert [f.id for f in factors.list_factors(session_factory, topic.id)][0] == before[5]
    factors.move_factor(session_factory, topic.id, before[5], old_index)
    assert [f.id for f in factors.list_factors(session_factory, topic.id)] == before
    with pytest.raises(edits.EditError):
        factors.set_importance(session_factory, before[0], 6)


def test_points_and_judgements(session_factory, topic):
    compare = arguments.list_questions(session_factory, topic.id)[2]
    assert compare.sides == ("similarity", "difference")
    first = arguments.add_point(session_factory, compare.id, "similarity", "Both were pragmatic")
    second = arguments.add_point(session_factory, compare.id, "similarity", "Both feared war")
    assert arguments.move_point(session_factory, second.id, -1)
    assert [p.id for p in arguments.list_points(session_factory, compare.id)] == [
        second.id, first.id]  # fmt: skip
    assert not arguments.move_point(session_factory, second.id, -1)
    previous = arguments.set_judgement(session_factory, compare.id, "Thesis", "Conclusion")
    assert arguments.get_judgement(session_factory, compare.id).thesis == "Thesis"
    arguments.set_judgement(session_factory, compare.id, previous.thesis, previous.conclusion)
    assert arguments.get_judgement(session_factory, compare.id).thesis == ""
    with pytest.raises(edits.EditError, match="needs a claim"):
        arguments.add_point(session_factory, compare.id, "similarity", " ")


def test_a_students_question_reads_its_command_term(session_factory, topic):
    question = arguments.add_question(
        session_factory, topic.id, "Evaluate   the success of collective security."
    )
    assert question.command_term == "Evaluate"
    assert question.text == "Evaluate the success of collective security."
    assert question.sides == ("for", "against")

"""The quicker reads behind the Phase notes and the Argument builder say exactly what the slower
ones said: learnt counts from one grouped query equal counting every section's items; items and
points read as plain columns equal the rows built from ORM objects; Markdown's shortcut for
plain prose renders what the parser renders."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from studyapp.db.models import Point
from studyapp.db.operations import arguments as argument_ops
from studyapp.db.operations import notes as note_ops
from studyapp.db.operations.base import perform
from studyapp.db.services import arguments, notes
from studyapp.domain.changes import Kind
from studyapp.domain.markup import _parser, markdown_html


def _sections(session_factory, topic) -> list[notes.SectionRow]:
    return [section for section, _depth in notes.walk(notes.section_tree(session_factory,
                                                                         topic.id))]  # fmt: skip


def test_progress_from_one_query_equals_counting_each_sections_items(session_factory, topic):
    sections = _sections(session_factory, topic)
    leaf = next(s for s in sections if not s.children and notes.section_items(session_factory,
                                                                              s.id))  # fmt: skip
    first, second = notes.section_items(session_factory, leaf.id)[:2]
    for item in (first, second):
        perform(session_factory, note_ops.set_learnt(item.id, True))
    empty = perform(session_factory, note_ops.add_note_section(topic.id, None, "Empty")).value

    progress = notes.section_progress(session_factory, topic.id)

    counted = {}
    for section in _sections(session_factory, topic):
        items = notes.section_items(session_factory, section.id)
        counted[section.id] = (sum(1 for i in items if i.learnt), len(items))
    assert progress == counted
    assert progress[leaf.id][0] == 2
    assert progress[empty] == (0, 0)


def test_a_sections_items_are_the_same_rows_however_they_are_asked_for(session_factory, topic):
    grouped = notes.items_by_section(session_factory, topic.id)
    assert any(item.events for items in grouped.values() for item in items)  # tags are read
    for section in _sections(session_factory, topic):
        items = notes.section_items(session_factory, section.id)
        assert items == grouped.get(section.id, [])
        for item in items[:3]:
            assert notes.get_item(session_factory, item.id) == item


def test_points_read_as_columns_equal_the_rows_made_from_orm_objects(session_factory, topic):
    question = arguments.list_questions(session_factory, topic.id)[0]
    event = arguments.evidence_candidates(session_factory, topic.id, kinds=(Kind.EVENT,))[0]
    adding = argument_ops.add_point(question.id, "for", "A claim", "Because", 4, "But", "Yet")
    point = perform(session_factory, adding).value
    perform(session_factory, argument_ops.add_evidence(point.id, Kind.EVENT, event.id))

    read = arguments.list_points(session_factory, question.id)

    with session_factory() as session:
        chips = arguments.evidence_chips(session, question.id)
        orm = session.scalars(select(Point).where(Point.question_id == question.id)
                              .order_by(Point.position, Point.id)).all()  # fmt: skip
        expected = [arguments.point_row(p, tuple(chips.get(p.id, ()))) for p in orm]
    assert read == expected
    mine = next(p for p in read if p.id == point.id)
    assert (mine.claim, mine.explanation, mine.weight, mine.counter, mine.rebuttal) == (
        "A claim", "Because", 4, "But", "Yet")
    assert [c.target_id for c in mine.evidence] == [event.id]
    assert not mine.starter


def _parsed(text: str) -> str:
    rendered: str = _parser().render(text)
    return rendered.strip()


INERT = "aZéж ,.;:?!'()/%‘’“”–—-09"  # prose: mostly taken by the shortcut
PROSE = st.one_of(st.text(st.sampled_from(INERT), min_size=1, max_size=40),
                  st.text(st.sampled_from(INERT + "*_#>[]`\\<&\n\t=+"), min_size=1,
                          max_size=40))  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(PROSE)
def test_plain_prose_renders_as_the_parser_renders_it(text):
    assert markdown_html(text) == (_parsed(text) if text.strip() else "")


SAMPLES = ["Plain words, as most notes are.", "Stalin’s “pact” – 1939!", "**bold** and *this*",
           "1. a list", "A line\nand another"]


@pytest.mark.parametrize("text", SAMPLES)
def test_markdown_is_rendered_once_per_text(text):
    assert markdown_html(text) == _parsed(text)
    assert markdown_html(text) is markdown_html(text)  # the second time comes from the cache
    assert markdown_html(text + " More.") != markdown_html(text)  # new text, new rendering

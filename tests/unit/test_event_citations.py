"""`citations_of_event`: the note items and argument points that cite an event, once each."""

from __future__ import annotations

from sqlalchemy import select

from studyapp.db.models import Event, Evidence, NoteItem, Point
from studyapp.db.services.citations import citations_of_event
from studyapp.domain.changes import Kind


def event_id(session_factory, key: str) -> int:
    with session_factory() as session:
        return session.scalars(select(Event.id).where(Event.key == key)).one()


def test_a_note_item_and_a_point_both_cite_the_berlin_blockade(session_factory):
    rows = citations_of_event(session_factory, event_id(session_factory, "berlin-blockade"))
    kinds = [row.kind for row in rows]
    assert kinds == [Kind.NOTE_ITEM, Kind.NOTE_ITEM, Kind.POINT]  # notes first, then points
    with session_factory() as session:
        for row in rows:
            model = NoteItem if row.kind == Kind.NOTE_ITEM else Point
            stored = session.get(model, row.id)
            assert stored is not None
            assert row.text == (stored.text if model is NoteItem else stored.claim)
            assert row.where  # the section title or the question


def test_an_event_nobody_cites_has_no_citations(session_factory):
    assert citations_of_event(session_factory, event_id(session_factory, "death-of-stalin")) == []


def test_a_point_citing_an_event_twice_is_listed_once(session_factory):
    blockade = event_id(session_factory, "berlin-blockade")
    point_id = next(row.id for row in citations_of_event(session_factory, blockade)
                    if row.kind == Kind.POINT)  # fmt: skip
    with session_factory.begin() as session:
        session.add(Evidence(point_id=point_id, event_id=blockade, comment="again", position=9))
    points = [row for row in citations_of_event(session_factory, blockade)
              if row.kind == Kind.POINT]  # fmt: skip
    assert [row.id for row in points] == [point_id]

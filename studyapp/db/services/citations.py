"""What cites an event: the note items that name it and the argument points that use it.

The Timeline tab's detail pane lists these so a student can go from a date to where it is
used, one click away. Plain frozen rows, in the order the notes and questions give them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from studyapp.domain.changes import Kind

if TYPE_CHECKING:  # SQLAlchemy loads after the first screen (see db/services/__init__.py)
    from sqlalchemy.orm import Session, sessionmaker


class CitationRow(NamedTuple):
    """One place that cites an event: `kind` is Kind.NOTE_ITEM or Kind.POINT."""

    kind: Kind
    id: int
    text: str  # the bullet's text, or the point's claim
    where: str  # the notes section, or the essay question


def citations_of_event(session_factory: sessionmaker[Session], event_id: int) -> list[CitationRow]:
    """The note items naming the event, then the points citing it as evidence (no repeats)."""
    with session_factory() as session:
        return _note_items_citing(session, event_id) + _points_citing(session, event_id)


def _note_items_citing(session: Session, event_id: int) -> list[CitationRow]:
    from sqlalchemy import select

    from studyapp.db.models import NoteItem, NoteItemEvent, NoteSection

    query = (
        select(NoteItem.id, NoteItem.text, NoteSection.title)
        .join(NoteItemEvent, NoteItemEvent.note_item_id == NoteItem.id)
        .join(NoteSection, NoteSection.id == NoteItem.section_id)
        .where(NoteItemEvent.event_id == event_id)
        .order_by(NoteSection.position, NoteSection.id, NoteItem.position, NoteItem.id)
    )
    return [CitationRow(Kind.NOTE_ITEM, id_, text, section) for id_, text, section in
            session.execute(query)]  # fmt: skip


def _points_citing(session: Session, event_id: int) -> list[CitationRow]:
    from sqlalchemy import select

    from studyapp.db.models import Evidence, Point, Question

    # A point may cite the same event twice (two comments); the student needs it once.
    query = (
        select(Point.id, Point.claim, Question.text)
        .join(Evidence, Evidence.point_id == Point.id)
        .join(Question, Question.id == Point.question_id)
        .where(Evidence.event_id == event_id)
        .distinct()
        .order_by(Question.position, Question.id, Point.position, Point.id)
    )
    return [CitationRow(Kind.POINT, id_, claim, question) for id_, claim, question in
            session.execute(query)]  # fmt: skip

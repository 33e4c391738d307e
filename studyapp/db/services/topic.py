"""The study pack the app is showing: its title, exam and periods."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, NamedTuple

from studyapp.domain.errors import StudentError

if TYPE_CHECKING:  # SQLAlchemy loads after the first screen (see db/services/__init__.py)
    from sqlalchemy.orm import Session, sessionmaker

    from studyapp.db.models import Topic


class TopicRow(NamedTuple):
    id: int
    pack_id: str
    version: str
    title: str
    exam: str
    paper: str
    period_label: str
    source_note: str
    page_refs: str
    advice: str
    factors_question: str  # empty: the topic's factors answer no question of their own


class PeriodRow(NamedTuple):
    id: int
    key: str
    title: str
    edtf: str
    start: str
    end: str
    summary: str


def list_topics(session_factory: sessionmaker[Session]) -> list[TopicRow]:
    from sqlalchemy import select

    from studyapp.db.models import Topic

    with session_factory() as session:
        return [topic_row(topic) for topic in session.scalars(select(Topic).order_by(Topic.id))]


def find_topic(session_factory: sessionmaker[Session], wanted: str | None) -> TopicRow:
    """The topic a command names: its id or a unique fragment of its title; without a name,
    the only topic there is. Anything else is one sentence listing the topics."""
    topics = list_topics(session_factory)
    if wanted is None or not wanted.strip():
        if len(topics) == 1:
            return topics[0]
        found: list[TopicRow] = []
    else:
        text = wanted.strip()
        found = [t for t in topics if text.isdigit() and t.id == int(text)] or [
            t for t in topics if text.casefold() in t.title.casefold()
        ]
        if len(found) == 1:
            return found[0]
    choices = "; ".join(f"{t.id}: {t.title}" for t in (found or topics))
    if not topics:
        raise StudentError("There are no topics yet; import a study pack first.")
    if wanted is None or not wanted.strip():
        raise StudentError(f"There are {len(topics)} topics; choose one with --topic ({choices}).")
    if not found:
        raise StudentError(f"No topic matches '{wanted}' ({choices}).")
    raise StudentError(f"'{wanted}' matches {len(found)} topics; be more precise ({choices}).")


def topic_row(topic: Topic) -> TopicRow:
    return TopicRow(
        topic.id, topic.pack_id, topic.version, topic.title, topic.exam, topic.paper,
        topic.period_label, topic.source_note, topic.page_refs, topic.advice,
        topic.factors_question,
    )  # fmt: skip


def current_topic(session_factory: sessionmaker[Session]) -> TopicRow | None:
    """The first pack imported (the app shows one topic at a time)."""
    from sqlalchemy import select

    from studyapp.db.models import Topic

    with session_factory() as session:
        topic = session.scalars(select(Topic).order_by(Topic.id).limit(1)).first()
        return None if topic is None else topic_row(topic)


def list_periods(session_factory: sessionmaker[Session], topic_id: int) -> list[PeriodRow]:
    from sqlalchemy import select

    from studyapp.db.models import Period

    with session_factory() as session:
        rows = session.scalars(
            select(Period).where(Period.topic_id == topic_id).order_by(Period.position)
        )
        return [
            PeriodRow(p.id, p.key, p.title, p.edtf, p.start, p.end, p.summary) for p in rows
        ]


class TopicSummary(NamedTuple):
    """One line of the topic manager: the topic and how much is in it."""

    topic: TopicRow
    events: int
    note_items: int
    points: int
    imported_at: dt.datetime


def topic_summaries(session_factory: sessionmaker[Session]) -> list[TopicSummary]:
    from sqlalchemy import func, select

    from studyapp.db.models import Event, NoteItem, NoteSection, Point, Question, Topic

    with session_factory() as session:
        def count(model: Any, *joins: Any) -> dict[int, int]:
            query = select(Topic.id, func.count(model.id)).select_from(Topic)
            for join in joins:
                query = query.join(*join)
            return {topic_id: n for topic_id, n in session.execute(query.group_by(Topic.id))}

        events = count(Event, (Event, Event.topic_id == Topic.id))
        items = count(NoteItem, (NoteSection, NoteSection.topic_id == Topic.id),
                      (NoteItem, NoteItem.section_id == NoteSection.id))  # fmt: skip
        points = count(Point, (Question, Question.topic_id == Topic.id),
                       (Point, Point.question_id == Question.id))  # fmt: skip
        return [
            TopicSummary(topic_row(t), events.get(t.id, 0), items.get(t.id, 0),
                         points.get(t.id, 0), t.imported_at)
            for t in session.scalars(select(Topic).order_by(Topic.title, Topic.id))
        ]  # fmt: skip

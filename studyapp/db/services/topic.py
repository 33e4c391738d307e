"""The study pack the app is showing: its title, exam and periods."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from studyapp.db.models import Period, Topic


@dataclass(frozen=True)
class TopicRow:
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


@dataclass(frozen=True)
class PeriodRow:
    id: int
    key: str
    title: str
    edtf: str
    start: str
    end: str
    summary: str


def current_topic(session_factory: sessionmaker[Session]) -> TopicRow | None:
    """The first pack imported (the app shows one topic at a time)."""
    with session_factory() as session:
        topic = session.scalars(select(Topic).order_by(Topic.id).limit(1)).first()
        if topic is None:
            return None
        return TopicRow(
            topic.id, topic.pack_id, topic.version, topic.title, topic.exam, topic.paper,
            topic.period_label, topic.source_note, topic.page_refs, topic.advice,
        )  # fmt: skip


def list_periods(session_factory: sessionmaker[Session], topic_id: int) -> list[PeriodRow]:
    with session_factory() as session:
        rows = session.scalars(
            select(Period).where(Period.topic_id == topic_id).order_by(Period.position)
        )
        return [
            PeriodRow(p.id, p.key, p.title, p.edtf, p.start, p.end, p.summary) for p in rows
        ]

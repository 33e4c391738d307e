"""Argument builder: essay questions, their for-and-against points, and the judgement."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from studyapp.db.models import Event, Evidence, Judgement, Point, Question
from studyapp.domain.essay import sides_for


@dataclass(frozen=True)
class QuestionRow:
    id: int
    key: str
    text: str
    exam_source: str
    paper: str
    command_term: str
    source: str

    @property
    def sides(self) -> tuple[str, str]:
        return sides_for(self.command_term)


@dataclass(frozen=True)
class PointRow:
    id: int
    key: str
    question_id: int
    side: str
    claim: str
    explanation: str
    weight: int
    counter: str
    position: int
    evidence: tuple[str, ...] = ()  # "1939 Nazi–Soviet Pact", in date order


@dataclass(frozen=True)
class JudgementRow:
    question_id: int
    thesis: str
    conclusion: str


def question_row(q: Question) -> QuestionRow:
    return QuestionRow(q.id, q.key, q.text, q.exam_source, q.paper, q.command_term, q.source)


def point_row(p: Point, evidence: tuple[str, ...] = ()) -> PointRow:
    return PointRow(p.id, p.key, p.question_id, p.side, p.claim, p.explanation, p.weight,
                    p.counter, p.position, evidence)  # fmt: skip


def list_questions(session_factory: sessionmaker[Session], topic_id: int) -> list[QuestionRow]:
    with session_factory() as session:
        query = (
            select(Question)
            .where(Question.topic_id == topic_id)
            .order_by(Question.position, Question.id)
        )
        return [question_row(q) for q in session.scalars(query)]


def list_points(session_factory: sessionmaker[Session], question_id: int) -> list[PointRow]:
    with session_factory() as session:
        query = (
            select(Point).where(Point.question_id == question_id).order_by(Point.position, Point.id)
        )
        points = list(session.scalars(query))
        evidence = _event_evidence(session, [p.id for p in points])
        return [point_row(p, tuple(evidence.get(p.id, ()))) for p in points]


def _event_evidence(session: Session, point_ids: list[int]) -> dict[int, list[str]]:
    """The dated events each point cites, as "date title" labels."""
    query = (
        select(Evidence.point_id, Event.date_label, Event.title)
        .join(Event, Event.id == Evidence.event_id)
        .where(Evidence.point_id.in_(point_ids))
        .order_by(Event.start, Evidence.position)
    )
    labels: dict[int, list[str]] = {}
    for point_id, date_label, title in session.execute(query):
        if point_id is None:
            continue
        labels.setdefault(point_id, []).append(f"{date_label} {title}")
    return labels


def get_judgement(session_factory: sessionmaker[Session], question_id: int) -> JudgementRow:
    with session_factory() as session:
        judgement = session.scalars(
            select(Judgement).where(Judgement.question_id == question_id)
        ).first()
        if judgement is None:
            return JudgementRow(question_id, "", "")
        return JudgementRow(question_id, judgement.thesis, judgement.conclusion)


def question_of_point(session_factory: sessionmaker[Session], point_id: int) -> int | None:
    """The question a point belongs to; None when the point no longer exists."""
    with session_factory() as session:
        return session.scalar(select(Point.question_id).where(Point.id == point_id))

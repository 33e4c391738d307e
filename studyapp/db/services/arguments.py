"""Argument builder: essay questions, their for-and-against points, and the judgement."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from studyapp.db.models import SOURCE_USER, Judgement, Point, Question
from studyapp.db.services.edits import EditError
from studyapp.domain.essay import COMMAND_TERMS, sides_for

MAX_QUESTION_LENGTH = 2000


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


@dataclass(frozen=True)
class JudgementRow:
    question_id: int
    thesis: str
    conclusion: str


def _question(q: Question) -> QuestionRow:
    return QuestionRow(q.id, q.key, q.text, q.exam_source, q.paper, q.command_term, q.source)


def _point(p: Point) -> PointRow:
    return PointRow(p.id, p.key, p.question_id, p.side, p.claim, p.explanation, p.weight,
                    p.counter, p.position)  # fmt: skip


def list_questions(session_factory: sessionmaker[Session], topic_id: int) -> list[QuestionRow]:
    with session_factory() as session:
        query = (
            select(Question)
            .where(Question.topic_id == topic_id)
            .order_by(Question.position, Question.id)
        )
        return [_question(q) for q in session.scalars(query)]


def add_question(
    session_factory: sessionmaker[Session], topic_id: int, text: str, command_term: str = ""
) -> QuestionRow:
    """The student's own question; the command term is read from its first words if not given."""
    text = " ".join(text.split())
    if not text:
        raise EditError("Write the question first.")
    if len(text) > MAX_QUESTION_LENGTH:
        raise EditError(f"A question can be at most {MAX_QUESTION_LENGTH} characters long.")
    term = command_term or next(
        (t for t in COMMAND_TERMS if text.lower().startswith(t.lower())), ""
    )
    with session_factory.begin() as session:
        position = session.scalar(
            select(func.coalesce(func.max(Question.position), -1) + 1).where(
                Question.topic_id == topic_id
            )
        )
        question = Question(
            topic_id=topic_id, key=f"user-{uuid.uuid4().hex[:12]}", source=SOURCE_USER,
            user_modified=False, text=text, exam_source="My question", paper="",
            command_term=term, position=position,
        )  # fmt: skip
        session.add(question)
        session.flush()
        return _question(question)


def list_points(session_factory: sessionmaker[Session], question_id: int) -> list[PointRow]:
    with session_factory() as session:
        query = (
            select(Point).where(Point.question_id == question_id).order_by(Point.position, Point.id)
        )
        return [_point(p) for p in session.scalars(query)]


def add_point(
    session_factory: sessionmaker[Session],
    question_id: int,
    side: str,
    claim: str,
    explanation: str = "",
    weight: int = 3,
    counter: str = "",
) -> PointRow:
    """The student's own point, last on its side."""
    claim = claim.strip()
    if not claim:
        raise EditError("A point needs a claim.")
    if side not in {"for", "against", "similarity", "difference"}:
        raise EditError(f"'{side}' is not a side of an argument table.")
    if not 1 <= weight <= 5:
        raise EditError("A point's weight is from 1 to 5.")
    with session_factory.begin() as session:
        if session.get(Question, question_id) is None:
            raise EditError("That question no longer exists.")
        position = session.scalar(
            select(func.coalesce(func.max(Point.position), -1) + 1).where(
                Point.question_id == question_id
            )
        )
        point = Point(
            question_id=question_id, key=f"user-{uuid.uuid4().hex[:12]}", source=SOURCE_USER,
            user_modified=False, side=side, claim=claim, explanation=explanation,
            weight=weight, counter=counter, position=position,
        )  # fmt: skip
        session.add(point)
        session.flush()
        return _point(point)


def move_point(session_factory: sessionmaker[Session], point_id: int, offset: int) -> bool:
    """Swap a point with its neighbour on the same side (offset -1 up, +1 down).

    Returns False when it is already at that end. Undo is the opposite move.
    """
    with session_factory.begin() as session:
        point = session.get(Point, point_id)
        if point is None:
            raise EditError("That point no longer exists.")
        same_side = list(
            session.scalars(
                select(Point)
                .where(Point.question_id == point.question_id, Point.side == point.side)
                .order_by(Point.position, Point.id)
            )
        )
        index = same_side.index(point)
        target = index + offset
        if not 0 <= target < len(same_side):
            return False
        neighbour = same_side[target]
        # Order only matters within a side, so renumber the side 0..n-1 before swapping.
        for i, row in enumerate(same_side):
            row.position = i
        point.position, neighbour.position = neighbour.position, point.position
        return True


def get_judgement(session_factory: sessionmaker[Session], question_id: int) -> JudgementRow:
    with session_factory() as session:
        judgement = session.scalars(
            select(Judgement).where(Judgement.question_id == question_id)
        ).first()
        if judgement is None:
            return JudgementRow(question_id, "", "")
        return JudgementRow(question_id, judgement.thesis, judgement.conclusion)


def set_judgement(
    session_factory: sessionmaker[Session], question_id: int, thesis: str, conclusion: str
) -> JudgementRow:
    """Save the judgement; return the previous one (to undo)."""
    with session_factory.begin() as session:
        if session.get(Question, question_id) is None:
            raise EditError("That question no longer exists.")
        judgement = session.scalars(
            select(Judgement).where(Judgement.question_id == question_id)
        ).first()
        if judgement is None:
            judgement = Judgement(question_id=question_id, thesis="", conclusion="")
            session.add(judgement)
        previous = JudgementRow(question_id, judgement.thesis, judgement.conclusion)
        judgement.thesis, judgement.conclusion = thesis, conclusion
        return previous

"""Argument-builder operations: questions, points and the judgement."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from studyapp.db.models import SOURCE_USER, Judgement, Point, Question
from studyapp.db.operations.base import Operation, Outcome
from studyapp.db.operations.rows import DeleteRow, FieldEdit, get_row
from studyapp.db.operations.validation import (
    validate_judgement,
    validate_point,
    validate_question,
)
from studyapp.db.services.arguments import JudgementRow, point_row, question_row
from studyapp.domain.changes import Changes, Kind
from studyapp.domain.errors import StudentError
from studyapp.domain.essay import COMMAND_TERMS, SIDE_LABELS, sides_for
from studyapp.domain.text import shorten


def _new_key() -> str:
    return f"user-{uuid.uuid4().hex[:12]}"


@dataclass(frozen=True)
class AddQuestion:
    topic_id: int
    text: str
    command_term: str
    label: str = "Add your question"

    def apply(self, session: Session) -> Outcome:
        values = validate_question({"text": self.text, "command_term": self.command_term})
        text = values["text"]
        term = values["command_term"] or next(
            (t for t in COMMAND_TERMS if text.lower().startswith(t.lower())), ""
        )
        position = session.scalar(
            select(func.coalesce(func.max(Question.position), -1) + 1)
            .where(Question.topic_id == self.topic_id)
        )  # fmt: skip
        question = Question(
            topic_id=self.topic_id, key=_new_key(), source=SOURCE_USER, user_modified=False,
            text=text, exam_source="My question", paper="", command_term=term, position=position,
        )  # fmt: skip
        session.add(question)
        session.flush()
        return Outcome(Changes.of(Kind.QUESTION, question.id),
                       DeleteRow(Kind.QUESTION, question.id), question_row(question))  # fmt: skip


def add_question(topic_id: int, text: str, command_term: str = "") -> Operation:
    """The student's own question; the command term is read from its first words if not given."""
    return AddQuestion(topic_id, text, command_term)


@dataclass(frozen=True)
class AddPoint:
    question_id: int
    side: str
    claim: str
    explanation: str
    weight: int
    counter: str
    label: str

    def apply(self, session: Session) -> Outcome:
        values = validate_point({"side": self.side, "claim": self.claim, "weight": self.weight,
                                 "explanation": self.explanation, "counter": self.counter})
        get_row(session, Kind.QUESTION, self.question_id)
        point = Point(question_id=self.question_id, key=_new_key(), source=SOURCE_USER,
                      user_modified=False, position=_next_position(session, self.question_id,
                                                                    self.side), **values)
        session.add(point)
        session.flush()
        return Outcome(Changes.of(Kind.POINT, point.id), DeleteRow(Kind.POINT, point.id),
                       point_row(point))  # fmt: skip


def add_point(question_id: int, side: str, claim: str, explanation: str = "", weight: int = 3,
              counter: str = "") -> Operation:  # fmt: skip
    """The student's own point, last on its side."""
    label = f"Add point “{shorten(claim.strip(), 40)}”"
    return AddPoint(question_id, side, claim, explanation, weight, counter, label)


def edit_point(point_id: int, *, claim: str | None = None, explanation: str | None = None,
               weight: int | None = None, counter: str | None = None) -> Operation:  # fmt: skip
    """Change what a point says; fields left as None are kept."""
    given = {"claim": claim, "explanation": explanation, "weight": weight, "counter": counter}
    values = {name: value for name, value in given.items() if value is not None}
    label = f"Edit point “{shorten((claim or '').strip(), 40)}”" if claim else "Edit point"
    return FieldEdit(Kind.POINT, point_id, values, validate_point, label)


def delete_point(point_id: int, claim: str = "") -> Operation:
    return DeleteRow(Kind.POINT, point_id, f"Delete point “{shorten(claim, 40)}”")


@dataclass(frozen=True)
class MovePoint:
    """Put a point on `side` at `position` (0 is the top of that column), in one write."""

    point_id: int
    side: str
    position: int
    label: str

    def apply(self, session: Session) -> Outcome:
        validate_point({"side": self.side})
        point = get_row(session, Kind.POINT, self.point_id)
        question = get_row(session, Kind.QUESTION, point.question_id)
        if self.side not in sides_for(question.command_term):
            raise StudentError(f"This question has no {SIDE_LABELS[self.side]} column.")
        old_side, old_column = point.side, _column(session, point.question_id, point.side)
        old_position = old_column.index(point)
        if (old_side, old_position) == (self.side, self.position):
            return Outcome(Changes(), None, None, "Nothing changed.")
        old_column.remove(point)
        new_column = old_column if self.side == old_side else _column(
            session, point.question_id, self.side)  # fmt: skip
        if not 0 <= self.position <= len(new_column):
            where = "first" if self.position < 0 else "last"
            raise StudentError(f"That point is already {where} in its column.")
        new_column.insert(self.position, point)
        if self.side != old_side:
            point.side, point.user_modified = self.side, True
        moved = _renumber(old_column) | _renumber(new_column)
        inverse = MovePoint(self.point_id, old_side, old_position, self.label)
        return Outcome(Changes.of(Kind.POINT, *moved), inverse)


def move_point(point_id: int, side: str, position: int, claim: str = "") -> Operation:
    """Reorder a point within its column, or move it to the other column."""
    where = SIDE_LABELS.get(side, side)
    return MovePoint(point_id, side, position,
                     f"Move point “{shorten(claim, 40)}” to {where}, place {position + 1}")


def _column(session: Session, question_id: int, side: str) -> list[Point]:
    return list(session.scalars(
        select(Point).where(Point.question_id == question_id, Point.side == side)
        .order_by(Point.position, Point.id)
    ))  # fmt: skip


def _next_position(session: Session, question_id: int, side: str) -> int:
    """One past the last point of the column (positions need not start at 0 in a pack)."""
    return max((point.position for point in _column(session, question_id, side)), default=-1) + 1


def _renumber(column: list[Point]) -> set[int]:
    for position, row in enumerate(column):
        row.position = position
    return {row.id for row in column}


@dataclass(frozen=True)
class SetJudgement:
    question_id: int
    thesis: str
    conclusion: str
    label: str = "Write your judgement"

    def apply(self, session: Session) -> Outcome:
        values = validate_judgement({"thesis": self.thesis, "conclusion": self.conclusion})
        get_row(session, Kind.QUESTION, self.question_id)
        judgement = session.scalars(
            select(Judgement).where(Judgement.question_id == self.question_id)
        ).first()
        if judgement is None:
            judgement = Judgement(question_id=self.question_id, thesis="", conclusion="")
            session.add(judgement)
        previous = JudgementRow(self.question_id, judgement.thesis, judgement.conclusion)
        if (previous.thesis, previous.conclusion) == (values["thesis"], values["conclusion"]):
            return Outcome(Changes(), None, None, "Nothing changed.")
        judgement.thesis, judgement.conclusion = values["thesis"], values["conclusion"]
        session.flush()
        inverse = SetJudgement(self.question_id, previous.thesis, previous.conclusion, self.label)
        changes = Changes.of(Kind.JUDGEMENT, judgement.id) | Changes.of(
            Kind.QUESTION, self.question_id)  # fmt: skip
        return Outcome(changes, inverse)


def set_judgement(question_id: int, thesis: str, conclusion: str) -> Operation:
    return SetJudgement(question_id, thesis, conclusion)

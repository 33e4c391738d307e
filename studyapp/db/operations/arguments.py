"""Argument-builder operations: questions and their layout, points, evidence, historians and
the judgement."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from studyapp.db.models import SOURCE_USER, Evidence, Historian, Judgement, Point, Question
from studyapp.db.operations.base import Operation, Outcome
from studyapp.db.operations.rows import DeleteRow, FieldEdit, get_row, new_user_key, next_position
from studyapp.db.operations.validation import (
    validate_historian,
    validate_judgement,
    validate_point,
    validate_question,
    validate_table_type,
)
from studyapp.db.services.arguments import (
    JudgementRow,
    historian_row,
    point_row,
    question_row,
)
from studyapp.domain.changes import Changes, Kind
from studyapp.domain.errors import StudentError
from studyapp.domain.essay import (
    SIDE_LABELS,
    TABLE_LABELS,
    TABLE_SIDES,
    detect_command_term,
    resolve_table_type,
)
from studyapp.domain.text import shorten


@dataclass(frozen=True)
class AddQuestion:
    topic_id: int
    text: str
    command_term: str
    label: str = "Add your question"

    def apply(self, session: Session) -> Outcome:
        values = validate_question({"text": self.text, "command_term": self.command_term})
        text = values["text"]
        term = values["command_term"] or detect_command_term(text)
        position = next_position(session, Question.position, Question.topic_id == self.topic_id)
        question = Question(
            topic_id=self.topic_id, key=new_user_key(), source=SOURCE_USER, user_modified=False,
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
    rebuttal: str = ""

    def apply(self, session: Session) -> Outcome:
        values = validate_point({"side": self.side, "claim": self.claim, "weight": self.weight,
                                 "explanation": self.explanation, "counter": self.counter,
                                 "rebuttal": self.rebuttal})
        get_row(session, Kind.QUESTION, self.question_id)
        point = Point(question_id=self.question_id, key=new_user_key(), source=SOURCE_USER,
                      user_modified=False, position=_next_position(session, self.question_id,
                                                                    self.side), **values)
        session.add(point)
        session.flush()
        return Outcome(Changes.of(Kind.POINT, point.id), DeleteRow(Kind.POINT, point.id),
                       point_row(point))  # fmt: skip


def add_point(question_id: int, side: str, claim: str, explanation: str = "", weight: int = 3,
              counter: str = "", rebuttal: str = "") -> Operation:  # fmt: skip
    """The student's own point, last on its side."""
    label = f"Add point “{shorten(claim.strip(), 40)}”"
    return AddPoint(question_id, side, claim, explanation, weight, counter, label, rebuttal)


def edit_point(point_id: int, *, claim: str | None = None, explanation: str | None = None,
               weight: int | None = None, counter: str | None = None,
               rebuttal: str | None = None) -> Operation:  # fmt: skip
    """Change what a point says; fields left as None are kept."""
    given = {"claim": claim, "explanation": explanation, "weight": weight, "counter": counter,
             "rebuttal": rebuttal}
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
    restore_user_modified: bool | None = None  # set by an inverse: put the mark back exactly

    def apply(self, session: Session) -> Outcome:
        validate_point({"side": self.side})
        point = get_row(session, Kind.POINT, self.point_id)
        question = get_row(session, Kind.QUESTION, point.question_id)
        if self.side not in _sides(question):
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
        flag = point.user_modified
        if self.side != old_side:
            point.side = self.side
            point.user_modified = (True if self.restore_user_modified is None
                                   else self.restore_user_modified)  # fmt: skip
        moved = _renumber(old_column) | _renumber(new_column)
        inverse = MovePoint(self.point_id, old_side, old_position, self.label, flag)
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


def _sides(question: Question) -> tuple[str, ...]:
    return TABLE_SIDES[resolve_table_type(question.table_type or "", question.command_term)]


# -- the table's layout --------------------------------------------------------------------------


@dataclass(frozen=True)
class SetTableType:
    """Lay the table out differently. Points keep their column: the first column's points go
    to the new first column, and so on (a one-column factor table takes them all); the inverse
    puts every point back on its exact side."""

    question_id: int
    table_type: str
    label: str
    restore_sides: tuple[tuple[int, str], ...] = ()  # set by an inverse

    def apply(self, session: Session) -> Outcome:
        chosen = validate_table_type(self.table_type)
        question = get_row(session, Kind.QUESTION, self.question_id)
        old_type, old_sides = question.table_type or "", _sides(question)
        if chosen == old_type:
            return Outcome(Changes(), None, None, "Nothing changed.")
        question.table_type = chosen
        new_sides = _sides(question)
        points = list(session.scalars(select(Point).where(Point.question_id == question.id)))
        previous = tuple((p.id, p.side) for p in points)
        wanted = dict(self.restore_sides)
        for point in points:
            column = old_sides.index(point.side) if point.side in old_sides else 0
            point.side = wanted.get(point.id, new_sides[min(column, len(new_sides) - 1)])
        inverse = SetTableType(self.question_id, old_type, self.label, previous)
        return Outcome(Changes.of(Kind.QUESTION, question.id)
                       | Changes.of(Kind.POINT, *(p.id for p in points)), inverse)  # fmt: skip


def set_table_type(question_id: int, table_type: str) -> Operation:
    """Change how the question's table is laid out ("" = as its command term asks)."""
    labels = {str(kind): label for kind, label in TABLE_LABELS.items()}
    name = labels.get(table_type, "as the question asks")
    return SetTableType(question_id, table_type, f"Lay out the table: {name.lower()}")


# -- evidence ------------------------------------------------------------------------------------

_TARGET_COLUMNS = {
    Kind.EVENT: "event_id",
    Kind.NOTE_ITEM: "note_item_id",
    Kind.QUOTE: "quote_id",
    Kind.HISTORIAN: "historian_id",
    Kind.FACTOR: "cited_factor_id",
}
_TARGET_NOUNS = {Kind.EVENT: "event", Kind.NOTE_ITEM: "note", Kind.QUOTE: "quote",
                 Kind.HISTORIAN: "historian", Kind.FACTOR: "factor"}  # fmt: skip


@dataclass(frozen=True)
class AddEvidence:
    """Cite an item as evidence for a point. Marks a pack point as the student's own, so a newer
    pack does not replace its evidence; undo puts the mark back as it was."""

    point_id: int
    kind: Kind
    target_id: int
    label: str = "Attach evidence"
    evidence_id: int | None = None  # set by an inverse: bring back the same row
    position: int | None = None
    restore_user_modified: bool | None = None

    def apply(self, session: Session) -> Outcome:
        if self.kind not in _TARGET_COLUMNS:
            raise StudentError("Only events, notes, quotes, factors and historians can be "
                               "evidence.")  # fmt: skip
        point = get_row(session, Kind.POINT, self.point_id)
        if session.get(_model_of(self.kind), self.target_id) is None:
            raise StudentError(f"That {_TARGET_NOUNS[self.kind]} no longer exists.")
        column = _TARGET_COLUMNS[self.kind]
        if session.scalar(select(Evidence.id).where(Evidence.point_id == point.id,
                                                    getattr(Evidence, column) == self.target_id)):
            raise StudentError(f"This point already cites that {_TARGET_NOUNS[self.kind]}.")
        position = self.position if self.position is not None else next_position(
            session, Evidence.position, Evidence.point_id == point.id)  # fmt: skip
        link = Evidence(id=self.evidence_id, point_id=point.id, position=position, comment="",
                        **{column: self.target_id})  # fmt: skip
        session.add(link)
        flag = point.user_modified
        point.user_modified = (self.restore_user_modified if self.restore_user_modified
                               is not None else True)  # fmt: skip
        session.flush()
        inverse = RemoveEvidence(link.id, self.label, flag)
        return Outcome(Changes.of(Kind.EVIDENCE, link.id) | Changes.of(Kind.POINT, point.id),
                       inverse, link.id)  # fmt: skip


@dataclass(frozen=True)
class RemoveEvidence:
    evidence_id: int
    label: str = "Remove evidence"
    restore_user_modified: bool | None = None  # set by an inverse

    def apply(self, session: Session) -> Outcome:
        link = session.get(Evidence, self.evidence_id)
        if link is None or link.point_id is None:
            raise StudentError("That evidence is no longer attached.")
        point = get_row(session, Kind.POINT, link.point_id)
        kind = next(k for k, column in _TARGET_COLUMNS.items() if getattr(link, column))
        flag = point.user_modified
        point.user_modified = (self.restore_user_modified if self.restore_user_modified
                               is not None else True)  # fmt: skip
        inverse = AddEvidence(point.id, kind, getattr(link, _TARGET_COLUMNS[kind]), self.label,
                              link.id, link.position, flag)  # fmt: skip
        session.delete(link)
        return Outcome(Changes.of(Kind.EVIDENCE, self.evidence_id)
                       | Changes.of(Kind.POINT, point.id), inverse)  # fmt: skip


def _model_of(kind: Kind) -> type:
    from studyapp.db.models import Event, Factor, NoteItem, Quote

    return {Kind.EVENT: Event, Kind.NOTE_ITEM: NoteItem, Kind.QUOTE: Quote,
            Kind.HISTORIAN: Historian, Kind.FACTOR: Factor}[kind]  # fmt: skip


def add_evidence(point_id: int, kind: Kind, target_id: int, title: str = "") -> Operation:
    label = f"Attach “{shorten(title, 40)}”" if title else "Attach evidence"
    return AddEvidence(point_id, kind, target_id, label)


def remove_evidence(evidence_id: int, title: str = "") -> Operation:
    label = f"Remove “{shorten(title, 40)}”" if title else "Remove evidence"
    return RemoveEvidence(evidence_id, label)


# -- historians ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class AddHistorian:
    topic_id: int
    name: str
    work: str
    school: str
    stance: str
    label: str = "Add historian"

    def apply(self, session: Session) -> Outcome:
        values = validate_historian({"name": self.name, "work": self.work,
                                     "school": self.school, "stance": self.stance})  # fmt: skip
        historian = Historian(topic_id=self.topic_id, key=new_user_key(), source=SOURCE_USER,
                              user_modified=False, **values)  # fmt: skip
        session.add(historian)
        session.flush()
        return Outcome(Changes.of(Kind.HISTORIAN, historian.id),
                       DeleteRow(Kind.HISTORIAN, historian.id, self.label),
                       historian_row(historian))  # fmt: skip


def add_historian(topic_id: int, name: str, work: str = "", school: str = "",
                  stance: str = "") -> Operation:  # fmt: skip
    return AddHistorian(topic_id, name, work, school, stance,
                        f"Add historian “{shorten(name.strip(), 40)}”")  # fmt: skip


def edit_historian(historian_id: int, *, name: str | None = None, work: str | None = None,
                   school: str | None = None, stance: str | None = None) -> Operation:  # fmt: skip
    given = {"name": name, "work": work, "school": school, "stance": stance}
    values = {field: value for field, value in given.items() if value is not None}
    return FieldEdit(Kind.HISTORIAN, historian_id, values, validate_historian, "Edit historian")


def delete_historian(historian_id: int, name: str = "") -> Operation:
    """Delete a historian and the evidence links that cite them (undo brings both back)."""
    return DeleteRow(Kind.HISTORIAN, historian_id, f"Delete historian “{shorten(name, 40)}”")

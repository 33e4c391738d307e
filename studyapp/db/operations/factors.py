"""Factor operations: rank, rate and justify; reset to the notes' order; compare
two factors (why one mattered more)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from studyapp.db.models import SOURCE_USER, Factor, FactorComparison
from studyapp.db.operations.base import Operation, Outcome
from studyapp.db.operations.rows import DeleteRow, FieldEdit, get_row, new_user_key, next_position
from studyapp.db.operations.validation import (
    validate_comparison,
    validate_factor,
    validate_factor_content,
)
from studyapp.domain.changes import Changes, Kind
from studyapp.domain.errors import StudentError
from studyapp.domain.text import shorten


@dataclass(frozen=True)
class MoveFactor:
    """Put a factor at `new_index` in its topic's ranking (0 is the most important)."""

    factor_id: int
    new_index: int
    label: str

    def apply(self, session: Session) -> Outcome:
        factor = get_row(session, Kind.FACTOR, self.factor_id)
        ranking = list(session.scalars(
            select(Factor).where(Factor.topic_id == factor.topic_id)
            .order_by(Factor.rank, Factor.id)
        ))  # fmt: skip
        old_index = ranking.index(factor)
        if not 0 <= self.new_index < len(ranking):
            where = "top" if self.new_index < 0 else "bottom"
            raise StudentError(f"“{factor.title}” is already at the {where}.")
        ranking.insert(self.new_index, ranking.pop(old_index))
        for rank, row in enumerate(ranking):
            row.rank = rank
        changes = Changes.of(Kind.FACTOR, *(row.id for row in ranking))
        return Outcome(changes, MoveFactor(self.factor_id, old_index, self.label))


def move_factor(factor_id: int, new_index: int, title: str = "factor") -> Operation:
    return MoveFactor(factor_id, new_index, f"Move “{title}” to rank {new_index + 1}")


def rate_factor(factor_id: int, importance: int | None, title: str = "factor") -> Operation:
    """Rate a factor's importance 1–5; None clears the rating."""
    said = importance if importance is not None else "not rated"
    return FieldEdit(Kind.FACTOR, factor_id, {"importance": importance}, validate_factor,
                     f"Rate “{title}” {said}")  # fmt: skip


def justify_factor(factor_id: int, justification: str, title: str = "factor") -> Operation:
    return FieldEdit(Kind.FACTOR, factor_id, {"justification": justification},
                     validate_factor, f"Justify “{title}”")  # fmt: skip


# -- Issue 7: the notes' order, and comparisons between two factors --------------------------


@dataclass(frozen=True)
class OrderFactors:
    """Rank a topic's factors in `order` (factor ids, most important first); None means the
    notes' order — the order the pack lists them in, which is the order they were imported."""

    topic_id: int
    order: tuple[int, ...] | None
    label: str

    def apply(self, session: Session) -> Outcome:
        ranking = list(session.scalars(
            select(Factor).where(Factor.topic_id == self.topic_id).order_by(Factor.rank, Factor.id)
        ))  # fmt: skip
        before = tuple(row.id for row in ranking)
        wanted = self.order if self.order is not None else tuple(sorted(before))
        if set(wanted) != set(before):
            raise StudentError("The factors have changed meanwhile; nothing was reordered.")
        if wanted == before:
            return Outcome(Changes(), None, None, "The factors are already in that order.")
        by_id = {row.id: row for row in ranking}
        for rank, factor_id in enumerate(wanted):
            by_id[factor_id].rank = rank
        return Outcome(Changes.of(Kind.FACTOR, *wanted),
                       OrderFactors(self.topic_id, before, self.label))  # fmt: skip


def reset_factor_order(topic_id: int) -> Operation:
    """Put the factors back in the order the notes give them (undoable)."""
    return OrderFactors(topic_id, None, "Reset the factors to the notes' order")


@dataclass(frozen=True)
class AddComparison:
    """Why `stronger_id` mattered more than `weaker_id`; one comparison per pair of factors."""

    stronger_id: int
    weaker_id: int
    reason: str
    label: str

    def apply(self, session: Session) -> Outcome:
        values = validate_comparison({"stronger_id": self.stronger_id,
                                      "weaker_id": self.weaker_id, "reason": self.reason})
        stronger = get_row(session, Kind.FACTOR, self.stronger_id)
        weaker = get_row(session, Kind.FACTOR, self.weaker_id)
        pair = {self.stronger_id, self.weaker_id}
        existing = session.scalars(select(FactorComparison).where(
            FactorComparison.stronger_id.in_(pair), FactorComparison.weaker_id.in_(pair)
        )).first()  # fmt: skip
        if existing is not None:
            raise StudentError(f"You have already compared “{stronger.title}” with "
                               f"“{weaker.title}”: edit that comparison instead.")  # fmt: skip
        row = FactorComparison(stronger_id=self.stronger_id, weaker_id=self.weaker_id,
                               reason=values["reason"])  # fmt: skip
        session.add(row)
        session.flush()
        both = Changes.of(Kind.FACTOR, self.stronger_id, self.weaker_id)
        undo = DeleteRow(Kind.FACTOR_COMPARISON, row.id, self.label, both)
        return Outcome(Changes.of(Kind.FACTOR_COMPARISON, row.id) | both, undo, row.id)


def compare_factors(stronger_id: int, weaker_id: int, reason: str,
                    stronger: str = "factor", weaker: str = "factor") -> Operation:  # fmt: skip
    return AddComparison(stronger_id, weaker_id, reason,
                         f"Compare “{stronger}” with “{weaker}”")  # fmt: skip


def edit_comparison(comparison_id: int, reason: str) -> Operation:
    return FieldEdit(Kind.FACTOR_COMPARISON, comparison_id, {"reason": reason},
                     validate_comparison, "Edit a comparison")  # fmt: skip


def delete_comparison(comparison_id: int, stronger_id: int, weaker_id: int) -> Operation:
    both = Changes.of(Kind.FACTOR, stronger_id, weaker_id)
    return DeleteRow(Kind.FACTOR_COMPARISON, comparison_id, "Delete a comparison", both)


# -- issue 13: factors a student adds, rewords and deletes --------------------------------------


@dataclass(frozen=True)
class FactorFields:
    title: str
    explanation: str = ""
    category: str = "leadership-and-state"

    def as_values(self) -> dict[str, object]:
        return dict(self.__dict__)


@dataclass(frozen=True)
class AddFactor:
    """The student's own factor, at the bottom of the ranking until they move it."""

    topic_id: int
    fields: FactorFields
    label: str

    def apply(self, session: Session) -> Outcome:
        values = validate_factor_content(self.fields.as_values())
        rank = next_position(session, Factor.rank, Factor.topic_id == self.topic_id)
        factor = Factor(topic_id=self.topic_id, key=new_user_key(), source=SOURCE_USER,
                        user_modified=False, rank=rank, importance=None, justification="",
                        **values)  # fmt: skip
        session.add(factor)
        session.flush()
        undo = DeleteRow(Kind.FACTOR, factor.id, self.label)
        return Outcome(Changes.of(Kind.FACTOR, factor.id), undo, factor.id)


def add_factor(topic_id: int, fields: FactorFields) -> Operation:
    return AddFactor(topic_id, fields, f"Add factor “{shorten(fields.title.strip(), 50)}”")


def edit_factor(factor_id: int, fields: FactorFields) -> Operation:
    return FieldEdit(Kind.FACTOR, factor_id, fields.as_values(), validate_factor_content,
                     f"Edit factor “{shorten(fields.title.strip(), 50)}”")  # fmt: skip


def delete_factor(factor_id: int, title: str = "") -> Operation:
    """Delete a factor with its evidence and comparisons (Ctrl+Z brings them all back)."""
    return DeleteRow(Kind.FACTOR, factor_id, f"Delete factor “{shorten(title, 50)}”")

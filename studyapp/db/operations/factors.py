"""War-victory factor operations: rank, rate and justify."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from studyapp.db.models import Factor
from studyapp.db.operations.base import Operation, Outcome
from studyapp.db.operations.rows import FieldEdit, get_row
from studyapp.db.operations.validation import validate_factor
from studyapp.domain.changes import Changes, Kind
from studyapp.domain.errors import StudentError


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

"""War-victory factors: the student's ranking, ratings and justifications."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from studyapp.db.models import Factor
from studyapp.db.services.edits import EditError

FACTOR_CATEGORIES: dict[str, str] = {
    "leadership-and-state": "Leadership and state",
    "economy": "Economy",
    "people-and-propaganda": "People and propaganda",
    "geography-and-climate": "Geography and climate",
    "enemy-mistakes": "Enemy mistakes",
    "allied-aid": "Allied aid",
}


@dataclass(frozen=True)
class FactorRow:
    id: int
    key: str
    title: str
    explanation: str
    category: str
    rank: int
    importance: int | None
    justification: str

    @property
    def category_label(self) -> str:
        return FACTOR_CATEGORIES.get(self.category, self.category)


def list_factors(session_factory: sessionmaker[Session], topic_id: int) -> list[FactorRow]:
    """The factors in the student's order, most important first."""
    with session_factory() as session:
        query = select(Factor).where(Factor.topic_id == topic_id).order_by(Factor.rank, Factor.id)
        return [
            FactorRow(f.id, f.key, f.title, f.explanation, f.category, f.rank, f.importance,
                      f.justification)  # fmt: skip
            for f in session.scalars(query)
        ]


def move_factor(
    session_factory: sessionmaker[Session], topic_id: int, factor_id: int, new_index: int
) -> int:
    """Move a factor to `new_index` in the ranking; return its old index (to undo)."""
    with session_factory.begin() as session:
        factors = list(
            session.scalars(
                select(Factor).where(Factor.topic_id == topic_id).order_by(Factor.rank, Factor.id)
            )
        )
        old_index = next((i for i, f in enumerate(factors) if f.id == factor_id), None)
        if old_index is None:
            raise EditError("That factor no longer exists.")
        if not 0 <= new_index < len(factors):
            raise EditError("A factor cannot move past the ends of the ranking.")
        factors.insert(new_index, factors.pop(old_index))
        for rank, factor in enumerate(factors):
            factor.rank = rank
        return old_index


def set_importance(
    session_factory: sessionmaker[Session], factor_id: int, importance: int | None
) -> int | None:
    """Rate a factor 1–5 (None clears it); return the previous rating."""
    if importance is not None and not 1 <= importance <= 5:
        raise EditError("Importance is rated from 1 to 5.")
    with session_factory.begin() as session:
        factor = session.get(Factor, factor_id)
        if factor is None:
            raise EditError("That factor no longer exists.")
        previous = factor.importance
        factor.importance = importance
        return previous

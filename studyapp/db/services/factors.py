"""War-victory factors: the student's ranking, ratings and justifications."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from studyapp.db.models import Factor

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

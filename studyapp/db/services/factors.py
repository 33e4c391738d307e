"""A topic's factors: the student's ranking, ratings and justifications, the evidence each
factor cites, and the student's comparisons between two factors."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from studyapp.db.models import Event, Evidence, Factor, FactorComparison, NoteItem
from studyapp.domain.changes import Kind
from studyapp.domain.text import shorten

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
    evidence: tuple[EvidenceLink, ...] = ()
    comparisons: tuple[ComparisonRow, ...] = ()  # those this factor takes part in

    @property
    def category_label(self) -> str:
        return FACTOR_CATEGORIES.get(self.category, self.category)


@dataclass(frozen=True)
class EvidenceLink:
    """What a factor cites: an event or a note item (`kind` is a `Kind` value)."""

    kind: str
    id: int
    label: str


@dataclass(frozen=True)
class ComparisonRow:
    """The student's reason why `stronger` mattered more than `weaker`."""

    id: int
    stronger_id: int
    stronger_title: str
    weaker_id: int
    weaker_title: str
    reason: str


def list_factors(session_factory: sessionmaker[Session], topic_id: int) -> list[FactorRow]:
    """The factors in the student's order, most important first, with evidence and comparisons."""
    with session_factory() as session:
        query = select(Factor).where(Factor.topic_id == topic_id).order_by(Factor.rank, Factor.id)
        factors = list(session.scalars(query))
        ids = [f.id for f in factors]
        evidence = _evidence(session, ids)
        titles = {f.id: f.title for f in factors}
        comparisons = _comparisons(session, ids, titles)
        return [
            FactorRow(f.id, f.key, f.title, f.explanation, f.category, f.rank, f.importance,
                      f.justification, tuple(evidence.get(f.id, ())),
                      tuple(c for c in comparisons if f.id in (c.stronger_id, c.weaker_id)))
            for f in factors
        ]  # fmt: skip


def _evidence(session: Session, factor_ids: list[int]) -> dict[int, list[EvidenceLink]]:
    query = (
        select(Evidence.factor_id, Event.id, Event.date_label, Event.title, NoteItem.id,
               NoteItem.text)
        .outerjoin(Event, Event.id == Evidence.event_id)
        .outerjoin(NoteItem, NoteItem.id == Evidence.note_item_id)
        .where(Evidence.factor_id.in_(factor_ids))
        .order_by(Evidence.position, Evidence.id)
    )  # fmt: skip
    links: dict[int, list[EvidenceLink]] = {}
    for factor_id, event_id, date_label, title, item_id, text in session.execute(query):
        if event_id is not None:
            link = EvidenceLink(Kind.EVENT.value, event_id, f"{date_label} {title}")
        elif item_id is not None:
            link = EvidenceLink(Kind.NOTE_ITEM.value, item_id, f"Notes: {shorten(text, 60)}")
        else:  # a quote or historian: not shown on a factor card yet
            continue
        links.setdefault(int(factor_id or 0), []).append(link)
    return links


def _comparisons(
    session: Session, factor_ids: list[int], titles: dict[int, str]
) -> list[ComparisonRow]:
    query = (
        select(FactorComparison)
        .where(FactorComparison.stronger_id.in_(factor_ids))
        .order_by(FactorComparison.id)
    )
    return [
        ComparisonRow(c.id, c.stronger_id, titles.get(c.stronger_id, ""), c.weaker_id,
                      titles.get(c.weaker_id, ""), c.reason)  # fmt: skip
        for c in session.scalars(query)
    ]


def factors_question(session_factory: sessionmaker[Session], topic_id: int) -> str:
    """The question the topic's factors answer; empty when the topic has none."""
    from studyapp.db.models import Topic

    with session_factory() as session:
        return session.scalar(select(Topic.factors_question).where(Topic.id == topic_id)) or ""

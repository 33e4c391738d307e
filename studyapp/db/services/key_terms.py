"""Key terms: a topic's glossary, with the section each term belongs to and the events it
bears on, as plain rows for the Phase notes tab."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from studyapp.db.models import SOURCE_PACK, Event, KeyTerm, KeyTermEvent, NoteSection


@dataclass(frozen=True)
class KeyTermRow:
    id: int
    key: str
    term: str
    meaning: str
    section_id: int | None
    section_title: str | None
    event_titles: tuple[str, ...]
    source: str = SOURCE_PACK
    user_modified: bool = False

    @property
    def is_own(self) -> bool:
        return self.source != SOURCE_PACK


def list_key_terms(session_factory: sessionmaker[Session], topic_id: int) -> list[KeyTermRow]:
    """The topic's terms in the glossary's order (the pack's, then the student's own)."""
    with session_factory() as session:
        rows = session.execute(
            select(KeyTerm, NoteSection.title)
            .outerjoin(NoteSection, NoteSection.id == KeyTerm.section_id)
            .where(KeyTerm.topic_id == topic_id)
            .order_by(KeyTerm.position, KeyTerm.id)
        ).all()
        events = _event_titles(session, [term.id for term, _title in rows])
        return [_row(term, title, events.get(term.id, ())) for term, title in rows]


def get_key_term(session_factory: sessionmaker[Session], term_id: int) -> KeyTermRow | None:
    with session_factory() as session:
        term = session.get(KeyTerm, term_id)
        if term is None:
            return None
        title = None
        if term.section_id is not None:
            title = session.scalar(select(NoteSection.title)
                                   .where(NoteSection.id == term.section_id))  # fmt: skip
        return _row(term, title, _event_titles(session, [term.id]).get(term.id, ()))


def _event_titles(session: Session, term_ids: list[int]) -> dict[int, tuple[str, ...]]:
    found: dict[int, list[str]] = {}
    for term_id, title in session.execute(
        select(KeyTermEvent.key_term_id, Event.title)
        .join(Event, Event.id == KeyTermEvent.event_id)
        .where(KeyTermEvent.key_term_id.in_(term_ids))
        .order_by(Event.start, Event.id)
    ):
        found.setdefault(term_id, []).append(title)
    return {term_id: tuple(titles) for term_id, titles in found.items()}


def _row(term: KeyTerm, section_title: str | None, events: tuple[str, ...]) -> KeyTermRow:
    return KeyTermRow(term.id, term.key, term.term, term.meaning, term.section_id, section_title,
                      events, term.source, term.user_modified)  # fmt: skip

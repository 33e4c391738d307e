"""Phase notes: the section tree and the bullets of each section."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from studyapp.db.models import Event, NoteItem, NoteItemEvent, NoteSection, Period, Quote


@dataclass
class SectionRow:
    id: int
    key: str
    title: str
    page_ref: str | None
    intro: str
    period_title: str | None
    parent_id: int | None
    children: list[SectionRow] = field(default_factory=list)


@dataclass(frozen=True)
class ItemRow:
    id: int
    key: str
    section_id: int
    kind: str
    text: str
    page_ref: str | None
    annotation: str
    learnt: bool
    quote_speaker: str | None
    quote_context: str | None
    event_labels: tuple[str, ...]
    user_modified: bool


def section_tree(session_factory: sessionmaker[Session], topic_id: int) -> list[SectionRow]:
    """The top-level sections, each holding its children, in the pack's order."""
    with session_factory() as session:
        query = (
            select(NoteSection, Period.title)
            .outerjoin(Period, NoteSection.period_id == Period.id)
            .where(NoteSection.topic_id == topic_id)
            .order_by(NoteSection.position, NoteSection.id)
        )
        rows = {
            section.id: SectionRow(
                section.id, section.key, section.title, section.page_ref, section.intro,
                period_title, section.parent_id,
            )  # fmt: skip
            for section, period_title in session.execute(query)
        }
    roots: list[SectionRow] = []
    for row in rows.values():
        parent = rows.get(row.parent_id) if row.parent_id is not None else None
        (parent.children if parent else roots).append(row)
    return roots


def section_items(session_factory: sessionmaker[Session], section_id: int) -> list[ItemRow]:
    """The bullets of one section, in order, with the quotes and events they name."""
    with session_factory() as session:
        return _items(session, NoteItem.section_id == section_id)


def get_item(session_factory: sessionmaker[Session], item_id: int) -> ItemRow | None:
    with session_factory() as session:
        found = _items(session, NoteItem.id == item_id)
    return found[0] if found else None


def _items(session: Session, condition: Any) -> list[ItemRow]:
    query = (
        select(NoteItem, Quote.speaker, Quote.context)
        .outerjoin(Quote, NoteItem.quote_id == Quote.id)
        .where(condition)
        .order_by(NoteItem.position, NoteItem.id)
    )
    found = session.execute(query).all()
    ids = [item.id for item, _speaker, _context in found]
    labels: dict[int, list[str]] = {}
    event_query = (
        select(NoteItemEvent.note_item_id, Event.date_label, Event.title)
        .join(Event, Event.id == NoteItemEvent.event_id)
        .where(NoteItemEvent.note_item_id.in_(ids))
        .order_by(Event.start)
    )
    for item_id, date_label, title in session.execute(event_query):
        labels.setdefault(item_id, []).append(f"{date_label} {title}")
    return [
        ItemRow(
            item.id, item.key, item.section_id, item.kind, item.text, item.page_ref,
            item.annotation, item.learnt, speaker, context,
            tuple(labels.get(item.id, ())), item.user_modified,
        )  # fmt: skip
        for item, speaker, context in found
    ]

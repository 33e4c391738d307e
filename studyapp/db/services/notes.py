"""Phase notes: the section tree (with the student's confidence in each section) and the
bullets of each section, with the quotes, events and check notes they carry."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import case, func, select
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
    confidence: str = "not-yet"  # not-yet, shaky or secure
    source: str = "pack"
    user_modified: bool = False


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
    check_note: str | None = None
    events: tuple[EventTag, ...] = ()  # the same events as `event_labels`, with their ids
    source: str = "pack"
    highlighted: bool = False


@dataclass(frozen=True)
class EventTag:
    """A dated event an item names: shown as a chip that opens it on the timeline."""

    id: int
    date_label: str
    title: str

    @property
    def label(self) -> str:
        return f"{self.date_label} {self.title}"


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
                period_title, section.parent_id, confidence=section.confidence,
                source=section.source, user_modified=section.user_modified,
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


_ITEM_COLUMNS = (
    NoteItem.id, NoteItem.key, NoteItem.section_id, NoteItem.kind, NoteItem.text,
    NoteItem.page_ref, NoteItem.annotation, NoteItem.learnt, Quote.speaker, Quote.context,
    NoteItem.user_modified, NoteItem.check_note, NoteItem.source, NoteItem.highlighted,
)  # fmt: skip


def _items(session: Session, condition: Any) -> list[ItemRow]:
    # Plain columns, not ORM objects, and the event tags joined through a subquery rather than
    # a list of hundreds of bound ids: a 500-item section reads in a few milliseconds.
    query = (
        select(*_ITEM_COLUMNS)
        .outerjoin(Quote, NoteItem.quote_id == Quote.id)
        .where(condition)
        .order_by(NoteItem.position, NoteItem.id)
    )
    found = session.execute(query).all()
    tags: dict[int, list[EventTag]] = {}
    event_query = (
        select(NoteItemEvent.note_item_id, Event.id, Event.date_label, Event.title)
        .join(Event, Event.id == NoteItemEvent.event_id)
        .where(NoteItemEvent.note_item_id.in_(select(NoteItem.id).where(condition)))
        .order_by(Event.start)
    )
    for item_id, event_id, date_label, title in session.execute(event_query):
        tags.setdefault(item_id, []).append(EventTag(event_id, date_label, title))
    rows = []
    for (item_id, key, section_id, kind, text, page_ref, annotation, learnt, speaker, context,
         user_modified, check_note, source, highlighted) in found:  # fmt: skip
        named = tuple(tags.get(item_id, ()))
        rows.append(ItemRow(
            item_id, key, section_id, kind, text, page_ref, annotation, learnt, speaker,
            context, tuple(tag.label for tag in named), user_modified, check_note, named,
            source, highlighted,
        ))  # fmt: skip
    return rows


def section_progress(
    session_factory: sessionmaker[Session], topic_id: int
) -> dict[int, tuple[int, int]]:
    """(learnt, total) items of every section of the topic, in one grouped query; a section
    without items of its own has (0, 0)."""
    learnt = func.coalesce(func.sum(case((NoteItem.learnt, 1), else_=0)), 0)
    with session_factory() as session:
        counts = session.execute(
            select(NoteSection.id, learnt, func.count(NoteItem.id))
            .outerjoin(NoteItem, NoteItem.section_id == NoteSection.id)
            .where(NoteSection.topic_id == topic_id)
            .group_by(NoteSection.id)
        ).all()
    return {section_id: (int(done), int(total)) for section_id, done, total in counts}


def items_by_section(
    session_factory: sessionmaker[Session], topic_id: int
) -> dict[int, list[ItemRow]]:
    """Every item of the topic, grouped by section id (for progress and exports), in order."""
    with session_factory() as session:
        in_topic = select(NoteSection.id).where(NoteSection.topic_id == topic_id)
        grouped: dict[int, list[ItemRow]] = {}
        for item in _items(session, NoteItem.section_id.in_(in_topic)):
            grouped.setdefault(item.section_id, []).append(item)
    return grouped


def walk(roots: list[SectionRow], depth: int = 0) -> Iterator[tuple[SectionRow, int]]:
    """Every section, parents before their children, with its depth (0 at the top)."""
    for section in roots:
        yield section, depth
        yield from walk(section.children, depth + 1)


def confidence_summary(roots: list[SectionRow]) -> tuple[int, int]:
    """(secure, total) over the sections a student revises: those without sub-sections."""
    leaves = [section for section, _depth in walk(roots) if not section.children]
    return sum(1 for s in leaves if s.confidence == "secure"), len(leaves)

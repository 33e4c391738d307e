"""Timeline events: list them in date order, add a new one."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from studyapp.db.models import SOURCE_USER, Event
from studyapp.db.services.edits import EditError
from studyapp.domain.dates import parse

CATEGORIES: dict[str, str] = {
    "ussr-diplomacy": "USSR diplomacy",
    "germany": "Germany",
    "western-powers": "Western powers",
    "league": "League of Nations",
    "war": "War",
    "domestic": "Domestic",
    "other": "Other",  # TimelineJS events without a group; other groups show as written
}


@dataclass(frozen=True)
class EventRow:
    id: int
    key: str
    title: str
    description: str
    edtf: str
    date_label: str
    start: str
    end: str
    precision: str
    old_style: str | None
    category: str
    key_date: bool
    period_id: int | None
    page_ref: str | None
    check_note: str | None
    source: str
    user_modified: bool

    @property
    def category_label(self) -> str:
        return CATEGORIES.get(self.category, self.category)


def _row(event: Event) -> EventRow:
    return EventRow(
        event.id, event.key, event.title, event.description, event.edtf, event.date_label,
        event.start, event.end, event.precision, event.old_style, event.category,
        event.key_date, event.period_id, event.page_ref, event.check_note, event.source,
        event.user_modified,
    )  # fmt: skip


def list_events(
    session_factory: sessionmaker[Session], topic_id: int, *, key_dates_only: bool = False
) -> list[EventRow]:
    """Every event in date order (start, then end, then the pack's order)."""
    with session_factory() as session:
        query = select(Event).where(Event.topic_id == topic_id)
        if key_dates_only:
            query = query.where(Event.key_date.is_(True))
        query = query.order_by(Event.start, Event.end, Event.position, Event.id)
        return [_row(event) for event in session.scalars(query)]


def get_event(session_factory: sessionmaker[Session], event_id: int) -> EventRow:
    with session_factory() as session:
        event = session.get(Event, event_id)
        if event is None:
            raise EditError("That event no longer exists.")
        return _row(event)


def add_event(
    session_factory: sessionmaker[Session],
    topic_id: int,
    *,
    title: str,
    edtf: str,
    date_label: str = "",
    category: str = "ussr-diplomacy",
    description: str = "",
    key_date: bool = False,
    page_ref: str | None = None,
    check_note: str | None = None,
    old_style: str | None = None,
    period_id: int | None = None,
) -> EventRow:
    """Add the student's own event in one write; raises DateError or EditError (a sentence)."""
    title = title.strip()
    if not title:
        raise EditError("An event needs a title.")
    if category not in CATEGORIES:
        raise EditError(f"'{category}' is not a timeline category.")
    date = parse(edtf)
    with session_factory.begin() as session:
        event = Event(
            topic_id=topic_id, key=f"user-{uuid.uuid4().hex[:12]}", source=SOURCE_USER,
            user_modified=False, title=title, description=description, edtf=date.edtf,
            date_label=date_label.strip() or date.edtf, start=date.start_iso, end=date.end_iso,
            precision=date.precision.value, category=category, key_date=key_date, position=10_000,
            page_ref=page_ref, check_note=check_note, old_style=old_style, period_id=period_id,
        )  # fmt: skip
        session.add(event)
        session.flush()
        return _row(event)

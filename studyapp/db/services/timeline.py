"""Timeline events: list them in date order, add a new one."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from studyapp.domain.errors import StudentError

if TYPE_CHECKING:  # SQLAlchemy loads after the first screen (see db/services/__init__.py)
    from sqlalchemy.orm import Session, sessionmaker

    from studyapp.db.models import Event

CATEGORIES: dict[str, str] = {
    "ussr-diplomacy": "USSR diplomacy",
    "germany": "Germany",
    "western-powers": "Western powers",
    "league": "League of Nations",
    "war": "War",
    "domestic": "Domestic",
    "other": "Other",  # TimelineJS events without a group; other groups show as written
}


class EventRow(NamedTuple):
    """One event as the tabs show it. A named tuple rather than a dataclass: the first screen
    makes 10,000 of them from SQLite's row tuples in a few milliseconds instead of 30, and each
    takes about half the memory."""

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


def event_row(event: Event) -> EventRow:
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
    from sqlalchemy import select

    from studyapp.db.models import Event

    with session_factory() as session:
        query = select(Event).where(Event.topic_id == topic_id)
        if key_dates_only:
            query = query.where(Event.key_date.is_(True))
        query = query.order_by(Event.start, Event.end, Event.position, Event.id)
        return [event_row(event) for event in session.scalars(query)]


def get_event(session_factory: sessionmaker[Session], event_id: int) -> EventRow:
    from studyapp.db.models import Event

    with session_factory() as session:
        event = session.get(Event, event_id)
        if event is None:
            raise StudentError("That event no longer exists.")
        return event_row(event)

"""Timeline operations: add, edit and delete an event."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from studyapp.db.operations.base import Operation, Outcome
from studyapp.db.services.timeline import EventRow, event_row
from studyapp.domain.changes import Changes, Kind
from studyapp.domain.text import shorten

if TYPE_CHECKING:  # the models load after the first screen (see db/services/__init__.py)
    from sqlalchemy.orm import Session


@dataclass(frozen=True)
class EventFields:
    """Everything a student writes about an event; `edtf` is the date as stored."""

    title: str
    edtf: str
    date_label: str = ""
    category: str = "ussr-diplomacy"
    description: str = ""
    key_date: bool = False
    page_ref: str | None = None
    check_note: str | None = None
    old_style: str | None = None
    period_id: int | None = None

    def as_values(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass(frozen=True)
class AddEvent:
    topic_id: int
    fields: EventFields
    label: str = field(default="")

    def apply(self, session: Session) -> Outcome:
        from studyapp.db.models import SOURCE_USER, Event
        from studyapp.db.operations.rows import DeleteRow, new_user_key
        from studyapp.db.operations.validation import validate_event

        values = validate_event(self.fields.as_values())
        event = Event(
            topic_id=self.topic_id, key=new_user_key(), source=SOURCE_USER,
            user_modified=False, position=10_000, **values,
        )  # fmt: skip
        session.add(event)
        session.flush()
        return Outcome(
            Changes.of(Kind.EVENT, event.id), DeleteRow(Kind.EVENT, event.id), event_row(event)
        )


def add_event(topic_id: int, fields: EventFields) -> Operation:
    """The student's own event, last among events on the same date."""
    return AddEvent(topic_id, fields, f"Add event '{shorten(fields.title.strip(), 50)}'")


def edit_event(event_id: int, fields: EventFields) -> Operation:
    """Save the student's version of an event (only what differs is written)."""
    from studyapp.db.operations.rows import FieldEdit
    from studyapp.db.operations.validation import validate_event

    label = f"Edit event '{shorten(fields.title.strip(), 50)}'"
    return FieldEdit(Kind.EVENT, event_id, fields.as_values(), validate_event, label)


def delete_event(event_id: int, title: str) -> Operation:
    from studyapp.db.operations.rows import DeleteRow

    return DeleteRow(Kind.EVENT, event_id, f"Delete event '{shorten(title, 50)}'")


__all__ = ["EventFields", "EventRow", "add_event", "delete_event", "edit_event"]

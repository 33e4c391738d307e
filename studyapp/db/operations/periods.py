"""Period operations: the timeline's phase bands, which a student can add, edit and delete.

Deleting a period unlinks its events, note sections and review cards (the schema sets their
`period_id` to NULL); the inverse restores the period with the same id and links them again
(`DeleteRow` records every row a deletion unlinks), so Undo puts everything back as it was.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from studyapp.db.models import SOURCE_USER, Period
from studyapp.db.operations.base import Operation, Outcome
from studyapp.db.operations.rows import DeleteRow, FieldEdit, new_user_key, next_position
from studyapp.db.operations.validation import validate_period
from studyapp.domain.changes import Changes, Kind
from studyapp.domain.text import shorten


@dataclass(frozen=True)
class PeriodFields:
    """A period as the student writes it; `edtf` is its span as stored (from the date field)."""

    title: str
    edtf: str
    summary: str = ""

    def as_values(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass(frozen=True)
class AddPeriod:
    topic_id: int
    fields: PeriodFields
    label: str

    def apply(self, session: Session) -> Outcome:
        values = validate_period(self.fields.as_values())
        position = next_position(session, Period.position, Period.topic_id == self.topic_id)
        period = Period(topic_id=self.topic_id, key=new_user_key(), source=SOURCE_USER,
                        user_modified=False, position=position, **values)  # fmt: skip
        session.add(period)
        session.flush()
        undo = DeleteRow(Kind.PERIOD, period.id, self.label)
        return Outcome(Changes.of(Kind.PERIOD, period.id), undo, period.id)


def add_period(topic_id: int, fields: PeriodFields) -> Operation:
    """The student's own period, after the topic's others."""
    return AddPeriod(topic_id, fields, f"Add period '{shorten(fields.title.strip(), 50)}'")


def edit_period(period_id: int, fields: PeriodFields) -> Operation:
    label = f"Edit period '{shorten(fields.title.strip(), 50)}'"
    return FieldEdit(Kind.PERIOD, period_id, fields.as_values(), validate_period, label)


def delete_period(period_id: int, title: str = "") -> Operation:
    """Delete a period; its events and sections stay, without it (Ctrl+Z links them again)."""
    return DeleteRow(Kind.PERIOD, period_id, f"Delete period '{shorten(title, 50)}'")

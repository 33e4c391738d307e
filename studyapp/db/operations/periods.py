"""Period operations: the timeline's phase bands, which a student can add, edit and delete.

Deleting a period unlinks its events, note sections and review cards (the schema sets their
`period_id` to NULL); the inverse restores the period with the same id and links them again,
so Undo puts everything back as it was.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from studyapp.db.models import SOURCE_USER, Event, NoteSection, Period, ReviewCard
from studyapp.db.operations.base import Operation, Outcome
from studyapp.db.operations.rows import DeleteRow, FieldEdit, RestoreRow, new_user_key
from studyapp.db.operations.validation import validate_period
from studyapp.domain.changes import Changes, Kind
from studyapp.domain.text import shorten

# What points at a period, and the kind each row is announced as (review cards: not shown).
LINKED: tuple[tuple[Any, Kind | None], ...] = (
    (Event, Kind.EVENT), (NoteSection, Kind.NOTE_SECTION), (ReviewCard, None),
)  # fmt: skip


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
        position = session.scalar(
            select(func.coalesce(func.max(Period.position), -1) + 1)
            .where(Period.topic_id == self.topic_id)
        )  # fmt: skip
        period = Period(topic_id=self.topic_id, key=new_user_key(), source=SOURCE_USER,
                        user_modified=False, position=position, **values)  # fmt: skip
        session.add(period)
        session.flush()
        undo = DeletePeriod(period.id, self.label)
        return Outcome(Changes.of(Kind.PERIOD, period.id), undo, period.id)


def add_period(topic_id: int, fields: PeriodFields) -> Operation:
    """The student's own period, after the topic's others."""
    return AddPeriod(topic_id, fields, f"Add period '{shorten(fields.title.strip(), 50)}'")


def edit_period(period_id: int, fields: PeriodFields) -> Operation:
    label = f"Edit period '{shorten(fields.title.strip(), 50)}'"
    return FieldEdit(Kind.PERIOD, period_id, fields.as_values(), validate_period, label)


@dataclass(frozen=True)
class DeletePeriod:
    period_id: int
    label: str

    def apply(self, session: Session) -> Outcome:
        links = tuple(
            (model.__tablename__, tuple(session.scalars(
                select(model.id).where(model.period_id == self.period_id))))
            for model, _kind in LINKED
        )  # fmt: skip
        deleted = DeleteRow(Kind.PERIOD, self.period_id, self.label).apply(session)
        assert isinstance(deleted.inverse, RestoreRow)
        restore = Relink(deleted.inverse, self.period_id, links, self.label)
        return Outcome(deleted.changes | _linked_changes(links), restore)


@dataclass(frozen=True)
class Relink:
    """The inverse of a period's deletion: the period back, and its rows pointing at it again."""

    restore: RestoreRow
    period_id: int
    links: tuple[tuple[str, tuple[int, ...]], ...]
    label: str

    def apply(self, session: Session) -> Outcome:
        restored = self.restore.apply(session)
        models = {model.__tablename__: model for model, _kind in LINKED}
        for table, ids in self.links:
            if ids:
                model = models[table]
                session.execute(update(model).where(model.id.in_(ids))
                                .values(period_id=self.period_id))  # fmt: skip
        changes = restored.changes | _linked_changes(self.links)
        return Outcome(changes, DeletePeriod(self.period_id, self.label))


def _linked_changes(links: tuple[tuple[str, tuple[int, ...]], ...]) -> Changes:
    kinds = {model.__tablename__: kind for model, kind in LINKED}
    changes = Changes()
    for table, ids in links:
        kind = kinds[table]
        if kind is not None and ids:
            changes = changes | Changes.of(kind, *ids)
    return changes


def delete_period(period_id: int, title: str = "") -> Operation:
    """Delete a period; its events and sections stay, without it (Ctrl+Z links them again)."""
    return DeletePeriod(period_id, f"Delete period '{shorten(title, 50)}'")

"""Undoable writes shared by every tab: change fields, delete a row, bring a deleted row back.

Each function owns one short transaction and returns plain data that is enough to undo it:
`update_fields` returns the previous values (feed them back to undo), `delete_row` returns a
`Snapshot` of the row and everything that hangs off it (feed it to `restore_row` to undo).
Deleting a pack row leaves a tombstone so that re-importing the pack does not resurrect it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Table, delete, insert, select
from sqlalchemy.orm import Session, sessionmaker

from studyapp.db.models import (
    SOURCE_PACK,
    Base,
    Event,
    Factor,
    Judgement,
    NoteItem,
    NoteSection,
    PackTombstone,
    Point,
    Question,
)
from studyapp.domain.dates import parse

MODELS: dict[str, type[Base]] = {
    model.__tablename__: model
    for model in (Event, NoteItem, NoteSection, Factor, Question, Point, Judgement)
}

# Fields the student may change, per table. Content fields mark a pack row as the student's
# own (`user_modified`); study-state fields (ratings, ticks, notes-to-self) do not.
CONTENT_FIELDS: dict[str, set[str]] = {
    "event": {"title", "description", "edtf", "date_label", "old_style", "category",
              "key_date", "page_ref", "check_note", "period_id"},
    "note_item": {"text", "kind", "page_ref"},
    "note_section": {"title", "intro"},
    "factor": {"title", "explanation", "category"},
    "question": {"text", "exam_source", "command_term", "paper"},
    "point": {"side", "claim", "explanation", "weight", "counter", "position"},
    "judgement": {"thesis", "conclusion"},
}  # fmt: skip
STATE_FIELDS: dict[str, set[str]] = {
    "note_item": {"annotation", "learnt"},
    "factor": {"rank", "importance", "justification"},
    "question": {"position"},
}


class EditError(ValueError):
    """An edit that cannot be made; the message is one sentence for the student."""


@dataclass(frozen=True)
class Snapshot:
    """A deleted row and its dependants, table by table, parents first."""

    table: str
    row_id: int
    rows: tuple[tuple[str, tuple[dict[str, Any], ...]], ...]
    tombstone: tuple[int, str] | None  # (topic_id, key) when a pack row was deleted


def update_fields(
    session_factory: sessionmaker[Session], table: str, row_id: int, changes: dict[str, Any]
) -> dict[str, Any]:
    """Apply `changes` to one row; return the previous values (including `user_modified`)."""
    model = _model(table)
    allowed = CONTENT_FIELDS.get(table, set()) | STATE_FIELDS.get(table, set())
    unknown = set(changes) - allowed - {"user_modified"}
    if unknown:
        names = ", ".join(sorted(unknown))
        raise EditError(f"These fields of a {table} cannot be edited: {names}.")
    with session_factory.begin() as session:
        row = session.get(model, row_id)
        if row is None:
            raise EditError(f"That {table.replace('_', ' ')} no longer exists.")
        values = dict(changes)
        if "edtf" in values:
            date = parse(values["edtf"])  # DateError is a ValueError with a student's sentence
            values |= {"edtf": date.edtf, "start": date.start_iso, "end": date.end_iso,
                       "precision": date.precision.value}  # fmt: skip
        previous = {column: getattr(row, column) for column in values}
        if hasattr(row, "user_modified"):
            previous["user_modified"] = row.user_modified
            touches_content = bool(set(changes) & CONTENT_FIELDS.get(table, set()))
            if touches_content and "user_modified" not in changes:
                values["user_modified"] = True
        for column, value in values.items():
            setattr(row, column, value)
    previous.pop("start", None)
    previous.pop("end", None)
    previous.pop("precision", None)
    return previous


def delete_row(session_factory: sessionmaker[Session], table: str, row_id: int) -> Snapshot:
    model = _model(table)
    with session_factory.begin() as session:
        row = session.get(model, row_id)
        if row is None:
            raise EditError(f"That {table.replace('_', ' ')} no longer exists.")
        collected: list[tuple[str, tuple[dict[str, Any], ...]]] = []
        _collect(session, model.__table__, "id", [row_id], collected)
        tombstone = None
        if getattr(row, "source", None) == SOURCE_PACK:
            topic_id = _topic_id(session, row)
            tombstone = (topic_id, _scoped_key(session, row))
            session.merge(PackTombstone(topic_id=topic_id, table_name=table, key=tombstone[1]))
        session.delete(row)
    return Snapshot(table, row_id, tuple(collected), tombstone)


def restore_row(session_factory: sessionmaker[Session], snapshot: Snapshot) -> None:
    """Put a deleted row back exactly as it was, with the same id and its dependants."""
    with session_factory.begin() as session:
        for table_name, rows in snapshot.rows:
            if rows:
                session.execute(insert(Base.metadata.tables[table_name]), list(rows))
        if snapshot.tombstone:
            topic_id, key = snapshot.tombstone
            session.execute(
                delete(PackTombstone).where(
                    PackTombstone.topic_id == topic_id,
                    PackTombstone.table_name == snapshot.table,
                    PackTombstone.key == key,
                )
            )


def _collect(
    session: Session,
    table: Table,
    column: str,
    values: list[Any],
    out: list[tuple[str, tuple[dict[str, Any], ...]]],
) -> None:
    """Gather rows of `table` where `column` is in `values`, then their dependants."""
    if not values:
        return
    rows = session.execute(select(table).where(table.c[column].in_(values))).mappings().all()
    if not rows:
        return
    out.append((table.name, tuple(dict(row) for row in rows)))
    for dependant in Base.metadata.sorted_tables:
        for fk in dependant.foreign_keys:
            if fk.column.table is table and fk.ondelete == "CASCADE":
                referenced = [row[fk.column.name] for row in rows]
                _collect(session, dependant, fk.parent.name, referenced, out)


def _model(table: str) -> type[Base]:
    try:
        return MODELS[table]
    except KeyError:
        raise EditError(f"'{table}' is not something StudyApp can edit.") from None


def _topic_id(session: Session, row: Any) -> int:
    if hasattr(row, "topic_id"):
        return row.topic_id
    if isinstance(row, NoteItem):
        return session.get(NoteSection, row.section_id).topic_id  # type: ignore[union-attr]
    if isinstance(row, Point):
        return session.get(Question, row.question_id).topic_id  # type: ignore[union-attr]
    raise EditError("That row does not belong to a study pack.")


def _scoped_key(session: Session, row: Any) -> str:
    """Point keys are unique per question only, so their tombstone names the question too."""
    if isinstance(row, Point):
        question = session.get(Question, row.question_id)
        return f"{question.key}/{row.key}"  # type: ignore[union-attr]
    return row.key

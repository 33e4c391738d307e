"""The generic machinery under every typed operation: change fields, delete a row, restore it.

Private to the database layer (an import-linter contract keeps `studyapp.ui` out): the UI asks
for `edit_point(...)` or `delete_event(...)`, never for "table X, column Y". Each operation here
returns its inverse, so undo and redo are just more operations:

- `FieldEdit` sets validated fields and returns a `FieldEdit` of the previous values;
- `DeleteRow` deletes a row with everything that cascades from it and returns a `RestoreRow`
  holding that snapshot; `RestoreRow` puts it back with the same ids and returns a `DeleteRow`.

Deleting a pack row leaves a tombstone so that re-importing the pack does not resurrect it.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Table, delete, func, insert, select, text, update
from sqlalchemy.orm import Session

from studyapp.db.models import (
    SOURCE_PACK,
    Base,
    Event,
    Factor,
    FactorComparison,
    Historian,
    Judgement,
    KeyTerm,
    NoteItem,
    NoteSection,
    PackTombstone,
    Period,
    Point,
    Question,
    Quote,
    Topic,
)
from studyapp.db.operations.base import Outcome
from studyapp.domain.changes import Changes, Kind
from studyapp.domain.errors import StudentError

MODELS: dict[Kind, type[Base]] = {
    Kind.TOPIC: Topic,
    Kind.EVENT: Event,
    Kind.NOTE_ITEM: NoteItem,
    Kind.NOTE_SECTION: NoteSection,
    Kind.FACTOR: Factor,
    Kind.QUESTION: Question,
    Kind.POINT: Point,
    Kind.JUDGEMENT: Judgement,
}
MODELS[Kind.HISTORIAN] = Historian  # argument builder (issue #8)
NOUNS: dict[Kind, str] = {
    Kind.TOPIC: "topic",
    Kind.EVENT: "event", Kind.NOTE_ITEM: "note", Kind.NOTE_SECTION: "section",
    Kind.FACTOR: "factor", Kind.QUESTION: "question", Kind.POINT: "point",
    Kind.JUDGEMENT: "judgement",
}  # fmt: skip
NOUNS[Kind.HISTORIAN] = "historian"  # argument builder (issue #8)

# Content fields mark a pack row as the student's own (`user_modified`), so a newer pack never
# overwrites it; study-state fields (ratings, ticks, notes-to-self, order) do not.
CONTENT_FIELDS: dict[Kind, frozenset[str]] = {
    Kind.TOPIC: frozenset({"title", "period_label", "exam", "paper"}),
    Kind.EVENT: frozenset({"title", "description", "edtf", "date_label", "old_style",
                           "category", "key_date", "page_ref", "check_note", "period_id"}),
    Kind.NOTE_ITEM: frozenset({"text", "kind", "page_ref"}),
    Kind.NOTE_SECTION: frozenset({"title", "intro"}),
    Kind.FACTOR: frozenset({"title", "explanation", "category"}),
    Kind.QUESTION: frozenset({"text", "exam_source", "command_term", "paper"}),
    Kind.POINT: frozenset({"side", "claim", "explanation", "weight", "counter"}),
    Kind.JUDGEMENT: frozenset({"thesis", "conclusion"}),
}  # fmt: skip
# Argument builder (issue #8): rebuttals, the table's layout, historians.
CONTENT_FIELDS[Kind.POINT] = CONTENT_FIELDS[Kind.POINT] | {"rebuttal"}
CONTENT_FIELDS[Kind.QUESTION] = CONTENT_FIELDS[Kind.QUESTION] | {"table_type"}
CONTENT_FIELDS[Kind.HISTORIAN] = frozenset({"name", "work", "school", "stance"})
STATE_FIELDS: dict[Kind, frozenset[str]] = {
    Kind.NOTE_ITEM: frozenset({"annotation", "learnt"}),
    Kind.FACTOR: frozenset({"rank", "importance", "justification"}),
    Kind.QUESTION: frozenset({"position"}),
    Kind.POINT: frozenset({"position"}),
}
# Columns derived from others (an event's bounds from its date): saved and restored with them.
DERIVED_FIELDS: dict[Kind, frozenset[str]] = {
    Kind.EVENT: frozenset({"start", "end", "precision"}),
}

# Issue 7 (notes and factors): a section's confidence is study state, like "learnt"; a check
# note is content; a comparison between two factors is entirely the student's own.
MODELS[Kind.FACTOR_COMPARISON] = FactorComparison
NOUNS[Kind.FACTOR_COMPARISON] = "comparison"
STATE_FIELDS[Kind.NOTE_SECTION] = frozenset({"confidence"})
STATE_FIELDS[Kind.FACTOR_COMPARISON] = frozenset({"reason"})
CONTENT_FIELDS[Kind.NOTE_ITEM] |= {"check_note"}
STATE_FIELDS[Kind.NOTE_ITEM] |= {"highlighted"}

# Issue 13 (topics made in the app): periods and quotes are written by the student too.
MODELS[Kind.PERIOD] = Period
MODELS[Kind.QUOTE] = Quote
NOUNS[Kind.PERIOD] = "period"
NOUNS[Kind.QUOTE] = "quote"
CONTENT_FIELDS[Kind.PERIOD] = frozenset({"title", "edtf", "summary"})
CONTENT_FIELDS[Kind.QUOTE] = frozenset({"speaker", "text", "context", "edtf"})
DERIVED_FIELDS[Kind.PERIOD] = frozenset({"start", "end"})

# Key terms (0007): a glossary row, all of it content.
MODELS[Kind.KEY_TERM] = KeyTerm
NOUNS[Kind.KEY_TERM] = "key term"
CONTENT_FIELDS[Kind.KEY_TERM] = frozenset({"term", "meaning", "section_id"})

Validator = Callable[[dict[str, Any]], dict[str, Any]]


def next_position(session: Session, column: Any, *where: Any) -> int:
    """The position after the last of the rows `where` selects (0 when there are none)."""
    position = session.scalar(select(func.coalesce(func.max(column), -1) + 1).where(*where))
    return 0 if position is None else int(position)


def new_user_key() -> str:
    """The stable key of a row the student makes: unique, and never a pack's key."""
    return f"user-{uuid.uuid4().hex[:12]}"


def get_row(session: Session, kind: Kind, row_id: int) -> Any:
    """The row, or a sentence saying it is gone (deleted meanwhile, or never existed)."""
    row = session.get(MODELS[kind], row_id)
    if row is None:
        raise StudentError(f"That {NOUNS[kind]} no longer exists.")
    return row


@dataclass(frozen=True)
class FieldEdit:
    """Set some fields of one row, after the entity's validator has checked and tidied them.

    Only values that differ from the row are written; when none do, nothing is written, the
    outcome has no inverse (so nothing goes on the undo stack) and says "Nothing changed."
    """

    kind: Kind
    row_id: int
    values: Mapping[str, Any]
    validate: Validator | None = None
    label: str = "Edit"
    restore_user_modified: bool | None = None  # set by an inverse: put the flag back exactly

    def apply(self, session: Session) -> Outcome:
        allowed = (CONTENT_FIELDS.get(self.kind, frozenset()) | STATE_FIELDS.get(self.kind,
                   frozenset()) | DERIVED_FIELDS.get(self.kind, frozenset()))  # fmt: skip
        unknown = set(self.values) - allowed
        if unknown:  # a programming error, not a student's: name the fields for the log
            raise KeyError(f"{self.kind} fields cannot be edited: {', '.join(sorted(unknown))}")
        values = self.validate(dict(self.values)) if self.validate else dict(self.values)
        row = get_row(session, self.kind, self.row_id)
        values = {column: v for column, v in values.items() if getattr(row, column) != v}
        if not values:
            return Outcome(Changes(), None, None, "Nothing changed.")
        previous = {column: getattr(row, column) for column in values}
        flag = getattr(row, "user_modified", None)
        if self.restore_user_modified is not None:
            row.user_modified = self.restore_user_modified
        elif flag is not None and set(values) & CONTENT_FIELDS.get(self.kind, frozenset()):
            row.user_modified = True
        for column, value in values.items():
            setattr(row, column, value)
        inverse = FieldEdit(self.kind, self.row_id, previous, None, self.label, flag)
        return Outcome(Changes.of(self.kind, self.row_id), inverse)


@dataclass(frozen=True)
class Snapshot:
    """A deleted row and its dependants, table by table, parents first."""

    kind: Kind
    row_id: int
    rows: tuple[tuple[str, tuple[dict[str, Any], ...]], ...]
    tombstone: tuple[int, str, str] | None  # (topic_id, table, key) when a pack row was deleted
    # Rows that only pointed at a deleted row (ON DELETE SET NULL: an event's period, a key
    # term's section): (table, column, value, ids), so undo points them at it again.
    links: tuple[tuple[str, str, int, tuple[int, ...]], ...] = ()


@dataclass(frozen=True)
class DeleteRow:
    kind: Kind
    row_id: int
    label: str = "Delete"
    also_changes: Changes = field(default_factory=Changes)

    def apply(self, session: Session) -> Outcome:
        row = get_row(session, self.kind, self.row_id)
        model = MODELS[self.kind]
        collected: list[tuple[str, tuple[dict[str, Any], ...]]] = []
        _collect(session, model.__table__, "id", [self.row_id], collected)  # type: ignore[arg-type]
        links = _nulled_links(session, collected)
        tombstone = None
        if getattr(row, "source", None) == SOURCE_PACK:
            topic_id, key = _topic_id(session, row), _scoped_key(session, row)
            table_name = model.__tablename__
            tombstone = (topic_id, table_name, key)
            session.merge(PackTombstone(topic_id=topic_id, table_name=table_name, key=key))
        session.delete(row)
        snapshot = Snapshot(self.kind, self.row_id, tuple(collected), tombstone, links)
        changes = Changes.of(self.kind, self.row_id) | self.also_changes | _linked(links)
        return Outcome(changes, RestoreRow(snapshot, self.label, self.also_changes))


@dataclass(frozen=True)
class RestoreRow:
    snapshot: Snapshot
    label: str = "Restore"
    also_changes: Changes = field(default_factory=Changes)

    def apply(self, session: Session) -> Outcome:
        # Rows come back parents first, but a row with two parents (evidence on a point and an
        # event) may arrive before its second parent: check foreign keys at commit instead.
        session.execute(text("PRAGMA defer_foreign_keys = ON"))
        for table_name, rows in self.snapshot.rows:
            if rows:
                session.execute(insert(Base.metadata.tables[table_name]), list(rows))
        for table_name, column, value, ids in self.snapshot.links:
            table = Base.metadata.tables[table_name]
            session.execute(update(table).where(table.c.id.in_(ids)).values({column: value}))
        if self.snapshot.tombstone:
            topic_id, table_name, key = self.snapshot.tombstone
            session.execute(
                delete(PackTombstone).where(
                    PackTombstone.topic_id == topic_id,
                    PackTombstone.table_name == table_name,
                    PackTombstone.key == key,
                )
            )
        kind, row_id = self.snapshot.kind, self.snapshot.row_id
        changes = Changes.of(kind, row_id) | self.also_changes | _linked(self.snapshot.links)
        return Outcome(changes, DeleteRow(kind, row_id, self.label, self.also_changes))


def _nulled_links(
    session: Session, collected: list[tuple[str, tuple[dict[str, Any], ...]]]
) -> tuple[tuple[str, str, int, tuple[int, ...]], ...]:
    """The rows outside the deletion that point at a row inside it through a SET NULL key:
    the deletion keeps them but unlinks them, and its undo must link them again."""
    deleted = {name: {row["id"] for row in rows if "id" in row} for name, rows in collected}
    links: list[tuple[str, str, int, tuple[int, ...]]] = []
    for referrer in Base.metadata.sorted_tables:
        for fk in referrer.foreign_keys:
            target = fk.column.table.name
            if fk.ondelete != "SET NULL" or not deleted.get(target):
                continue
            column = referrer.c[fk.parent.name]
            found = session.execute(
                select(referrer.c.id, column).where(column.in_(deleted[target]))
            ).all()  # fmt: skip
            by_value: dict[int, list[int]] = {}
            for row_id, value in found:
                if row_id not in deleted.get(referrer.name, ()):
                    by_value.setdefault(value, []).append(row_id)
            links.extend((referrer.name, column.name, value, tuple(ids))
                         for value, ids in by_value.items())  # fmt: skip
    return tuple(links)


def _linked(links: tuple[tuple[str, str, int, tuple[int, ...]], ...]) -> Changes:
    """The relinked rows, as changes the tabs show (rows of tables no tab shows are left out)."""
    kinds = {model.__tablename__: kind for kind, model in MODELS.items()}
    changes = Changes()
    for table_name, _column, _value, ids in links:
        if table_name in kinds:
            changes = changes | Changes.of(kinds[table_name], *ids)
    return changes


def _collect(
    session: Session,
    table: Table,
    column: str,
    values: list[Any],
    out: list[tuple[str, tuple[dict[str, Any], ...]]],
    seen: set[tuple[str, tuple[Any, ...]]] | None = None,
) -> None:
    """Gather rows of `table` where `column` is in `values`, then their dependants.

    A row reachable by two paths (evidence hangs off both a point and an event) is kept once.
    """
    seen = set() if seen is None else seen
    if not values:
        return
    found = session.execute(select(table).where(table.c[column].in_(values))).mappings().all()
    primary = [c.name for c in table.primary_key.columns]
    rows = []
    for row in found:
        identity = (table.name, tuple(row[name] for name in primary))
        if identity not in seen:
            seen.add(identity)
            rows.append(dict(row))
    if not rows:
        return
    out.append((table.name, tuple(rows)))
    for dependant in Base.metadata.sorted_tables:
        for fk in dependant.foreign_keys:
            if fk.column.table is table and fk.ondelete == "CASCADE":
                referenced = [row[fk.column.name] for row in rows]
                _collect(session, dependant, fk.parent.name, referenced, out, seen)


def _topic_id(session: Session, row: Any) -> int:
    if hasattr(row, "topic_id"):
        return int(row.topic_id)
    if isinstance(row, NoteItem):
        return int(get_row(session, Kind.NOTE_SECTION, row.section_id).topic_id)
    if isinstance(row, Point):
        return int(get_row(session, Kind.QUESTION, row.question_id).topic_id)
    raise TypeError(f"{type(row).__name__} does not belong to a study pack")


def _scoped_key(session: Session, row: Any) -> str:
    """Point keys are unique per question only, so their tombstone names the question too."""
    if isinstance(row, Point):
        question = get_row(session, Kind.QUESTION, row.question_id)
        return f"{question.key}/{row.key}"
    return str(row.key)

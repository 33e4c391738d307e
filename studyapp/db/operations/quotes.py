"""Quote operations: a student's own quote in the phase notes, edited and deleted.

A quote is a `Quote` row (speaker, words, occasion) shown in the notes by a note item of kind
"quote" that points at it, so it can be cited as evidence and found by search like the pack's.
Adding, editing and deleting change both in one transaction, and undo as one step.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from studyapp.db.models import SOURCE_USER, NoteItem, Quote
from studyapp.db.operations.base import Operation, Outcome, Together
from studyapp.db.operations.rows import DeleteRow, FieldEdit, get_row, new_user_key, next_position
from studyapp.db.operations.validation import validate_quote
from studyapp.domain.changes import Changes, Kind
from studyapp.domain.text import shorten


@dataclass(frozen=True)
class QuoteFields:
    """Who said it, the words, and on what occasion; `edtf` is an optional date as stored."""

    speaker: str
    text: str
    context: str = ""
    edtf: str | None = None

    def as_values(self) -> dict[str, Any]:
        return dict(self.__dict__)


def item_text(words: str) -> str:
    """How the notes show a quote's words: in double quotation marks (the speaker and the
    occasion come from the quote itself)."""
    return f'"{words}"'


@dataclass(frozen=True)
class AddQuote:
    """The student's quote, last in its section; the outcome's value is the note item's id."""

    section_id: int
    fields: QuoteFields
    label: str

    def apply(self, session: Session) -> Outcome:
        values = validate_quote(self.fields.as_values())
        section = get_row(session, Kind.NOTE_SECTION, self.section_id)
        quote = Quote(topic_id=section.topic_id, key=new_user_key(), source=SOURCE_USER,
                      user_modified=False, **values)  # fmt: skip
        session.add(quote)
        session.flush()
        position = next_position(session, NoteItem.position, NoteItem.section_id == self.section_id)
        item = NoteItem(section_id=self.section_id, key=new_user_key(), source=SOURCE_USER,
                        user_modified=False, kind="quote", text=item_text(values["text"]),
                        quote_id=quote.id, position=position, annotation="",
                        learnt=False)  # fmt: skip
        session.add(item)
        session.flush()
        undo = Together((DeleteRow(Kind.NOTE_ITEM, item.id), DeleteRow(Kind.QUOTE, quote.id)),
                        self.label)  # fmt: skip
        changes = Changes.of(Kind.QUOTE, quote.id) | Changes.of(Kind.NOTE_ITEM, item.id)
        return Outcome(changes, undo, item.id)


def add_quote(section_id: int, fields: QuoteFields) -> Operation:
    return AddQuote(section_id, fields, f"Add quote from {shorten(fields.speaker.strip(), 40)}")


@dataclass(frozen=True)
class EditQuote:
    """Save the quote, and the words of the note items that show it."""

    quote_id: int
    fields: QuoteFields
    label: str

    def apply(self, session: Session) -> Outcome:
        values = validate_quote(self.fields.as_values())
        get_row(session, Kind.QUOTE, self.quote_id)
        steps: list[Operation] = [FieldEdit(Kind.QUOTE, self.quote_id, values, None, self.label)]
        for item_id in _items_showing(session, self.quote_id):
            steps.append(FieldEdit(Kind.NOTE_ITEM, item_id, {"text": item_text(values["text"])},
                                   None, self.label))  # fmt: skip
        return Together(tuple(steps), self.label).apply(session)


def edit_quote(quote_id: int, fields: QuoteFields) -> Operation:
    return EditQuote(quote_id, fields, f"Edit quote from {shorten(fields.speaker.strip(), 40)}")


@dataclass(frozen=True)
class DeleteQuote:
    """Delete a quote and the note items that show it (a pack quote leaves tombstones)."""

    quote_id: int
    label: str

    def apply(self, session: Session) -> Outcome:
        get_row(session, Kind.QUOTE, self.quote_id)
        steps: list[Operation] = [DeleteRow(Kind.NOTE_ITEM, item_id, self.label)
                                  for item_id in _items_showing(session, self.quote_id)]
        steps.append(DeleteRow(Kind.QUOTE, self.quote_id, self.label))
        return Together(tuple(steps), self.label).apply(session)


def delete_quote(quote_id: int, speaker: str = "") -> Operation:
    return DeleteQuote(quote_id, f"Delete quote from {shorten(speaker, 40)}")


def _items_showing(session: Session, quote_id: int) -> list[int]:
    return list(session.scalars(
        select(NoteItem.id).where(NoteItem.quote_id == quote_id).order_by(NoteItem.id)
    ))  # fmt: skip

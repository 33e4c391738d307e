"""Quotes: the one a note item shows, and the note item that shows a quote."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from studyapp.db.models import NoteItem, Quote


@dataclass(frozen=True)
class QuoteRow:
    id: int
    key: str
    speaker: str
    text: str
    context: str
    edtf: str | None
    source: str


def quote_of_item(session_factory: sessionmaker[Session], item_id: int) -> QuoteRow | None:
    """The quote a note item shows (None for an ordinary item)."""
    with session_factory() as session:
        quote = session.scalars(
            select(Quote).join(NoteItem, NoteItem.quote_id == Quote.id)
            .where(NoteItem.id == item_id)
        ).first()  # fmt: skip
        if quote is None:
            return None
        return QuoteRow(quote.id, quote.key, quote.speaker, quote.text, quote.context,
                        quote.edtf, quote.source)  # fmt: skip


def item_showing(session_factory: sessionmaker[Session], quote_id: int) -> int | None:
    """The first note item that shows a quote (where a search result for it opens)."""
    with session_factory() as session:
        return session.scalars(
            select(NoteItem.id).where(NoteItem.quote_id == quote_id).order_by(NoteItem.id)
        ).first()  # fmt: skip

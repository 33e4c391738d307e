"""The review exports the command line and File ▸ Export share: the Anki deck and the CSV of
the student's own cards, each ending in one sentence saying what was written."""

from __future__ import annotations

from pathlib import Path

from studyapp.db.models import SOURCE_USER
from studyapp.db.services import SessionFactory
from studyapp.db.services.review import deck, refresh_pending
from studyapp.db.services.topic import find_topic


def export_deck(session_factory: SessionFactory, topic: str | None, output: Path) -> str:
    """Bring the cards up to date with the notes, then write the .apkg. Only the rows changed
    since the last sync are worded again (`refresh_pending`, db/card_sources.py): the same
    cards as a whole-topic sync, without its second at 10,000 events."""
    from studyapp.export.apkg import write_apkg

    topic_id = find_topic(session_factory, topic).id
    refresh_pending(session_factory, topic_id)
    cards = deck(session_factory, topic_id)
    count = write_apkg(cards, output)
    return f"Wrote {count} cards of '{cards.title}' to {output}; import it into Anki."


def export_cards_csv(session_factory: SessionFactory, topic: str | None, output: Path) -> str:
    from studyapp.export.cards_csv import write_cards_csv

    topic_id = find_topic(session_factory, topic).id
    own = [card for card in deck(session_factory, topic_id).cards if card.origin == SOURCE_USER]
    count = write_cards_csv(own, output)
    return f"Wrote {count} of your own cards to {output}."

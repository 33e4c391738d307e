"""The topic's review cards as an Anki deck (.apkg), through `genanki`.

Re-exporting and re-importing into Anki must update notes, never duplicate them (genanki #61,
anki #2482): every note's GUID is derived from the card's stable key and the pack id, and the
deck and note-type ids are derived from the pack id, so they are the same on every export and
on every computer. The file is written to a temporary name beside the target and moved into
place, so an interrupted export never leaves half a deck under the student's file name.
"""

from __future__ import annotations

import hashlib
import html
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from studyapp.db.services.review import Deck

MODEL_FIELDS = ("Question", "Answer", "StudyApp key")
CARD_CSS = """.card { font-family: sans-serif; font-size: 22px; text-align: center; }
.prompt { white-space: normal; } hr#answer { margin: 1em 0; }"""


def stable_id(*parts: str) -> int:
    """A positive id Anki accepts (it needs 64-bit signed; we stay within 31 bits), fixed for
    the same parts forever."""
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).digest()
    return (1 << 30) + int.from_bytes(digest[:4], "big") % (1 << 30)


def _field(text: str) -> str:
    return html.escape(text).replace("\n", "<br>")


def build_package(deck: Deck):  # type: ignore[no-untyped-def]
    """The genanki Package for `deck`: one note per card."""
    import genanki

    model = genanki.Model(
        stable_id("studyapp-model", deck.pack_id),
        "StudyApp card",
        fields=[{"name": name} for name in MODEL_FIELDS],
        templates=[{
            "name": "Card 1",
            "qfmt": '<div class="prompt">{{Question}}</div>',
            "afmt": '{{FrontSide}}<hr id="answer">{{Answer}}',
        }],
        css=CARD_CSS,
    )  # fmt: skip
    anki_deck = genanki.Deck(stable_id("studyapp-deck", deck.pack_id), f"StudyApp::{deck.title}")
    for card in deck.cards:
        anki_deck.add_note(genanki.Note(
            model=model,
            fields=[_field(card.prompt), _field(card.answer), html.escape(card.key)],
            guid=genanki.guid_for("studyapp", deck.pack_id, card.key),
            tags=[f"studyapp::{card.kind}"],
        ))  # fmt: skip
    return genanki.Package(anki_deck)


def write_apkg(deck: Deck, output: Path) -> int:
    """Write the deck to `output` atomically; returns how many notes it holds."""
    package = build_package(deck)
    with atomic_target(output) as temporary:
        package.write_to_file(str(temporary))
    return len(deck.cards)


@contextmanager
def atomic_target(output: Path) -> Iterator[Path]:
    """A temporary path beside `output`, moved onto it only when the block succeeds.

    A local helper until the shared `studyapp/export/files.py` lands; then use that one.
    """
    output = Path(output)
    handle, name = tempfile.mkstemp(prefix=f".{output.name}.", suffix=".part", dir=output.parent)
    os.close(handle)
    temporary = Path(name)
    try:
        yield temporary
        os.replace(temporary, output)
    finally:
        temporary.unlink(missing_ok=True)

"""The student's own review cards as CSV, out and back in.

One card a row, with a header: `question,answer`. Reading is strict about shape (one sentence
naming the row at fault) and refuses files too big to be a set of cards.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from pathlib import Path

from studyapp.db.services.review import CardRow
from studyapp.domain.errors import StudentError
from studyapp.export.apkg import atomic_target

HEADER = ("question", "answer")
MAX_BYTES = 2_000_000
MAX_CARDS = 5000


def write_cards_csv(cards: Iterable[CardRow], output: Path) -> int:
    """Write the given cards; returns how many rows were written."""
    rows = [(card.prompt, card.answer) for card in cards]
    with atomic_target(output) as temporary, temporary.open("w", encoding="utf-8",
                                                            newline="") as handle:  # fmt: skip
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        writer.writerows(rows)
    return len(rows)


def read_cards_csv(path: Path) -> tuple[tuple[str, str], ...]:
    """(question, answer) pairs from a CSV file; a header row is recognised and skipped."""
    try:
        if path.stat().st_size > MAX_BYTES:
            raise StudentError(f"{path.name} is too big to be a set of cards.")
        text = path.read_text("utf-8-sig")
    except OSError as error:
        raise StudentError(f"{path.name} cannot be read ({error.strerror}).") from error
    except UnicodeDecodeError as error:
        raise StudentError(f"{path.name} is not a UTF-8 CSV file.") from error
    try:
        rows = [row for row in csv.reader(io.StringIO(text)) if any(c.strip() for c in row)]
    except csv.Error as error:
        raise StudentError(f"{path.name} is not a CSV file StudyApp can read ({error}).") from error
    if rows and tuple(cell.strip().lower() for cell in rows[0]) == HEADER:
        rows = rows[1:]
    if not rows:
        raise StudentError(f"{path.name} holds no cards.")
    if len(rows) > MAX_CARDS:
        raise StudentError(f"{path.name} holds more than {MAX_CARDS} cards.")
    for number, row in enumerate(rows, 1):
        if len(row) != 2:
            raise StudentError(
                f"Row {number} of {path.name} has {len(row)} columns; each needs a question "
                "and an answer."
            )
    return tuple((question, answer) for question, answer in rows)

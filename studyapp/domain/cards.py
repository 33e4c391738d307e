"""Flashcards generated from a study pack: which cards a topic's content gives, worded honestly.

Pure Python: plain source rows in, `CardSpec`s out. Every generated card has a stable key made
from its kind and its source's pack key (`event-date:rapallo-treaty`), so the database can keep
a card's scheduling state while its wording follows edits to the source. Dates are worded at
the precision they have (`dates.describe`): a year-precision event is never given a day.

Each generator takes only the rows it words, so an edit can re-word the cards of the rows it
changed (`db/services/review.sync_changed`) without generating the whole topic's cards again.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from studyapp.domain.changes import Kind
from studyapp.domain.dates import DateError, HistoricalDate, Precision, describe, parse


class CardKind(StrEnum):
    EVENT_DATE = "event-date"  # event → its date
    DATE_EVENT = "date-event"  # date → the event
    QUOTE = "quote"  # quote → speaker and occasion
    FACTOR = "factor"  # factor → explanation
    KEY_TERM = "key-term"  # key term → meaning
    OWN = "own"  # written by the student


@dataclass(frozen=True)
class SourceEvent:
    id: int
    key: str
    title: str
    edtf: str
    period_id: int | None = None
    bounds: tuple[str, str, str] | None = None  # stored (start, end, precision): no re-parse

    def date_words(self) -> str:
        if self.bounds is None:
            return word_date(self.edtf)
        return word_stored(self.edtf, *self.bounds)


@dataclass(frozen=True)
class SourceQuote:
    id: int
    key: str
    speaker: str
    text: str
    context: str
    edtf: str | None = None
    period_id: int | None = None


@dataclass(frozen=True)
class SourceFactor:
    id: int
    key: str
    title: str
    explanation: str


@dataclass(frozen=True)
class SourceKeyTerm:
    id: int
    key: str
    term: str
    meaning: str
    period_id: int | None = None  # the period of the note section it belongs to


@dataclass(frozen=True)
class CardSpec:
    """A card as the pack content words it, before any scheduling."""

    key: str
    kind: CardKind
    source_kind: Kind
    source_id: int
    prompt: str
    answer: str
    period_id: int | None = None


def word_stored(edtf: str, start: str, end: str, precision: str) -> str:
    """A stored date as a student says it, from the bounds and precision saved with it.

    No parse: the `edtf` library (≈0.5 s to import, ≈15 ms a date) is never needed to word a
    date that was read once already, so the Review tab's first show stays cheap.
    """
    try:
        date = HistoricalDate(edtf, dt.date.fromisoformat(start), dt.date.fromisoformat(end),
                              Precision(precision))  # fmt: skip
    except ValueError:  # bounds a newer or damaged file holds: read the text instead
        return word_date(edtf)
    return describe(date)


def word_date(edtf: str) -> str:
    """The date as a student says it, at its real precision; the raw text if unreadable."""
    try:
        return describe(parse(edtf))
    except DateError:
        return edtf


def event_cards(events: Iterable[SourceEvent]) -> list[CardSpec]:
    """event → date for every event; date → event only where no other event has that date,
    since an answer shared by two events cannot be marked."""
    events = list(events)
    worded = {event.id: event.date_words() for event in events}
    shared = Counter(worded.values())
    cards = []
    for event in events:
        date = worded[event.id]
        cards.append(CardSpec(
            f"{CardKind.EVENT_DATE}:{event.key}", CardKind.EVENT_DATE, Kind.EVENT, event.id,
            f"When did this happen?\n{event.title}", date, event.period_id,
        ))  # fmt: skip
        if shared[date] == 1:
            cards.append(CardSpec(
                f"{CardKind.DATE_EVENT}:{event.key}", CardKind.DATE_EVENT, Kind.EVENT, event.id,
                f"What happened?\n{date}", event.title, event.period_id,
            ))  # fmt: skip
    return cards


def quote_card(quote: SourceQuote) -> CardSpec:
    occasion = quote.context.strip()
    if quote.edtf and not occasion:
        occasion = word_date(quote.edtf)
    answer = f"{quote.speaker}\n{occasion}" if occasion else quote.speaker
    return CardSpec(
        f"{CardKind.QUOTE}:{quote.key}", CardKind.QUOTE, Kind.QUOTE, quote.id,
        f"Who said this, and when?\n“{quote.text}”", answer, quote.period_id,
    )  # fmt: skip


def factor_card(factor: SourceFactor) -> CardSpec:
    return CardSpec(
        f"{CardKind.FACTOR}:{factor.key}", CardKind.FACTOR, Kind.FACTOR, factor.id,
        f"Why did this help the USSR win the war?\n{factor.title}", factor.explanation,
    )  # fmt: skip


def key_term_card(term: SourceKeyTerm) -> CardSpec:
    return CardSpec(
        f"{CardKind.KEY_TERM}:{term.key}", CardKind.KEY_TERM, Kind.KEY_TERM, term.id,
        f"What does this term mean?\n{term.term}", term.meaning, term.period_id,
    )  # fmt: skip


def factor_cards(factors: Iterable[SourceFactor]) -> list[CardSpec]:
    """A factor with no explanation yet has nothing to be asked about."""
    return [factor_card(factor) for factor in factors if factor.explanation.strip()]


def generate(
    events: Iterable[SourceEvent],
    quotes: Iterable[SourceQuote],
    factors: Iterable[SourceFactor],
    key_terms: Iterable[SourceKeyTerm] = (),
) -> list[CardSpec]:
    """Every card the content gives, in a stable order (events, quotes, factors, key terms)."""
    cards = event_cards(events)
    cards += [quote_card(quote) for quote in quotes]
    cards += factor_cards(factors)
    cards += [key_term_card(term) for term in key_terms]
    return cards

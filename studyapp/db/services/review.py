"""Review cards: keeping generated cards in step with the content, and every read the Review
tab, the progress chart, the chronology challenge and the deck export need.

Scheduling state lives only in `review_card`/`review_log`. `sync_cards` adds cards for new
content, rewords generated cards whose source changed (unless the student reworded them), and
marks cards whose source is gone `source_missing` — it never deletes a card or its history, so
undoing a deletion or re-importing a pack brings the card back with everything learnt.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import and_, case, delete, func, insert, select, text, true, update
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.sql.elements import ColumnElement

from studyapp.db.engine import write_session
from studyapp.db.models import (
    SOURCE_PACK,
    CardSourceChange,
    ChronologyResult,
    Event,
    Factor,
    KeyTerm,
    NoteSection,
    Period,
    Quote,
    ReviewCard,
    ReviewSetting,
    Topic,
)
from studyapp.domain import chronology, scheduling
from studyapp.domain.cards import (
    CardKind,
    CardSpec,
    SourceEvent,
    SourceFactor,
    SourceKeyTerm,
    SourceQuote,
    event_cards,
    factor_cards,
    generate,
    key_term_card,
    quote_card,
    word_stored,
)
from studyapp.domain.changes import Changes, Kind
from studyapp.domain.chronology import ChronoEvent
from studyapp.domain.dates import DateError, parse

SessionFactory = sessionmaker[Session]
RETENTION_SETTING = "desired_retention"


@dataclass(frozen=True)
class CardRow:
    id: int
    key: str
    kind: str
    origin: str
    prompt: str
    answer: str
    due: dt.datetime | None
    suspended: bool
    source_missing: bool
    source_kind: str | None
    source_id: int | None

    @property
    def active(self) -> bool:
        return not (self.suspended or self.source_missing)


@dataclass(frozen=True)
class SyncReport:
    added: int = 0
    updated: int = 0
    source_missing: int = 0
    # The cards added, reworded or marked missing: the Review tab redraws only these rows.
    card_ids: frozenset[int] = field(default=frozenset(), compare=False, repr=False)

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.source_missing)


@dataclass(frozen=True)
class PeriodProgress:
    title: str
    cards: int
    learnt: int
    retention: float | None  # mean predicted recall of the cards reviewed so far


@dataclass(frozen=True)
class ChronologyRow:
    id: int
    taken_at: dt.datetime
    score: int
    out_of: int


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def as_utc(moment: dt.datetime | None) -> dt.datetime | None:
    """SQLite returns naive datetimes; every one we store is UTC."""
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=dt.UTC)


def card_row(card: Any) -> CardRow:
    """A card's plain row, from a `ReviewCard` or a row of `_CARD_COLUMNS`."""
    return CardRow(
        card.id, card.card_key, card.kind, card.origin, card.prompt, card.answer,
        as_utc(card.due), card.suspended, card.source_missing, card.source_kind, card.source_id,
    )  # fmt: skip


# Column rows, not ORM objects, for reads of every card: 20,000 objects cost ~1 s to build.
_CARD_COLUMNS = (
    ReviewCard.id, ReviewCard.card_key, ReviewCard.kind, ReviewCard.origin, ReviewCard.prompt,
    ReviewCard.answer, ReviewCard.due, ReviewCard.suspended, ReviewCard.source_missing,
    ReviewCard.source_kind, ReviewCard.source_id,
)  # fmt: skip


# -- keeping cards in step with the content ---------------------------------------------------


def sync_cards(session: Session, topic_id: int, now: dt.datetime | None = None) -> SyncReport:
    """Bring all the topic's generated cards in line with its content, inside `session`
    (after an import, and when the Review tab first shows).

    Plain column rows and bulk statements rather than ORM objects: a 10,000-event topic has
    20,000 cards.
    """
    specs = {spec.key: spec for spec in generate(*_sources(session, topic_id))}
    existing = {row.card_key: row for row in session.execute(
        select(*_SYNCED).where(ReviewCard.topic_id == topic_id, ReviewCard.origin == SOURCE_PACK)
    )}  # fmt: skip
    # Everything is in step now: the notes of what changed (`sync_pending`) are answered.
    session.execute(delete(CardSourceChange).where(CardSourceChange.topic_id == topic_id))
    return _reconcile(session, topic_id, specs, existing, now)


def sync_pending(session: Session, topic_id: int, now: dt.datetime | None = None) -> SyncReport:
    """Bring in line the cards of the rows the triggers noted as changed since the topic's
    cards were last synced (`db/card_sources.py`), and clear the notes: nothing when nothing
    changed, the noted rows' cards after an edit from any write path, the whole topic after a
    period changed."""
    notes = session.execute(
        select(CardSourceChange.id, CardSourceChange.kind, CardSourceChange.row_id)
        .where(CardSourceChange.topic_id == topic_id)
    ).all()  # fmt: skip
    if not notes:
        return SyncReport()
    changes = Changes(
        rows=frozenset((Kind(kind), row_id) for _id, kind, row_id in notes if row_id is not None),
        whole_kinds=frozenset(Kind(kind) for _id, kind, row_id in notes if row_id is None),
    )
    report = sync_changed(session, topic_id, changes, now)
    answered = max(note_id for note_id, _kind, _row_id in notes)
    session.execute(delete(CardSourceChange).where(CardSourceChange.topic_id == topic_id,
                                                   CardSourceChange.id <= answered))  # fmt: skip
    return report


# An edit of one of these rows re-words only the cards of the rows it names.
_CARD_SOURCES = (Kind.EVENT, Kind.QUOTE, Kind.FACTOR, Kind.KEY_TERM)


def sync_changed(
    session: Session, topic_id: int, changes: Changes, now: dt.datetime | None = None
) -> SyncReport:
    """Bring in line only the cards of the rows `changes` names (after an edit, undo or redo).

    A change that may touch any row of a kind (an import), or periods and topics (which place
    every card in a period), falls back to `sync_cards`. An event's date → event card exists
    only while no other event shares its worded date, so the events whose date the edited
    event had or has now are re-worded with it.
    """
    if changes.whole_kinds & {*_CARD_SOURCES, Kind.PERIOD, Kind.TOPIC} or changes.touches(
        Kind.PERIOD, Kind.TOPIC
    ):
        return sync_cards(session, topic_id, now)
    specs: list[CardSpec] = []
    scope: list[tuple[Kind, frozenset[int]]] = []
    event_ids = changes.ids(Kind.EVENT) or frozenset()
    if event_ids:
        affected = _events_sharing_dates(session, topic_id, event_ids)
        if affected is None:
            return sync_cards(session, topic_id, now)
        specs += event_cards(_source_events(session, topic_id, Event.id.in_(affected)))
        scope.append((Kind.EVENT, affected))
    for kind in (Kind.QUOTE, Kind.FACTOR, Kind.KEY_TERM):
        ids = changes.ids(kind) or frozenset()
        if kind is Kind.KEY_TERM and changes.touches(Kind.NOTE_SECTION):
            # A term takes its section's period, and deleting a section unlinks its terms.
            ids = frozenset(session.scalars(select(KeyTerm.id).where(KeyTerm.topic_id == topic_id)))
        if ids:
            specs += _cards_of(session, topic_id, kind, ids)
            scope.append((kind, ids))
    if not scope:
        return SyncReport()
    by_key = {spec.key: spec for spec in specs}
    # One indexed lookup each (an OR of them would scan every card): the cards these rows
    # have, and any card already holding a key they now give.
    lookups = [and_(ReviewCard.source_kind == kind.value, ReviewCard.source_id.in_(ids))
               for kind, ids in scope] + [ReviewCard.card_key.in_(list(by_key))]  # fmt: skip
    existing = {row.card_key: row for lookup in lookups for row in session.execute(
        select(*_SYNCED).where(ReviewCard.topic_id == topic_id,
                               ReviewCard.origin == SOURCE_PACK, lookup)
    )}  # fmt: skip
    return _reconcile(session, topic_id, by_key, existing, now)


def _reconcile(
    session: Session,
    topic_id: int,
    specs: dict[str, CardSpec],
    existing: dict[str, Any],
    now: dt.datetime | None,
) -> SyncReport:
    """Reword, add and mark missing so that the `existing` cards match `specs`."""
    changes = [c for key, spec in specs.items() if key in existing
               if (c := _refresh(existing[key], spec))]  # fmt: skip
    gone = [{"id": row.id, "source_missing": True}
            for key, row in existing.items() if key not in specs and not row.source_missing]
    if changes or gone:
        session.execute(update(ReviewCard), changes + gone)
    new = [_new_card(topic_id, spec, now or utc_now()) for key, spec in specs.items()
           if key not in existing]  # fmt: skip
    new_ids: set[int] = set()
    if new:
        # Ids grow and this transaction is the only writer: the new cards are those above the
        # highest id before the insert (one indexed range, not a lookup of 20,000 keys).
        highest = session.scalar(select(func.max(ReviewCard.id))) or 0
        session.execute(insert(ReviewCard), new)
        new_ids = set(session.scalars(select(ReviewCard.id).where(ReviewCard.id > highest)))
    touched = {row["id"] for row in changes + gone} | new_ids
    return SyncReport(len(new), len(changes), len(gone), frozenset(touched))


_SYNCED = (
    ReviewCard.id, ReviewCard.card_key, ReviewCard.source_id, ReviewCard.period_id,
    ReviewCard.prompt, ReviewCard.answer, ReviewCard.user_modified, ReviewCard.source_missing,
)  # fmt: skip


def refresh_cards(session_factory: SessionFactory, topic_id: int) -> SyncReport:
    """Run `sync_cards` in its own write transaction (after imports and edits elsewhere)."""
    with write_session(session_factory) as session:
        return sync_cards(session, topic_id)


def refresh_changed(session_factory: SessionFactory, topic_id: int, changes: Changes) -> SyncReport:
    """Run `sync_changed` in its own write transaction (after an edit on the bus)."""
    with write_session(session_factory) as session:
        return sync_changed(session, topic_id, changes)


def refresh_pending(session_factory: SessionFactory, topic_id: int) -> SyncReport:
    """Run `sync_pending` in its own write transaction (the Review tab's first show, and after
    an edit on the bus); when nothing is noted, only a read."""
    with session_factory() as session:
        noted = session.scalar(select(CardSourceChange.id)
                               .where(CardSourceChange.topic_id == topic_id).limit(1))  # fmt: skip
    if noted is None:
        return SyncReport()
    with write_session(session_factory) as session:
        return sync_pending(session, topic_id)


def _events_sharing_dates(
    session: Session, topic_id: int, event_ids: frozenset[int]
) -> frozenset[int] | None:
    """The edited events and every event whose worded date they had or have now: those whose
    cards say the same date, and those with the same bounds. None when an edited event's old
    date cannot be told (its date card was reworded by the student): then sync everything."""
    old_cards = session.execute(
        select(ReviewCard.source_id, ReviewCard.answer, ReviewCard.user_modified)
        .where(ReviewCard.topic_id == topic_id, ReviewCard.origin == SOURCE_PACK,
               ReviewCard.source_kind == Kind.EVENT.value, ReviewCard.source_id.in_(event_ids),
               ReviewCard.kind == CardKind.EVENT_DATE.value)
    ).all()  # fmt: skip
    if any(row.user_modified for row in old_cards):
        return None
    words = {row.answer for row in old_cards}
    now_events = _source_events(session, topic_id, Event.id.in_(event_ids))
    words |= {event.date_words() for event in now_events}
    bounds = {(event.bounds[0], event.bounds[1]) for event in now_events if event.bounds}
    # Topic and origin are checked here, not in SQL: given `topic_id = ?`, SQLite walks the
    # topic's every card instead of the few with these answers.
    sharing = {row.source_id for row in session.execute(
        select(ReviewCard.source_id, ReviewCard.topic_id, ReviewCard.origin)
        .where(_EVENT_DATE_CARD, ReviewCard.answer.in_(words))
    ) if row.topic_id == topic_id and row.origin == SOURCE_PACK}  # fmt: skip
    for start, end in bounds:
        sharing |= set(session.scalars(select(Event.id).where(
            Event.topic_id == topic_id, Event.start == start, Event.end == end)))  # fmt: skip
    return frozenset(event_ids | {row_id for row_id in sharing if row_id is not None})


# Written out, not bound as a parameter, so that SQLite uses the partial index on it.
_EVENT_DATE_CARD = text(f"review_card.kind = '{CardKind.EVENT_DATE.value}'")


def _cards_of(session: Session, topic_id: int, kind: Kind, ids: frozenset[int]) -> list[CardSpec]:
    """The cards of these quotes, factors or key terms."""
    if kind is Kind.QUOTE:
        return [quote_card(q) for q in _source_quotes(session, topic_id, Quote.id.in_(ids))]
    if kind is Kind.FACTOR:
        return factor_cards(_source_factors(session, topic_id, Factor.id.in_(ids)))
    terms = _source_key_terms(session, topic_id, KeyTerm.id.in_(ids))
    return [key_term_card(term) for term in terms]


def _new_card(topic_id: int, spec: CardSpec, now: dt.datetime) -> dict[str, object]:
    # FSRS's own card id only labels its ReviewLog objects, which we never keep: 0 will do.
    scheduled = scheduling.new_state(0, now)
    return {
        "topic_id": topic_id, "card_key": spec.key, "kind": spec.kind.value,
        "origin": SOURCE_PACK, "source_kind": spec.source_kind.value,
        "source_id": spec.source_id, "period_id": spec.period_id, "prompt": spec.prompt,
        "answer": spec.answer, "user_modified": False, "suspended": False,
        "source_missing": False, "state_json": scheduled.state_json, "due": scheduled.due,
    }  # fmt: skip


def _refresh(row: Any, spec: CardSpec) -> dict[str, object] | None:
    """The columns of an existing card to change for `spec`; None when nothing changes."""
    wanted: dict[str, object] = {
        "source_missing": False, "source_id": spec.source_id, "period_id": spec.period_id,
    }  # fmt: skip
    if not row.user_modified:
        wanted |= {"prompt": spec.prompt, "answer": spec.answer}
    changed = {name: value for name, value in wanted.items() if getattr(row, name) != value}
    return {"id": row.id, **changed} if changed else None


def _sources(
    session: Session, topic_id: int
) -> tuple[list[SourceEvent], list[SourceQuote], list[SourceFactor], list[SourceKeyTerm]]:
    everything = true()
    return (_source_events(session, topic_id, everything),
            _source_quotes(session, topic_id, everything),
            _source_factors(session, topic_id, everything),
            _source_key_terms(session, topic_id, everything))  # fmt: skip


def _source_events(session: Session, topic_id: int, which: Any) -> list[SourceEvent]:
    periods = _period_spans(session, topic_id)
    columns = (Event.id, Event.key, Event.title, Event.edtf, Event.period_id, Event.start,
               Event.end, Event.precision)  # fmt: skip
    return [
        SourceEvent(e.id, e.key, e.title, e.edtf, e.period_id or _period_for(periods, e.start),
                    (e.start, e.end, e.precision))  # fmt: skip
        for e in session.execute(
            select(*columns).where(Event.topic_id == topic_id, which)
            .order_by(Event.start, Event.id)
        )
    ]  # fmt: skip


def _source_quotes(session: Session, topic_id: int, which: Any) -> list[SourceQuote]:
    periods = _period_spans(session, topic_id)
    return [
        SourceQuote(q.id, q.key, q.speaker, q.text, q.context, q.edtf, _quote_period(periods, q))
        for q in session.scalars(
            select(Quote).where(Quote.topic_id == topic_id, which).order_by(Quote.id)
        )
    ]


def _source_factors(session: Session, topic_id: int, which: Any) -> list[SourceFactor]:
    return [
        SourceFactor(f.id, f.key, f.title, f.explanation)
        for f in session.scalars(
            select(Factor).where(Factor.topic_id == topic_id, which)
            .order_by(Factor.rank, Factor.id)
        )
    ]  # fmt: skip


def _source_key_terms(session: Session, topic_id: int, which: Any) -> list[SourceKeyTerm]:
    sections = {row.id: (row.parent_id, row.period_id) for row in session.execute(
        select(NoteSection.id, NoteSection.parent_id, NoteSection.period_id)
        .where(NoteSection.topic_id == topic_id)
    )}  # fmt: skip

    def period_of(section_id: int | None) -> int | None:
        seen: set[int] = set()
        while section_id is not None and section_id in sections and section_id not in seen:
            seen.add(section_id)
            parent_id, period_id = sections[section_id]
            if period_id is not None:
                return period_id
            section_id = parent_id
        return None

    return [
        SourceKeyTerm(t.id, t.key, t.term, t.meaning, period_of(t.section_id))
        for t in session.scalars(
            select(KeyTerm).where(KeyTerm.topic_id == topic_id, which)
            .order_by(KeyTerm.position, KeyTerm.id)
        )
    ]  # fmt: skip


def _period_spans(session: Session, topic_id: int) -> list[tuple[str, str, int]]:
    rows = session.execute(
        select(Period.start, Period.end, Period.id)
        .where(Period.topic_id == topic_id)
        .order_by(Period.position)
    )
    return [(start, end, period_id) for start, end, period_id in rows]


def _period_for(periods: list[tuple[str, str, int]], day: str) -> int | None:
    return next((pid for start, end, pid in periods if start <= day <= end), None)


def _quote_period(periods: list[tuple[str, str, int]], quote: Quote) -> int | None:
    if not quote.edtf:
        return None
    try:
        return _period_for(periods, parse(quote.edtf).start_iso)
    except DateError:
        return None


# -- reads --------------------------------------------------------------------------------------


def _active(topic_id: int):  # type: ignore[no-untyped-def]
    return (
        ReviewCard.topic_id == topic_id,
        ReviewCard.suspended.is_(False),
        ReviewCard.source_missing.is_(False),
    )


def due_cards(
    session_factory: SessionFactory, topic_id: int, now: dt.datetime, limit: int = 200
) -> list[CardRow]:
    """Cards due by `now`, most overdue first."""
    with session_factory() as session:
        rows = session.execute(
            select(*_CARD_COLUMNS)
            .where(*_active(topic_id), ReviewCard.due <= now)
            .order_by(ReviewCard.due, ReviewCard.id)
            .limit(limit)
        )
        return [card_row(card) for card in rows]


def due_count(session_factory: SessionFactory, topic_id: int, now: dt.datetime) -> int:
    with session_factory() as session:
        count = session.scalar(
            select(func.count(ReviewCard.id)).where(*_active(topic_id), ReviewCard.due <= now)
        )
        return int(count or 0)


def next_due(session_factory: SessionFactory, topic_id: int) -> dt.datetime | None:
    """When the next active card comes due (None when the topic has no active cards)."""
    with session_factory() as session:
        return as_utc(session.scalar(select(func.min(ReviewCard.due)).where(*_active(topic_id))))


def list_cards(session_factory: SessionFactory, topic_id: int) -> list[CardRow]:
    """Every card of the topic, the student's own first, then in the order they were made.

    The driver's plain tuples, not SQLAlchemy's rows: its per-row processing (a regular
    expression for each `due`) took half of the ~0.4 s that 20,000 cards cost.
    """
    with session_factory() as session:
        driver = session.connection().connection.driver_connection
        assert driver is not None  # an open session's connection
        rows = driver.execute(_LIST_CARDS, (topic_id,)).fetchall()
        return [
            CardRow(row_id, key, kind, origin, prompt, answer, _stored_moment(due),
                    bool(suspended), bool(missing), source_kind, source_id)
            for row_id, key, kind, origin, prompt, answer, due, suspended, missing, source_kind,
            source_id in rows
        ]  # fmt: skip


_LIST_CARDS = (
    "SELECT id, card_key, kind, origin, prompt, answer, due, suspended, source_missing,"
    " source_kind, source_id FROM review_card WHERE topic_id = ? ORDER BY origin DESC, id"
)


def _stored_moment(value: str | None) -> dt.datetime | None:
    """A `due` as SQLAlchemy stores it (naive UTC, ISO text), read back as an aware UTC time."""
    return None if value is None else dt.datetime.fromisoformat(value).replace(tzinfo=dt.UTC)


def get_card(session_factory: SessionFactory, card_id: int) -> CardRow | None:
    with session_factory() as session:
        card = session.get(ReviewCard, card_id)
        return None if card is None else card_row(card)


def get_cards(
    session_factory: SessionFactory, card_ids: list[int], topic_id: int | None = None
) -> dict[int, CardRow]:
    """These cards by id, in one query (a review session re-reads its queue); gone ones, and
    those of another topic when `topic_id` is given, are left out."""
    which: list[ColumnElement[bool]] = [ReviewCard.id.in_(card_ids)]
    if topic_id is not None:  # an undo can reach a card of a topic not shown
        which.append(ReviewCard.topic_id == topic_id)
    with session_factory() as session:
        rows = session.execute(select(*_CARD_COLUMNS).where(*which))
        return {row.id: card_row(row) for row in rows}


def card_state(session_factory: SessionFactory, card_id: int) -> str | None:
    """The stored FSRS state of one card (to tell an undone rating from a redone one)."""
    with session_factory() as session:
        return session.scalar(select(ReviewCard.state_json).where(ReviewCard.id == card_id))


def read_retention(session: Session) -> float:
    value = session.get(ReviewSetting, RETENTION_SETTING)
    return scheduling.DEFAULT_RETENTION if value is None else float(value.value)


def desired_retention(session_factory: SessionFactory) -> float:
    with session_factory() as session:
        return read_retention(session)


def progress(
    session_factory: SessionFactory, topic_id: int, now: dt.datetime
) -> list[PeriodProgress]:
    """Per period (in pack order, then cards tied to none): cards, learnt, predicted recall.

    SQLite counts the cards and the learnt ones from the stored FSRS state itself
    (`json_extract`); only the cards reviewed at least once are read into Python, for their
    recall. `scheduling.recall_summary` over every card's state gives the same figures.
    """
    state = ReviewCard.state_json
    with session_factory() as session:
        periods = session.execute(
            select(Period.id, Period.title)
            .where(Period.topic_id == topic_id)
            .order_by(Period.position)
        ).all()
        learnt = case((func.json_extract(state, "$.state") == scheduling.LEARNT_STATE, 1),
                      else_=0)  # fmt: skip
        counts = {period_id: (cards, int(learnt_cards or 0)) for period_id, cards, learnt_cards
                  in session.execute(
                      select(ReviewCard.period_id, func.count(), func.sum(learnt))
                      .where(*_active(topic_id)).group_by(ReviewCard.period_id))}  # fmt: skip
        reviewed = session.execute(
            select(ReviewCard.period_id, state).where(
                *_active(topic_id), func.json_extract(state, "$.last_review").is_not(None),
                func.json_extract(state, "$.stability").is_not(None))
        ).all()  # fmt: skip
    states: dict[int | None, list[str]] = {}
    for period_id, state_json in reviewed:
        states.setdefault(period_id, []).append(state_json)
    named = [(pid, title) for pid, title in periods] + [(None, "Not tied to one period")]
    return [_period_progress(title, *counts[pid], states.get(pid, []), now)
            for pid, title in named if pid in counts]  # fmt: skip


def _period_progress(
    title: str, cards: int, learnt: int, reviewed: list[str], now: dt.datetime
) -> PeriodProgress:
    _learnt, recalls = scheduling.recall_summary(reviewed, now)
    mean = sum(recalls) / len(recalls) if recalls else None
    return PeriodProgress(title, cards, learnt, mean)


_CHRONO_COLUMNS = (Event.id, Event.key, Event.title, Event.edtf, Event.start, Event.end,
                   Event.precision)  # fmt: skip


def _chrono_event(e: Any) -> ChronoEvent:
    return ChronoEvent(e.id, e.key, e.title, e.start, e.end,
                       word_stored(e.edtf, e.start, e.end, e.precision))  # fmt: skip


def chronology_events(session_factory: SessionFactory, topic_id: int) -> list[ChronoEvent]:
    """Every event of the topic, in id order, as the chronology challenge sees it."""
    with session_factory() as session:
        rows = session.execute(
            select(*_CHRONO_COLUMNS).where(Event.topic_id == topic_id).order_by(Event.id)
        )
        return [_chrono_event(e) for e in rows]


_CHRONO_BATCH = 32  # candidates read at a time: five events rarely need more than one batch


def chronology_challenge(
    session_factory: SessionFactory, topic_id: int, rng: random.Random,
    size: int = chronology.CHALLENGE_SIZE,
) -> list[ChronoEvent]:
    """A new challenge, as `chronology.pick(chronology_events(...), rng)` gives it (same events
    for the same `rng`), reading only the events it considers: the ids are shuffled, then the
    candidates are read and worded a batch at a time until `size` do not overlap."""
    with session_factory() as session:
        ids = list(session.scalars(
            select(Event.id).where(Event.topic_id == topic_id).order_by(Event.id)
        ))  # fmt: skip
        rng.shuffle(ids)

        def candidates() -> Iterator[ChronoEvent]:
            for at in range(0, len(ids), _CHRONO_BATCH):
                batch = ids[at : at + _CHRONO_BATCH]
                rows = {e.id: e for e in session.execute(
                    select(*_CHRONO_COLUMNS).where(Event.id.in_(batch)))}  # fmt: skip
                yield from (_chrono_event(rows[event_id]) for event_id in batch)

        return chronology.pick_shuffled(candidates(), rng, size)


def chronology_results(
    session_factory: SessionFactory, topic_id: int, limit: int = 10
) -> list[ChronologyRow]:
    """The latest challenges, newest first."""
    with session_factory() as session:
        rows = session.scalars(
            select(ChronologyResult)
            .where(ChronologyResult.topic_id == topic_id)
            .order_by(ChronologyResult.taken_at.desc(), ChronologyResult.id.desc())
            .limit(limit)
        )
        return [ChronologyRow(r.id, as_utc(r.taken_at), r.score, r.out_of) for r in rows]  # type: ignore[arg-type]


@dataclass(frozen=True)
class Deck:
    pack_id: str
    title: str
    cards: list[CardRow]


def deck(session_factory: SessionFactory, topic_id: int) -> Deck:
    """The topic's cards for export: every card whose source still exists."""
    with session_factory() as session:
        topic = session.get(Topic, topic_id)
        if topic is None:
            raise LookupError(f"topic {topic_id} does not exist")
        rows = session.scalars(
            select(ReviewCard)
            .where(ReviewCard.topic_id == topic_id, ReviewCard.source_missing.is_(False))
            .order_by(ReviewCard.id)
        )
        return Deck(topic.pack_id, topic.title, [card_row(card) for card in rows])

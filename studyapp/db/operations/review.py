"""Every change to review cards, as undoable operations: rate, add, edit, suspend, delete,
import, the desired retention, and chronology results.

Each operation validates inside `apply` (a refusal is one `StudentError` sentence) and returns
the operation that reverses it. Rating a card is reversed by restoring the card's previous
FSRS state and removing the log row; reversing that restores the new state and the same log
row, so undo and redo of the last rating go through the shared undo stack.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from dataclasses import dataclass, fields

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from studyapp.db.models import (
    SOURCE_USER,
    ChronologyResult,
    ReviewCard,
    ReviewLog,
    ReviewSetting,
    Topic,
)
from studyapp.db.operations.base import Outcome
from studyapp.db.services.review import RETENTION_SETTING, read_retention
from studyapp.domain import scheduling
from studyapp.domain.cards import CardKind
from studyapp.domain.changes import Changes, Kind
from studyapp.domain.errors import StudentError

MAX_SIDE = 4000  # characters on one side of a card


def _card(session: Session, card_id: int) -> ReviewCard:
    card = session.get(ReviewCard, card_id)
    if card is None:
        raise StudentError("That card no longer exists.")
    return card


def _utc(moment: dt.datetime) -> dt.datetime:
    """Every stored datetime is UTC (SQLite keeps no zone, so a local one would be misread)."""
    return moment.astimezone(dt.UTC) if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def _changed(*card_ids: int) -> Changes:
    return Changes.of(Kind.REVIEW_CARD, *card_ids)


# -- rating ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class LogSnapshot:
    id: int
    card_id: int
    rating: int
    reviewed_at: dt.datetime
    duration_ms: int | None


@dataclass(frozen=True)
class RateCard:
    """The student's answer to one card: FSRS schedules it and the rating is logged."""

    card_id: int
    rating: scheduling.Rating
    now: dt.datetime
    duration_ms: int | None = None

    @property
    def label(self) -> str:
        return f"Rate card “{scheduling.Rating(self.rating).name.title()}”"

    def apply(self, session: Session) -> Outcome:
        card = _card(session, self.card_id)
        if card.suspended or card.source_missing:
            raise StudentError("That card is suspended; unsuspend it to review it.")
        before_state, before_due = card.state_json, card.due
        scheduled = scheduling.review(
            card.state_json, scheduling.Rating(self.rating), self.now, read_retention(session)
        )
        card.state_json, card.due = scheduled.state_json, scheduled.due
        log = ReviewLog(card_id=card.id, rating=int(self.rating), reviewed_at=_utc(self.now),
                        duration_ms=self.duration_ms)  # fmt: skip
        session.add(log)
        session.flush()
        inverse = RestoreCardState(card.id, before_state, before_due, log.id, None)
        return Outcome(_changed(card.id), inverse, value=scheduled)


@dataclass(frozen=True)
class RestoreCardState:
    """Put back a card's FSRS state and take away (or bring back) one log row."""

    card_id: int
    state_json: str
    due: dt.datetime | None
    remove_log_id: int | None
    add_log: LogSnapshot | None

    label = "Restore card's schedule"

    def apply(self, session: Session) -> Outcome:
        card = _card(session, self.card_id)
        removed = None
        if self.remove_log_id is not None:
            log = session.get(ReviewLog, self.remove_log_id)
            if log is not None:
                removed = LogSnapshot(log.id, log.card_id, log.rating, log.reviewed_at,
                                      log.duration_ms)  # fmt: skip
                session.delete(log)
        if self.add_log is not None:
            session.add(ReviewLog(**{f.name: getattr(self.add_log, f.name)
                                     for f in fields(LogSnapshot)}))  # fmt: skip
        inverse = RestoreCardState(
            card.id, card.state_json, card.due,
            self.add_log.id if self.add_log else None, removed,
        )  # fmt: skip
        card.state_json, card.due = self.state_json, self.due
        return Outcome(_changed(card.id), inverse)


# -- the student's own cards ----------------------------------------------------------------------


def _side(text: str, name: str) -> str:
    cleaned = text.strip()
    if not cleaned:
        raise StudentError(f"The card's {name} is empty; write something to be asked.")
    if len(cleaned) > MAX_SIDE:
        raise StudentError(f"The card's {name} is longer than {MAX_SIDE} characters.")
    return cleaned


@dataclass(frozen=True)
class CardSnapshot:
    """Everything about one card, its history included, to bring it back as it was."""

    columns: tuple[tuple[str, object], ...]
    logs: tuple[LogSnapshot, ...]

    @classmethod
    def of(cls, session: Session, card: ReviewCard) -> CardSnapshot:
        columns = tuple((c.key, getattr(card, c.key)) for c in ReviewCard.__table__.columns)
        logs = session.scalars(select(ReviewLog).where(ReviewLog.card_id == card.id))
        return cls(columns, tuple(
            LogSnapshot(g.id, g.card_id, g.rating, g.reviewed_at, g.duration_ms) for g in logs
        ))  # fmt: skip

    @property
    def card_id(self) -> int:
        return int(dict(self.columns)["id"])  # type: ignore[call-overload]


@dataclass(frozen=True)
class AddCards:
    """New cards of the student's own: (prompt, answer) pairs, for the form and CSV import."""

    topic_id: int
    sides: tuple[tuple[str, str], ...]
    now: dt.datetime

    @property
    def label(self) -> str:
        return "Add card" if len(self.sides) == 1 else f"Add {len(self.sides)} cards"

    def apply(self, session: Session) -> Outcome:
        if session.get(Topic, self.topic_id) is None:
            raise StudentError("That topic no longer exists.")
        if not self.sides:
            raise StudentError("There are no cards to add.")
        cards = [self._card(number, prompt, answer)
                 for number, (prompt, answer) in enumerate(self.sides, 1)]  # fmt: skip
        session.add_all(cards)
        session.flush()
        for card in cards:
            scheduled = scheduling.new_state(card.id, self.now)
            card.state_json, card.due = scheduled.state_json, scheduled.due
        ids = tuple(card.id for card in cards)
        return Outcome(_changed(*ids), DeleteCards(ids), value=ids)

    def _card(self, number: int, prompt: str, answer: str) -> ReviewCard:
        where = f" (card {number})" if len(self.sides) > 1 else ""
        try:
            front, back = _side(prompt, "question"), _side(answer, "answer")
        except StudentError as refusal:
            raise StudentError(str(refusal).replace(";", f"{where};", 1)) from None
        return ReviewCard(
            topic_id=self.topic_id, card_key=f"{CardKind.OWN}:{uuid.uuid4().hex}",
            kind=CardKind.OWN.value, origin=SOURCE_USER, prompt=front, answer=back,
            user_modified=False, suspended=False, source_missing=False, state_json="{}",
        )  # fmt: skip


@dataclass(frozen=True)
class DeleteCards:
    """Delete the student's own cards; generated cards can only be suspended."""

    card_ids: tuple[int, ...]

    @property
    def label(self) -> str:
        return "Delete card" if len(self.card_ids) == 1 else f"Delete {len(self.card_ids)} cards"

    def apply(self, session: Session) -> Outcome:
        cards = [_card(session, card_id) for card_id in self.card_ids]
        if any(card.origin != SOURCE_USER for card in cards):
            raise StudentError(
                "That card comes from your notes and follows them; suspend it instead."
            )
        snapshots = tuple(CardSnapshot.of(session, card) for card in cards)
        for card in cards:
            session.delete(card)
        return Outcome(_changed(*self.card_ids), RestoreCards(snapshots))


@dataclass(frozen=True)
class RestoreCards:
    """Bring deleted cards back with the same ids, scheduling state and history."""

    snapshots: tuple[CardSnapshot, ...]

    label = "Restore cards"

    def apply(self, session: Session) -> Outcome:
        for snapshot in self.snapshots:
            if session.get(ReviewCard, snapshot.card_id) is not None:
                raise StudentError("That card is already back.")
            session.add(ReviewCard(**dict(snapshot.columns)))
        session.flush()
        for snapshot in self.snapshots:
            session.add_all(ReviewLog(**{f.name: getattr(log, f.name) for f in fields(log)})
                            for log in snapshot.logs)  # fmt: skip
        ids = tuple(snapshot.card_id for snapshot in self.snapshots)
        return Outcome(_changed(*ids), DeleteCards(ids))


@dataclass(frozen=True)
class EditCard:
    """Reword a card. A generated card the student rewords stops following its source."""

    card_id: int
    prompt: str
    answer: str
    user_modified: bool | None = None  # None: set it for generated cards (the normal edit)

    label = "Edit card"

    def apply(self, session: Session) -> Outcome:
        card = _card(session, self.card_id)
        prompt, answer = _side(self.prompt, "question"), _side(self.answer, "answer")
        inverse = EditCard(card.id, card.prompt, card.answer, card.user_modified)
        modified = self.user_modified
        if modified is None:
            modified = card.user_modified or card.origin != SOURCE_USER
        card.prompt, card.answer, card.user_modified = prompt, answer, modified
        return Outcome(_changed(card.id), inverse)


@dataclass(frozen=True)
class SetSuspended:
    card_id: int
    suspended: bool

    @property
    def label(self) -> str:
        return "Suspend card" if self.suspended else "Unsuspend card"

    def apply(self, session: Session) -> Outcome:
        card = _card(session, self.card_id)
        if card.suspended == self.suspended:
            state = "suspended" if self.suspended else "active"
            raise StudentError(f"That card is already {state}.")
        card.suspended = self.suspended
        return Outcome(_changed(card.id), SetSuspended(card.id, not self.suspended))


# -- settings and the chronology challenge --------------------------------------------------------


@dataclass(frozen=True)
class SetDesiredRetention:
    """How likely the student wants to be to remember a card when it comes due."""

    retention: float

    @property
    def label(self) -> str:
        return f"Set target recall to {round(self.retention * 100)}%"

    def apply(self, session: Session) -> Outcome:
        low, high = scheduling.MIN_RETENTION, scheduling.MAX_RETENTION
        if not low <= self.retention <= high:
            raise StudentError(
                f"Choose a target recall between {round(low * 100)}% and {round(high * 100)}%."
            )
        previous = read_retention(session)
        session.merge(ReviewSetting(name=RETENTION_SETTING, value=repr(float(self.retention))))
        return Outcome(Changes(), SetDesiredRetention(previous))


@dataclass(frozen=True)
class RecordChronology:
    """Keep one chronology challenge's result; `result_id` is set when redoing."""

    topic_id: int
    event_keys: tuple[str, ...]
    score: int
    out_of: int
    taken_at: dt.datetime
    result_id: int | None = None

    label = "Chronology challenge result"

    def apply(self, session: Session) -> Outcome:
        if session.get(Topic, self.topic_id) is None:
            raise StudentError("That topic no longer exists.")
        if not 0 <= self.score <= self.out_of:
            raise StudentError("That score is not possible.")
        row = ChronologyResult(
            id=self.result_id, topic_id=self.topic_id, taken_at=_utc(self.taken_at),
            event_keys=json.dumps(list(self.event_keys)), score=self.score, out_of=self.out_of,
        )  # fmt: skip
        session.add(row)
        session.flush()
        return Outcome(Changes(), ForgetChronology(row.id), value=row.id)


@dataclass(frozen=True)
class ForgetChronology:
    result_id: int

    label = "Forget chronology result"

    def apply(self, session: Session) -> Outcome:
        row = session.get(ChronologyResult, self.result_id)
        if row is None:
            raise StudentError("That chronology result no longer exists.")
        inverse = RecordChronology(
            row.topic_id, tuple(json.loads(row.event_keys)), row.score, row.out_of,
            row.taken_at, row.id,
        )  # fmt: skip
        session.execute(delete(ChronologyResult).where(ChronologyResult.id == row.id))
        return Outcome(Changes(), inverse)

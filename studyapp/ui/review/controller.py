"""The review session and the chronology challenge as plain state machines, with no widgets.

`ReviewSession` holds the cards due when the session started, which one is shown, whether its
answer is revealed, and what the student answered. Ratings are written through the shared
operation runner, so Ctrl+Z undoes the last one; when the bus reports that a rated card's state
changed to something other than what the rating left, the rating was undone and the session
steps back to that card (and forward again on redo).
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from dataclasses import dataclass, field

from studyapp.db.operations.review import RateCard, RecordChronology
from studyapp.db.services import review as service
from studyapp.db.services.review import CardRow
from studyapp.domain import chronology
from studyapp.domain.changes import Changes, Kind
from studyapp.domain.chronology import ChronoEvent
from studyapp.domain.scheduling import Rating, Scheduled
from studyapp.ui.context import TabContext


@dataclass(frozen=True)
class _Answer:
    card: CardRow
    rating: Rating
    state_after: str
    requeued: bool


@dataclass
class ReviewSession:
    """One sitting: the due cards in order, the one shown, and the answers given."""

    context: TabContext
    queue: list[CardRow] = field(default_factory=list)
    revealed: bool = False
    answers: list[_Answer] = field(default_factory=list)
    undone: list[_Answer] = field(default_factory=list)
    started: bool = False
    _rating: bool = field(default=False, init=False, repr=False)  # our own rating is on the bus

    def start(self, now: dt.datetime | None = None) -> None:
        moment = now or service.utc_now()
        self.queue = service.due_cards(self.context.session_factory, self.context.topic_id, moment)
        self.revealed, self.answers, self.undone, self.started = False, [], [], True

    def reword(self) -> bool:
        """Re-read the queued cards after their sources changed; True when any was queued."""
        return self._refresh_queue(None)

    def take_new(self, now: dt.datetime | None = None) -> bool:
        """Queue cards that came due since the session started (a key term just added makes
        a card due at once); True when any did."""
        if not self.started:
            return False
        moment = now or service.utc_now()
        known = {card.id for card in self.queue}
        due = service.due_cards(self.context.session_factory, self.context.topic_id, moment)
        fresh = [card for card in due if card.id not in known]
        self.queue += fresh
        return bool(fresh)

    @property
    def current(self) -> CardRow | None:
        return self.queue[0] if self.queue else None

    @property
    def finished(self) -> bool:
        return self.started and not self.queue

    def counts(self) -> Counter[Rating]:
        return Counter(answer.rating for answer in self.answers)

    def reveal(self) -> bool:
        if self.current is None or self.revealed:
            return False
        self.revealed = True
        return True

    def rate(self, rating: Rating, now: dt.datetime | None = None) -> bool:
        """Rate the shown card; False when there is none, it is hidden, or it was refused."""
        card = self.current
        if card is None or not self.revealed:
            return False
        self._rating = True
        try:
            outcome = self.context.operations.run(
                RateCard(card.id, rating, now or service.utc_now())
            )
        finally:
            self._rating = False
        if outcome is None:
            return False
        scheduled: Scheduled = outcome.value
        self.queue.pop(0)
        requeued = rating is Rating.AGAIN  # asked again before the session ends
        if requeued:
            self.queue.append(card)
        self.answers.append(_Answer(card, rating, scheduled.state_json, requeued))
        self.undone.clear()
        self.revealed = False
        return True

    def on_changed(self, changes: Changes) -> bool:
        """Follow an undo or redo of a rating; True when the session moved."""
        if self._rating or not changes.touches(Kind.REVIEW_CARD):
            return False
        ids = changes.ids(Kind.REVIEW_CARD)
        moved = self._refresh_queue(ids)
        if self.answers and (ids is None or self.answers[-1].card.id in ids):
            last = self.answers[-1]
            if self._state(last.card.id) != last.state_after:
                self._step_back(self.answers.pop())
                return True
        if self.undone and (ids is None or self.undone[-1].card.id in ids):
            again = self.undone[-1]
            if self._state(again.card.id) == again.state_after:
                self._step_forward(self.undone.pop())
                return True
        return moved

    def _refresh_queue(self, ids: frozenset[int] | None) -> bool:
        """Reword queued cards edited elsewhere; drop those suspended or deleted meanwhile."""
        stale = [card for card in self.queue if ids is None or card.id in ids]
        if not stale:
            return False
        found = service.get_cards(self.context.session_factory, [card.id for card in stale])
        fresh: dict[int, CardRow | None] = {card.id: found.get(card.id) for card in stale}
        shown = self.current
        refetched = [fresh.get(card.id, card) for card in self.queue]
        self.queue = [card for card in refetched if card is not None and card.active]
        if self.current is None or shown is None or self.current.id != shown.id:
            self.revealed = False
        return True

    def _state(self, card_id: int) -> str | None:
        return service.card_state(self.context.session_factory, card_id)

    def _step_back(self, answer: _Answer) -> None:
        if answer.requeued and self.queue and self.queue[-1].id == answer.card.id:
            self.queue.pop()
        self.queue.insert(0, answer.card)
        self.undone.append(answer)
        self.revealed = False

    def _step_forward(self, answer: _Answer) -> None:
        if self.queue and self.queue[0].id == answer.card.id:
            self.queue.pop(0)
        if answer.requeued:
            self.queue.append(answer.card)
        self.answers.append(answer)
        self.revealed = False


@dataclass
class ChronologyChallenge:
    """Five events to put in order; marked once, then kept."""

    context: TabContext
    rng: random.Random = field(default_factory=random.Random)
    events: list[ChronoEvent] = field(default_factory=list)
    result: tuple[int, int] | None = None

    def new(self) -> list[ChronoEvent]:
        self.events = service.chronology_challenge(self.context.session_factory,
                                                   self.context.topic_id, self.rng)  # fmt: skip
        self.result = None
        return self.events

    def check(self, order: list[int], now: dt.datetime | None = None) -> tuple[int, int] | None:
        """Mark the order given (event ids) and keep the result; None when refused."""
        by_id = {event.id: event for event in self.events}
        answer = [by_id[event_id] for event_id in order]
        right, out_of = chronology.score(answer)
        outcome = self.context.operations.run(RecordChronology(
            self.context.topic_id, tuple(event.key for event in answer), right, out_of,
            now or service.utc_now(),
        ))  # fmt: skip
        if outcome is None:
            return None
        self.result = (right, out_of)
        return self.result

    def right_order(self) -> list[ChronoEvent]:
        return chronology.right_order(self.events)

"""FSRS-6 scheduling through the `fsrs` package, on plain values the database can store.

A card's state is `fsrs.Card.to_json()`; every datetime is UTC. `fsrs` is imported inside the
functions so that nothing on the start-up path pays for it.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from enum import IntEnum

DEFAULT_RETENTION = 0.9
MIN_RETENTION = 0.70
MAX_RETENTION = 0.97
LEARNT_STATE = 2  # FSRS's State.Review: the card has left the (re)learning steps


class Rating(IntEnum):
    """The four answers, numbered as FSRS (and the keys 1–4) number them."""

    AGAIN = 1
    HARD = 2
    GOOD = 3
    EASY = 4


@dataclass(frozen=True)
class Scheduled:
    state_json: str
    due: dt.datetime
    learnt: bool  # the card has left the (re)learning steps


def _utc(moment: dt.datetime) -> dt.datetime:
    if moment.tzinfo is None:
        return moment.replace(tzinfo=dt.UTC)  # SQLite hands back naive UTC datetimes
    return moment.astimezone(dt.UTC)


def new_state(card_id: int, now: dt.datetime) -> Scheduled:
    """A card never reviewed: due at once."""
    from fsrs import Card

    card = Card(card_id=card_id, due=_utc(now))
    return Scheduled(card.to_json(), card.due, False)


def review(
    state_json: str, rating: Rating, now: dt.datetime, retention: float = DEFAULT_RETENTION
) -> Scheduled:
    """The state after answering with `rating` at `now`."""
    from fsrs import Card, Scheduler, State
    from fsrs import Rating as FsrsRating

    scheduler = Scheduler(desired_retention=retention)
    card, _log = scheduler.review_card(
        Card.from_json(state_json), FsrsRating(int(rating)), review_datetime=_utc(now)
    )
    return Scheduled(card.to_json(), card.due, card.state == State.Review)


def retrievability(state_json: str, now: dt.datetime) -> float | None:
    """The predicted chance of recalling the card at `now`; None for a card never reviewed."""
    from fsrs import Card, Scheduler

    card = Card.from_json(state_json)
    if card.last_review is None or card.stability is None:
        return None
    return float(Scheduler().get_card_retrievability(card, _utc(now)))


def recall_summary(states: list[str], now: dt.datetime) -> tuple[int, list[float]]:
    """How many of these cards are learnt, and the predicted recall of each one reviewed.

    One JSON read a card and one scheduler for all: the progress chart asks this of every card
    of a topic (20,000 at 10,000 events) after each edit, and most were never reviewed.
    """
    from fsrs import Card, Scheduler

    scheduler, moment = Scheduler(), _utc(now)
    learnt, recalls = 0, []
    for state in states:
        data = json.loads(state)
        learnt += data.get("state") == LEARNT_STATE
        if data.get("last_review") is not None and data.get("stability") is not None:
            card = Card.from_dict(data)
            recalls.append(float(scheduler.get_card_retrievability(card, moment)))
    return learnt, recalls


def is_learnt(state_json: str) -> bool:
    """Whether the card has graduated to the review state (State.Review is 2 in FSRS)."""
    return json.loads(state_json).get("state") == LEARNT_STATE

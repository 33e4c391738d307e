"""The chronology challenge: pick events that can be put in one right order, and mark it.

Two events whose date bounds overlap (1932–33 and 1933) have no single right order, so they
are never asked together. The score counts pairs placed in the right order: five events make
ten pairs, and one event out of place costs only the pairs it breaks.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import combinations

CHALLENGE_SIZE = 5


@dataclass(frozen=True)
class ChronoEvent:
    id: int
    key: str
    title: str
    start: str  # ISO date, strict lower bound
    end: str  # ISO date, strict upper bound
    date_words: str  # the date as the student reads it


def overlaps(a: ChronoEvent, b: ChronoEvent) -> bool:
    return a.start <= b.end and b.start <= a.end


def pick(
    events: Sequence[ChronoEvent], rng: random.Random, size: int = CHALLENGE_SIZE
) -> list[ChronoEvent]:
    """`size` random events, no two overlapping, shuffled; fewer when the topic has too few."""
    pool = list(events)
    rng.shuffle(pool)
    return pick_shuffled(pool, rng, size)


def pick_shuffled(
    pool: Iterable[ChronoEvent], rng: random.Random, size: int = CHALLENGE_SIZE
) -> list[ChronoEvent]:
    """`pick` from events already in random order, taken only as far as needed (the database
    reads a large topic's events a few at a time)."""
    chosen: list[ChronoEvent] = []
    for event in pool:
        if all(not overlaps(event, other) for other in chosen):
            chosen.append(event)
        if len(chosen) == size:
            break
    rng.shuffle(chosen)
    if len(chosen) > 1 and chosen == right_order(chosen):
        chosen.reverse()  # never hand out a challenge that is already solved
    return chosen


def right_order(events: Sequence[ChronoEvent]) -> list[ChronoEvent]:
    return sorted(events, key=lambda event: (event.start, event.end))


def score(answer: Sequence[ChronoEvent]) -> tuple[int, int]:
    """(pairs in the right order, pairs in all) for the order the student gave."""
    pairs = list(combinations(answer, 2))
    right = sum(1 for earlier, later in pairs if earlier.end < later.start)
    return right, len(pairs)

"""Lanes for the visual timeline: stack events so no two boxes (bar plus label) overlap.

Each item is a bar from its start to its end day with its label drawn to the right of the bar's
start; at a given scale (pixels per day) its box runs from the start's x to whichever is further
right, the bar's end or the label's end. Items are taken in start order and each goes into the
lowest lane that is already free at its start, found with a heap of (free-from x, lane) pairs:
O(n log n), where the greedy stacking of vis-timeline checks every other item (O(n²)).

Label widths are in pixels and do not scale with zoom, so a layout holds for one scale only;
the canvas lays out once per zoom bucket and caches the result.
"""

from __future__ import annotations

import datetime as dt
import heapq
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class LaneItem:
    """One event to place: start and end as day numbers (or dates), label width in pixels."""

    id: int
    start: float
    end: float
    label_width: float
    label_at: float | None = None  # the day the label starts from, when not the start (sets)


@dataclass(frozen=True)
class Placement:
    """Where an item went: its lane (0 = top) and its box in pixels, left to right."""

    id: int
    lane: int
    left: float
    right: float


@dataclass(frozen=True)
class Layout:
    placements: dict[int, Placement]
    lane_count: int


def day_number(value: dt.date | float) -> float:
    """Dates as day numbers (proleptic ordinal), so bounds from the database can go in as is."""
    return float(value.toordinal()) if isinstance(value, dt.date) else float(value)


def item(id: int, start: dt.date | float, end: dt.date | float, label_width: float) -> LaneItem:
    return LaneItem(id, day_number(start), day_number(end), label_width)


def assign_lanes(
    items: Sequence[LaneItem], px_per_day: float, *, min_gap: float = 8.0, origin: float = 0.0
) -> Layout:
    """Place every item in the lowest lane where its box overlaps nothing, min_gap px apart.

    `origin` is the day number at x = 0. Ties in start are broken by id, so the same items
    always give the same layout.
    """
    if px_per_day <= 0:
        raise ValueError("The scale must be a positive number of pixels per day.")
    ordered = sorted(items, key=lambda it: (it.start, it.id))
    busy: list[tuple[float, int]] = []  # (x where the lane is free again, lane)
    idle: list[int] = []  # lanes free at the current x, lowest first
    placements: dict[int, Placement] = {}
    lanes = 0
    for it in ordered:
        left = (it.start - origin) * px_per_day
        # A bar covers its end day too, and the label may reach further than the bar.
        label_left = left if it.label_at is None else (it.label_at - origin) * px_per_day
        right = max((it.end + 1 - origin) * px_per_day, label_left + it.label_width)
        while busy and busy[0][0] <= left:
            heapq.heappush(idle, heapq.heappop(busy)[1])
        if idle:
            lane = heapq.heappop(idle)
        else:
            lane, lanes = lanes, lanes + 1
        placements[it.id] = Placement(it.id, lane, left, right)
        heapq.heappush(busy, (right + min_gap, lane))
    return Layout(placements, lanes)

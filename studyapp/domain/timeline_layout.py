"""Lanes for the visual timeline: stack events so no two boxes (bar plus label) overlap.

Each item is a bar from its start to its end day with its label drawn to the right of the bar's
start; at a given scale (pixels per day) its box runs from the start's x to whichever is further
right, the bar's end or the label's end. Items are taken in start order and each goes into the
lowest lane that is already free at its start, found with a heap of (free-from x, lane) pairs:
O(n log n), where the greedy stacking of vis-timeline checks every other item (O(n²)).

Label widths are in pixels and do not scale with zoom, so a layout holds for one scale only;
the canvas lays out once per zoom bucket and caches the result. A layout stays free of overlaps
at any larger scale (bars grow, labels keep their width, so every box shrinks in days), and for
any subset of its items.

Within a lane the boxes are disjoint and in start order, so their left *and* right edges are
both sorted: `Layout.ids_between` finds the items of one lane that reach into an x range with
two binary searches. That is how the canvas draws only what is visible.

Only the first lanes need be placed before a paint: an item goes into the lowest lane free at
its start, so what the first N lanes hold never depends on the lanes below them. With
`lanes_first=N` the items that find none of those N lanes free wait (`Layout.waiting`), and
`Layout.place_rest` stacks them from lane N on: the same layout as placing them all at once.
At fit-all, 10,000 events fill thousands of lanes and a screen shows twenty.
"""

from __future__ import annotations

import datetime as dt
import heapq
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from operator import attrgetter
from typing import NamedTuple


class LaneItem(NamedTuple):
    """One event to place: start and end as day numbers (or dates), label width in pixels.

    Named tuples, like `Placement`: the canvas makes 10,000 of them each time rows arrive.
    """

    id: int
    start: float
    end: float
    label_width: float
    label_at: float | None = None  # the day the label starts from, when not the start (sets)


class Placement(NamedTuple):
    """Where an item went: its lane (0 = top) and its box in pixels, left to right.

    A named tuple rather than a dataclass: a layout makes one per event, 10,000 at a time.
    """

    id: int
    lane: int
    left: float
    right: float


class Lane(NamedTuple):
    """One lane's items in start order, with their boxes' edges (both ascending)."""

    ids: list[int]
    lefts: list[float]
    rights: list[float]


class Layout(NamedTuple):
    placements: dict[int, Placement]
    lanes: list[Lane]
    px_per_day: float  # the scale the boxes were measured at
    origin: float  # the day number at x = 0
    min_gap: float  # pixels between two boxes in a lane
    waiting: list[LaneItem]  # for the lanes past `lanes`

    @property
    def lane_count(self) -> int:
        """The lanes placed, and one more while some items wait for theirs."""
        return len(self.lanes) + (1 if self.waiting else 0)

    def place_rest(self) -> bool:
        """Place the items still waiting, in the lanes after those placed; True if any were."""
        if not self.waiting:
            return False
        rest = list(self.waiting)
        self.waiting.clear()
        self._stack(rest, None)
        return True

    def _stack(self, ordered: Sequence[LaneItem], lanes_first: int | None) -> None:
        """Put `ordered` (in start order) into new lanes after the existing ones, each item into
        the lowest that is free at its start; past `lanes_first` new lanes, items wait."""
        px_per_day, origin, min_gap = self.px_per_day, self.origin, self.min_gap
        placements, lanes, waiting = self.placements, self.lanes, self.waiting
        limit = len(lanes) + lanes_first if lanes_first is not None else None
        busy: list[tuple[float, int]] = []  # (x where the lane is free again, lane)
        idle: list[int] = []  # lanes free at the current x, lowest first
        push, pop = heapq.heappush, heapq.heappop
        for it in ordered:
            left = (it.start - origin) * px_per_day
            while busy and busy[0][0] <= left:
                push(idle, pop(busy)[1])
            if idle:
                lane = pop(idle)
            elif limit is None or len(lanes) < limit:
                lane = len(lanes)
                lanes.append(Lane([], [], []))
            else:
                waiting.append(it)  # every lane placed now is taken here: one below them
                continue
            # A bar covers its end day too, and the label may reach further than the bar.
            label_left = left if it.label_at is None else (it.label_at - origin) * px_per_day
            right = max((it.end + 1 - origin) * px_per_day, label_left + it.label_width)
            placements[it.id] = Placement(it.id, lane, left, right)
            row = lanes[lane]
            row.ids.append(it.id)
            row.lefts.append(left)
            row.rights.append(right)
            push(busy, (right + min_gap, lane))

    def ids_between(
        self, lane: int, first_day: float, last_day: float, pad_px: float = 0.0
    ) -> list[int]:
        """The items of `lane` whose box, at this layout's scale, reaches into the days from
        `first_day` to `last_day` widened by `pad_px` pixels each side; in start order.

        At a larger scale every box is narrower in days, so this is a superset of what is
        visible there: the caller draws these and the painter clips the rest.
        """
        if not 0 <= lane < len(self.lanes):
            return []
        row = self.lanes[lane]
        left = (first_day - self.origin) * self.px_per_day - pad_px
        right = (last_day - self.origin) * self.px_per_day + pad_px
        return row.ids[bisect_left(row.rights, left) : bisect_right(row.lefts, right)]


def day_number(value: dt.date | float) -> float:
    """Dates as day numbers (proleptic ordinal), so bounds from the database can go in as is."""
    return float(value.toordinal()) if isinstance(value, dt.date) else float(value)


def item(id: int, start: dt.date | float, end: dt.date | float, label_width: float) -> LaneItem:
    return LaneItem(id, day_number(start), day_number(end), label_width)


_START_ORDER = attrgetter("start", "id")


def assign_lanes(
    items: Sequence[LaneItem],
    px_per_day: float,
    *,
    min_gap: float = 8.0,
    origin: float = 0.0,
    lanes_first: int | None = None,
) -> Layout:
    """Place every item in the lowest lane where its box overlaps nothing, min_gap px apart.

    `origin` is the day number at x = 0. Ties in start are broken by id, so the same items
    always give the same layout. With `lanes_first`, only that many lanes are filled now and
    the other items wait for `Layout.place_rest` (see the module's docstring).
    """
    if px_per_day <= 0:
        raise ValueError("The scale must be a positive number of pixels per day.")
    layout = Layout({}, [], px_per_day, origin, min_gap, [])
    layout._stack(sorted(items, key=_START_ORDER), lanes_first)
    return layout

"""Lane layout: no two boxes in a lane overlap, at any scale, fast enough for 10,000 events."""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from studyapp.domain.timeline_layout import LaneItem, Layout, assign_lanes, item


def _assert_no_overlap(layout: Layout, min_gap: float) -> None:
    lanes: dict[int, list] = defaultdict(list)
    for placement in layout.placements.values():
        lanes[placement.lane].append(placement)
    for boxes in lanes.values():
        boxes.sort(key=lambda p: p.left)
        for before, after in zip(boxes, boxes[1:], strict=False):
            assert before.right + min_gap <= after.left, (before, after)


def test_overlapping_events_stack_and_later_ones_reuse_the_top_lane():
    items = [
        item(1, dt.date(1939, 8, 23), dt.date(1939, 8, 23), 100),
        item(2, dt.date(1939, 9, 1), dt.date(1939, 9, 1), 100),
        item(3, dt.date(1945, 1, 1), dt.date(1945, 12, 31), 50),
    ]
    layout = assign_lanes(items, px_per_day=1.0, min_gap=8)
    lanes = {pid: p.lane for pid, p in layout.placements.items()}
    assert lanes == {1: 0, 2: 1, 3: 0}
    assert layout.lane_count == 2


def test_zooming_in_needs_fewer_lanes():
    items = [item(i, 1000 + 30 * i, 1000 + 30 * i, 120) for i in range(20)]
    far = assign_lanes(items, px_per_day=0.5)
    near = assign_lanes(items, px_per_day=10)
    assert far.lane_count > near.lane_count == 1


def test_the_lowest_free_lane_is_taken():
    # Lane 1 frees up before lane 0; a later item that fits both goes to lane 0.
    items = [
        LaneItem(1, 0, 100, 0), LaneItem(2, 10, 20, 0), LaneItem(3, 50, 60, 0),
        LaneItem(4, 200, 200, 0),
    ]  # fmt: skip
    placed = assign_lanes(items, px_per_day=1, min_gap=0).placements
    assert [placed[i].lane for i in (1, 2, 3, 4)] == [0, 1, 1, 0]


def test_same_input_same_layout():
    items = [LaneItem(i, 5, 5, 40) for i in range(5)]
    first = assign_lanes(items, 1.0)
    second = assign_lanes(list(reversed(items)), 1.0)
    assert first == second


def test_scale_must_be_positive():
    with pytest.raises(ValueError):
        assign_lanes([], 0)


def test_ten_thousand_events():
    rng = random.Random(6)
    items = []
    for i in range(10_000):
        start = rng.randint(697_000, 712_000)  # 1909–1950 as day numbers
        items.append(LaneItem(i, start, start + rng.choice([0, 0, 30, 365]), rng.randint(40, 260)))
    layout = assign_lanes(items, px_per_day=0.2, min_gap=6)
    assert len(layout.placements) == 10_000
    _assert_no_overlap(layout, 6)


_items = st.lists(
    st.tuples(st.integers(0, 5_000), st.integers(0, 400), st.floats(0, 300, allow_nan=False)),
    max_size=80,
)


@settings(max_examples=200, deadline=None)
@given(_items, st.floats(0.01, 20), st.floats(0, 20))
def test_no_two_boxes_in_a_lane_overlap(rows, scale, gap):
    items = [LaneItem(i, start, start + length, width) for i, (start, length, width) in
             enumerate(rows)]  # fmt: skip
    layout = assign_lanes(items, scale, min_gap=gap)
    assert set(layout.placements) == {it.id for it in items}
    _assert_no_overlap(layout, gap)
    # An item sits below lane 0 only because every lane above it was still busy at its start.
    placed = layout.placements
    for it in items:
        mine = placed[it.id]
        for lane in range(mine.lane):
            assert any(
                p.lane == lane and p.left <= mine.left and p.right + gap > mine.left
                for p in placed.values()
            )


@settings(max_examples=150, deadline=None)
@given(_items, st.floats(0.01, 20), st.integers(0, 6_000), st.integers(0, 3_000),
       st.floats(0, 20))  # fmt: skip
def test_ids_between_finds_exactly_the_boxes_in_a_range(rows, scale, first, width, pad):
    items = [LaneItem(i, start, start + length, w) for i, (start, length, w) in enumerate(rows)]
    layout = assign_lanes(items, scale, min_gap=4)
    last = first + width
    left, right = first * scale - pad, last * scale + pad
    for lane in range(layout.lane_count):
        found = layout.ids_between(lane, first, last, pad)
        expected = [p.id for p in sorted(layout.placements.values(), key=lambda p: p.left)
                    if p.lane == lane and p.right >= left and p.left <= right]  # fmt: skip
        assert found == expected
    assert layout.ids_between(layout.lane_count, first, last) == []
    assert layout.ids_between(-1, first, last) == []


def test_each_lane_keeps_its_edges_in_order():
    rng = random.Random(7)
    items = [LaneItem(i, s, s + rng.choice([0, 40, 400]), rng.randint(30, 200))
             for i, s in enumerate(rng.randint(0, 20_000) for _ in range(3_000))]  # fmt: skip
    layout = assign_lanes(items, 0.3, min_gap=6)
    assert sum(len(lane.ids) for lane in layout.lanes) == len(items)
    for lane in layout.lanes:
        assert lane.lefts == sorted(lane.lefts) and lane.rights == sorted(lane.rights)


@settings(max_examples=200, deadline=None)
@given(_items, st.floats(0.01, 20), st.integers(0, 12), st.floats(0, 20))
def test_the_first_lanes_now_and_the_rest_later_is_the_same_layout(rows, scale, first, gap):
    items = [LaneItem(i, start, start + length, width, start + length // 2 if i % 5 == 0
                      else None) for i, (start, length, width) in enumerate(rows)]  # fmt: skip
    eager = assign_lanes(items, scale, min_gap=gap)
    deferred = assign_lanes(items, scale, min_gap=gap, lanes_first=first)
    # Before the rest is placed: the first lanes exactly, and every other item waiting.
    assert deferred.lanes == eager.lanes[:first]
    shown = {p.id for p in eager.placements.values() if p.lane < first}
    assert deferred.placements == {k: v for k, v in eager.placements.items() if k in shown}
    assert {it.id for it in deferred.waiting} == set(eager.placements) - shown
    assert deferred.lane_count == min(first, eager.lane_count) + (1 if deferred.waiting else 0)
    assert deferred.place_rest() == (eager.lane_count > first)
    assert deferred == eager
    assert not deferred.place_rest()  # nothing left to place


def test_ten_thousand_events_at_fit_all_place_a_screen_of_lanes_first():
    rng = random.Random(8)
    starts = [rng.randint(693_000, 715_000) for _ in range(10_000)]
    items = [LaneItem(i, s, s + rng.choice([0, 0, 30]), rng.randint(60, 300))
             for i, s in enumerate(starts)]  # fmt: skip
    deferred = assign_lanes(items, 0.05, min_gap=6, lanes_first=20)
    assert len(deferred.lanes) == 20 and len(deferred.waiting) > 9_000
    deferred.place_rest()
    assert deferred == assign_lanes(items, 0.05, min_gap=6)
    _assert_no_overlap(deferred, 6)

"""The visual timeline's scene: events in lanes, period bands behind them, a year axis on top.

Scene x is in days (day numbers), y in pixels; the view scales x only (see items.py). Lanes
come from `studyapp.domain.timeline_layout`: labels keep their pixel width while the axis zooms,
so a layout holds for one scale. Scales are grouped into buckets a quarter-octave wide and each
bucket is laid out at its smallest scale, which stays valid (no overlap) for every larger scale
in the bucket; layouts are cached per bucket.

Events are not QGraphicsItems (see items.py): one `EventLayer` item covers the scene and asks
the scene to paint the exposed part. For each lane crossing the exposed rect, the layout finds
the events reaching into its days by binary search (`Layout.ids_between`), so a frame costs
what is on screen, not 10,000 events. Changing lanes (a new zoom bucket, a filter) moves
nothing: the next paint reads the other layout.

A filter is a mask (`set_mask`): hidden events are skipped when painting and clicking, at once;
the lanes close up around what is left when `apply_scale` next runs (the canvas calls it once
the student pauses). Until then the current layout stays usable, because a layout of some
events keeps any subset of them apart; when the mask shows events the current layout does not
hold, a layout of every event takes over (`ensure_valid`).

The bands and the axis are painted in `drawBackground`/`drawForeground` for the visible part
only, in device pixels, so their text is never stretched; rendering the scene for an export
(SVG, PNG, PDF pages) draws them the same way.
"""

from __future__ import annotations

import datetime as dt
import math
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence
from collections.abc import Set as AbstractSet

from PySide6.QtCore import QPointF, QRect, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QTransform
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene, QStyleOptionGraphicsItem, QWidget

from studyapp.db.services.timeline import EventRow
from studyapp.db.services.topic import PeriodRow
from studyapp.domain.timeline_layout import LaneItem, Layout, Placement, assign_lanes
from studyapp.ui.timeline.bulk import paused_collector
from studyapp.ui.timeline.items import (
    LABEL_OFFSET,
    LABEL_PAD,
    LEFT_PAD,
    MARKER,
    Device,
    EventGlyph,
    day_number,
    follow_theme_colours,
    member_days,
)
from studyapp.ui.timeline.palette import (
    AXIS_PAPER,
    AXIS_SCALE,
    GRID,
    INK,
    MUTED_INK,
    PAPER,
    band_tint,
    category_colour,
    timeline_font,
)
from studyapp.ui.timeline.text_width import TextWidths

AXIS_HEIGHT = 34.0
BAND_TITLE_HEIGHT = 22.0
LANE_HEIGHT = 24.0
LANES_TOP = AXIS_HEIGHT + BAND_TITLE_HEIGHT + LANE_HEIGHT / 2
MIN_GAP = 12.0  # pixels between two boxes in a lane
BUCKETS_PER_OCTAVE = 4
PAINT_PAD = LEFT_PAD + 4  # pixels a glyph's marks reach past its box (outline, highlight)
LAY_OUT_AT_ONCE_UP_TO = 1500  # a mask this small gets its own lanes at once (a few ms)


def bucket_of(px_per_day: float) -> int:
    return math.floor(math.log2(px_per_day) * BUCKETS_PER_OCTAVE)


def bucket_floor(bucket: int) -> float:
    """The smallest scale in the bucket: the one its layout is made for."""
    return 2.0 ** (bucket / BUCKETS_PER_OCTAVE)


class EventLayer(QGraphicsItem):
    """Every event, as one item the size of the scene; the scene paints what is exposed."""

    def __init__(self, timeline: TimelineScene) -> None:
        super().__init__()
        self._timeline = timeline
        self._bounds = QRectF()
        # Qt then passes the exposed rect in `option`, so a paint can skip what is not in it.
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption, True)

    def set_bounds(self, rect: QRectF) -> None:
        if rect != self._bounds:
            self.prepareGeometryChange()
            self._bounds = QRectF(rect)

    def boundingRect(self) -> QRectF:  # noqa: N802
        return self._bounds

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        exposed = option.exposedRect
        self._timeline.paint_events(painter, exposed if not exposed.isEmpty() else self._bounds)


class Glyphs(dict[int, EventGlyph]):
    """Each event's glyph by id, made the first time it is asked for (painted, clicked,
    measured): a screen shows a few dozen of 10,000 events, and making every glyph up front
    held the first paint back by a quarter of `set_rows`. Which events exist is the scene's
    `rows`; this holds only the glyphs made so far."""

    def __init__(self, make: Callable[[int], EventGlyph]) -> None:
        super().__init__()
        self._make = make

    def __missing__(self, event_id: int) -> EventGlyph:
        glyph = self[event_id] = self._make(event_id)
        return glyph


class TimelineScene(QGraphicsScene):
    """Events and periods; `apply_scale(px_per_day)` stacks the events shown for that zoom."""

    def __init__(self, parent=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)  # one item: no index
        self.rows: dict[int, EventRow] = {}  # every event drawn, by id
        self.glyphs = Glyphs(self._make_glyph)
        self.periods: list[PeriodRow] = []
        self._band_starts: list[int] = []  # the periods' first days, sorted: where titles stop
        self.selected: int | None = None
        self._lane_items: list[LaneItem] = []  # in the rows' order
        self._lane_item_of: dict[int, LaneItem] | None = None  # by id: `_lane_items_by_id`
        self._widths: dict[bool, TextWidths] = {}  # by key date (bold): label widths
        self._set_members: dict[int, tuple[int, ...]] = {}  # each set's first days, by id
        self._unmade: Iterator[int] = iter(())  # ids whose glyphs `make_glyphs` may make
        self._colours: dict[str, QColor] = {}  # by category
        self._label_ends: list[tuple[float, float]] = []  # see `outermost`
        self._overhang = (0.0, 0.0)  # (px per day, overhang_px at it)
        self._widest_label = 0.0
        self._categories: dict[str, str] = {}  # category → label, in first-seen order
        self._mask: AbstractSet[int] | None = None  # the events shown; None: all
        self._all: dict[int, Layout] = {}  # layouts of every event, by bucket
        self._masked: dict[int, Layout] = {}  # layouts of the shown events, by bucket
        self._layout: Layout | None = None
        self._bucket: int | None = None  # the bucket `_layout` was made for
        self._exact = False  # `_layout` holds exactly the shown events
        # How many lanes the next layout of every event places at once (set_rows: a screenful);
        # the others wait for `place_waiting`, or for the first question about them.
        self.lanes_first: int | None = None
        self.first_day = dt.date(1900, 1, 1).toordinal()
        self.last_day = dt.date(1901, 1, 1).toordinal()
        self.follow_text_size()
        self.layer = EventLayer(self)
        self.addItem(self.layer)

    def follow_text_size(self) -> None:
        """Label fonts at the student's text size (set_rows lays the labels out with them)."""
        self.label_font = timeline_font()
        self.key_font = QFont(self.label_font)
        self.key_font.setBold(True)
        self.axis_font = timeline_font(AXIS_SCALE)

    # -- content -----------------------------------------------------------------------------

    def set_rows(self, events: Sequence[EventRow], periods: Sequence[PeriodRow]) -> None:
        """Replace everything drawn; the lanes are laid out again at the next `apply_scale`."""
        with paused_collector():
            self._set_rows(events, periods)
        self.layer.update()

    def _set_rows(self, events: Sequence[EventRow], periods: Sequence[PeriodRow]) -> None:
        """What the lanes need of every event (its days and label width); the glyphs that draw
        them are made when first asked for (`Glyphs`)."""
        self.periods = list(periods)
        self._band_starts = sorted({day_number(period.start) for period in self.periods})
        widths = self._widths = {False: TextWidths(self.label_font),
                                 True: TextWidths(self.key_font)}  # fmt: skip
        plain, bold = widths[False].width, widths[True].width
        day = dt.date.fromisoformat
        rows: dict[int, EventRow] = {}
        lane_items: list[LaneItem] = []
        categories: dict[str, str] = {}
        set_members: dict[int, tuple[int, ...]] = {}
        for row in events:  # 10,000 times at start-up: the glyph's arithmetic, inlined
            event_id, start = row.id, day(row.start).toordinal()
            label_at = None  # a set's label follows its last marker (see EventGlyph)
            if row.precision == "set":
                members = set_members[event_id] = tuple(first for first, _ in member_days(row))
                label_at = members[-1] if members[-1] != start else None
            title_width = bold(row.title) if row.key_date else plain(row.title)
            item = LaneItem(event_id, start, day(row.end).toordinal(),
                            LABEL_OFFSET + title_width + LABEL_PAD, label_at)  # fmt: skip
            rows[event_id] = row
            lane_items.append(item)
            if row.category not in categories:
                categories[row.category] = row.category_label
        self.rows, self._lane_items, self._lane_item_of = rows, lane_items, None
        self._set_members = set_members
        self.glyphs = Glyphs(self._make_glyph)
        self._unmade = iter(rows)
        self._categories = categories
        self._label_ends = outermost(
            (it.start if it.label_at is None else it.label_at, it.label_width) for it in lane_items)
        self._widest_label = self._label_ends[-1][1] if self._label_ends else 0.0
        self._fit_span()
        self._overhang = (0.0, 0.0)
        self._all.clear()
        self._masked.clear()
        self._mask = None if self._mask is None else self._mask & rows.keys()
        self._layout, self._bucket, self._exact = None, None, False
        if self.selected not in rows:
            self.selected = None

    def _make_glyph(self, event_id: int) -> EventGlyph:
        row = self.rows[event_id]
        key = row.key_date
        colour = self._colours.get(row.category)
        if colour is None:
            colour = self._colours[row.category] = category_colour(row.category)
        widths = self._widths[key]
        return EventGlyph(row, colour, self.key_font if key else self.label_font,
                          widths.width(row.title), widths.metrics.height(),
                          self._set_members.get(event_id))  # fmt: skip

    def _lane_items_by_id(self) -> dict[int, LaneItem]:
        """Each event's lane item by id, made at the first small filter after new rows: not
        at start-up, where nothing needs it."""
        if self._lane_item_of is None:
            self._lane_item_of = {item.id: item for item in self._lane_items}
        return self._lane_item_of

    def glyphs_left(self) -> bool:
        """Whether some events have no glyph yet (see `make_glyphs`)."""
        return len(self.glyphs) < len(self.rows)

    def make_glyphs(self, count: int) -> bool:
        """Make up to `count` of the glyphs not made yet, ahead of the frames that would show
        them (a zoom out shows hundreds at once); True while some are left."""
        glyphs, made = self.glyphs, 0
        with paused_collector():
            for event_id in self._unmade:
                if event_id not in glyphs:
                    glyphs[event_id] = self._make_glyph(event_id)
                    made += 1
                    if made == count:
                        break
        return self.glyphs_left()

    def _fit_span(self) -> None:
        items = self._lane_items  # their days are whole day numbers
        days = [int(it.start) for it in items] + [int(it.end) for it in items]
        days += [day_number(p.start) for p in self.periods]
        days += [day_number(p.end) for p in self.periods]
        if not days:
            return
        first, last = dt.date.fromordinal(min(days)), dt.date.fromordinal(max(days))
        # Whole years, with a year of air on each side, so the axis starts and ends on a tick.
        self.first_day = dt.date(max(1, first.year - 1), 1, 1).toordinal()
        self.last_day = dt.date(min(9998, last.year + 2), 1, 1).toordinal()

    def set_mask(self, visible_ids: Iterable[int] | None) -> bool:
        """Show only these events (None: all), keeping the lanes until `apply_scale` (cheap);
        False when they were shown already.

        A small mask is laid out at once, since that costs little and closes up the lanes.
        A frozenset is kept as it is (no copy at each keystroke); the filter gives the same
        one again for the same filter.
        """
        mask: AbstractSet[int] | None = None
        if visible_ids is not None:
            mask = visible_ids if isinstance(visible_ids, frozenset) else frozenset(visible_ids)
            if not self.rows.keys() >= mask:
                mask = mask & self.rows.keys()
        if mask is self._mask or mask == self._mask:
            return False
        self._mask = mask
        self._masked.clear()
        self._exact = False
        bucket = self._bucket
        if bucket is not None:
            if mask is not None and len(mask) <= LAY_OUT_AT_ONCE_UP_TO:
                self.apply_bucket(bucket)
            else:
                self.ensure_valid(bucket, margin=0)
        self.layer.update()
        return True

    def is_shown(self, event_id: int) -> bool:
        return event_id in self.rows and (self._mask is None or event_id in self._mask)

    def shown_ids(self) -> set[int]:
        return set(self.rows) if self._mask is None else set(self._mask)

    def set_selected(self, event_id: int | None) -> None:
        if event_id != self.selected:
            self.selected = event_id
            self.layer.update()

    # -- lanes -------------------------------------------------------------------------------

    def apply_scale(self, px_per_day: float) -> bool:
        """Stack the shown events for this zoom; True when they moved."""
        return self.apply_bucket(bucket_of(px_per_day))

    def settled_for(self, px_per_day: float) -> bool:
        """Whether the lanes are laid out for exactly this zoom's bucket and the shown events."""
        return self._exact and self._bucket == bucket_of(px_per_day)

    def _usable(self, made_for: int | None, layout: Layout | None, bucket: int) -> bool:
        """Whether a layout made for bucket `made_for` serves `bucket` and the shown events."""
        if made_for is None or layout is None or made_for > bucket:
            return False
        layout.place_rest()  # a filter or zoom may show any event
        if len(layout.placements) == len(self.rows):
            return True  # a layout of every event serves any mask
        return self._mask is not None and layout.placements.keys() >= self._mask

    def _is_exact(self, bucket: int, layout: Layout) -> bool:
        """Whether `layout` was made for exactly the shown events."""
        cache = self._all if self._mask is None else self._masked
        return cache.get(bucket) is layout

    def apply_bucket(self, bucket: int) -> bool:
        """Lanes made for `bucket` and exactly the shown events; True when they changed."""
        if self._exact and bucket == self._bucket:
            return False
        self._use(bucket, self._layout_of(bucket, self._mask))
        return True

    def ensure_valid(self, bucket: int, margin: int) -> bool:
        """Keep lanes that serve `bucket`; else take the tightest cached layout that does; else
        lay out every event `margin` buckets further out, so the next steps out need none.
        True when the lanes changed."""
        if self._usable(self._bucket, self._layout, bucket):
            return False
        cached = [(made_for, layout) for made_for, layout in
                  (*self._all.items(), *self._masked.items())
                  if self._usable(made_for, layout, bucket)]  # fmt: skip
        if cached:
            self._use(*max(cached, key=lambda pair: (pair[0], -pair[1].lane_count)))
        else:
            self._use(bucket - margin, self._layout_of(bucket - margin, None))
        return True

    def prepare(self, bucket: int) -> None:
        """Lay out every event for `bucket` ahead of need (a fallback for zooming out)."""
        self._layout_of(bucket, None)

    def _use(self, bucket: int, layout: Layout) -> None:
        self._bucket, self._layout = bucket, layout
        self._exact = self._is_exact(bucket, layout)
        self.layer.update()

    def _layout_of(self, bucket: int, mask: AbstractSet[int] | None) -> Layout:
        """The layout of every event (mask None) or of the shown ones, cached per bucket."""
        cache = self._all if mask is None else self._masked
        layout = cache.get(bucket)
        if layout is None:
            items = self._lane_items
            if mask is not None and len(mask) < len(items) // 4:
                # A few of 10,000: look them up rather than test every event (assign_lanes
                # sorts them into start order).
                by_id = self._lane_items_by_id()
                items = [by_id[event_id] for event_id in mask]
            elif mask is not None:
                items = [it for it in items if it.id in mask]
            first = self.lanes_first if mask is None else None
            # The marker of a day sticks out half its width to the left of the start.
            with paused_collector():
                layout = assign_lanes(items, bucket_floor(bucket), min_gap=MIN_GAP + MARKER / 2,
                                      lanes_first=first)  # fmt: skip
            cache[bucket] = layout
        return layout

    def place_waiting(self) -> bool:
        """Place the events still waiting below the first lanes (see `lanes_first`); True if
        there were any (the scene is then taller: call `fit_rect`)."""
        with paused_collector():
            return self._layout is not None and self._layout.place_rest()

    def is_waiting(self, event_id: int) -> bool:
        """Whether the event is shown but not yet placed in a lane (see `lanes_first`)."""
        layout = self._layout
        return (layout is not None and bool(layout.waiting) and self.is_shown(event_id)
                and event_id not in layout.placements)  # fmt: skip

    def lane_count(self) -> int:
        return 0 if self._layout is None else self._layout.lane_count

    def fit_rect(self, px_per_day: float) -> None:
        """The scene's extent at this zoom: every year, every lane and the last label's end."""
        height = LANES_TOP + max(self.lane_count(), 1) * LANE_HEIGHT
        right = self.last_day + self.overhang_px(px_per_day) / px_per_day
        rect = QRectF(self.first_day, 0, right - self.first_day, height)
        self.setSceneRect(rect)
        self.layer.set_bounds(rect)

    def scale_to_fit(self, width: float) -> float:
        """The largest zoom at which every year and every label fit in `width` pixels."""
        span = max(self.last_day - self.first_day, 1)
        scale = width / span
        for day, label_width in reversed(self._label_ends):  # the others never reach further
            # The label ends at (day - first_day) * scale + label_width, which must be ≤ width.
            reach = day - self.first_day
            if reach > 0 and (reach * scale + label_width) > width:
                scale = max((width - label_width) / reach, width / span / 2)
        return scale

    def overhang_px(self, px_per_day: float) -> float:
        """How far, in pixels, labels run past the last year at this zoom (0 when none do)."""
        if self._overhang[0] != px_per_day:  # asked again for each filter at the same zoom
            self._overhang = (px_per_day, self._overhang_at(px_per_day))
        return self._overhang[1]

    def _overhang_at(self, px_per_day: float) -> float:
        widest = self._widest_label
        overhang = 0.0
        for day, width in self._label_ends:  # the latest labels first; the others end sooner
            before_end = (self.last_day - day) * px_per_day
            if before_end >= widest:
                break  # this label and every earlier one end before the last year does
            overhang = max(overhang, width - before_end)
        return overhang

    # -- events ------------------------------------------------------------------------------

    def lane_y(self, lane: int) -> float:
        return LANES_TOP + lane * LANE_HEIGHT

    def position_of(self, event_id: int) -> QPointF | None:
        """Where the event's label starts (its day, its lane's y); None when not shown."""
        placement = self._placement(event_id)
        if placement is None:
            return None
        return QPointF(self.glyphs[event_id].label_day, self.lane_y(placement.lane))

    def label_box(self, event_id: int, device: QTransform) -> QRectF | None:
        """Where the event's label is drawn, in device pixels; None when not shown."""
        placement = self._placement(event_id)
        if placement is None:
            return None
        return self.glyphs[event_id].label_box(device, self.lane_y(placement.lane))

    def _placement(self, event_id: int) -> Placement | None:
        if self._layout is None or not self.is_shown(event_id):
            return None
        placement = self._layout.placements.get(event_id)
        if placement is None and self.place_waiting():  # asked about before its lane's turn
            placement = self._layout.placements.get(event_id)
        return placement

    def event_at(self, scene_point: QPointF, device: QTransform) -> int | None:
        """The shown event whose marks or label are under the point, if any."""
        if self._layout is None:
            return None
        lane = round((scene_point.y() - LANES_TOP) / LANE_HEIGHT)
        y = self.lane_y(lane)
        target = device.map(scene_point)
        day = scene_point.x()
        for event_id in self._layout.ids_between(lane, day, day, PAINT_PAD):
            glyph = self.glyphs[event_id]
            if self.is_shown(event_id) and glyph.hit_box(device, y).contains(target):
                return event_id
        return None

    def visible_events(self, exposed: QRectF) -> Iterator[tuple[int, float]]:
        """(id, y) of the shown events that may reach into `exposed` (scene coordinates): every
        one that does, and at most a few near its edges that do not (the painter clips them)."""
        layout = self._layout
        if layout is None:
            return
        half = LANE_HEIGHT / 2
        first = max(0, math.floor((exposed.top() - LANES_TOP - half) / LANE_HEIGHT))
        last = min(
            layout.lane_count - 1, math.ceil((exposed.bottom() - LANES_TOP + half) / LANE_HEIGHT)
        )
        mask = self._mask
        for lane in range(first, last + 1):
            y = self.lane_y(lane)
            for event_id in layout.ids_between(lane, exposed.left(), exposed.right(), PAINT_PAD):
                if mask is None or event_id in mask:
                    yield event_id, y

    def paint_events(self, painter: QPainter, exposed: QRectF) -> None:
        """The shown events in the lanes and days of `exposed` (scene coordinates)."""
        device = Device.of(painter.worldTransform())
        glyphs, selected = self.glyphs, self.selected
        follow_theme_colours()
        painter.save()
        painter.resetTransform()  # glyphs paint in device pixels, whatever the zoom
        for event_id, y in self.visible_events(exposed):
            glyphs[event_id].paint_at(painter, device, y, event_id == selected)
        painter.restore()

    # -- bands and axis ----------------------------------------------------------------------

    def drawBackground(self, painter: QPainter, exposed: QRectF | QRect) -> None:  # noqa: N802
        rect = QRectF(exposed)
        device = painter.worldTransform()
        painter.save()
        painter.resetTransform()
        # Whole-pixel fills without antialiasing: an antialiased fill of the view's area cost
        # more than all the events drawn over it (tests/bench/bench_timeline.py).
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        painter.fillRect(device.mapRect(rect).toAlignedRect(), PAPER)
        starts = self._band_starts
        shown = []
        for position, period in enumerate(self.periods):
            band = self._paint_band(painter, device, rect, position, period)
            if band is not None:
                shown.append((period, band))
        self._paint_grid(painter, device, rect)
        # Titles after every band and the grid: periods overlap, and a later band would cover
        # an earlier title. Each title stops where the next period begins, whose title starts
        # there.
        for period, band in shown:
            start = day_number(period.start)
            following = bisect_right(starts, start)
            right = band.right()
            if following < len(starts):
                right = min(right, device.map(QPointF(starts[following], 0)).x())
            self._paint_band_title(painter, device, period, band.left(), right)
        painter.restore()

    def _paint_band(self, painter: QPainter, device: QTransform, rect: QRectF, position: int,
                    period: PeriodRow) -> QRectF | None:  # fmt: skip
        """The period's band, where it is in sight; its rect on screen, or None."""
        start, end = day_number(period.start), day_number(period.end) + 1
        if end < rect.left() or start > rect.right():
            return None
        band = device.mapRect(QRectF(start, rect.top(), end - start, rect.height()))
        painter.fillRect(_pixels(band), band_tint(position))
        return band

    def _paint_band_title(self, painter: QPainter, device: QTransform, period: PeriodRow,
                          left: float, right: float) -> None:  # fmt: skip
        top = device.map(QPointF(day_number(period.start), AXIS_HEIGHT)).y()
        title_rect = QRectF(left + 6, top + 3, max(right - left - 12, 0), BAND_TITLE_HEIGHT)
        painter.setPen(MUTED_INK)
        painter.setFont(self.axis_font)
        title = QFontMetricsF(self.axis_font).elidedText(
            period.title, Qt.TextElideMode.ElideRight, title_rect.width()
        )
        if len(title) > 4:  # an ellipsis and a letter or two name nothing: leave the band plain
            flags = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
            painter.drawText(title_rect, flags, title)

    def _paint_grid(self, painter: QPainter, device: QTransform, rect: QRectF) -> None:
        # Whole-pixel rects rather than lines: crisp, and an antialiased line the height of the
        # view cost more than all the events on screen.
        top = round(device.map(QPointF(0, rect.top())).y())
        bottom = round(device.map(QPointF(0, rect.bottom())).y())
        for _year, x in self._ticks(device, rect):
            painter.fillRect(QRect(round(x), top, 1, bottom - top + 1), GRID)

    def drawForeground(self, painter: QPainter, exposed: QRectF | QRect) -> None:  # noqa: N802
        rect = QRectF(exposed)
        device = painter.worldTransform()
        painter.save()
        painter.resetTransform()
        top = device.map(QPointF(0, 0)).y()
        self.paint_axis(painter, device, rect, top)
        painter.restore()

    def paint_axis(self, painter: QPainter, device: QTransform, rect: QRectF, top: float) -> None:
        """The year axis as a strip AXIS_HEIGHT tall at device y `top`, across `rect`."""
        left = device.map(QPointF(rect.left(), 0)).x()
        right = device.map(QPointF(rect.right(), 0)).x()
        strip = QRectF(left, top, right - left, AXIS_HEIGHT)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)  # see drawBackground
        painter.fillRect(_pixels(strip), AXIS_PAPER)
        base = round(top + AXIS_HEIGHT)
        painter.fillRect(QRect(math.floor(left), base, math.ceil(right - left) + 1, 1), INK)
        painter.setFont(self.axis_font)
        painter.setPen(INK)
        for year, x in self._ticks(device, rect):
            painter.fillRect(QRect(round(x), base - 8, 1, 8), INK)
            label = QRectF(x - 40, top + 4, 80, 18)
            painter.drawText(label, Qt.AlignmentFlag.AlignCenter, str(year))

    def _ticks(self, device: QTransform, rect: QRectF) -> list[tuple[int, float]]:
        """Years to mark in `rect`, every 1, 2, 5, 10… so that labels are ≥ 60 px apart."""
        px_per_year = device.m11() * 365.25
        steps = (1, 2, 5, 10, 20, 50, 100, 200, 500)
        step = next((s for s in steps if s * px_per_year >= 60), 1000)
        first = dt.date.fromordinal(max(1, int(rect.left()))).year
        last = dt.date.fromordinal(min(int(rect.right()) + 1, dt.date.max.toordinal())).year
        ticks = []
        for year in range(first - first % step, last + 1, step):
            if year >= 1:
                x = device.map(QPointF(dt.date(year, 1, 1).toordinal(), 0)).x()
                ticks.append((year, x))
        return ticks

    # -- lookups -----------------------------------------------------------------------------

    def categories(self) -> list[tuple[str, str]]:
        """(category, label) of the events shown, in first-seen order, for the legend."""
        mask, known = self._mask, self._categories
        if mask is None:
            return list(known.items())
        # Asked at each keystroke: look through the shown events (fewer than all, and every
        # category is usually met within the first few), not through every category's events.
        rows, shown = self.rows, set()
        for event_id in mask:
            shown.add(rows[event_id].category)
            if len(shown) == len(known):
                break
        return [(category, label) for category, label in known.items() if category in shown]


def outermost(label_ends: Iterable[tuple[float, float]]) -> list[tuple[float, float]]:
    """The (label day, width) pairs, latest first, of the labels that no other label
    outreaches (none starts on a later or the same day and is as wide or wider).

    At any zoom the label that runs furthest right is one of these, so fitting the view and
    measuring the overhang past the last year look at a few dozen labels, not 10,000. Their
    widths grow from first to last: the last is the widest of all.
    """
    kept: list[tuple[float, float]] = []
    widest = -math.inf
    for day, width in sorted(label_ends, reverse=True):  # on a day, its widest label first
        if width > widest:
            kept.append((day, width))
            widest = width
    return kept


def _pixels(rect: QRectF) -> QRect:
    """`rect` on whole pixels (edges rounded), for a fast fill that meets its neighbour."""
    left, top = round(rect.left()), round(rect.top())
    return QRect(left, top, round(rect.right()) - left, round(rect.bottom()) - top)


def x_of(day: dt.date) -> float:
    return float(day.toordinal())


def transform_for(px_per_day: float) -> QTransform:
    return QTransform.fromScale(px_per_day, 1.0)

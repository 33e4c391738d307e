"""The visual timeline's scene: events in lanes, period bands behind them, a year axis on top.

Scene x is in days (day numbers), y in pixels; the view scales x only (see items.py). Lanes
come from `studyapp.domain.timeline_layout`: labels keep their pixel width while the axis zooms,
so a layout holds for one scale. Scales are grouped into buckets a quarter-octave wide and each
bucket is laid out at its smallest scale, which stays valid (no overlap) for every larger scale
in the bucket; layouts are cached per bucket, so zooming within a bucket moves nothing and
crossing into a new one only moves items vertically.

The bands and the axis are painted in `drawBackground`/`drawForeground` for the visible part
only, in device pixels, so their text is never stretched; rendering the scene for an export
(SVG, PNG, PDF pages) draws them the same way.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Sequence

from PySide6.QtCore import QPointF, QRect, QRectF, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QPainter, QPen, QTransform
from PySide6.QtWidgets import QGraphicsScene

from studyapp.db.services.timeline import EventRow
from studyapp.db.services.topic import PeriodRow
from studyapp.domain.timeline_layout import LaneItem, Layout, assign_lanes
from studyapp.ui.timeline.items import MARKER, EventItem, day_number
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

AXIS_HEIGHT = 34.0
BAND_TITLE_HEIGHT = 22.0
LANE_HEIGHT = 24.0
LANES_TOP = AXIS_HEIGHT + BAND_TITLE_HEIGHT + LANE_HEIGHT / 2
MIN_GAP = 12.0  # pixels between two boxes in a lane
BUCKETS_PER_OCTAVE = 4


def bucket_of(px_per_day: float) -> int:
    return math.floor(math.log2(px_per_day) * BUCKETS_PER_OCTAVE)


def bucket_floor(bucket: int) -> float:
    """The smallest scale in the bucket: the one its layout is made for."""
    return 2.0 ** (bucket / BUCKETS_PER_OCTAVE)


class TimelineScene(QGraphicsScene):
    """Events and periods as graphics; `apply_scale(px_per_day)` stacks them for that zoom."""

    def __init__(self, parent=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.BspTreeIndex)
        self.items_by_id: dict[int, EventItem] = {}
        self.periods: list[PeriodRow] = []
        self._lane_items: list[LaneItem] = []
        self._layouts: dict[int, Layout] = {}
        self._visible: set[int] | None = None
        self._bucket: int | None = None
        self.first_day = dt.date(1900, 1, 1).toordinal()
        self.last_day = dt.date(1901, 1, 1).toordinal()
        self.follow_text_size()

    def follow_text_size(self) -> None:
        """Label fonts at the student's text size (set_rows lays the labels out with them)."""
        self.label_font = timeline_font()
        self.key_font = QFont(self.label_font)
        self.key_font.setBold(True)
        self.axis_font = timeline_font(AXIS_SCALE)

    # -- content -----------------------------------------------------------------------------

    def set_rows(self, events: Sequence[EventRow], periods: Sequence[PeriodRow]) -> None:
        """Replace everything drawn; the lanes are laid out again at the next `apply_scale`."""
        self.clear()
        self.items_by_id.clear()
        self.periods = list(periods)
        self._lane_items = []
        metrics = {False: QFontMetricsF(self.label_font), True: QFontMetricsF(self.key_font)}
        # Indexing one item at a time costs more than building the index once at the end.
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)
        for row in events:
            font = self._font_for(row)
            item = EventItem(row, category_colour(row.category), font, metrics[row.key_date])
            self.addItem(item)
            self.items_by_id[row.id] = item
            end = item.start + item.length - 1
            self._lane_items.append(
                LaneItem(row.id, item.start, end, item.label_width, item.label_day)
            )
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.BspTreeIndex)
        self._fit_span(events)
        self._layouts.clear()
        self._bucket = None

    def _font_for(self, row: EventRow) -> QFont:
        return self.key_font if row.key_date else self.label_font

    def _fit_span(self, events: Sequence[EventRow]) -> None:
        days = [day_number(e.start) for e in events] + [day_number(e.end) for e in events]
        days += [day_number(p.start) for p in self.periods]
        days += [day_number(p.end) for p in self.periods]
        if not days:
            return
        first, last = dt.date.fromordinal(min(days)), dt.date.fromordinal(max(days))
        # Whole years, with a year of air on each side, so the axis starts and ends on a tick.
        self.first_day = dt.date(max(1, first.year - 1), 1, 1).toordinal()
        self.last_day = dt.date(min(9998, last.year + 2), 1, 1).toordinal()

    def visible_ids(self) -> set[int] | None:
        return None if self._visible is None else set(self._visible)

    def set_filter(self, visible_ids: Iterable[int] | None) -> None:
        """Show only these events (None: all) and close up the lanes around them."""
        self._visible = None if visible_ids is None else set(visible_ids)
        for event_id, item in self.items_by_id.items():
            item.setVisible(self._visible is None or event_id in self._visible)
        self._layouts.clear()
        self._bucket = None

    # -- lanes -------------------------------------------------------------------------------

    def apply_scale(self, px_per_day: float) -> bool:
        """Stack events for this zoom; True when they moved (the bucket changed)."""
        return self.apply_bucket(bucket_of(px_per_day))

    def settled_for(self, px_per_day: float) -> bool:
        """Whether the lanes are laid out for exactly this zoom's bucket."""
        return self._bucket == bucket_of(px_per_day)

    def valid_for(self, px_per_day: float) -> bool:
        """Whether the current lanes keep labels apart at this zoom (any larger scale is fine)."""
        return self._bucket is not None and bucket_of(px_per_day) >= self._bucket

    def apply_bucket(self, bucket: int) -> bool:
        if bucket == self._bucket:
            return False
        layout = self.layout_for(bucket)
        floor = bucket_floor(bucket)
        # Every item moves: drop the index and build it once, rather than move 10,000 entries.
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)
        for event_id, placement in layout.placements.items():
            item = self.items_by_id[event_id]
            item.set_label_scale(floor)
            item.setY(LANES_TOP + placement.lane * LANE_HEIGHT)
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.BspTreeIndex)
        self._bucket = bucket
        return True

    def fit_rect(self, px_per_day: float) -> None:
        """The scene's extent at this zoom: every year, every lane and the last label's end."""
        height = LANES_TOP + max(self.lane_count(), 1) * LANE_HEIGHT
        right = self.last_day + self.overhang_px(px_per_day) / px_per_day
        self.setSceneRect(QRectF(self.first_day, 0, right - self.first_day, height))

    def scale_to_fit(self, width: float) -> float:
        """The largest zoom at which every year and every label fit in `width` pixels."""
        span = max(self.last_day - self.first_day, 1)
        scale = width / span
        for it in self._lane_items:
            # The label ends at (label_at - first_day) * scale + label_width, which must be ≤ width.
            reach = (it.label_at or it.start) - self.first_day
            if reach > 0 and (reach * scale + it.label_width) > width:
                scale = max((width - it.label_width) / reach, width / span / 2)
        return scale

    def overhang_px(self, px_per_day: float) -> float:
        """How far, in pixels, labels run past the last year at this zoom (0 when none do)."""
        ends = (((it.label_at or it.start) - self.last_day) * px_per_day + it.label_width
                for it in self._lane_items)  # fmt: skip
        return max(0.0, max(ends, default=0.0))

    def layout_for(self, bucket: int) -> Layout:
        layout = self._layouts.get(bucket)
        if layout is None:
            items = self._lane_items
            if self._visible is not None:
                items = [it for it in items if it.id in self._visible]
            # The marker of a day sticks out half its width to the left of the start.
            layout = assign_lanes(items, bucket_floor(bucket), min_gap=MIN_GAP + MARKER / 2)
            self._layouts[bucket] = layout
        return layout

    def lane_count(self) -> int:
        return 0 if self._bucket is None else self.layout_for(self._bucket).lane_count

    # -- bands and axis ----------------------------------------------------------------------

    def drawBackground(self, painter: QPainter, exposed: QRectF | QRect) -> None:  # noqa: N802
        rect = QRectF(exposed)
        painter.fillRect(rect, PAPER)
        device = painter.worldTransform()
        painter.save()
        painter.resetTransform()
        for position, period in enumerate(self.periods):
            self._paint_band(painter, device, rect, position, period)
        self._paint_grid(painter, device, rect)
        painter.restore()

    def _paint_band(
        self, painter: QPainter, device: QTransform, rect: QRectF, position: int, period: PeriodRow
    ) -> None:
        start, end = day_number(period.start), day_number(period.end) + 1
        if end < rect.left() or start > rect.right():
            return
        band = device.mapRect(QRectF(start, rect.top(), end - start, rect.height()))
        painter.fillRect(band, band_tint(position))
        top = device.map(QPointF(start, AXIS_HEIGHT)).y()
        title_rect = QRectF(band.left() + 6, top + 3, max(band.width() - 12, 0), BAND_TITLE_HEIGHT)
        painter.setPen(MUTED_INK)
        painter.setFont(self.axis_font)
        title = QFontMetricsF(self.axis_font).elidedText(
            period.title, Qt.TextElideMode.ElideRight, title_rect.width()
        )
        if len(title) > 4:  # an ellipsis and a letter or two name nothing: leave the band plain
            flags = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
            painter.drawText(title_rect, flags, title)

    def _paint_grid(self, painter: QPainter, device: QTransform, rect: QRectF) -> None:
        painter.setPen(QPen(GRID, 1))
        for year, x in self._ticks(device, rect):
            del year
            painter.drawLine(QPointF(x, device.map(QPointF(0, rect.top())).y()),
                             QPointF(x, device.map(QPointF(0, rect.bottom())).y()))  # fmt: skip

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
        painter.fillRect(strip, AXIS_PAPER)
        painter.setPen(QPen(INK, 1))
        painter.drawLine(QPointF(left, top + AXIS_HEIGHT), QPointF(right, top + AXIS_HEIGHT))
        painter.setFont(self.axis_font)
        for year, x in self._ticks(device, rect):
            painter.drawLine(QPointF(x, top + AXIS_HEIGHT - 8), QPointF(x, top + AXIS_HEIGHT))
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
        seen: dict[str, str] = {}
        for item in self.items_by_id.values():
            if item.isVisible():
                seen.setdefault(item.row.category, item.row.category_label)
        return list(seen.items())


def x_of(day: dt.date) -> float:
    return float(day.toordinal())


def transform_for(px_per_day: float) -> QTransform:
    return QTransform.fromScale(px_per_day, 1.0)

"""The graphics item of one event on the visual timeline.

Scene coordinates: x in days (day numbers, `date.toordinal()`), y in pixels; the view scales x
only. An event's span is drawn in scene units, so its length follows the zoom: a range solid, a
year/season/month faded at both ends because we do not know where in it the event fell. Its
point markers (exact days, the members of a set) and its label are drawn in device pixels from
the same `paint`, so they keep their size at every zoom.

Why one item and no `ItemIgnoresTransformations` children: Qt's BSP index cannot place items
that ignore transformations, so it tests every one of them on every paint; at 10,000 events
that made a pan frame cost ~90 ms (see tests/bench/bench_timeline.py). Here every item is
indexed; its bounding rect includes the label at the smallest scale of the current zoom
bucket (`set_label_scale`), which is never smaller than the label really is, and it changes
only when the zoom crosses into another bucket. The label's text layout is cached (QStaticText).
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QLinearGradient,
    QPainter,
    QPen,
    QStaticText,
    QTransform,
)
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from studyapp.db.services.timeline import EventRow
from studyapp.ui.timeline.palette import INK, MUTED_INK, SELECTION, SELECTION_FILL

BAR_HEIGHT = 14.0
MARKER = 9.0  # diameter of a day's point, in pixels
LABEL_OFFSET = 8.0  # pixels from an event's start (or a set's last member) to its label
EVENT_ID = 0  # QGraphicsItem.data key holding the event id
_VAGUE = {"year", "season", "month"}


def day_number(iso: str) -> int:
    return dt.date.fromisoformat(iso).toordinal()


def member_days(row: EventRow) -> list[tuple[int, int]]:
    """The (first, last) day of each member of a set; one pair for any other date."""
    if row.precision != "set":
        return [(day_number(row.start), day_number(row.end))]
    from studyapp.domain.dates import parse

    members = row.edtf.strip("{}[]").split(",")
    spans = [parse(member.strip()) for member in members]
    return [(s.start.toordinal(), s.end.toordinal()) for s in spans]


class EventItem(QGraphicsItem):
    """One event: x from 0 (its start) to its length in days, y centred on 0."""

    def __init__(
        self, row: EventRow, colour: QColor, font: QFont, metrics: QFontMetricsF | None = None
    ) -> None:
        super().__init__()
        self.row = row
        self.start = day_number(row.start)
        self.length = day_number(row.end) + 1 - self.start  # the last day is included
        self.colour = colour
        spans = member_days(row)
        self.members = [first - self.start for first, _last in spans] if self._pointed() else []
        # A set's label follows its last marker, so it never runs over the other markers.
        self.label_day = spans[-1][0] if len(spans) > 1 else self.start
        self.font = font
        self.text = QStaticText(row.title)  # laid out at its first paint, then cached
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        metrics = metrics or QFontMetricsF(font)
        self.text_width = metrics.horizontalAdvance(row.title)
        self.text_height = metrics.height()
        self.label_width = LABEL_OFFSET + self.text_width + 4
        self._highlighted = False
        self._bounds = QRectF()
        self.set_label_scale(1.0)
        self.setData(EVENT_ID, row.id)
        self.setPos(self.start, 0)
        self.setToolTip(f"{row.title} — {row.date_label}")
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    def _pointed(self) -> bool:
        return self.row.precision in {"day", "set"}

    # -- geometry ----------------------------------------------------------------------------

    def set_label_scale(self, px_per_day: float) -> None:
        """The smallest scale the item will be drawn at until the next call (see module doc)."""
        self.prepareGeometryChange()
        pad = (MARKER / 2 + 2) / px_per_day
        label_end = (self.label_day - self.start) + self.label_width / px_per_day
        height = max(BAR_HEIGHT, self.text_height) + 4
        # Qt asks for this rect hundreds of thousands of times while re-indexing: keep it.
        self._bounds = QRectF(-pad, -height / 2, max(self.length, label_end) + pad, height)

    def boundingRect(self) -> QRectF:  # noqa: N802
        return self._bounds

    def label_box(self, device: QTransform) -> QRectF:
        """Where the label is drawn, in device pixels, under scene-to-device `device`."""
        anchor = device.map(QPointF(self.label_day, self.y()))
        return QRectF(anchor.x() + LABEL_OFFSET, anchor.y() - self.text_height / 2,
                      self.text_width, self.text_height)  # fmt: skip

    # -- drawing -----------------------------------------------------------------------------

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        if not self._pointed():
            self._paint_span(painter)
        device = painter.worldTransform()
        painter.save()
        painter.resetTransform()  # markers and label in pixels, whatever the zoom
        points = [device.map(QPointF(x, 0)) for x in self.members]
        if len(points) > 1:
            self._paint_link(painter, points)
        for point in points:
            self._paint_marker(painter, point)
        self._paint_label(painter, device.map(QPointF(self.label_day - self.start, 0)))
        painter.restore()

    def _paint_span(self, painter: QPainter) -> None:
        colour = QColor(self.colour)
        colour.setAlpha(150 if self.row.key_date else 105)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self._vague_brush(colour) if self.row.precision in _VAGUE else colour)
        painter.drawRect(QRectF(0, -BAR_HEIGHT / 2, self.length, BAR_HEIGHT))

    def _vague_brush(self, colour: QColor) -> QBrush:
        """Fade in and out over the first and last fifth: the event is somewhere in between."""
        gradient = QLinearGradient(QPointF(0, 0), QPointF(self.length, 0))
        clear = QColor(colour)
        clear.setAlpha(0)
        gradient.setColorAt(0.0, clear)
        gradient.setColorAt(0.2, colour)
        gradient.setColorAt(0.8, colour)
        gradient.setColorAt(1.0, clear)
        return QBrush(gradient)

    def _paint_link(self, painter: QPainter, points: list[QPointF]) -> None:
        """A set's members joined by a dotted line, so they read as one event."""
        painter.setPen(QPen(self.colour, 1.5, Qt.PenStyle.DotLine))
        painter.drawLine(points[0], points[-1])

    def _paint_marker(self, painter: QPainter, point: QPointF) -> None:
        key = self.row.key_date
        painter.setPen(QPen(INK if key else self.colour.darker(130), 1.6 if key else 1.0))
        painter.setBrush(self.colour)
        painter.drawEllipse(point, MARKER / 2, MARKER / 2)

    def _paint_label(self, painter: QPainter, anchor: QPointF) -> None:
        top_left = QPointF(anchor.x() + LABEL_OFFSET, anchor.y() - self.text_height / 2)
        if self._highlighted:
            box = QRectF(top_left.x(), top_left.y(), self.text_width, self.text_height)
            painter.setPen(QPen(SELECTION, 2))
            painter.setBrush(SELECTION_FILL)
            painter.drawRoundedRect(box.adjusted(-3, -1, 3, 1), 3, 3)
        painter.setFont(self.font)
        painter.setPen(INK if self.row.key_date else MUTED_INK)
        painter.drawStaticText(top_left, self.text)

    def set_highlighted(self, on: bool) -> None:
        self._highlighted = on
        self.update()

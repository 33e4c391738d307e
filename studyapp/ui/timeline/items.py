"""The graphics items of one event on the visual timeline.

Scene coordinates: x in days (day numbers, `date.toordinal()`), y in pixels; the view scales x
only. So a bar's length follows the zoom for free, while a label or a point marker ignores the
view's transformation and keeps its size in pixels. Each event is one `EventItem` (the span,
drawn honestly: a range solid, a year/season/month faded at both ends because we do not know
where in it the event fell) with a label child and, for exact days and sets, marker children.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QLinearGradient, QPainter, QPen
from PySide6.QtWidgets import (
    QGraphicsEllipseItem,
    QGraphicsItem,
    QGraphicsLineItem,
    QGraphicsSimpleTextItem,
    QStyleOptionGraphicsItem,
    QWidget,
)

from studyapp.db.services.timeline import EventRow
from studyapp.ui.timeline.palette import INK, MUTED_INK, SELECTION

BAR_HEIGHT = 14.0
MARKER = 9.0  # diameter of a day's point, in pixels
LABEL_OFFSET = 8.0  # pixels from an event's start to its label
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
    """One event: its span (x from 0 to the length in days, y centred on 0) and its children."""

    def __init__(self, row: EventRow, colour: QColor, font: QFont, *, cached: bool = True) -> None:
        super().__init__()
        self.row = row
        self.start = day_number(row.start)
        self.length = day_number(row.end) + 1 - self.start  # the last day is included
        self.colour = colour
        spans = member_days(row)
        # A set's label follows its last marker, so it never runs over the other markers.
        self.label_day = spans[-1][0] if len(spans) > 1 else self.start
        self.setData(EVENT_ID, row.id)
        self.setPos(self.start, 0)
        self.setToolTip(f"{row.title} — {row.date_label}")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.label = _Label(self, row, font, cached)
        self.label.setPos(self.label_day - self.start, 0)
        self._markers = self._add_markers()

    # -- geometry and drawing ----------------------------------------------------------------

    def boundingRect(self) -> QRectF:  # noqa: N802
        return QRectF(0, -BAR_HEIGHT / 2, self.length, BAR_HEIGHT)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        if self.row.precision == "day" or self.row.precision == "set":
            return  # markers show these; a one-day bar would only be a sliver
        colour = QColor(self.colour)
        colour.setAlpha(150 if self.row.key_date else 105)
        rect = self.boundingRect()
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self._vague_brush(colour) if self.row.precision in _VAGUE else colour)
        painter.drawRect(rect)

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

    def _add_markers(self) -> list[QGraphicsItem]:
        if self.row.precision not in {"day", "set"}:
            return []
        spans = member_days(self.row)
        markers: list[QGraphicsItem] = []
        if len(spans) > 1:  # a set: its members joined by a thin line, so they read as one event
            first, last = spans[0][0] - self.start, spans[-1][0] - self.start
            line = QGraphicsLineItem(first, 0, last, 0, self)
            pen = QPen(self.colour, 1.5, Qt.PenStyle.DotLine)
            pen.setCosmetic(True)
            line.setPen(pen)
            markers.append(line)
        for first, _last in spans:
            markers.append(_Marker(self, first - self.start, self.colour, self.row.key_date))
        return markers

    def set_highlighted(self, on: bool) -> None:
        self.label.set_highlighted(on)


class _Marker(QGraphicsEllipseItem):
    """A day's point: a fixed-size dot, ringed for a key date."""

    def __init__(self, parent: EventItem, x: float, colour: QColor, key_date: bool) -> None:
        super().__init__(-MARKER / 2, -MARKER / 2, MARKER, MARKER, parent)
        self.setPos(x, 0)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
        self.setBrush(colour)
        self.setPen(QPen(INK if key_date else colour.darker(130), 1.6 if key_date else 1.0))


class _Label(QGraphicsSimpleTextItem):
    """The title beside the start, at a constant pixel size whatever the zoom."""

    def __init__(self, parent: EventItem, row: EventRow, font: QFont, cached: bool) -> None:
        super().__init__(row.title, parent)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
        if cached:  # on screen; an export wants text, not a picture of it
            self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.setFont(font)
        self.setBrush(INK if row.key_date else MUTED_INK)
        height = self.boundingRect().height()
        # The item's own transform is kept under ItemIgnoresTransformations: an offset in pixels.
        self.setTransform(self.transform().translate(LABEL_OFFSET, -height / 2))
        self._highlight = False

    def set_highlighted(self, on: bool) -> None:
        self._highlight = on
        self.update()

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        if self._highlight:
            painter.setPen(QPen(SELECTION, 2))
            painter.setBrush(QColor(26, 115, 232, 40))
            painter.drawRoundedRect(self.boundingRect().adjusted(-3, -1, 3, 1), 3, 3)
        super().paint(painter, option, widget)

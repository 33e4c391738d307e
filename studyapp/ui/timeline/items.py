"""What one event looks like on the visual timeline, painted in device pixels.

Scene coordinates: x in days (day numbers, `date.toordinal()`), y in pixels; the view scales x
only. An event's span follows the zoom: a range solid, a year/season/month faded at both ends
because we do not know where in it the event fell. Its point markers (exact days, the members
of a set) and its label keep their size at every zoom.

Why plain objects and not one QGraphicsItem per event: at 10,000 events Qt's item index made
opening the tab cost over a second and every change of lanes (a zoom step across a bucket, a
filter) moved 10,000 items and rebuilt the index (~100 ms a frame; tests/bench/bench_timeline.py).
Here the scene keeps one `EventGlyph` per event and a single layer item paints the glyphs in
the lanes and days that are exposed (see scene.py), so a frame costs what is on screen. Each
label's text layout is made at its first paint and cached (QStaticText).
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QLinearGradient,
    QPainter,
    QPen,
    QStaticText,
    QTransform,
)

from studyapp.db.services.timeline import EventRow
from studyapp.ui.timeline.palette import INK, MUTED_INK, SELECTION, SELECTION_FILL

BAR_HEIGHT = 14.0
MARKER = 9.0  # diameter of a day's point, in pixels
LABEL_OFFSET = 8.0  # pixels from an event's start (or a set's last member) to its label
LEFT_PAD = MARKER / 2 + 2  # pixels a marker (and its outline) reaches left of its day
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


class EventGlyph:
    """One event's marks: its span or markers and its label, at day `start`, `length` days."""

    __slots__ = ("row", "start", "length", "colour", "font", "members", "label_day",
                 "text_width", "text_height", "label_width", "_text")  # fmt: skip

    def __init__(
        self, row: EventRow, colour: QColor, font: QFont, text_width: float, text_height: float
    ) -> None:
        self.row = row
        self.start = day_number(row.start)
        self.length = day_number(row.end) + 1 - self.start  # the last day is included
        self.colour = colour
        self.font = font
        # Tuples: 10,000 of them, and a tuple of numbers is no work for the cycle collector.
        if row.precision == "set":
            self.members: tuple[int, ...] = tuple(first for first, _last in member_days(row))
        else:
            self.members = (self.start,) if row.precision == "day" else ()
        # A set's label follows its last marker, so it never runs over the other markers.
        self.label_day = self.members[-1] if self.members else self.start
        self.text_width = text_width
        self.text_height = text_height
        self.label_width = LABEL_OFFSET + text_width + 4
        self._text: QStaticText | None = None

    @property
    def id(self) -> int:
        return self.row.id

    @property
    def tooltip(self) -> str:
        return f"{self.row.title} — {self.row.date_label}"

    # -- geometry (device pixels, under the scene-to-device transform `device`) --------------

    def label_box(self, device: QTransform, y: float) -> QRectF:
        """Where the label is drawn when the event sits at scene y `y`."""
        anchor = device.map(QPointF(self.label_day, y))
        return QRectF(anchor.x() + LABEL_OFFSET, anchor.y() - self.text_height / 2,
                      self.text_width, self.text_height)  # fmt: skip

    def hit_box(self, device: QTransform, y: float) -> QRectF:
        """What answers a click: the span or markers and the label, as one box."""
        left = device.map(QPointF(self.start, y))
        right = device.map(QPointF(self.start + self.length, y)).x()
        label = self.label_box(device, y)
        height = max(BAR_HEIGHT, self.text_height)
        return QRectF(left.x() - LEFT_PAD, left.y() - height / 2,
                      max(right, label.right()) - left.x() + LEFT_PAD, height)  # fmt: skip

    # -- drawing -----------------------------------------------------------------------------

    def paint(self, painter: QPainter, device: QTransform, y: float, highlighted: bool) -> None:
        """Paint with the painter in device pixels (no world transform)."""
        if not self.members:
            self._paint_span(painter, device, y)
        points = [device.map(QPointF(day, y)) for day in self.members]
        if len(points) > 1:
            painter.setPen(QPen(self.colour, 1.5, Qt.PenStyle.DotLine))  # a set reads as one
            painter.drawLine(points[0], points[-1])
        if points:
            key = self.row.key_date
            painter.setPen(QPen(INK, 1.6) if key else QPen(_outline(self.colour), 1.0))
            painter.setBrush(self.colour)
            for point in points:
                painter.drawEllipse(point, MARKER / 2, MARKER / 2)
        self._paint_label(painter, self.label_box(device, y), highlighted)

    def _paint_span(self, painter: QPainter, device: QTransform, y: float) -> None:
        left = device.map(QPointF(self.start, y))
        width = self.length * device.m11()
        colour = QColor(self.colour)
        colour.setAlpha(150 if self.row.key_date else 105)
        painter.setPen(Qt.PenStyle.NoPen)
        if self.row.precision in _VAGUE:
            painter.setBrush(_vague_brush(colour, left.x(), width))
        else:
            painter.setBrush(colour)
        painter.drawRect(QRectF(left.x(), left.y() - BAR_HEIGHT / 2, width, BAR_HEIGHT))

    def _paint_label(self, painter: QPainter, box: QRectF, highlighted: bool) -> None:
        if highlighted:
            painter.setPen(QPen(SELECTION, 2))
            painter.setBrush(SELECTION_FILL)
            painter.drawRoundedRect(box.adjusted(-3, -1, 3, 1), 3, 3)
        if self._text is None:
            self._text = QStaticText(self.row.title)
            self._text.setTextFormat(Qt.TextFormat.PlainText)
        painter.setFont(self.font)
        painter.setPen(INK if self.row.key_date else MUTED_INK)
        painter.drawStaticText(box.topLeft(), self._text)


_OUTLINES: dict[int, QColor] = {}


def _outline(colour: QColor) -> QColor:
    """A marker's edge: its colour a little darker (cached; markers are painted every frame)."""
    outline = _OUTLINES.get(colour.rgba())
    if outline is None:
        outline = _OUTLINES[colour.rgba()] = colour.darker(130)
    return outline


def _vague_brush(colour: QColor, left: float, width: float) -> QBrush:
    """Fade in and out over the first and last fifth: the event is somewhere in between."""
    gradient = QLinearGradient(QPointF(left, 0), QPointF(left + width, 0))
    clear = QColor(colour)
    clear.setAlpha(0)
    gradient.setColorAt(0.0, clear)
    gradient.setColorAt(0.2, colour)
    gradient.setColorAt(0.8, colour)
    gradient.setColorAt(1.0, clear)
    return QBrush(gradient)

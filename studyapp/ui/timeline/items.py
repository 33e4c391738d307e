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
from typing import NamedTuple

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
from studyapp.ui.timeline.palette import (
    INK,
    MUTED_INK,
    SELECTION,
    SELECTION_FILL,
    theme_generation,
)

BAR_HEIGHT = 14.0
MARKER = 9.0  # diameter of a day's point, in pixels
LABEL_OFFSET = 8.0  # pixels from an event's start (or a set's last member) to its label
LEFT_PAD = MARKER / 2 + 2  # pixels a marker (and its outline) reaches left of its day
LABEL_PAD = 4.0  # pixels of air kept after a label, in its lane
_VAGUE = {"year", "season", "month"}
NO_PEN = QPen(Qt.PenStyle.NoPen)


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
                 "text_width", "text_height", "label_width", "_text", "_style")  # fmt: skip

    def __init__(self, row: EventRow, colour: QColor, font: QFont, text_width: float,
                 text_height: float, set_members: tuple[int, ...] | None = None,
                 ) -> None:  # fmt: skip
        """`set_members`: a set's first days, when the caller has them (else read from the
        date)."""
        self.row = row
        self.start = day_number(row.start)
        self.length = day_number(row.end) + 1 - self.start  # the last day is included
        self.colour = colour
        self.font = font
        # Tuples: 10,000 of them, and a tuple of numbers is no work for the cycle collector.
        if row.precision == "set":
            self.members: tuple[int, ...] = set_members or tuple(
                first for first, _last in member_days(row))
        else:
            self.members = (self.start,) if row.precision == "day" else ()
        # A set's label follows its last marker, so it never runs over the other markers.
        self.label_day = self.members[-1] if self.members else self.start
        self.text_width = text_width
        self.text_height = text_height
        self.label_width = LABEL_OFFSET + text_width + LABEL_PAD  # as the scene's lane items
        self._text: QStaticText | None = None
        self._style: GlyphStyle | None = None  # made at the first paint

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

    def paint_at(self, painter: QPainter, device: Device, y: float, highlighted: bool) -> None:
        """Paint with the painter in device pixels (no world transform), at scene y `y`.

        `device` holds the scene-to-device transform's numbers, read once per frame: a frame
        paints dozens of glyphs, and plain arithmetic costs less than a QTransform.map."""
        style = self._style
        if style is None:
            style = self._style = glyph_style(self.colour, self.row.key_date)
        sx, dx = device.sx, device.dx
        at_y = y * device.sy + device.dy
        members = self.members
        if not members:
            self._paint_span(painter, self.start * sx + dx, at_y, self.length * sx, style)
        else:
            if len(members) > 1:  # a set reads as one
                painter.setPen(style.set_pen)
                painter.drawLine(QPointF(members[0] * sx + dx, at_y),
                                 QPointF(members[-1] * sx + dx, at_y))  # fmt: skip
            painter.setPen(style.marker_pen)
            painter.setBrush(style.fill)
            for day in members:
                painter.drawEllipse(QPointF(day * sx + dx, at_y), MARKER / 2, MARKER / 2)
        left = self.label_day * sx + dx + LABEL_OFFSET
        top = at_y - self.text_height / 2
        if highlighted:
            painter.setPen(style.highlight_pen)
            painter.setBrush(style.highlight_fill)
            painter.drawRoundedRect(QRectF(left - 3, top - 1, self.text_width + 6,
                                           self.text_height + 2), 3, 3)  # fmt: skip
        text = self._text
        if text is None:
            text = self._text = QStaticText(self.row.title)
            text.setTextFormat(Qt.TextFormat.PlainText)
        painter.setFont(self.font)
        painter.setPen(style.label_pen)
        painter.drawStaticText(QPointF(left, top), text)

    def _paint_span(
        self, painter: QPainter, left: float, y: float, width: float, style: GlyphStyle
    ) -> None:
        painter.setPen(NO_PEN)
        if self.row.precision in _VAGUE:
            # A gradient per span and frame, in device pixels. (One brush for every span, in
            # the span's own coordinates — QGradient.ObjectMode — was tried: in the window,
            # some labels painted after it were drawn far from their place.)
            painter.setBrush(_vague_brush(style.span, left, width))
        else:
            painter.setBrush(style.span)
        painter.drawRect(QRectF(left, y - BAR_HEIGHT / 2, width, BAR_HEIGHT))


class Device(NamedTuple):
    """A scene-to-device transform that only scales and moves, as the view's zoom and scroll
    and an export's page do (the timeline is never rotated or sheared):
    device x = x * sx + dx, device y = y * sy + dy."""

    sx: float
    dx: float
    sy: float
    dy: float

    @staticmethod
    def of(transform: QTransform) -> Device:
        return Device(transform.m11(), transform.dx(), transform.m22(), transform.dy())


class GlyphStyle:
    """The pens and brushes of the glyphs of one colour and weight, made once and shared: a
    frame paints dozens of glyphs and used to make each one's pens again. `follow_theme`
    (palette.py) changes INK and friends in place; `follow_theme_colours` remakes the pens
    made from them."""

    __slots__ = ("colour", "key_date", "set_pen", "marker_pen", "fill", "span", "label_pen",
                 "highlight_pen", "highlight_fill")  # fmt: skip

    def __init__(self, colour: QColor, key_date: bool) -> None:
        self.colour, self.key_date = QColor(colour), key_date
        self.set_pen = QPen(colour, 1.5, Qt.PenStyle.DotLine)
        self.fill = QBrush(colour)
        span = QColor(colour)
        span.setAlpha(150 if key_date else 105)
        self.span = span
        self.restyle()

    def restyle(self) -> None:
        """Take the theme's ink and selection colours as they are now."""
        self.marker_pen = QPen(INK, 1.6) if self.key_date else QPen(_outline(self.colour), 1.0)
        self.label_pen = QPen(INK if self.key_date else MUTED_INK)
        self.highlight_pen = QPen(SELECTION, 2)
        self.highlight_fill = QBrush(SELECTION_FILL)


_STYLES: dict[tuple[int, bool], GlyphStyle] = {}
_STYLED_FOR = [theme_generation()]


def glyph_style(colour: QColor, key_date: bool) -> GlyphStyle:
    style = _STYLES.get((colour.rgba(), key_date))
    if style is None:
        style = _STYLES[colour.rgba(), key_date] = GlyphStyle(colour, key_date)
    return style


def follow_theme_colours() -> None:
    """Remake the shared pens if the theme's colours changed since they were made (once per
    frame: a comparison of two numbers)."""
    if _STYLED_FOR[0] != theme_generation():
        _STYLED_FOR[0] = theme_generation()
        for style in _STYLES.values():
            style.restyle()


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

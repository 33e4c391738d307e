"""The visual timeline: a zoomable, pannable view of the timeline scene, with a legend.

It takes plain rows (`EventRow`, `PeriodRow`) and says what the student did through signals:
`event_selected(id)` (a click), `event_activated(id)` (a double-click) and
`empty_activated(edtf)` (a double-click on empty space: the day, or the month when zoomed out,
under the pointer, to pre-fill an Add dialog). Ctrl+wheel and +/− zoom around the pointer (the
view centre for keys), dragging and the arrow keys pan, Home/End jump to either end, and
`fit_all()` shows everything. Zooming scales x only; labels keep their size (see items.py).

No zoom step or keystroke lays out 10,000 events: zooming in keeps lanes that are still valid,
zooming out takes a cached (or, once, a looser) layout, and a filter hides events at once; the
lanes tighten for the exact zoom and filter once the student pauses (`_compact`). New rows are
laid out a screenful of lanes at a time: at fit-all 10,000 events fill thousands of lanes, so
the first paint waits only for the lanes it can show, and the rest are placed right after it
(the scroll bar's thumb then shrinks to match); selecting an event below them places them at
once.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Sequence

from PySide6.QtCore import QEvent, QPoint, QPointF, QRect, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QFontMetricsF,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QGraphicsView, QToolTip, QWidget

from studyapp.db.services.timeline import EventRow
from studyapp.db.services.topic import PeriodRow
from studyapp.ui.theme import on_restyle
from studyapp.ui.timeline.palette import INK, LEGEND_PAPER, category_colour, follow_theme
from studyapp.ui.timeline.scene import (
    LANE_HEIGHT,
    TimelineScene,
    bucket_of,
    transform_for,
)
from studyapp.ui.widgets.keys import KeyHelp

ZOOM_STEP = 1.25
MAX_PX_PER_DAY = 40.0  # a day 40 px wide: enough to tell 22 June from 23 June
COMPACT_AFTER_MS = 150  # tighten the lanes once zooming or typing pauses this long
FALLBACK_AFTER_MS = 400  # after showing new rows, lay out the loosest zoom ahead of need
GLYPHS_PER_TURN = 2000  # glyphs made ahead of need per turn of the event loop (~3 ms)
BUCKET_MARGIN = 2  # zooming out, lay lanes out half an octave (2 buckets) further out
DAY_PRECISION_FROM = 1.5  # px per day above which a double-click means a day, not a month


class TimelineCanvas(QGraphicsView):
    event_selected = Signal(int)
    event_activated = Signal(int)
    empty_activated = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # The viewport stays the one Qt makes. The first time PySide is handed it, it sets up
        # every QtWidgets class to find its type (74 Python enums); a viewport made in Python
        # avoided that, but each repaint then went through PySide's wrapper and a keystroke's
        # p95 at 10,000 events rose by 4-5 ms. So the way to the first screen's paint never
        # asks for it: its size comes from its resize events (`viewport_rect`).
        self._viewport_size: QSize | None = None
        self.timeline = TimelineScene(self)
        self.setScene(self.timeline)
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.setOptimizationFlag(QGraphicsView.OptimizationFlag.DontSavePainterState)
        # The bands and the grid change only with zoom and scroll: keep them as a picture
        # instead of filling the view's area again for every change of the events over them.
        self.setCacheMode(QGraphicsView.CacheModeFlag.CacheBackground)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMinimumHeight(160)
        self.setAccessibleName("Timeline")
        self._scale = 0.1
        self._selected: int | None = None
        self._fitted = False
        self._making_glyphs = False  # see `_make_glyphs`
        self._fit_mode = False  # showing everything: a resize fits again
        self.legend = LegendStrip(self)
        self._compact_timer = QTimer(self)
        self._compact_timer.setSingleShot(True)
        self._compact_timer.setInterval(COMPACT_AFTER_MS)
        self._compact_timer.timeout.connect(self._compact)
        self._fallback_timer = QTimer(self)
        self._fallback_timer.setSingleShot(True)
        self._fallback_timer.setInterval(FALLBACK_AFTER_MS)
        self._fallback_timer.timeout.connect(self._prepare_fallback)
        on_restyle(self, self._restyle)

    def _restyle(self) -> None:
        """A new theme or text size: new colours, and labels laid out again at the new size."""
        follow_theme()  # the shared colours change in place: a repaint shows them
        fonts = (self.timeline.label_font, self.timeline.axis_font)
        self.timeline.follow_text_size()
        if (self.timeline.label_font, self.timeline.axis_font) != fonts:
            rows = list(self.timeline.rows.values())
            self.set_rows(rows, self.timeline.periods)  # new label widths; the filter is kept
        else:  # colours only: the lanes stay as laid out
            self.resetCachedContent()  # the cached background (bands, grid)
            self.timeline.layer.update()
        self.legend.update()
        self.timeline.update()

    # -- content -----------------------------------------------------------------------------

    def set_rows(self, events: Sequence[EventRow], periods: Sequence[PeriodRow]) -> None:
        """Show these rows; keeps the zoom (or fits all the first time) and the selection."""
        centre = self.mapToScene(self.viewport_rect().center())
        self.timeline.set_rows(events, periods)
        self.resetCachedContent()  # the periods behind may have changed
        self._update_legend()
        if not self._fitted:
            # At fit-all 10,000 events fill thousands of lanes: a screenful is placed before
            # the first paint, the others right after it (`paintEvent`).
            self.timeline.lanes_first = self._lanes_on_screen()
            self.fit_all()
        else:
            self._set_scale(self._scale, QPointF(centre))
        self._selected = self.timeline.selected
        self._fallback_timer.start()

    def _lanes_on_screen(self) -> int:
        """More lanes than the view can ever show at once: as many as the screen is tall."""
        screen = self.screen()
        tall = max(self.window().height(), screen.availableGeometry().height() if screen else 0)
        return math.ceil(tall / LANE_HEIGHT) + 1

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        super().paintEvent(event)
        if self.timeline.lanes_first is not None:
            QTimer.singleShot(0, self, self._place_waiting)
        if not self._making_glyphs and self.timeline.glyphs_left():  # once the rows are on
            self._making_glyphs = True  # screen, the rest of their glyphs; no timer per frame
            QTimer.singleShot(0, self, self._make_glyphs)

    def _make_glyphs(self) -> None:
        """Make the glyphs not made yet, a few thousand per turn of the event loop, so that
        zooming out or panning soon after start-up does not make them frame by frame."""
        if self.timeline.make_glyphs(GLYPHS_PER_TURN):
            QTimer.singleShot(0, self, self._make_glyphs)
        else:
            self._making_glyphs = False

    def _place_waiting(self) -> None:
        """Place the events below the first screenful of lanes: the scene grows to every lane,
        and the scroll bar with it. Layouts made from here on place every lane at once."""
        if self.timeline.lanes_first is None:
            return
        self.timeline.lanes_first = None
        self.timeline.place_waiting()
        self.timeline.fit_rect(self._scale)
        if self._fit_mode and self._selected is not None:
            self._keep_selection_in_view()

    def set_filter(self, visible_ids: Iterable[int] | None) -> None:
        """Show only these events (None: all) at once; the lanes close up once filtering
        pauses, or at once when few events are left (see scene.py)."""
        if self.timeline.set_mask(visible_ids):
            self._update_legend()
            self.timeline.fit_rect(self._scale)
        if not self.timeline.settled_for(self._scale):
            self._compact_timer.start()

    def shown_ids(self) -> set[int]:
        return self.timeline.shown_ids()

    def select_event(self, event_id: int) -> bool:
        """Highlight the event and bring it to the middle of the view; False if not shown."""
        if self.timeline.is_waiting(event_id):  # below the first lanes, before their paint
            self._place_waiting()
        position = self.timeline.position_of(event_id)
        if position is None:
            return False
        self._highlight(event_id)
        self.centerOn(position)
        return True

    def selected_event(self) -> int | None:
        return self._selected

    def clear_selection(self) -> None:
        """Highlight nothing (the list shows no event, e.g. the filter hides them all)."""
        self._highlight(None)

    def _highlight(self, event_id: int | None) -> None:
        self._selected = event_id
        self.timeline.set_selected(event_id)

    # -- zoom --------------------------------------------------------------------------------

    def viewport_rect(self) -> QRect:
        """`viewport().rect()` without handing PySide the viewport (see `__init__`): its size
        as its last resize event gave it or, before the first, as it will be without scroll
        bars."""
        size = self._viewport_size
        return QRect(QPoint(0, 0), size if size is not None else self.maximumViewportSize())

    @property
    def px_per_day(self) -> float:
        return self._scale

    def fit_all(self) -> None:
        """Every year of the timeline across the width of the view, the selected event still
        in view (the first lanes when none is)."""
        self._fitted = self._fit_mode = True
        width = max(self.viewport_rect().width() - 2, 100)
        scale = self.timeline.scale_to_fit(width)
        self._set_scale(scale, None)
        self.horizontalScrollBar().setValue(self.horizontalScrollBar().minimum())
        self._keep_selection_in_view()

    def _keep_selection_in_view(self) -> None:
        """Scroll to the selected event's lane, across the width kept as it is. An event below
        the first lanes before they are all placed (`lanes_first`) is not placed for this:
        `_place_waiting` calls this again once they are."""
        selected, bar = self._selected, self.verticalScrollBar()
        position = None
        if selected is not None and not self.timeline.is_waiting(selected):
            position = self.timeline.position_of(selected)
        if position is None:
            bar.setValue(bar.minimum())
        else:
            centre = self.mapToScene(self.viewport_rect().center())
            self.centerOn(QPointF(centre.x(), position.y()))

    def show_years(self, first: int, last: int) -> None:
        """Zoom so that 1 January `first` to 31 December `last` fills the view's width."""
        self._fit_mode = False
        start, end = dt.date(first, 1, 1).toordinal(), dt.date(last + 1, 1, 1).toordinal()
        self._set_scale(max(self.viewport_rect().width() - 2, 100) / (end - start), None)
        self.horizontalScrollBar().setValue(int(start * self._scale))

    def zoom_by(self, factor: float, anchor: QPointF | None = None) -> None:
        """Zoom around `anchor` (viewport coordinates; the centre when None)."""
        self._fit_mode = False
        if anchor is None:
            anchor = QPointF(self.viewport_rect().center())
        fixed = self.mapToScene(anchor.toPoint())
        self._set_scale(self._scale * factor, None, exact=False)
        # Put the day that was under the anchor back under it.
        moved = self.mapFromScene(fixed)
        bar = self.horizontalScrollBar()
        bar.setValue(bar.value() + moved.x() - int(anchor.x()))

    def _min_scale(self) -> float:
        span = max(self.timeline.last_day - self.timeline.first_day, 1)
        return max(self.viewport_rect().width() - 2, 100) / span * 0.4

    def _set_scale(self, px_per_day: float, centre: QPointF | None, *, exact: bool = True) -> None:
        self._scale = min(max(px_per_day, self._min_scale()), MAX_PX_PER_DAY)
        if exact:
            self.timeline.apply_scale(self._scale)
        else:
            self._restack()
        self.timeline.fit_rect(self._scale)
        self.setTransform(transform_for(self._scale))
        if centre is not None:
            self.centerOn(centre)

    # -- input -------------------------------------------------------------------------------

    def _restack(self) -> None:
        """Lanes for the new zoom, without laying out 10,000 events on a zoom step.

        Lanes laid out for a zoom stay free of overlaps at any larger zoom, so zooming in keeps
        them; zooming out past them takes the tightest cached layout that is valid, or (once)
        lays out half an octave (2 buckets) further out. Either way the lanes tighten for the
        exact zoom once the student pauses (`_compact`).
        """
        self.timeline.ensure_valid(bucket_of(self._scale), BUCKET_MARGIN)
        if not self.timeline.settled_for(self._scale):
            self._compact_timer.start()

    def _compact(self) -> None:
        if self.timeline.apply_scale(self._scale):
            self.timeline.fit_rect(self._scale)
            position = self.timeline.position_of(self._selected) if self._selected else None
            if position is not None:  # the lanes moved: keep the selected event in view
                self.ensureVisible(QRectF(position, position), 0, 40)

    def _prepare_fallback(self) -> None:
        """The loosest layout the zoom can need, laid out while the student looks, so the first
        zoom out does not pay for it."""
        self._place_waiting()  # if no paint has yet (a hidden tab)
        self.timeline.prepare(bucket_of(self._min_scale()) - BUCKET_MARGIN)

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = event.angleDelta().y() / 120
            if steps:
                self.zoom_by(ZOOM_STEP**steps, event.position())
            event.accept()
            return
        super().wheelEvent(event)

    KEYS = (
        KeyHelp("+ / −", "Zoom in or out"),
        KeyHelp("Home / End", "Go to the start or the end"),
        KeyHelp("Arrows, Page Up / Page Down", "Move along the timeline"),
        KeyHelp("Enter", "Open the selected event"),
    )

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        key = event.key()
        if key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom_by(ZOOM_STEP)
        elif key in (Qt.Key.Key_Minus, Qt.Key.Key_Underscore):
            self.zoom_by(1 / ZOOM_STEP)
        elif key == Qt.Key.Key_Home:
            self.horizontalScrollBar().setValue(self.horizontalScrollBar().minimum())
        elif key == Qt.Key.Key_End:
            self.horizontalScrollBar().setValue(self.horizontalScrollBar().maximum())
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self._selected is not None:
            self.event_activated.emit(self._selected)
        else:
            super().keyPressEvent(event)  # arrows and Page Up/Down scroll

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        event_id = self._event_at(event)
        if event_id is not None and event.button() == Qt.MouseButton.LeftButton:
            self._highlight(event_id)
            self.event_selected.emit(event_id)
        super().mousePressEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.button() != Qt.MouseButton.LeftButton:
            return super().mouseDoubleClickEvent(event)
        event_id = self._event_at(event)
        if event_id is not None:
            self.event_activated.emit(event_id)
        else:
            self.empty_activated.emit(self.date_at(event.position().x()))
        event.accept()

    def date_at(self, viewport_x: float) -> str:
        """The day (or, zoomed out, the month) under viewport x, as an ISO date string."""
        day = int(self.mapToScene(int(viewport_x), 0).x())
        date = dt.date.fromordinal(min(max(day, 1), dt.date.max.toordinal()))
        if self._scale >= DAY_PRECISION_FROM:
            return date.isoformat()
        return f"{date.year:04d}-{date.month:02d}"

    def event_at(self, viewport_point: QPointF) -> int | None:
        """The shown event drawn under a point of the viewport, if any."""
        scene_point = self.mapToScene(viewport_point.toPoint())
        return self.timeline.event_at(scene_point, self.viewportTransform())

    def _event_at(self, event: QMouseEvent) -> int | None:
        return self.event_at(event.position())

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        super().mouseMoveEvent(event)
        if event.buttons() == Qt.MouseButton.NoButton:  # a hand over an event, as for a link
            over = self._event_at(event) is not None
            shape = Qt.CursorShape.PointingHandCursor if over else Qt.CursorShape.OpenHandCursor
            self.viewport().setCursor(shape)

    def viewportEvent(self, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            event_id = self.event_at(QPointF(event.pos()))
            if event_id is None:
                QToolTip.hideText()
                event.ignore()
            else:
                glyph = self.timeline.glyphs[event_id]
                QToolTip.showText(event.globalPos(), glyph.tooltip, self.viewport())
            return True
        return super().viewportEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        # A scroll area is handed its viewport's resize events: this is the viewport's size
        self._viewport_size = event.size()
        super().resizeEvent(event)
        self._place_legend()
        if self._fit_mode:
            self.fit_all()  # e.g. the vertical scroll bar just appeared and took some width
        elif self._fitted and event.oldSize().width() > 0:
            self._set_scale(self._scale, None)  # the lowest zoom depends on the width

    # -- overlays ----------------------------------------------------------------------------

    def _update_legend(self) -> None:
        entries = self.timeline.categories()
        if entries != self.legend.entries:  # most keystrokes leave the same categories shown
            self.legend.set_entries(entries)
            self._place_legend()

    def _place_legend(self) -> None:
        """The legend is a strip under the lanes, never over them."""
        height = self.legend.height_for(self.width() - 2)
        self.setViewportMargins(0, 0, 0, height)
        bar = self.horizontalScrollBar()
        below = bar.height() if bar.isVisible() else 0
        self.legend.setGeometry(1, self.height() - height - below - 1, self.width() - 2, height)

    def drawForeground(self, painter: QPainter, exposed: QRectF | QRect) -> None:  # noqa: N802
        """The axis stays at the top of the view while the lanes scroll; the legend in a corner."""
        rect = QRectF(exposed)
        device = painter.worldTransform()
        painter.save()
        painter.resetTransform()
        if self.verticalScrollBar().value() > 0:
            self.timeline.paint_axis(painter, device, rect, 0.0)
        else:
            self.timeline.paint_axis(painter, device, rect, device.map(QPointF(0, 0)).y())
        painter.restore()


class LegendStrip(QWidget):
    """The categories shown, as coloured swatches in rows under the timeline."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._entries: list[tuple[str, str]] = []
        self.setAccessibleName("Legend")

    @property
    def entries(self) -> list[tuple[str, str]]:
        return list(self._entries)

    def set_entries(self, entries: Sequence[tuple[str, str]]) -> None:
        self._entries = list(entries)
        self.setToolTip(", ".join(label for _c, label in self._entries))
        self.update()

    def height_for(self, width: int) -> int:
        rows = legend_rows(self._entries, QFontMetricsF(self.font()), width)
        return 0 if not rows else int(len(rows) * _row_height(self.font()) + 8)

    def paintEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802
        painter = QPainter(self)
        painter.fillRect(self.rect(), LEGEND_PAPER)
        paint_legend(painter, self._entries, QRectF(self.rect()))
        painter.end()


def _row_height(font) -> float:  # type: ignore[no-untyped-def]
    return QFontMetricsF(font).height() + 6


def legend_rows(
    entries: Sequence[tuple[str, str]], metrics: QFontMetricsF, width: float
) -> list[list[tuple[str, str, float]]]:
    """Entries flowed left to right into rows no wider than `width`, with their widths."""
    rows: list[list[tuple[str, str, float]]] = []
    used = width
    for category, label in entries:
        entry_width = 22 + metrics.horizontalAdvance(label) + 18
        if used + entry_width > width and (not rows or rows[-1]):
            rows.append([])
            used = 8.0
        rows[-1].append((category, label, entry_width))
        used += entry_width
    return rows


def paint_legend(painter: QPainter, entries: Sequence[tuple[str, str]], area: QRectF) -> float:
    """Swatch and label for each category, flowed across `area`; returns the height used."""
    metrics = QFontMetricsF(painter.font())
    row_height = metrics.height() + 6
    rows = legend_rows(entries, metrics, area.width())
    for index, row in enumerate(rows):
        x, y = area.left() + 8, area.top() + 4 + index * row_height
        for category, label, entry_width in row:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(category_colour(category))
            painter.drawRoundedRect(QRectF(x, y + row_height / 2 - 5, 14, 10), 2, 2)
            painter.setPen(INK)
            painter.drawText(QRectF(x + 20, y, entry_width - 20, row_height),
                             Qt.AlignmentFlag.AlignVCenter, label)  # fmt: skip
            x += entry_width
    return len(rows) * row_height + 8

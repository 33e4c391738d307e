"""The visual timeline: a zoomable, pannable view of the timeline scene, with a legend.

It takes plain rows (`EventRow`, `PeriodRow`) and says what the student did through signals:
`event_selected(id)` (a click), `event_activated(id)` (a double-click) and
`empty_activated(edtf)` (a double-click on empty space: the day, or the month when zoomed out,
under the pointer, to pre-fill an Add dialog). Ctrl+wheel and +/− zoom around the pointer (the
view centre for keys), dragging and the arrow keys pan, Home/End jump to either end, and
`fit_all()` shows everything. Zooming scales x only; labels keep their size (see items.py).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from PySide6.QtCore import QPointF, QRect, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QFontMetricsF,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QGraphicsItem, QGraphicsView, QWidget

from studyapp.db.services.timeline import EventRow
from studyapp.db.services.topic import PeriodRow
from studyapp.ui.theme import on_restyle
from studyapp.ui.timeline.items import EVENT_ID, EventItem
from studyapp.ui.timeline.palette import INK, LEGEND_PAPER, category_colour, follow_theme
from studyapp.ui.timeline.scene import (
    TimelineScene,
    bucket_of,
    transform_for,
)

ZOOM_STEP = 1.25
MAX_PX_PER_DAY = 40.0  # a day 40 px wide: enough to tell 22 June from 23 June
COMPACT_AFTER_MS = 150  # tighten the lanes once zooming pauses this long
BUCKET_MARGIN = 2  # zooming out, lay lanes out half an octave (2 buckets) further out
DAY_PRECISION_FROM = 1.5  # px per day above which a double-click means a day, not a month


class TimelineCanvas(QGraphicsView):
    event_selected = Signal(int)
    event_activated = Signal(int)
    empty_activated = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.timeline = TimelineScene(self)
        self.setScene(self.timeline)
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.setOptimizationFlag(QGraphicsView.OptimizationFlag.DontSavePainterState)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMinimumHeight(160)
        self.setAccessibleName("Timeline")
        self._scale = 0.1
        self._selected: int | None = None
        self._fitted = False
        self._fit_mode = False  # showing everything: a resize fits again
        self.legend = LegendStrip(self)
        self._compact_timer = QTimer(self)
        self._compact_timer.setSingleShot(True)
        self._compact_timer.setInterval(COMPACT_AFTER_MS)
        self._compact_timer.timeout.connect(self._compact)
        on_restyle(self, self._restyle)

    def _restyle(self) -> None:
        """A new theme or text size: new colours, and labels laid out again at the new size."""
        follow_theme()
        self.timeline.follow_text_size()
        rows = [item.row for item in self.timeline.items_by_id.values()]
        visible = self.timeline.visible_ids()
        self.set_rows(rows, self.timeline.periods)
        self.set_filter(visible)
        self.legend.update()
        self.timeline.update()

    # -- content -----------------------------------------------------------------------------

    def set_rows(self, events: Sequence[EventRow], periods: Sequence[PeriodRow]) -> None:
        """Show these rows; keeps the zoom (or fits all the first time) and the selection."""
        centre = self.mapToScene(self.viewport().rect().center())
        self.timeline.set_rows(events, periods)
        self._update_legend()
        if not self._fitted:
            self.fit_all()
        else:
            self._set_scale(self._scale, QPointF(centre))
        if self._selected in self.timeline.items_by_id:
            self.timeline.items_by_id[self._selected].set_highlighted(True)
        else:
            self._selected = None

    def set_filter(self, visible_ids: Iterable[int] | None) -> None:
        self.timeline.set_filter(visible_ids)
        self._update_legend()
        self.timeline.apply_scale(self._scale)  # a filter re-stacks at once: lanes close up
        self.timeline.fit_rect(self._scale)
        self.viewport().update()

    def select_event(self, event_id: int) -> bool:
        """Highlight the event and bring it to the middle of the view; False if not shown."""
        item = self.timeline.items_by_id.get(event_id)
        if item is None or not item.isVisible():
            return False
        self._highlight(event_id)
        self.centerOn(QPointF(item.label_day, item.y()))
        return True

    def selected_event(self) -> int | None:
        return self._selected

    def clear_selection(self) -> None:
        """Highlight nothing (the list shows no event, e.g. the filter hides them all)."""
        self._highlight(None)

    def _highlight(self, event_id: int | None) -> None:
        previous = self.timeline.items_by_id.get(self._selected) if self._selected else None
        if previous is not None:
            previous.set_highlighted(False)
        self._selected = event_id
        if event_id is not None:
            self.timeline.items_by_id[event_id].set_highlighted(True)

    # -- zoom --------------------------------------------------------------------------------

    @property
    def px_per_day(self) -> float:
        return self._scale

    def fit_all(self) -> None:
        """Every year of the timeline across the width of the view."""
        self._fitted = self._fit_mode = True
        width = max(self.viewport().width() - 2, 100)
        scale = self.timeline.scale_to_fit(width)
        self._set_scale(scale, None)
        self.horizontalScrollBar().setValue(self.horizontalScrollBar().minimum())
        self.verticalScrollBar().setValue(self.verticalScrollBar().minimum())

    def show_years(self, first: int, last: int) -> None:
        """Zoom so that 1 January `first` to 31 December `last` fills the view's width."""
        self._fit_mode = False
        start, end = dt.date(first, 1, 1).toordinal(), dt.date(last + 1, 1, 1).toordinal()
        self._set_scale(max(self.viewport().width() - 2, 100) / (end - start), None)
        self.horizontalScrollBar().setValue(int(start * self._scale))

    def zoom_by(self, factor: float, anchor: QPointF | None = None) -> None:
        """Zoom around `anchor` (viewport coordinates; the centre when None)."""
        self._fit_mode = False
        if anchor is None:
            anchor = QPointF(self.viewport().rect().center())
        fixed = self.mapToScene(anchor.toPoint())
        self._set_scale(self._scale * factor, None, exact=False)
        # Put the day that was under the anchor back under it.
        moved = self.mapFromScene(fixed)
        bar = self.horizontalScrollBar()
        bar.setValue(bar.value() + moved.x() - int(anchor.x()))

    def _set_scale(self, px_per_day: float, centre: QPointF | None, *, exact: bool = True) -> None:
        span = max(self.timeline.last_day - self.timeline.first_day, 1)
        minimum = max(self.viewport().width() - 2, 100) / span * 0.4
        self._scale = min(max(px_per_day, minimum), MAX_PX_PER_DAY)
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
        """Lanes for the new zoom, without re-stacking 10,000 events on every step.

        Lanes laid out for a zoom stay free of overlaps at any larger zoom, so zooming in keeps
        them and tightens them once the student pauses (`_compact`). Zooming out past them
        needs new lanes at once; they are laid out half an octave further out, so the next
        few steps out need none.
        """
        if not self.timeline.valid_for(self._scale):
            self.timeline.apply_bucket(bucket_of(self._scale) - BUCKET_MARGIN)
        if not self.timeline.settled_for(self._scale):
            self._compact_timer.start()

    def _compact(self) -> None:
        if self.timeline.apply_scale(self._scale):
            self.timeline.fit_rect(self._scale)
            self.viewport().update()

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = event.angleDelta().y() / 120
            if steps:
                self.zoom_by(ZOOM_STEP**steps, event.position())
            event.accept()
            return
        super().wheelEvent(event)

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

    def _event_at(self, event: QMouseEvent) -> int | None:
        item: QGraphicsItem | None = self.itemAt(event.position().toPoint())
        while item is not None and not isinstance(item, EventItem):
            item = item.parentItem()
        return None if item is None else int(item.data(EVENT_ID))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._place_legend()
        if self._fit_mode:
            self.fit_all()  # e.g. the vertical scroll bar just appeared and took some width
        elif self._fitted and event.oldSize().width() > 0:
            self._set_scale(self._scale, None)  # the lowest zoom depends on the width

    # -- overlays ----------------------------------------------------------------------------

    def _update_legend(self) -> None:
        self.legend.set_entries(self.timeline.categories())
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

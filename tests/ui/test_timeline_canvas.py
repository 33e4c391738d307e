"""The visual timeline: lanes without overlapping labels, zoom, pan, selection, double-clicks."""

from __future__ import annotations

import datetime as dt
from itertools import combinations

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt

from studyapp.db.services.timeline import list_events
from studyapp.db.services.topic import list_periods
from studyapp.ui.timeline.canvas import TimelineCanvas


@pytest.fixture
def rows(session_factory, topic):
    return list_events(session_factory, topic.id), list_periods(session_factory, topic.id)


@pytest.fixture
def canvas(qtbot, rows):
    view = TimelineCanvas()
    qtbot.addWidget(view)
    view.resize(1280, 600)
    view.show()
    qtbot.waitExposed(view)
    view.set_rows(*rows)
    qtbot.waitUntil(lambda: view.timeline.lanes_first is None)  # painted: every lane placed
    return view


def _label_rects(view: TimelineCanvas):
    """Every visible label's box in viewport pixels, as the student sees it."""
    device = view.viewportTransform()
    return {event_id: view.timeline.label_box(event_id, device) for event_id in view.shown_ids()}


def view_shows(view: TimelineCanvas) -> set[int]:
    return view.shown_ids()


def _assert_no_label_overlaps(view: TimelineCanvas) -> None:
    for (a, ra), (b, rb) in combinations(_label_rects(view).items(), 2):
        assert not ra.intersects(rb), (a, b)


def test_fit_all_shows_every_year_and_no_labels_overlap(canvas, rows):
    events, _periods = rows
    _assert_no_label_overlaps(canvas)
    viewport = canvas.viewport().rect()
    # Fit all: every label starts and ends inside the view's width.
    for box in _label_rects(canvas).values():
        assert box.left() >= 0 and box.right() <= viewport.width() + 1
    assert view_shows(canvas) == {e.id for e in events}


@pytest.mark.parametrize("factor", [0.5, 1.3, 2.0, 4.0, 16.0, 64.0])
def test_no_labels_overlap_at_any_zoom(canvas, factor):
    canvas.zoom_by(factor)
    _assert_no_label_overlaps(canvas)


def test_lanes_tighten_once_zooming_in_pauses(canvas, qtbot):
    lanes = canvas.timeline.lane_count()
    canvas.zoom_by(4.0)
    assert canvas.timeline.lane_count() == lanes  # still valid: nothing moved yet
    _assert_no_label_overlaps(canvas)
    qtbot.waitUntil(lambda: canvas.timeline.lane_count() < lanes)
    _assert_no_label_overlaps(canvas)


def test_zoom_keeps_the_day_under_the_pointer(canvas):
    anchor = QPointF(700, 200)
    before = canvas.mapToScene(anchor.toPoint()).x()
    canvas.zoom_by(3.0, anchor)
    after = canvas.mapToScene(anchor.toPoint()).x()
    assert abs(after - before) < 3 / canvas.px_per_day + 1  # within a few pixels' worth of days


def test_keys_zoom_and_jump_to_the_ends(canvas, qtbot):
    start = canvas.px_per_day
    qtbot.keyClick(canvas, Qt.Key.Key_Plus)
    assert canvas.px_per_day == pytest.approx(start * 1.25)
    qtbot.keyClick(canvas, Qt.Key.Key_Plus)
    qtbot.keyClick(canvas, Qt.Key.Key_End)
    bar = canvas.horizontalScrollBar()
    assert bar.value() == bar.maximum() > bar.minimum()
    qtbot.keyClick(canvas, Qt.Key.Key_Home)
    assert bar.value() == bar.minimum()
    qtbot.keyClick(canvas, Qt.Key.Key_Minus)
    assert canvas.px_per_day == pytest.approx(start * 1.25)


def test_ctrl_wheel_zooms_plain_wheel_does_not(canvas, qtbot):
    from PySide6.QtCore import QPoint as P
    from PySide6.QtGui import QWheelEvent
    from PySide6.QtWidgets import QApplication

    def wheel(modifiers):
        event = QWheelEvent(QPointF(600, 200), QPointF(600, 200), P(0, 0), P(0, 120),
                            Qt.MouseButton.NoButton, modifiers, Qt.ScrollPhase.NoScrollPhase,
                            False)  # fmt: skip
        QApplication.sendEvent(canvas.viewport(), event)

    start = canvas.px_per_day
    wheel(Qt.KeyboardModifier.NoModifier)
    assert canvas.px_per_day == start
    wheel(Qt.KeyboardModifier.ControlModifier)
    assert canvas.px_per_day == pytest.approx(start * 1.25)


def _centre_of(canvas, event_id) -> QPoint:
    return canvas.timeline.label_box(event_id, canvas.viewportTransform()).center().toPoint()


def test_click_selects_and_double_click_activates(canvas, qtbot, rows):
    pact = next(e for e in rows[0] if e.key == "nazi-soviet-pact")
    assert canvas.select_event(pact.id)
    point = _centre_of(canvas, pact.id)
    with qtbot.waitSignal(canvas.event_selected) as selected:
        qtbot.mouseClick(canvas.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert selected.args == [pact.id]
    with qtbot.waitSignal(canvas.event_activated) as activated:
        qtbot.mouseDClick(canvas.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert activated.args == [pact.id]


def test_double_click_on_empty_space_gives_that_date(canvas, qtbot):
    canvas.show_years(1938, 1938)  # a year across the view: days are ~3 px wide
    point = QPoint(canvas.viewport().width() // 2, canvas.viewport().height() - 10)
    assert canvas.event_at(QPointF(point)) is None
    with qtbot.waitSignal(canvas.empty_activated) as empty:
        qtbot.mouseDClick(canvas.viewport(), Qt.MouseButton.LeftButton, pos=point)
    day = dt.date.fromisoformat(empty.args[0])
    assert dt.date(1938, 6, 15) <= day <= dt.date(1938, 7, 20)
    canvas.fit_all()  # zoomed out, a double-click can only mean a month
    assert len(canvas.date_at(canvas.viewport().width() / 2)) == 7


def test_select_event_centres_it(canvas, rows):
    canvas.show_years(1914, 1915)
    stalin = next(e for e in rows[0] if e.key.startswith("stalin-dies") or "Stalin" in e.title
                  and e.start.startswith("1953"))  # fmt: skip
    assert canvas.select_event(stalin.id)
    centre = _centre_of(canvas, stalin.id)
    assert canvas.viewport().rect().contains(centre)
    assert canvas.selected_event() == stalin.id


def test_filter_hides_events_and_closes_up_lanes(canvas, rows):
    events = rows[0]
    lanes_before = canvas.timeline.lane_count()
    keys = [e.id for e in events if e.key_date]
    canvas.set_filter(keys)
    assert view_shows(canvas) == set(keys)
    assert canvas.timeline.lane_count() <= lanes_before
    assert not canvas.select_event(next(e.id for e in events if not e.key_date))
    _assert_no_label_overlaps(canvas)
    canvas.set_filter(None)
    assert view_shows(canvas) == {e.id for e in events}


def test_legend_names_the_categories_shown(canvas, rows):
    labels = {label for _c, label in canvas.timeline.categories()}
    assert labels == {e.category_label for e in rows[0]}
    assert canvas.legend.isVisible() and canvas.legend.height() > 0


@pytest.mark.parametrize("size", [(1280, 800), (900, 600)])
def test_minimum_and_usual_sizes_fit_every_year(qtbot, rows, size):
    view = TimelineCanvas()
    qtbot.addWidget(view)
    view.resize(*size)
    view.show()
    qtbot.waitExposed(view)
    view.set_rows(*rows)
    qtbot.wait(20)  # let the scroll bars settle, as a window would before the student looks
    bar = view.horizontalScrollBar()
    assert bar.maximum() - bar.minimum() <= 2  # fit all: nothing to scroll sideways
    _assert_no_label_overlaps(view)


def test_hovering_an_event_shows_its_date_and_a_hand(canvas, qtbot, rows):
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QHelpEvent, QMouseEvent
    from PySide6.QtWidgets import QApplication, QToolTip

    canvas.show_years(1938, 1939)
    pact = next(e for e in rows[0] if e.key == "nazi-soviet-pact")
    assert canvas.select_event(pact.id)
    point = _centre_of(canvas, pact.id)
    tip = QHelpEvent(QEvent.Type.ToolTip, point, canvas.viewport().mapToGlobal(point))
    QApplication.sendEvent(canvas.viewport(), tip)
    assert QToolTip.text() == f"{pact.title} — {pact.date_label}"
    QToolTip.hideText()

    def move_to(where: QPoint) -> None:
        at = QPointF(where)
        none, plain = Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier
        move = QMouseEvent(QEvent.Type.MouseMove, at, canvas.viewport().mapToGlobal(at),
                           none, none, plain)  # fmt: skip
        QApplication.sendEvent(canvas.viewport(), move)

    move_to(point)
    assert canvas.viewport().cursor().shape() == Qt.CursorShape.PointingHandCursor
    empty = next(QPoint(x, y) for y in range(canvas.viewport().height() - 5, 0, -7)
                 for x in range(5, canvas.viewport().width(), 13)
                 if canvas.event_at(QPointF(x, y)) is None)  # fmt: skip
    move_to(empty)
    assert canvas.viewport().cursor().shape() == Qt.CursorShape.OpenHandCursor



def test_the_viewport_rect_it_keeps_is_the_viewports_own(canvas, qtbot):
    """Fitting and zooming use the viewport's size as its resize events gave it (asking PySide
    for the viewport costs a one-time type walk at start-up): it must be the real one, with
    and without the vertical scroll bar, and after the window changes size."""
    assert canvas.viewport_rect() == canvas.viewport().rect()
    canvas.zoom_by(64.0)  # more lanes than fit: the vertical scroll bar takes some width
    for width, height in ((900, 200), (1400, 700), (700, 160)):
        canvas.resize(width, height)
        qtbot.waitUntil(lambda w=width: canvas.size().width() == w)
        assert canvas.viewport_rect() == canvas.viewport().rect(), (width, height)


def test_before_its_first_resize_the_viewport_rect_is_the_size_without_scroll_bars(qtbot):
    view = TimelineCanvas()
    qtbot.addWidget(view)
    view.resize(640, 300)  # not shown: no resize event has reached the viewport yet
    assert view.viewport_rect().size() == view.maximumViewportSize()

"""What the canvas draws at 10,000-event scale, checked for correctness (timings are in
tests/bench/bench_timeline.py): only the visible events are painted but every visible one is,
labels never overlap whichever layout is in use, a filter hides at once and closes up later,
label widths are never narrower than the text, and the list filter accepts the same rows as
the plain reading of its criteria."""

from __future__ import annotations

import sys
from itertools import combinations
from pathlib import Path

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QFont, QFontMetricsF

from studyapp.domain.timeline_layout import assign_lanes
from studyapp.ui.timeline.canvas import TimelineCanvas
from studyapp.ui.timeline.model import EventCriteria
from studyapp.ui.timeline.scene import LANE_HEIGHT, LANES_TOP
from studyapp.ui.timeline.text_width import TextWidths

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
from bench_timeline import generate_events, periods  # noqa: E402

EVENTS = generate_events(1_500, seed=11)


def _canvas_with_rows(qtbot):  # type: ignore[no-untyped-def]
    """A shown 1000×560 canvas just handed the rows (lanes below the screen not yet placed)."""
    view = TimelineCanvas()
    qtbot.addWidget(view)
    view.resize(1000, 560)
    view.show()
    qtbot.waitExposed(view)
    view.set_rows(EVENTS, periods())
    return view


@pytest.fixture
def canvas(qtbot):
    view = _canvas_with_rows(qtbot)
    qtbot.waitUntil(lambda: view.timeline.lanes_first is None)  # painted: every lane placed
    return view


def _on_screen(view: TimelineCanvas) -> dict[int, QRectF]:
    """Label boxes (viewport pixels) of every shown event, found the slow way, that touch the
    viewport."""
    device, area = view.viewportTransform(), QRectF(view.viewport().rect())
    boxes = {i: view.timeline.label_box(i, device) for i in view.shown_ids()}
    return {i: box for i, box in boxes.items() if box is not None and box.intersects(area)}


def _painted(view: TimelineCanvas) -> set[int]:
    exposed = view.mapToScene(view.viewport().rect()).boundingRect()
    return {event_id for event_id, _y in view.timeline.visible_events(exposed)}


def _assert_no_overlaps(boxes: dict[int, QRectF]) -> None:
    for (a, box_a), (b, box_b) in combinations(boxes.items(), 2):
        assert not box_a.intersects(box_b), (a, b)


@pytest.mark.parametrize("years", [(1900, 1960), (1933, 1939), (1938, 1938)])
def test_every_visible_event_is_painted_and_little_else(canvas, years):
    canvas.show_years(*years)
    for step in range(3):
        canvas.horizontalScrollBar().setValue(canvas.horizontalScrollBar().value() + 300 * step)
        canvas.verticalScrollBar().setValue(120 * step)
        on_screen, painted = set(_on_screen(canvas)), _painted(canvas)
        assert on_screen <= painted
        assert len(painted) <= len(on_screen) + 4 * max(1, canvas.timeline.lane_count())
        assert len(painted) < len(EVENTS) / 2  # the query skips what is off screen


@pytest.mark.parametrize("factors", [[0.8] * 6, [1.25] * 8, [0.8, 0.8, 1.25, 0.5, 4.0]])
def test_labels_never_overlap_on_any_layout_in_use(canvas, qtbot, factors):
    canvas.show_years(1930, 1945)
    for factor in factors:
        canvas.zoom_by(factor)  # steps use whatever valid layout is at hand
        _assert_no_overlaps(_on_screen(canvas))
    qtbot.waitUntil(lambda: canvas.timeline.settled_for(canvas.px_per_day))
    _assert_no_overlaps(_on_screen(canvas))


def test_a_filter_hides_at_once_and_closes_up_once_typing_pauses(canvas, qtbot):
    canvas.fit_all()
    lanes = canvas.timeline.lane_count()
    treaties = [e.id for e in EVENTS if "treaty" in e.title.casefold()]
    assert LAY_OUT_AT_ONCE < len(treaties) < len(EVENTS)
    canvas.set_filter(treaties)
    assert canvas.shown_ids() == set(treaties)
    assert _painted(canvas) <= set(treaties)
    hidden = next(e.id for e in EVENTS if e.id not in set(treaties))
    assert canvas.timeline.label_box(hidden, canvas.viewportTransform()) is None
    _assert_no_overlaps(_on_screen(canvas))
    qtbot.waitUntil(lambda: canvas.timeline.lane_count() < lanes)
    _assert_no_overlaps(_on_screen(canvas))
    canvas.set_filter(None)  # more events than the filtered lanes hold: back to every event
    assert canvas.shown_ids() == {e.id for e in EVENTS}
    _assert_no_overlaps(_on_screen(canvas))


def test_clicks_find_shown_events_only(canvas):
    canvas.show_years(1933, 1939)
    device = canvas.viewportTransform()
    event_id, box = next(iter(_on_screen(canvas).items()))
    assert canvas.event_at(box.center()) == event_id
    assert canvas.timeline.label_box(event_id, device) == box
    canvas.set_filter([e.id for e in EVENTS if e.id != event_id])
    assert canvas.event_at(box.center()) != event_id  # hidden (another may take its place)
    assert event_id not in _painted(canvas)


LAY_OUT_AT_ONCE = 100  # well under the filtered count above, so the test takes the mask path


@pytest.mark.parametrize("bold", [False, True])
def test_label_widths_are_never_narrower_than_the_text(qapp, bold):
    font = QFont()
    font.setPointSizeF(9.5)
    font.setBold(bold)
    exact, estimate = QFontMetricsF(font), TextWidths(font)
    texts = [e.title for e in EVENTS[:300]] + [
        "AVATAR Tour de France — “quoted” Yalta", "Пакт Молотова — Риббентропа",
        "Ελληνικός Εμφύλιος", "日ソ中立条約", "مؤتمر يالطا", "Nazi–Soviet Pact",
    ]  # fmt: skip
    for text in texts:
        assert estimate.width(text) >= exact.horizontalAdvance(text) - 0.01, text
    assert estimate.width("日ソ中立条約") == exact.horizontalAdvance("日ソ中立条約")


@pytest.mark.parametrize("criteria", [
    EventCriteria(), EventCriteria(text="treaty"), EventCriteria(text="treaty pa"),
    EventCriteria(key_dates_only=True, text="pact"), EventCriteria(category="war"),
    EventCriteria(category="league", key_dates_only=True, text="1939"),
])  # fmt: skip
def test_the_list_filter_accepts_what_the_criteria_say(criteria):
    def text(row):
        return " ".join((row.title, row.date_label, row.category_label, row.description,
                         row.edtf)).casefold()  # fmt: skip

    def plain(row):
        return ((not criteria.key_dates_only or row.key_date)
                and criteria.category in (None, row.category)
                and all(word in text(row) for word in criteria.text.split()))  # fmt: skip

    texts = [text(row) for row in EVENTS]
    chosen = criteria.select(EVENTS, range(len(EVENTS)), lambda: texts)
    assert chosen == [i for i, row in enumerate(EVENTS) if plain(row)]
    narrower = criteria.select(EVENTS, chosen[::2], lambda: texts)
    assert narrower == chosen[::2]


def test_new_rows_place_a_screenful_of_lanes_first_and_the_rest_once_painted(qtbot):
    view = _canvas_with_rows(qtbot)
    scene = view.timeline
    assert scene.lanes_first is not None and scene.lane_count() > view.viewport().height() / 24
    exposed = view.mapToScene(view.viewport().rect()).boundingRect()
    first_frame = list(scene.visible_events(exposed))
    waiting = [e.id for e in EVENTS if scene.is_waiting(e.id)]
    assert waiting  # 1,500 events at fit-all fill more lanes than a screen
    qtbot.waitUntil(lambda: scene.lanes_first is None)  # the first paint, then the rest
    assert not any(scene.is_waiting(e.id) for e in EVENTS)
    assert list(scene.visible_events(exposed)) == first_frame  # nothing on screen moved
    layout = scene._layout  # the one in use: the same as placing every lane at once
    assert layout == assign_lanes(scene._lane_items, layout.px_per_day, min_gap=layout.min_gap)
    assert view.sceneRect().height() == LANES_TOP + layout.lane_count * LANE_HEIGHT


def test_selecting_an_event_below_the_first_lanes_places_them_all(qtbot):
    view = TimelineCanvas()
    qtbot.addWidget(view)
    view.resize(1000, 560)
    view.show()
    qtbot.waitExposed(view)
    view.set_rows(EVENTS, periods())
    deep = next(e.id for e in reversed(EVENTS) if view.timeline.is_waiting(e.id))
    assert view.select_event(deep)
    assert view.selected_event() == deep and view.timeline.lanes_first is None
    position = view.timeline.position_of(deep)
    assert position is not None and view.sceneRect().contains(position)
    assert view.mapToScene(view.viewport().rect()).boundingRect().contains(position)


@pytest.mark.parametrize("width", [300, 860, 1000, 1600])
def test_fitting_and_the_overhang_look_at_the_outermost_labels_only(canvas, width):
    scene = canvas.timeline
    glyphs = [scene.glyphs[event_id] for event_id in scene.rows]
    span = max(scene.last_day - scene.first_day, 1)
    scale = width / span  # the plain reading: every label, in the rows' order
    for glyph in glyphs:
        reach = glyph.label_day - scene.first_day
        if reach > 0 and reach * scale + glyph.label_width > width:
            scale = max((width - glyph.label_width) / reach, width / span / 2)
    assert scene.scale_to_fit(width) == pytest.approx(scale, rel=1e-12)
    for px_per_day in (scale, scale * 1.7, 0.5, 12.0):
        ends = [g.label_width - (scene.last_day - g.label_day) * px_per_day for g in glyphs]
        assert scene.overhang_px(px_per_day) == pytest.approx(max([0.0, *ends]), rel=1e-12)


def test_glyphs_made_on_demand_agree_with_the_lanes(qtbot):
    """The lanes are laid out from each event's days and label width before any glyph exists;
    glyphs are made when painted or asked about, and the rest soon after the first paint.
    Each must occupy exactly the box its event was laid out with."""
    view = TimelineCanvas()
    qtbot.addWidget(view)
    view.resize(1000, 560)
    view.set_rows(EVENTS, periods())  # not shown yet: nothing painted
    scene = view.timeline
    assert len(scene.glyphs) == 0
    view.show()
    qtbot.waitUntil(lambda: len(scene.glyphs) == len(scene.rows))  # made ahead after the paint
    for item in scene._lane_items:  # noqa: SLF001 - what the lanes were made from
        glyph = scene.glyphs[item.id]
        assert (glyph.start, glyph.start + glyph.length - 1) == (item.start, item.end)
        assert glyph.label_width == item.label_width
        assert glyph.label_day == (item.start if item.label_at is None else item.label_at)
        assert glyph.row is scene.rows[item.id]
    assert {row.precision for row in scene.rows.values()} >= {"day", "set", "year"}
    assert any(row.key_date for row in scene.rows.values())


def test_fitting_all_again_keeps_the_selected_event_in_view(canvas, qtbot):
    """A resize at "fit all" (the window laid out at start-up, a scroll bar appearing) fits
    the years again without scrolling the selected event away: a remembered event deep in
    the lanes stays on screen."""
    scene = canvas.timeline
    deep = max(scene.rows, key=lambda event_id: scene.position_of(event_id).y())
    canvas.fit_all()
    assert canvas.select_event(deep)
    for width in (900, 1000):
        canvas.resize(width, 560)
        qtbot.waitUntil(lambda w=width: canvas.width() == w)
        view = canvas.mapToScene(canvas.viewport().rect()).boundingRect()
        assert view.contains(scene.position_of(deep))
    canvas.clear_selection()
    canvas.fit_all()  # nothing selected: the first lanes
    assert canvas.verticalScrollBar().value() == canvas.verticalScrollBar().minimum()


def test_a_period_title_stops_where_the_next_period_begins(qtbot):
    """Periods overlap ("Aims and methods" spans the phases): each title is cut short, with an
    ellipsis, where the next period's band and title begin, instead of running under them."""
    from PySide6.QtGui import QImage, QPainter

    from studyapp.db.services.topic import PeriodRow

    long_one = "Aims and methods of Soviet foreign policy across the whole period"
    rows = [PeriodRow(1, "aims", long_one, "1928/1953", "1928-01-01", "1953-12-31", ""),
            PeriodRow(2, "p1", "Phase 1: Looking to the West", "1933/1939", "1933-01-01",
                      "1939-08-31", "")]  # fmt: skip
    view = TimelineCanvas()
    qtbot.addWidget(view)
    view.resize(1000, 400)
    view.show()
    qtbot.waitExposed(view)
    view.set_rows(EVENTS[:50], rows)
    device = view.viewportTransform()
    drawn: list[tuple[QRectF, str]] = []

    class Recording(QPainter):
        def drawText(self, *args):  # noqa: N802 - records the titles, then draws them
            if isinstance(args[0], QRectF) and isinstance(args[-1], str):
                drawn.append((QRectF(args[0]), args[-1]))
            return super().drawText(*args)

    image = QImage(1000, 400, QImage.Format.Format_ARGB32)
    painter = Recording(image)
    painter.setWorldTransform(device)
    view.timeline.drawBackground(painter, view.mapToScene(view.viewport().rect()).boundingRect())
    painter.end()
    titles = {text: rect for rect, text in drawn}
    phase_left = next(r.left() for t, r in titles.items() if t.startswith("Phase 1"))
    aims = next((t, r) for t, r in titles.items() if t.startswith("Aims"))
    assert aims[0].endswith("…") and aims[0] != long_one
    assert aims[1].right() <= phase_left

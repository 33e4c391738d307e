"""The timeline list's filter takes shortcuts at each keystroke — typing more checks only the
rows the shorter text accepted, for the new words only; deleting goes back to a result kept
from a moment ago; the canvas gets the same id set again — and each must give exactly what a
full filter of every row gives, whatever the student types, deletes or chooses. Also the
shared row model's id table, and the legend's categories under a mask."""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QTransform

from studyapp.db.services.timeline import CATEGORIES, EventRow
from studyapp.ui.theme.current import THEME_PROPERTY
from studyapp.ui.theme.design_tokens import load_tokens
from studyapp.ui.timeline import palette
from studyapp.ui.timeline.canvas import TimelineCanvas
from studyapp.ui.timeline.items import EventGlyph, follow_theme_colours, glyph_style
from studyapp.ui.timeline.model import (
    COL_EVENT,
    ROW_ROLE,
    EventCriteria,
    EventFilterProxy,
    EventTableModel,
)
from studyapp.ui.timeline.scene import TimelineScene
from studyapp.ui.widgets.rows import RowListModel

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
from bench_timeline import generate_events, periods  # noqa: E402


def _with_periods(rows: list[EventRow], seed: int = 3) -> list[EventRow]:
    rng = random.Random(seed)
    return [row._replace(period_id=rng.choice([None, 1, 2, 3])) for row in rows]


EVENTS = _with_periods(generate_events(600, seed=5))
LETTERS = "treaypcnolsu 19"  # the bench's words share these, so queries keep matching rows


def _text(row: EventRow) -> str:
    return " ".join((row.title, row.date_label, row.category_label, row.description,
                     row.edtf)).casefold()  # fmt: skip


def _plain(rows: list[EventRow], criteria: EventCriteria) -> list[int]:
    """The ids a full filter accepts, read straight from the criteria, in order."""
    return [row.id for row in rows
            if (not criteria.key_dates_only or row.key_date)
            and criteria.category in (None, row.category)
            and criteria.period_id in (None, row.period_id)
            and all(word in _text(row) for word in criteria.text.split())]  # fmt: skip


def _shown(proxy: EventFilterProxy) -> list[int]:
    return [proxy.index(row, 0).data(ROW_ROLE).id for row in range(proxy.rowCount())]


def _filter(rows: list[EventRow]) -> tuple[EventTableModel, EventFilterProxy]:
    model, proxy = EventTableModel(), EventFilterProxy()
    model.reset_rows(rows)
    proxy.setSourceModel(model)
    return model, proxy


def _check(model: EventTableModel, proxy: EventFilterProxy) -> None:
    expected = _plain(model.rows, proxy.criteria)
    assert _shown(proxy) == expected
    ids = proxy.accepted_ids()
    assert ids == (None if len(expected) == model.rowCount() else frozenset(expected))
    for proxy_row in {0, proxy.rowCount() - 1} & set(range(proxy.rowCount())):
        source = proxy.mapToSource(proxy.index(proxy_row, 1))  # the mapping both ways agrees
        assert proxy.mapFromSource(source).row() == proxy_row


# One step of a student's filtering: type a letter, delete one, clear the box, or choose.
STEPS = st.one_of(
    st.tuples(st.just("type"), st.sampled_from(LETTERS)),
    st.tuples(st.just("delete"), st.integers(1, 3)),
    st.tuples(st.just("clear"), st.none()),
    st.tuples(st.just("category"), st.sampled_from([None, *CATEGORIES])),
    st.tuples(st.just("period"), st.sampled_from([None, 1, 2, 3])),
    st.tuples(st.just("key dates"), st.booleans()),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(steps=st.lists(STEPS, max_size=30))
def test_every_keystroke_shows_what_a_full_filter_shows(qapp, steps):
    model, proxy = _filter(EVENTS)
    text = ""
    for action, value in steps:
        if action == "type":
            text += value
            proxy.set_text(text)
        elif action == "delete":
            text = text[: -value]
            proxy.set_text(text)
        elif action == "clear":
            text = ""
            proxy.set_text(text)
        elif action == "category":
            proxy.set_category(value)
        elif action == "period":
            proxy.set_period(value)
        else:
            proxy.set_key_dates_only(value)
        _check(model, proxy)


def test_typing_a_word_and_deleting_it_again_gives_the_same_rows_each_way(qapp):
    model, proxy = _filter(EVENTS)
    proxy.set_category("ussr")
    seen = {}
    for text in ("t", "tr", "tre", "treaty", "treaty p", "treaty pa", "treaty pac"):
        proxy.set_text(text)
        seen[text] = _shown(proxy)
        _check(model, proxy)
    for text in ("treaty pa", "treaty p", "treaty", "tre", "tr", "t", ""):
        proxy.set_text(text)
        _check(model, proxy)
        assert text == "" or _shown(proxy) == seen[text]


def test_a_changed_event_is_found_by_its_new_words_at_once(qapp):
    """The kept results are forgotten when the rows change: an edit can make a row match."""
    model, proxy = _filter(EVENTS)
    proxy.set_text("zeppelin")
    assert _shown(proxy) == []
    proxy.set_text("zeppeli")
    renamed = EVENTS[7]._replace(title="Zeppelin raid")
    model.sync_rows([renamed if row.id == renamed.id else row for row in EVENTS])
    assert _shown(proxy) == [renamed.id]
    proxy.set_text("zeppelin")
    assert _shown(proxy) == [renamed.id]
    proxy.set_text("zeppeli")
    assert _shown(proxy) == [renamed.id]
    model.sync_rows([row for row in EVENTS if row.id != renamed.id])  # deleted
    assert _shown(proxy) == []
    _check(model, proxy)


@pytest.mark.parametrize(("later", "earlier", "narrows"), [
    ("treaty pa", "treaty p", True),
    ("treaty", "", True),
    ("pact treaty", "treaty", True),  # a word typed before the others
    ("treaty", "treaty pa", False),
    ("trea", "treaty", False),
    ("pa treaty", "pact", False),
])  # fmt: skip
def test_a_longer_query_narrows_only_when_every_earlier_word_is_inside_it(
    later, earlier, narrows
):
    assert EventCriteria(text=later).narrows(EventCriteria(text=earlier)) is narrows
    # and never across a change of another filter
    assert not EventCriteria(text=later, category="war").narrows(EventCriteria(text=earlier))


@settings(max_examples=80, deadline=None)
@given(texts=st.lists(st.text(LETTERS, max_size=12), min_size=2, max_size=2))
def test_narrowing_is_only_claimed_when_true(texts):
    earlier, later = (EventCriteria(text=text) for text in texts)
    if later.narrows(earlier):
        assert set(_plain(EVENTS, later)) <= set(_plain(EVENTS, earlier))


@settings(max_examples=40, deadline=None)
@given(steps=st.lists(st.tuples(st.sampled_from(["drop", "add", "move", "edit"]),
                                st.integers(0, 10_000)), max_size=12))  # fmt: skip
def test_row_of_follows_every_insert_removal_and_move(qapp, steps):
    rows = list(EVENTS[:40])
    model: RowListModel[EventRow] = RowListModel()
    model.reset_rows(rows)
    spare = iter(EVENTS[40:])
    for action, number in steps:
        position = number % len(rows) if rows else 0
        if action == "drop" and rows:
            rows.pop(position)
        elif action == "add":
            rows.insert(position, next(spare))
        elif action == "move" and rows:
            rows.insert(number % (len(rows) + 1) if rows else 0, rows.pop(position))
        elif action == "edit" and rows:
            rows[position] = rows[position]._replace(title="Edited")
        model.sync_rows(list(rows))
        assert [model.row_of(row.id) for row in rows] == list(range(len(rows)))
    assert model.row_of(-1) is None


def test_the_legend_names_exactly_the_categories_of_the_shown_events(qapp):
    scene = TimelineScene()
    scene.set_rows(EVENTS, periods())
    rng = random.Random(9)
    for size in (0, 1, 2, 5, 40, 300, len(EVENTS)):
        mask = frozenset(row.id for row in rng.sample(EVENTS, size))
        scene.set_mask(mask)
        shown = {row.category for row in EVENTS if row.id in mask}
        assert [category for category, _label in scene.categories()] == [
            category for category in dict.fromkeys(row.category for row in EVENTS)
            if category in shown
        ]  # fmt: skip
    scene.set_mask(None)
    assert len(scene.categories()) == len({row.category for row in EVENTS})


def test_a_mask_with_unknown_ids_shows_only_the_known_ones(qapp):
    scene = TimelineScene()
    scene.set_rows(EVENTS[:50], periods())
    scene.set_mask(frozenset({EVENTS[0].id, EVENTS[1].id, 999_999}))
    assert scene.shown_ids() == {EVENTS[0].id, EVENTS[1].id}


def test_the_shared_glyph_pens_follow_a_theme_switch(qapp):
    key_date, plain = glyph_style(QColor("#0072b2"), True), glyph_style(QColor("#0072b2"), False)
    before = qapp.property(THEME_PROPERTY)
    try:
        for theme in ("dark", "light"):
            qapp.setProperty(THEME_PROPERTY, theme)
            palette.follow_theme()  # as the canvas does on a theme switch
            follow_theme_colours()  # as each frame does before painting
            ink, muted = (QColor(load_tokens(theme).colour(name))
                          for name in ("timeline_ink", "timeline_muted"))  # fmt: skip
            assert key_date.label_pen.color() == key_date.marker_pen.color() == ink
            assert plain.label_pen.color() == muted
    finally:
        qapp.setProperty(THEME_PROPERTY, before)
        palette.follow_theme()


def test_the_key_date_star_is_drawn_in_the_theme_on_screen(qapp):
    model = EventTableModel()
    model.reset_rows(EVENTS)
    key_date = next(i for i, row in enumerate(EVENTS) if row.key_date)
    other = next(i for i, row in enumerate(EVENTS) if not row.key_date)
    before = qapp.property(THEME_PROPERTY)
    try:
        for theme in ("dark", "light"):
            qapp.setProperty(THEME_PROPERTY, theme)
            star = model.index(key_date, COL_EVENT).data(Qt.ItemDataRole.DecorationRole)
            image = star.pixmap(32, 32).toImage()
            opaque = {image.pixelColor(x, y).name() for x in range(32) for y in range(32)
                      if image.pixelColor(x, y).alpha() == 255}  # fmt: skip
            assert opaque == {load_tokens(theme).colour("star").lower()}
            blank = model.index(other, COL_EVENT).data(Qt.ItemDataRole.DecorationRole)
            assert blank.pixmap(16, 16).toImage().pixelColor(8, 8).alpha() == 0
    finally:
        qapp.setProperty(THEME_PROPERTY, before)


def test_each_event_is_drawn_within_its_own_box(qtbot, monkeypatch):
    """Painted with the shared pens and plain arithmetic, every kind of date — day, month,
    season, year, range, set, key date or not — lands where clicks and overlap checks look:
    the pixels that change when it is left out are all inside its box."""
    canvas = TimelineCanvas()
    qtbot.addWidget(canvas)
    canvas.resize(1000, 500)
    canvas.show()
    qtbot.waitExposed(canvas)
    canvas.set_rows(EVENTS, periods())
    canvas.show_years(1920, 1945)
    canvas.clear_selection()
    device = canvas.viewportTransform()
    exposed = canvas.mapToScene(canvas.viewport().rect()).boundingRect()
    kinds: dict[tuple[str, bool], tuple[EventRow, float]] = {}
    for event_id, y in canvas.timeline.visible_events(exposed):
        row = canvas.timeline.glyphs[event_id].row
        if y < exposed.bottom() - 20 and y > kinds.get((row.precision, row.key_date), (row, 0))[1]:
            kinds[row.precision, row.key_date] = (row, y)  # the lowest of each kind: a mark
            # drawn too high still shows
    assert {precision for precision, _key in kinds} >= {"day", "month", "year", "range", "set"}
    drawn = canvas.viewport().grab().toImage()
    paint = EventGlyph.paint_at
    for row, y in kinds.values():
        def all_but_one(glyph, *args, _left_out=row.id):  # noqa: ANN001, ANN002, ANN202
            if glyph.id != _left_out:
                paint(glyph, *args)

        monkeypatch.setattr(EventGlyph, "paint_at", all_but_one)
        without = canvas.viewport().grab().toImage()
        box = canvas.timeline.glyphs[row.id].hit_box(device, y).adjusted(-3, -3, 3, 3)
        changed = _changed_pixels(drawn, without)
        assert changed, row
        assert all(box.contains(x, y) for x, y in changed), (row.precision, box)
    monkeypatch.setattr(EventGlyph, "paint_at", paint)


def _changed_pixels(image: QImage, other: QImage) -> list[tuple[int, int]]:
    """Where two images of the same size differ (rows compared whole first: it is quick)."""
    return [(x, y) for y in range(image.height())
            if bytes(image.constScanLine(y)) != bytes(other.constScanLine(y))
            for x in range(image.width()) if image.pixel(x, y) != other.pixel(x, y)]  # fmt: skip


def test_a_small_filter_lays_out_the_events_as_they_are_now(qapp):
    """A few events are laid out from a table of lane items by id; new rows (an event moved
    to another date, the count unchanged) must not be laid out from the old table."""
    day = {"precision": "day", "old_style": None}
    first = EVENTS[0]._replace(title="Alpha conference", start="1930-01-01", end="1930-01-01",
                    edtf="1930-01-01", **day)  # fmt: skip
    second = EVENTS[1]._replace(title="Bravo conference", start="1950-01-01", end="1950-01-01",
                     edtf="1950-01-01", **day)  # fmt: skip
    mask, device = frozenset({first.id, second.id}), QTransform.fromScale(0.5, 1)
    scene = TimelineScene()
    scene.set_rows([first, second, *EVENTS[2:]], periods())
    scene.apply_scale(0.5)
    scene.set_mask(mask)
    assert scene.lane_count() == 1  # twenty years apart: one lane
    moved = second._replace(start="1930-01-01", end="1930-01-01", edtf="1930-01-01")
    scene.set_rows([first, moved, *EVENTS[2:]], periods())
    scene.apply_scale(0.5)
    boxes = [scene.label_box(event_id, device) for event_id in mask]
    assert scene.lane_count() == 2 and not boxes[0].intersects(boxes[1])

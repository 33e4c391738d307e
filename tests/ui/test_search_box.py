"""The search box: type, choose a result with the keyboard, and the item is asked for."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMainWindow, QToolBar

from studyapp.db.search import Segment
from studyapp.domain.changes import Changes, Kind
from studyapp.ui.search.controller import to_html
from studyapp.ui.search.view import SearchBox


@pytest.fixture
def search_box(qtbot, tab_context):
    window = QMainWindow()
    qtbot.addWidget(window)
    toolbar = QToolBar()
    window.addToolBar(toolbar)
    box = SearchBox()
    toolbar.addWidget(box)
    window.resize(900, 600)
    window.show()
    window.windowHandle().requestActivate()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    box.attach(tab_context)
    box.focus_search()
    yield box  # the window stays referenced (and alive) for the whole test


def test_type_choose_with_arrows_and_enter_opens_the_item(qtbot, search_box, tab_context):
    qtbot.keyClicks(search_box.field, "Rapallo")
    qtbot.waitUntil(search_box.popup.isVisible)
    hits = search_box.popup.hits()
    assert hits[0].plain_title == "Rapallo Treaty between Germany and Russia"
    assert search_box.popup.current_hit() == hits[0]  # the best result is chosen already
    qtbot.keyClick(search_box.field, Qt.Key.Key_Down)
    qtbot.keyClick(search_box.field, Qt.Key.Key_Up)
    qtbot.keyClick(search_box.field, Qt.Key.Key_Down)
    chosen = search_box.popup.current_hit()
    assert chosen == hits[1]
    with qtbot.waitSignal(tab_context.bus.open_requested) as opened:
        qtbot.keyClick(search_box.field, Qt.Key.Key_Return)
    assert opened.args == [chosen.kind.value, chosen.id]
    assert not search_box.popup.isVisible()


def test_enter_before_the_pause_searches_first(qtbot, search_box, tab_context):
    search_box.field.setText("molotov")
    search_box.field.textEdited.emit("molotov")
    with qtbot.waitSignal(tab_context.bus.open_requested) as opened:
        qtbot.keyClick(search_box.field, Qt.Key.Key_Return)
    assert opened.args[0] == Kind.EVENT.value


def test_escape_closes_and_results_are_grouped_by_kind(qtbot, search_box):
    qtbot.keyClicks(search_box.field, "pact")
    qtbot.waitUntil(search_box.popup.isVisible)
    titles = [g.title for g in search_box.controller.groups]
    assert {"Timeline", "Phase notes"} <= set(titles) and len(titles) == len(set(titles))
    qtbot.keyClick(search_box.field, Qt.Key.Key_Escape)
    assert not search_box.popup.isVisible()


def test_a_misspelling_says_what_it_searched_for(qtbot, search_box):
    qtbot.keyClicks(search_box.field, "Rapalo")
    qtbot.waitUntil(search_box.popup.isVisible)
    assert search_box.popup.summary.text() == "No exact match; showing “rapallo”."
    search_box.field.clear()
    qtbot.keyClicks(search_box.field, "zzqqxx")
    qtbot.waitUntil(lambda: search_box.controller.summary == "Nothing matches “zzqqxx”.")


def test_open_results_follow_changes_on_the_bus(qtbot, search_box, tab_context, session_factory):
    from studyapp.db.models import Event

    qtbot.keyClicks(search_box.field, "Rapallo")
    qtbot.waitUntil(search_box.popup.isVisible)
    before = len(search_box.popup.hits())
    with session_factory.begin() as session:
        event = Event(topic_id=tab_context.topic_id, key="x", source="user",
                      title="Rapallo revisited", edtf="1950", date_label="1950",
                      start="1950-01-01", end="1950-12-31", precision="year", category="war")
        session.add(event)
    tab_context.bus.notify(Changes.of(Kind.EVENT, event.id))
    assert len(search_box.popup.hits()) == before + 1


def test_the_students_words_are_escaped_and_only_matches_are_marked():
    html = to_html([Segment("<b>x</b> & "), Segment("Pact", hit=True)])
    assert html.startswith("&lt;b&gt;x&lt;/b&gt; &amp; <span class=\"hit\">")
    assert html.endswith(">Pact</span>")

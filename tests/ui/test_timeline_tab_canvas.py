"""The Timeline tab's canvas with its list: selection both ways, filters on both, adding from
empty space, editing with the date field, and the detail pane's citation links."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from studyapp.db.services.timeline import get_event
from studyapp.ui.timeline.model import ROW_ROLE
from studyapp.ui.timeline.tab import TimelineTab


@pytest.fixture
def tab(open_tab) -> TimelineTab:
    return open_tab(TimelineTab)


def event_titled(tab: TimelineTab, title: str) -> int:
    return next(row.id for row in tab.model.rows if row.title == title)


def visible_on_canvas(tab: TimelineTab) -> set[int]:
    return tab.canvas.shown_ids()


def test_clicking_on_the_canvas_selects_in_the_list_and_back(tab):
    blockade = event_titled(tab, "Berlin Blockade")
    tab.canvas.event_selected.emit(blockade)
    assert tab.current_event().id == blockade
    assert "Berlin Blockade" in tab.detail.toPlainText()
    yalta = event_titled(tab, "Yalta Conference")
    tab.select_event(yalta)
    assert tab.canvas.selected_event() == yalta


def test_filters_hide_events_on_the_list_and_the_canvas(qtbot, tab):
    qtbot.keyClicks(tab.search_edit, "league")
    shown = {tab.proxy.index(r, 0).data(ROW_ROLE).id for r in range(tab.proxy.rowCount())}
    assert 0 < len(shown) < 44
    qtbot.waitUntil(lambda: visible_on_canvas(tab) == shown)  # once typing pauses
    tab.search_edit.clear()
    tab.category_combo.setCurrentIndex(tab.category_combo.findText("Germany"))
    rows = [tab.proxy.index(r, 0).data(ROW_ROLE) for r in range(tab.proxy.rowCount())]
    assert rows and all(row.category == "germany" for row in rows)
    assert visible_on_canvas(tab) == {row.id for row in rows}


def test_select_from_elsewhere_clears_a_filter_that_hides_the_event(qtbot, tab):
    from studyapp.domain.changes import Kind

    qtbot.keyClicks(tab.search_edit, "berlin")
    pact = event_titled(tab, "Nazi–Soviet Pact")
    assert tab.select(Kind.EVENT, pact)
    assert tab.search_edit.text() == "" and tab.current_event().id == pact
    assert tab.canvas.selected_event() == pact and pact in visible_on_canvas(tab)


def test_double_clicking_empty_space_opens_add_with_the_date(tab):
    tab.canvas.empty_activated.emit("1941-06")
    dialog = tab.event_dialog
    assert dialog is not None and dialog.windowTitle() == "Add an event"
    assert dialog.date_field.edtf() == "1941-06"
    assert dialog.date_field.edit.text() == "June 1941"


def test_editing_with_summer_1941_stores_the_season(qtbot, tab, tab_context):
    barbarossa = event_titled(tab, "Germany invades the USSR (Operation Barbarossa)")
    tab.canvas.event_activated.emit(barbarossa)
    dialog = tab.event_dialog
    assert dialog is not None and dialog.windowTitle() == "Edit event"
    dialog.date_field.edit.setText("summer 1941")
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok),
                     Qt.MouseButton.LeftButton)  # fmt: skip
    saved = get_event(tab_context.session_factory, barbarossa)
    assert (saved.edtf, saved.date_label) == ("1941-22", "summer 1941")
    tab_context.undo_stack.undo()
    assert get_event(tab_context.session_factory, barbarossa).edtf != "1941-22"


def test_the_detail_pane_links_to_the_notes_and_points_citing_the_event(tab, tab_context):
    from PySide6.QtCore import QUrl

    tab.select_event(event_titled(tab, "Berlin Blockade"))
    html = tab.detail.toHtml()
    assert "cite:note_item/" in html and "cite:point/" in html
    assert "In your notes" in tab.detail.toPlainText()
    opened: list[tuple[str, int]] = []
    tab_context.bus.open_requested.connect(lambda kind, item_id: opened.append((kind, item_id)))
    tab.detail.anchorClicked.emit(QUrl("cite:point/2"))
    tab.detail.anchorClicked.emit(QUrl("cite:note_item/38"))
    tab.detail.anchorClicked.emit(QUrl("http://example.com"))
    assert opened == [("point", 2), ("note_item", 38)]


def test_a_changed_citation_redraws_the_detail_pane(tab, tab_context):
    from studyapp.db.operations.notes import edit_note_item
    from studyapp.db.services.citations import citations_of_event
    from studyapp.domain.changes import Kind

    blockade = event_titled(tab, "Berlin Blockade")
    tab.select_event(blockade)
    item = next(row for row in citations_of_event(tab_context.session_factory, blockade)
                if row.kind == Kind.NOTE_ITEM)  # fmt: skip
    tab_context.operations.run(edit_note_item(item.id, "Stalin blockades West Berlin."))
    assert "Stalin blockades West Berlin." in tab.detail.toPlainText()
    assert tab.current_event().id == blockade


def test_deleting_the_last_event_of_a_category_shows_all_again(qtbot, tab, tab_context):
    tab.category_combo.setCurrentIndex(tab.category_combo.findText("Domestic"))
    domestic = [row for row in tab.model.rows if row.category == "domestic"]
    for row in domestic:
        tab.select_event(row.id)
        qtbot.mouseClick(tab.delete_button, Qt.MouseButton.LeftButton)
    assert tab.category_combo.currentText() == "All categories"
    assert tab.proxy.rowCount() == 44 - len(domestic)

"""Issue 7 in the Phase notes tab: one reading view (no second list), Markdown annotations that
load nothing, confidence per section with one overall progress line, the student's own items,
the "edited" mark, check notes as callouts, and date chips that open the Timeline."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtWidgets import QAbstractItemView, QHeaderView

from studyapp.db.services.notes import get_item, items_by_section, section_tree, walk
from studyapp.domain.changes import Kind
from studyapp.ui.notes.tab import NotesTab


@pytest.fixture
def tab(open_tab) -> NotesTab:
    return open_tab(NotesTab)


def _item(tab_context, key: str):
    grouped = items_by_section(tab_context.session_factory, tab_context.topic_id)
    return next(i for rows in grouped.values() for i in rows if i.key == key)


def test_there_is_one_view_of_the_items(tab):
    views = [v for v in tab.findChildren(QAbstractItemView) if not isinstance(v, QHeaderView)]
    assert views == [tab.tree], "the section tree is the only list: items live in the reading"
    assert "Items in this section" not in tab.reading.toPlainText()


def test_a_markdown_annotation_is_rendered_and_loads_nothing(qtbot, tab, tab_context):
    item = tab.current_item()
    tab.open_annotation_dialog(item)
    dialog = tab.text_dialog
    dialog.text_edit.setPlainText("**Comintern** matters\n\n![x](file:///etc/passwd) [web](http://x)")
    dialog.accept()  # OK: the form saves through the operation runner
    saved = get_item(tab_context.session_factory, item.id)
    assert saved.annotation.startswith("**Comintern** matters")
    html = tab.reading.toHtml()
    assert "font-weight:700" in html or "font-weight:600" in html  # bold rendered
    assert "**Comintern**" not in tab.reading.toPlainText()
    assert "<img" not in html
    assert tab.reading.loadResource(2, QUrl("file:///etc/passwd")) is None
    tab_context.undo_stack.undo()
    assert get_item(tab_context.session_factory, item.id).annotation == ""


def _confidence(tab_context, section_id):
    roots = section_tree(tab_context.session_factory, tab_context.topic_id)
    return next(s for s, _d in walk(roots) if s.id == section_id).confidence


def test_marking_confidence_updates_the_tree_and_the_one_progress_line(qtbot, tab, tab_context):
    section = tab.current_section()
    assert tab.progress_label.text() == "0 of 9 sections secure"
    secure = tab.confidence_buttons.button(2)
    qtbot.mouseClick(secure, Qt.MouseButton.LeftButton)
    assert _confidence(tab_context, section.id) == "secure"
    assert tab.progress_label.text() == "1 of 9 sections secure"
    index = tab.sections.index_of(section.id)
    assert index.siblingAtColumn(1).data() == "● Secure"
    assert index.parent().siblingAtColumn(1).data() == "1/6 secure"
    assert tab.current_section().id == section.id
    tab_context.undo_stack.undo()
    assert _confidence(tab_context, section.id) == "not-yet"
    assert tab.progress_label.text() == "0 of 9 sections secure"


def test_the_student_adds_an_item_and_edited_pack_text_is_marked(qtbot, tab, tab_context):
    tab.open_add_item_dialog(tab.current_section())
    tab.text_dialog.text_edit.setPlainText("Litvinov led this policy.")
    tab.text_dialog.accept()
    own = tab.current_item()
    assert own.text == "Litvinov led this policy." and own.source == "user"
    assert "Litvinov led this policy. [your own]" in tab.reading.toPlainText()
    first = tab.items.rows()[0]
    tab.select_item(first.id)
    tab.open_text_dialog(first)
    tab.text_dialog.text_edit.setPlainText(first.text + " (Comintern = Third International)")
    tab.text_dialog.accept()
    assert "Third International) [edited]" in tab.reading.toPlainText()
    tab_context.undo_stack.undo()
    tab_context.undo_stack.undo()
    assert get_item(tab_context.session_factory, own.id) is None


def test_check_notes_show_as_callouts_beside_the_claim(tab, tab_context):
    lend_lease = _item(tab_context, "gpw-lend-lease")
    assert tab.select(Kind.NOTE_ITEM, lend_lease.id)
    text = " ".join(tab.reading.toPlainText().split())
    assert "in the summer of 1941" in text
    assert "ℹ Check: aid was promised in the summer of 1941" in text


def test_a_date_chip_opens_the_event_on_the_timeline(qtbot, main_window):
    timeline, notes = main_window.tabs[0], main_window.tabs[1]
    main_window.go_to_tab(1)
    item = next(i for i in notes.items.rows() if i.events)
    notes.select_item(item.id)
    chip = item.events[0]
    cursor = notes.reading.document().find(chip.label)
    assert not cursor.isNull()
    assert cursor.charFormat().anchorHref() == f"event:{chip.id}"
    notes.reading.anchorClicked.emit(QUrl(cursor.charFormat().anchorHref()))
    assert main_window.current_tab_index() == 0
    assert timeline.current_event().id == chip.id


def test_highlighting_marks_the_item_and_the_toolbar_stays_put(qtbot, tab, tab_context):
    item = tab.current_item()
    places = [b.geometry() for b in tab.toolbar_buttons()]
    qtbot.mouseClick(tab.highlight_button, Qt.MouseButton.LeftButton)
    assert get_item(tab_context.session_factory, item.id).highlighted
    assert not get_item(tab_context.session_factory, item.id).user_modified  # study state
    assert "#fff176" in tab.reading.toHtml()
    assert tab.highlight_button.text() == "Un&highlight"
    qtbot.mouseClick(tab.learnt_button, Qt.MouseButton.LeftButton)
    assert [b.geometry() for b in tab.toolbar_buttons()] == places
    tab_context.undo_stack.undo()
    tab_context.undo_stack.undo()
    assert not get_item(tab_context.session_factory, item.id).highlighted


def test_redrawing_for_a_new_selection_or_an_edit_shows_what_changed(tab, tab_context):
    """Items' HTML is cached by row: a new selection and an edited row still draw anew."""
    from dataclasses import replace

    from studyapp.ui.notes.reading import section_html

    section = tab.current_section()
    rows = tab.items.rows()
    first, second = rows[0].id, rows[1].id
    html_first = section_html(section, rows, first, (0, len(rows)))
    html_second = section_html(section, rows, second, (0, len(rows)))
    assert html_first != html_second
    assert html_first == section_html(section, rows, first, (0, len(rows)))
    edited = [replace(rows[0], text="A wholly new wording", learnt=True), *rows[1:]]
    redrawn = section_html(section, edited, first, (1, len(rows)))
    assert "A wholly new wording" in redrawn and "A wholly new wording" not in html_first
    assert "✓&nbsp;learnt" in redrawn.split(f'name="item-{second}"')[0]
    annotated = [replace(rows[0], annotation="Seen **twice**"), *rows[1:]]
    assert "<strong>twice</strong>" in section_html(section, annotated, first, (0, len(rows)))

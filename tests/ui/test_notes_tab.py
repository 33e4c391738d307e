"""The Phase notes tab, used as a student would: pick a section, read it, reword, annotate, tick.

Each change is checked on screen and in the database through the services, then after Ctrl+Z
(the shared undo stack) and redo.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QItemSelectionModel, QPoint, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QDialogButtonBox

from studyapp.db.services.notes import ItemRow, get_item, section_tree
from studyapp.ui.notes.dialogs import TextDialog
from studyapp.ui.notes.model import COL_PROGRESS
from studyapp.ui.notes.tab import NotesTab


@pytest.fixture
def tab(open_tab) -> NotesTab:
    return open_tab(NotesTab)


def section_id(tab_context, title_start: str) -> int:
    roots = section_tree(tab_context.session_factory, tab_context.topic_id)
    for root in roots:
        for section in (root, *root.children):
            if section.title.startswith(title_start):
                return section.id
    raise AssertionError(f"No section starting {title_start!r}")


def open_section(tab: NotesTab, tab_context, title_start: str) -> None:
    """Click the section in the tree (through the view's selection model)."""
    index = tab.sections.index_of(section_id(tab_context, title_start))
    flags = (QItemSelectionModel.SelectionFlag.ClearAndSelect
             | QItemSelectionModel.SelectionFlag.Rows)  # fmt: skip
    tab.tree.selectionModel().setCurrentIndex(index, flags)


def pick_item(tab: NotesTab, text_start: str) -> ItemRow:
    for item in tab.items.rows():
        if item.text.startswith(text_start):
            tab.select_item(item.id)
            return item
    raise AssertionError(f"No item starting {text_start!r} in this section")


def text_position(tab: NotesTab, text: str) -> QPoint:
    """Where `text` is drawn in the reading pane, a few letters in, for a mouse click."""
    cursor = tab.reading.document().find(text)
    assert not cursor.isNull(), text
    cursor.setPosition(cursor.selectionStart() + 3, QTextCursor.MoveMode.MoveAnchor)
    return tab.reading.cursorRect(cursor).center()


def type_over(qtbot, dialog: TextDialog, text: str) -> None:
    dialog.text_edit.setFocus()
    qtbot.keyClick(dialog.text_edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    if text:
        qtbot.keyClicks(dialog.text_edit, text)
    else:
        qtbot.keyClick(dialog.text_edit, Qt.Key.Key_Delete)


def click_ok(qtbot, dialog: TextDialog) -> None:
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok),
                     Qt.MouseButton.LeftButton)  # fmt: skip


def saved(tab_context, item: ItemRow) -> ItemRow:
    found = get_item(tab_context.session_factory, item.id)
    assert found is not None
    return found


# -- reading --------------------------------------------------------------------------------


def test_the_tree_holds_the_sections_and_the_first_leaf_is_open(tab):
    model = tab.sections
    top = [model.index(row, 0).data() for row in range(model.rowCount())]
    assert top[0] == "Foreign policy before the Second World War, up to 1939"
    assert top[1] == "Winning the Great Patriotic War, 1941–45"
    assert "origins of the Cold War" in top[2]
    assert top[3].startswith("Exam advice")
    pre_war = model.index(0, 0)
    children = [model.index(row, 0, pre_war).data() for row in range(model.rowCount(pre_war))]
    assert children[0] == "Aims and methods"
    assert [title[:7] for title in children[1:4]] == ["Phase 1", "Phase 2", "Phase 3"]
    assert children[4:] == ["Key successes", "Key failures"]
    assert tab.tree.isExpanded(pre_war)
    assert tab.current_section().title == "Aims and methods"
    assert tab.items.rowCount() == 5
    assert tab.current_item() is not None  # no empty pane on load


def test_the_reading_pane_shows_stalins_quote_in_aims_and_methods(tab):
    text = tab.reading.toPlainText()
    assert text.startswith("Aims and methods")
    assert "We are fifty to a hundred years behind the advanced countries" in text
    assert "From a speech to industrial managers, February 1931" in text
    assert "1919 Comintern (Communist International) is established" in text  # a date tag
    assert "0 of 5 learnt" in text


def test_questions_are_marked_as_questions(tab, tab_context):
    open_section(tab, tab_context, "Foreign policy after")
    text = tab.reading.toPlainText()
    assert "Question: To what extent should Stalin be blamed for the onset of the Cold War?" in text
    assert "the Soviet representative" in text
    assert tab.items.rowCount() == 10


def test_a_parent_section_lists_its_sections_and_links_open_them(qtbot, tab, tab_context):
    open_section(tab, tab_context, "Foreign policy before")
    assert "This part of the notes has 6 sections" in tab.reading.toPlainText()
    qtbot.mouseClick(tab.reading.viewport(), Qt.MouseButton.LeftButton,
                     pos=text_position(tab, "Key failures"))  # fmt: skip
    assert tab.current_section().title == "Key failures"


def test_clicking_an_item_in_the_reading_pane_selects_it(qtbot, tab):
    qtbot.mouseClick(tab.reading.viewport(), Qt.MouseButton.LeftButton,
                     pos=text_position(tab, "Therefore – to improve"))  # fmt: skip
    assert tab.current_item().text.startswith("Therefore")


# -- editing the text -------------------------------------------------------------------------


def test_editing_an_item_text_is_saved_and_undoable(qtbot, tab, tab_context):
    item = pick_item(tab, "Modernise and industrialise")
    qtbot.mouseClick(tab.edit_button, Qt.MouseButton.LeftButton)
    dialog = tab.text_dialog
    assert dialog is not None and dialog.text() == item.text
    type_over(qtbot, dialog, "Modernise fast: the Five-Year Plans <from 1928> & after.")
    click_ok(qtbot, dialog)
    assert tab.text_dialog is None

    after = saved(tab_context, item)
    assert after.text == "Modernise fast: the Five-Year Plans <from 1928> & after."
    assert after.user_modified
    assert "the Five-Year Plans <from 1928> & after." in tab.reading.toPlainText()  # escaped
    assert tab.current_item().id == item.id

    tab_context.undo_stack.undo()
    assert saved(tab_context, item).text == item.text
    assert not saved(tab_context, item).user_modified
    assert "Modernise fast" not in tab.reading.toPlainText()

    tab_context.undo_stack.redo()
    assert saved(tab_context, item).text.startswith("Modernise fast")


def test_empty_item_text_is_refused_with_a_sentence(qtbot, tab, tab_context):
    item = pick_item(tab, "Therefore")
    tab.reading.setFocus()
    qtbot.keyClick(tab.reading, Qt.Key.Key_F2)  # F2 edits, as in a file manager
    dialog = tab.text_dialog
    assert dialog is not None
    type_over(qtbot, dialog, "")
    click_ok(qtbot, dialog)
    assert dialog.isVisible()
    assert "A note needs some text" in dialog.error_label.text()
    assert saved(tab_context, item) == item
    assert tab_context.undo_stack.count() == 0


# -- annotating and learning ----------------------------------------------------------------


def test_an_annotation_is_saved_and_undoable(qtbot, tab, tab_context):
    item = pick_item(tab, "Pragmatic agreements")
    qtbot.mouseClick(tab.annotate_button, Qt.MouseButton.LeftButton)
    dialog = tab.text_dialog
    qtbot.keyClicks(dialog.text_edit, "Rapallo = 1922: link to Locarno 1925.")
    click_ok(qtbot, dialog)

    after = saved(tab_context, item)
    assert after.annotation == "Rapallo = 1922: link to Locarno 1925."
    assert not after.user_modified  # a note to self is study state, not a content change
    shown = " ".join(tab.reading.toPlainText().split())
    assert "Your note: Rapallo = 1922: link to Locarno 1925." in shown

    tab_context.undo_stack.undo()
    assert saved(tab_context, item).annotation == ""
    assert "Your note" not in tab.reading.toPlainText()
    tab_context.undo_stack.redo()
    assert saved(tab_context, item).annotation.startswith("Rapallo")


def test_marking_learnt_updates_progress_and_is_undoable(qtbot, tab, tab_context):
    item = pick_item(tab, "Encourage the")
    width = tab.learnt_button.width()
    qtbot.mouseClick(tab.learnt_button, Qt.MouseButton.LeftButton)

    assert saved(tab_context, item).learnt
    assert "1 of 5 learnt" in tab.reading.toPlainText()
    assert "✓ learnt" in tab.reading.toPlainText()
    assert tab.learnt_button.text() == "Mark not &learnt"
    assert tab.learnt_button.width() == width  # the toolbar never moves
    aims = tab.sections.index_of(item.section_id)
    assert aims.siblingAtColumn(COL_PROGRESS).data(Qt.ItemDataRole.ToolTipRole) == "1 of 5 learnt"

    tab_context.undo_stack.undo()
    assert not saved(tab_context, item).learnt
    assert "0 of 5 learnt" in tab.reading.toPlainText()
    tab_context.undo_stack.redo()
    assert saved(tab_context, item).learnt


def test_space_and_arrows_work_in_the_reading_view(qtbot, tab, tab_context):
    first = pick_item(tab, "Encourage the")
    tab.reading.setFocus()
    qtbot.keyClick(tab.reading, Qt.Key.Key_Down)
    second = tab.current_item()
    assert second.text.startswith("Pragmatic")
    qtbot.keyClick(tab.reading, Qt.Key.Key_Space)
    assert saved(tab_context, second).learnt
    assert tab.current_item().id == second.id
    qtbot.keyClick(tab.reading, Qt.Key.Key_Up)
    assert tab.current_item().id == first.id


def test_undo_goes_back_to_the_section_it_changes(qtbot, tab, tab_context):
    item = pick_item(tab, "Encourage the")
    qtbot.mouseClick(tab.learnt_button, Qt.MouseButton.LeftButton)
    open_section(tab, tab_context, "Winning the Great")
    assert tab.current_section().title.startswith("Winning")

    tab_context.undo_stack.undo()
    assert tab.current_section().title == "Aims and methods"
    assert tab.current_item().id == item.id
    assert not saved(tab_context, item).learnt


def test_main_widgets_have_accessible_names_and_mnemonics(tab):
    for widget in (tab.tree, tab.reading, tab.progress_label):
        assert widget.accessibleName()
    for button in (tab.edit_button, tab.annotate_button, tab.learnt_button,
                   tab.add_item_button, tab.add_section_button, tab.delete_button):
        assert "&" in button.text()



@pytest.mark.parametrize(("width", "height"), [(900, 600), (1280, 800)])
def test_the_item_actions_are_whole_at_the_smallest_and_usual_window(main_window, qtbot,
                                                                     width, height):  # fmt: skip
    """At the smallest window the last item actions go into "More"; none is cut short."""
    main_window.resize(width, height)
    notes = main_window.open_tab("notes")
    row = notes.toolbar

    def whole() -> bool:  # the row's layout follows its resize on the next turn of the loop
        shown = [button for button in row.buttons if button.isVisible()]
        return bool(shown) and all(b.width() >= b.sizeHint().width() for b in shown)

    qtbot.waitUntil(whole)
    shown = [button for button in row.buttons if button.isVisible()]
    assert row.more_button.isVisible() == (len(shown) < len(row.buttons))
    assert len(shown) == len(row.buttons) if width >= 1280 else len(shown) >= 3

"""The War-victory factors tab, used as a student would: click, press keys, type; then read
the database through the services to prove each change was saved, and undo it.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from studyapp.db.services.factors import list_factors
from studyapp.ui.factors.model import COL_IMPORTANCE, COL_TITLE
from studyapp.ui.factors.tab import FactorsTab

PACK_ORDER = [
    "A centralised economy ready for total war",
    "Stalin's control through the State Committee of Defence",
    "Patriotic propaganda and the Orthodox Church",
    "German brutality and mistakes",
    "'General Winter'",
    "The size of the USSR and the move of industry east",
    "Lend-Lease and Allied aid",
    "German defeats in North Africa and Sicily",
]


@pytest.fixture
def tab(open_tab):
    return open_tab(FactorsTab)


@pytest.fixture
def messages(tab):
    return tab.messages


def saved_titles(tab_context) -> list[str]:
    return [f.title for f in list_factors(tab_context.session_factory, tab_context.topic_id)]


def saved(tab_context, title: str):
    rows = list_factors(tab_context.session_factory, tab_context.topic_id)
    return next(f for f in rows if f.title == title)


def shown_titles(tab: FactorsTab) -> list[str]:
    model = tab.model
    return [model.index(row, COL_TITLE).data() for row in range(model.rowCount())]


def click_row(qtbot, tab: FactorsTab, row: int) -> None:
    rect = tab.table.visualRect(tab.model.index(row, COL_TITLE))
    qtbot.mouseClick(tab.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert tab.table.currentIndex().row() == row


def test_shows_the_eight_factors_in_the_notes_order_with_the_first_selected(tab, tab_context):
    assert shown_titles(tab) == PACK_ORDER == saved_titles(tab_context)
    assert tab.model.index(0, 0).data() == "1"
    assert tab.model.index(7, 0).data() == "8"
    assert tab.model.index(0, COL_IMPORTANCE).data() == "not rated"
    assert tab.current_factor().title == PACK_ORDER[0]
    assert tab.detail.title.text() == f"1. {PACK_ORDER[0]}"
    assert "highly centralised" in tab.detail.explanation.text()
    assert tab.detail.category.text() == "Category: Economy"
    assert tab.detail.rating_buttons[0].isChecked()  # "Not rated"
    assert not tab.up_button.isEnabled() and tab.down_button.isEnabled()


def test_move_down_button_saves_the_new_rank_and_undo_restores_it(qtbot, tab, tab_context):
    click_row(qtbot, tab, 0)
    qtbot.mouseClick(tab.down_button, Qt.MouseButton.LeftButton)

    moved = [PACK_ORDER[1], PACK_ORDER[0], *PACK_ORDER[2:]]
    assert saved_titles(tab_context) == moved == shown_titles(tab)
    assert tab.current_factor().title == PACK_ORDER[0]  # the selection followed the factor
    assert tab.detail.title.text() == f"2. {PACK_ORDER[0]}"
    assert tab.model.index(1, 0).data() == "2"

    tab_context.undo_stack.undo()
    assert saved_titles(tab_context) == PACK_ORDER == shown_titles(tab)
    assert tab.current_factor().title == PACK_ORDER[0]

    tab_context.undo_stack.redo()
    assert saved_titles(tab_context) == moved


def test_alt_arrows_on_the_list_move_the_selected_factor(qtbot, tab, tab_context):
    click_row(qtbot, tab, 4)  # 'General Winter'
    qtbot.keyClick(tab.table, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert saved_titles(tab_context).index("'General Winter'") == 5
    assert tab.table.currentIndex().row() == 5

    qtbot.keyClick(tab.table, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClick(tab.table, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert saved_titles(tab_context).index("'General Winter'") == 3
    assert tab.current_factor().title == "'General Winter'"
    assert tab_context.undo_stack.count() == 3

    tab_context.undo_stack.undo()
    tab_context.undo_stack.undo()
    assert saved_titles(tab_context).index("'General Winter'") == 5
    tab_context.undo_stack.undo()
    assert saved_titles(tab_context) == PACK_ORDER == shown_titles(tab)


def test_moving_past_the_top_is_refused_with_a_sentence(qtbot, tab, tab_context, messages):
    click_row(qtbot, tab, 0)
    assert not tab.up_button.isEnabled()
    qtbot.keyClick(tab.table, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert messages == [f"“{PACK_ORDER[0]}” is already at the top."]
    assert tab_context.undo_stack.count() == 0
    assert saved_titles(tab_context) == PACK_ORDER


def test_rating_with_buttons_and_keys_is_saved_and_undoable(qtbot, tab, tab_context):
    click_row(qtbot, tab, 2)
    title = PACK_ORDER[2]
    qtbot.mouseClick(tab.detail.rating_buttons[4], Qt.MouseButton.LeftButton)
    assert saved(tab_context, title).importance == 4
    assert tab.model.index(2, COL_IMPORTANCE).data() == "●●●●○"

    tab.table.setFocus()
    qtbot.keyClick(tab.table, Qt.Key.Key_2)
    assert saved(tab_context, title).importance == 2
    assert tab.detail.rating_buttons[2].isChecked()
    qtbot.keyClick(tab.table, Qt.Key.Key_Backspace)
    assert saved(tab_context, title).importance is None
    assert tab.model.index(2, COL_IMPORTANCE).data() == "not rated"

    tab_context.undo_stack.undo()
    assert saved(tab_context, title).importance == 2
    tab_context.undo_stack.undo()
    assert saved(tab_context, title).importance == 4
    assert tab.detail.rating_buttons[4].isChecked()
    tab_context.undo_stack.redo()
    assert saved(tab_context, title).importance == 2
    assert tab.model.index(2, COL_IMPORTANCE).data() == "●●○○○"


def test_justification_is_saved_after_a_pause_as_one_undoable_edit(qtbot, tab, tab_context):
    click_row(qtbot, tab, 1)
    title = PACK_ORDER[1]
    box = tab.detail.justification
    box.setFocus()
    qtbot.keyClicks(box, "Stalin kept the generals under close control.")

    qtbot.waitUntil(lambda: saved(tab_context, title).justification != "", timeout=3000)
    assert saved(tab_context, title).justification == (
        "Stalin kept the generals under close control."
    )
    assert tab_context.undo_stack.count() == 1  # one command for the burst, not per key

    tab_context.undo_stack.undo()
    assert saved(tab_context, title).justification == ""
    assert box.toPlainText() == ""
    tab_context.undo_stack.redo()
    assert box.toPlainText() == "Stalin kept the generals under close control."
    assert saved(tab_context, title).justification == box.toPlainText()


def test_typing_then_choosing_another_factor_saves_for_the_first(qtbot, tab, tab_context):
    click_row(qtbot, tab, 3)
    qtbot.keyClicks(tab.detail.justification, "Brutality turned liberators into enemies.")
    click_row(qtbot, tab, 6)  # before the pause has passed

    assert saved(tab_context, PACK_ORDER[3]).justification.startswith("Brutality")
    assert saved(tab_context, PACK_ORDER[6]).justification == ""
    assert tab.detail.justification.toPlainText() == ""
    assert tab.current_factor().title == PACK_ORDER[6]

    click_row(qtbot, tab, 3)
    assert tab.detail.justification.toPlainText() == "Brutality turned liberators into enemies."


def test_reload_keeps_the_selected_factor(qtbot, tab):
    click_row(qtbot, tab, 5)
    tab.reload()
    assert tab.current_factor().title == PACK_ORDER[5]
    QApplication.processEvents()
    assert tab.detail.title.text() == f"6. {PACK_ORDER[5]}"

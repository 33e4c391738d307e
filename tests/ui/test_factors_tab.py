"""The factors board, used as a student would: click, press keys, drag, type; then
read the database through the services to prove each change was saved, and undo it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QDropEvent

from studyapp.db.services.factors import list_factors
from studyapp.domain.changes import Kind
from studyapp.ui.factors.board import drag_data
from studyapp.ui.factors.tab import FactorsTab
from studyapp.ui.theme import tokens

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


def saved_titles(tab_context) -> list[str]:
    return [f.title for f in list_factors(tab_context.session_factory, tab_context.topic_id)]


def saved(tab_context, title: str):
    rows = list_factors(tab_context.session_factory, tab_context.topic_id)
    return next(f for f in rows if f.title == title)


def card(tab: FactorsTab, rank: int):
    return tab.board.cards[tab.rows[rank].id]


def shown_titles(tab: FactorsTab) -> list[str]:
    return [tab.board.cards[i].title.text() for i in tab.board.order]


def test_a_board_of_eight_cards_in_the_notes_order(tab):
    assert shown_titles(tab) == PACK_ORDER
    assert [card(tab, r).rank.text() for r in range(8)] == [str(n) for n in range(1, 9)]
    assert card(tab, 0).category.text() == "ECONOMY"
    economy = tokens().factor_colours("economy")[0]
    assert f"7px solid {economy}" in card(tab, 0).styleSheet()  # coloured by its category
    assert tab.current_factor().title == PACK_ORDER[0]
    assert all(card(tab, r).evidence.text().startswith("Evidence:") for r in range(8))


def test_the_importance_buttons_sit_at_the_same_place_on_every_card(tab):
    places = {card(tab, r).rating.button(1).mapTo(card(tab, r), card(tab, r).rect().topLeft())
              for r in range(8)}  # fmt: skip
    assert len({(p.x(), p.y()) for p in places}) <= 2  # the selected card's border is 1px wider


def test_rating_with_buttons_and_keys_is_saved_and_undoable(qtbot, tab, tab_context):
    qtbot.mouseClick(card(tab, 2).rating.button(4), Qt.MouseButton.LeftButton)
    assert saved(tab_context, PACK_ORDER[2]).importance == 4
    assert card(tab, 2).rating.checkedId() == 4
    card(tab, 2).setFocus()
    qtbot.keyClick(card(tab, 2), Qt.Key.Key_5)
    assert saved(tab_context, PACK_ORDER[2]).importance == 5
    tab_context.undo_stack.undo()
    assert saved(tab_context, PACK_ORDER[2]).importance == 4
    tab_context.undo_stack.undo()
    assert saved(tab_context, PACK_ORDER[2]).importance is None
    assert card(tab, 2).rating.checkedId() == 0


def test_alt_arrows_move_the_focused_card(qtbot, tab, tab_context):
    card(tab, 3).setFocus()
    qtbot.keyClick(card(tab, 3), Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert saved_titles(tab_context)[2] == PACK_ORDER[3]
    assert shown_titles(tab)[2] == PACK_ORDER[3]
    assert tab.current_factor().title == PACK_ORDER[3]
    tab_context.undo_stack.undo()
    assert saved_titles(tab_context) == PACK_ORDER


def test_dragging_a_card_to_the_top_ranks_it_first(qtbot, tab, tab_context):
    last = card(tab, 7)
    data = drag_data(last.factor_id)  # kept alive: the event only borrows it, as in a real drag
    drop = QDropEvent(QPointF(10, 2), Qt.DropAction.MoveAction, data,
                      Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)  # fmt: skip
    tab.board.dropEvent(drop)
    assert saved_titles(tab_context)[0] == PACK_ORDER[7]
    assert shown_titles(tab)[0] == PACK_ORDER[7]
    assert card(tab, 0).rank.text() == "1"
    assert "rank 8 to 1" in " ".join(tab.messages)


def test_reset_to_the_notes_order_is_undoable(qtbot, tab, tab_context):
    card(tab, 5).setFocus()
    qtbot.keyClick(card(tab, 5), Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    moved = saved_titles(tab_context)
    qtbot.mouseClick(tab.reset_button, Qt.MouseButton.LeftButton)
    assert saved_titles(tab_context) == PACK_ORDER == shown_titles(tab)
    tab_context.undo_stack.undo()
    assert saved_titles(tab_context) == moved == shown_titles(tab)


def test_justification_typed_on_a_card_is_saved_once(qtbot, tab, tab_context):
    box = card(tab, 1).justification
    box.setFocus()
    qtbot.keyClicks(box, "Stalin kept the generals under close control.")
    qtbot.waitUntil(lambda: saved(tab_context, PACK_ORDER[1]).justification != "", timeout=3000)
    assert tab_context.undo_stack.count() == 1
    tab_context.undo_stack.undo()
    assert box.toPlainText() == ""


def test_a_comparison_is_kept_and_shown_on_both_cards(qtbot, tab, tab_context):
    dialog = tab.open_compare_dialog()
    dialog.stronger_box.setCurrentIndex(6)
    dialog.weaker_box.setCurrentIndex(4)
    dialog.reason_edit.setPlainText("Lorries moved the armies; winter only slowed the enemy.")
    dialog.accept()
    assert tab.compare_dialog is None or not tab.compare_dialog.isVisible()
    lend_lease, winter = saved(tab_context, PACK_ORDER[6]), saved(tab_context, PACK_ORDER[4])
    assert lend_lease.comparisons == winter.comparisons != ()
    assert lend_lease.comparisons[0].reason.startswith("Lorries")
    assert "More important than “'General Winter'”" in card(tab, 6).comparisons.text()
    assert "Less important than “Lend-Lease and Allied aid”" in card(tab, 4).comparisons.text()
    tab_context.undo_stack.undo()
    assert saved(tab_context, PACK_ORDER[6]).comparisons == ()
    assert not card(tab, 6).comparisons.isVisibleTo(tab)


def test_comparing_a_factor_with_itself_is_refused_in_the_form(qtbot, tab, tab_context):
    dialog = tab.open_compare_dialog()
    dialog.weaker_box.setCurrentIndex(dialog.stronger_box.currentIndex())
    dialog.reason_edit.setPlainText("Because.")
    dialog.accept()
    assert dialog.isVisible() and "two different" in dialog.error_label.text()
    dialog.reject()


def test_an_evidence_chip_opens_the_event_on_the_timeline(main_window):
    factors_tab, timeline = main_window.tabs[2], main_window.tabs[0]
    main_window.go_to_tab(2)
    factor = next(f for f in factors_tab.rows if any(e.kind == "event" for e in f.evidence))
    link = next(e for e in factor.evidence if e.kind == "event")
    factors_tab.board.cards[factor.id].evidence.linkActivated.emit(f"event:{link.id}")
    assert main_window.current_tab_index() == 0
    assert timeline.current_event().id == link.id
    main_window.go_to_tab(2)
    assert factors_tab.select(Kind.FACTOR, factor.id)

"""Each tab used for its main job with the keyboard alone, in the assembled window: Ctrl+1…5 to
reach it, Tab to move between its controls, and its own keys to act."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from studyapp.db.services.timeline import list_events

TAB_KEY = Qt.Key.Key_Tab
CTRL, ALT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.AltModifier


@pytest.fixture
def window(qtbot, main_window):
    main_window.activateWindow()
    qtbot.waitUntil(main_window.isActiveWindow)
    return main_window


def _focused() -> QWidget | None:
    return QApplication.focusWidget()


def press(qtbot, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    """A key as the student presses it: to whatever has the focus."""
    qtbot.waitUntil(lambda: _focused() is not None)  # e.g. back in the window after a dialog
    qtbot.keyClick(_focused(), key, modifier)


def go_to(qtbot, window, number: int) -> QWidget:
    """Ctrl+<number> shows a tab; Tab from the tab bar then enters it."""
    window._tab_widget.tabBar().setFocus()
    press(qtbot, getattr(Qt.Key, f"Key_{number}"), CTRL)
    assert window.current_tab_index() == number - 1
    # The event loop's turn, as between a student's key presses: a tab built on first show
    # gets its widgets shown then (Qt shows a widget added to a visible layout by a queued call).
    QApplication.processEvents()
    return window.tabs[number - 1]


def tab_to(qtbot, widget: QWidget, limit: int = 80) -> int:
    """Press Tab until `widget` has the focus; how many presses it took."""
    for presses in range(limit):
        if widget.hasFocus():
            return presses
        press(qtbot, TAB_KEY)
    raise AssertionError(f"Tab never reached {type(widget).__name__} "
                         f"(stuck on {type(_focused()).__name__})")  # fmt: skip


def _modal_dialog(qtbot) -> QDialog:
    """The dialog a key opened, once it is the active window (where the next keys go)."""
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), QDialog))
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, QDialog)
    qtbot.waitUntil(lambda: dialog.isActiveWindow() and dialog.isAncestorOf(_focused()))
    return dialog


def close_with_escape(qtbot, dialog: QDialog, window: QWidget) -> None:
    press(qtbot, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    window.activateWindow()  # what the window manager does when a dialog closes
    qtbot.waitUntil(window.isActiveWindow)


def test_tab_reaches_every_control_of_every_tab_in_reading_order(qtbot, window):
    for number, tab in enumerate(window.tabs, start=1):
        go_to(qtbot, window, number)
        visited: list[QWidget] = []
        for _ in range(200):  # once round; a note's links are Tab stops of their own, in place
            press(qtbot, TAB_KEY)
            focused = _focused()
            if focused is None or (visited and focused is visited[0]):
                break
            if focused not in visited:
                visited.append(focused)
        reachable = [w for w in tab.findChildren(QWidget)
                     if w.focusPolicy() & Qt.FocusPolicy.TabFocus and w.isVisible()
                     and w.isEnabled() and w.window() is window
                     and not w.objectName().startswith("qt_")]  # fmt: skip
        missed = [f"{type(w).__name__} {w.accessibleName()!r}" for w in reachable
                  if w not in visited and w.focusProxy() not in visited]  # fmt: skip
        assert missed == [], tab.__class__.__name__
        # The row beside the menus comes first, then the tab's own controls, then the tab bar.
        corner = window.search_box.field
        assert visited.index(window.topics.switcher.combo) < visited.index(corner)
        inside = [w for w in visited if tab.isAncestorOf(w)]
        assert visited.index(corner) < visited.index(inside[0])
        assert visited.index(inside[-1]) < visited.index(window._tab_widget.tabBar())


def test_timeline_find_an_event_edit_delete_and_undo(qtbot, window):
    timeline = go_to(qtbot, window, 1)
    factory, topic_id = window.database.session_factory, window.context.topic_id
    tab_to(qtbot, timeline.search_edit)
    qtbot.keyClicks(timeline.search_edit, "Yalta")
    assert timeline.proxy.rowCount() == 1
    tab_to(qtbot, timeline.table)
    press(qtbot, Qt.Key.Key_Down)
    assert timeline.current_event().title.startswith("Yalta")
    press(qtbot, Qt.Key.Key_Return)  # Enter edits the selected event
    dialog = _modal_dialog(qtbot)
    close_with_escape(qtbot, dialog, window)
    yalta = timeline.current_event()
    press(qtbot, Qt.Key.Key_Delete)
    assert yalta.id not in {e.id for e in list_events(factory, topic_id)}
    press(qtbot, Qt.Key.Key_Z, CTRL)
    assert yalta.id in {e.id for e in list_events(factory, topic_id)}


def test_phase_notes_move_between_sections_and_items_and_mark_learnt(qtbot, window):
    notes = go_to(qtbot, window, 2)
    tab_to(qtbot, notes.tree)
    first = notes.current_section()
    press(qtbot, Qt.Key.Key_Down)
    assert notes.current_section() != first
    tab_to(qtbot, notes.reading)
    item = notes.current_item()
    press(qtbot, Qt.Key.Key_Down)  # the next item of the section
    assert notes.current_item() != item
    item = notes.current_item()
    press(qtbot, Qt.Key.Key_Space)  # learnt
    qtbot.waitUntil(lambda: notes.current_item().learnt != item.learnt)
    press(qtbot, Qt.Key.Key_F2)  # edit its text
    close_with_escape(qtbot, _modal_dialog(qtbot), window)


def test_factors_rate_rank_and_move_between_cards(qtbot, window):
    factors = go_to(qtbot, window, 3)
    first = factors.rows[0]
    tab_to(qtbot, factors.board.cards[first.id])
    press(qtbot, Qt.Key.Key_4)
    qtbot.waitUntil(lambda: factors.current_factor().importance == 4)
    press(qtbot, Qt.Key.Key_Down, ALT)  # rank it one lower
    assert [f.id for f in factors.rows].index(first.id) == 1
    press(qtbot, Qt.Key.Key_Down)  # the next card
    assert factors.current_factor().id != first.id


def test_argument_builder_choose_a_question_and_add_a_point(qtbot, window):
    arguments = go_to(qtbot, window, 4)
    tab_to(qtbot, arguments.question_list)
    first = arguments.current_question()
    press(qtbot, Qt.Key.Key_Down)
    assert arguments.current_question() != first
    column = arguments.columns[0]
    tab_to(qtbot, column.view)
    press(qtbot, Qt.Key.Key_Insert)
    dialog = _modal_dialog(qtbot)
    assert dialog.claim.hasFocus()  # the form opens ready to type
    qtbot.keyClicks(_focused(), "Stalin wanted security above all.")
    before = column.model.rowCount()
    press(qtbot, Qt.Key.Key_Return, CTRL)  # saves from inside a text box
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert column.model.rowCount() == before + 1


def test_review_reveal_and_rate_a_card(qtbot, window):
    review = go_to(qtbot, window, 5)
    tab_to(qtbot, review.card_view)
    prompt = review.card_view.prompt.text() if hasattr(review.card_view.prompt, "text") \
        else review.card_view.prompt.toPlainText()  # fmt: skip
    press(qtbot, Qt.Key.Key_Space)
    assert review.card_view.answer.isVisible()
    press(qtbot, Qt.Key.Key_3)
    shown = review.card_view.prompt
    assert (shown.text() if hasattr(shown, "text") else shown.toPlainText()) != prompt


def test_the_row_beside_the_menus_search_back_and_topics(qtbot, window):
    go_to(qtbot, window, 2)
    press(qtbot, Qt.Key.Key_K, CTRL)
    assert window.search_box.field.hasFocus()
    qtbot.keyClicks(window.search_box.field, "Yalta")
    qtbot.waitUntil(lambda: window.search_box.popup.isVisible())
    press(qtbot, Qt.Key.Key_Return)
    assert window.current_tab_index() == 0
    assert window.tabs[0].current_event().title.startswith("Yalta")
    press(qtbot, Qt.Key.Key_Left, ALT)  # Back
    assert window.current_tab_index() == 1

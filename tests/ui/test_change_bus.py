"""One path for every change: operations through the runner, the bus to every tab, the tab
registry and links between tabs — tried the way a student would."""

from __future__ import annotations

import logging

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack

from studyapp.cli import _configure_logging
from studyapp.db.operations.arguments import add_point, edit_point
from studyapp.db.services.arguments import list_points, list_questions
from studyapp.db.services.timeline import list_events
from studyapp.domain.changes import Kind
from studyapp.ui.bus import ChangeBus
from studyapp.ui.operations import OperationRunner
from studyapp.ui.tabs import TABS


@pytest.fixture
def runner(session_factory):
    stack, bus = QUndoStack(), ChangeBus()
    said: list[str] = []
    changed: list = []
    bus.message.connect(said.append)
    bus.changed.connect(changed.append)
    runner = OperationRunner(session_factory, stack, bus)
    runner.said, runner.changed = said, changed
    yield runner
    stack.clear()


def test_the_runner_says_saved_undone_redone_and_tells_the_bus(runner, session_factory, topic):
    question = list_questions(session_factory, topic.id)[0]
    outcome = runner.run(add_point(question.id, "for", "Stalin wanted a buffer zone."))
    point_id = outcome.value.id
    assert runner.said[-1] == "Saved: Add point “Stalin wanted a buffer zone.”"
    assert runner.changed[-1].ids(Kind.POINT) == {point_id}
    runner.stack.undo()
    assert runner.said[-1] == "Undone: Add point “Stalin wanted a buffer zone.”"
    assert point_id not in {p.id for p in list_points(session_factory, question.id)}
    runner.stack.redo()
    assert runner.said[-1] == "Redone: Add point “Stalin wanted a buffer zone.”"
    assert point_id in {p.id for p in list_points(session_factory, question.id)}
    assert len(runner.changed) == 3


def test_a_refusal_is_one_sentence_and_nothing_is_pushed(runner, session_factory, topic):
    question = list_questions(session_factory, topic.id)[0]
    point = list_points(session_factory, question.id)[0]
    assert runner.run(edit_point(point.id, weight=9)) is None
    assert runner.said == ["A point's weight is rated from 1 to 5."]
    assert runner.stack.count() == 0 and runner.changed == []
    assert list_points(session_factory, question.id)[0] == point


def test_a_bug_inside_an_operation_reaches_the_log_file(runner, app_paths):
    class Broken:
        label = "Broken"

        def apply(self, session):
            raise ZeroDivisionError("a bug, not a refusal")

    _configure_logging(app_paths)
    try:
        with pytest.raises(ZeroDivisionError):
            runner.run(Broken())
        for handler in logging.getLogger().handlers:
            handler.flush()
        log_text = (app_paths.logs / "studyapp.log").read_text("utf-8")
        assert "Operation failed: Broken" in log_text and "ZeroDivisionError" in log_text
        assert runner.stack.count() == 0 and runner.said == []
    finally:
        for handler in list(logging.getLogger().handlers):
            if getattr(handler, "baseFilename", "").startswith(str(app_paths.logs)):
                logging.getLogger().removeHandler(handler)
                handler.close()


def test_view_menu_entries_and_ctrl_numbers_open_their_own_tab(main_window, qtbot):
    view = next(a.menu() for a in main_window.menuBar().actions() if a.text() == "&View")
    actions = view.actions()
    assert [a.text() for a in actions[: len(TABS)]] == [spec.title for spec in TABS]
    for index in reversed(range(len(TABS))):
        actions[index].trigger()  # triggered(False) must not land in the index
        assert main_window.current_tab_index() == index
    main_window.activateWindow()
    for index in range(len(TABS)):
        qtbot.keyClick(main_window, Qt.Key(Qt.Key.Key_1 + index),
                       Qt.KeyboardModifier.ControlModifier)  # fmt: skip
        assert main_window.current_tab_index() == index, f"Ctrl+{index + 1}"


def test_an_event_renamed_in_the_timeline_is_renamed_everywhere_at_once(main_window, qtbot):
    timeline, notes, _factors, arguments = main_window.tabs[:4]
    factory, topic_id = main_window.database.session_factory, timeline._context.topic_id
    berlin = next(e for e in list_events(factory, topic_id) if e.key == "berlin-blockade")
    notes.select(Kind.NOTE_ITEM, _an_item_citing(notes, berlin.title))
    assert berlin.title in notes.reading.toPlainText()
    assert any(berlin.title in " ".join(c.label for c in p.evidence)
               for p in arguments.columns[0].model.rows)  # fmt: skip

    timeline.select(Kind.EVENT, berlin.id)
    dialog = timeline.open_event_dialog(timeline.current_event())
    dialog.title_edit.setText("The Berlin Blockade and airlift")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    assert main_window.current_tab_index() == 0  # no tab was switched to
    assert "The Berlin Blockade and airlift" in notes.reading.toPlainText()
    cards = " ".join(" ".join(chip.label for chip in p.evidence)
                     for c in arguments.columns for p in c.model.rows)  # fmt: skip
    assert "The Berlin Blockade and airlift" in cards
    main_window.undo_action.trigger()
    assert "The Berlin Blockade and airlift" not in notes.reading.toPlainText()
    assert main_window.statusBar().currentMessage().startswith("Undone: Edit event")
    main_window.redo_action.trigger()
    assert main_window.statusBar().currentMessage().startswith("Redone: Edit event")


def _an_item_citing(notes_tab, title: str) -> int:
    from studyapp.db.services.notes import section_items, section_tree
    from studyapp.ui.notes.model import flatten

    factory, topic_id = notes_tab._context.session_factory, notes_tab._context.topic_id

    for section in flatten(section_tree(factory, topic_id)):
        for item in section_items(factory, section.id):
            if any(title in label for label in item.event_labels):
                return item.id
    raise AssertionError(f"no note item cites {title}")


def test_links_open_items_in_their_tab(main_window):
    factory = main_window.database.session_factory
    topic_id = main_window.tabs[0]._context.topic_id
    questions = list_questions(factory, topic_id)
    point = list_points(factory, questions[0].id)[-1]
    main_window.bus.open_item(Kind.POINT, point.id)
    arguments = main_window.tabs[3]
    assert main_window.current_tab_index() == 3
    assert any(c.current_point() and c.current_point().id == point.id for c in arguments.columns)
    event = list_events(factory, topic_id)[5]
    main_window.tabs[0].search_edit.setText("no event is called this")
    main_window.bus.open_item(Kind.EVENT, event.id)
    assert main_window.current_tab_index() == 0
    assert main_window.tabs[0].current_event().id == event.id  # the filter made way
    main_window.bus.open_item(Kind.EVENT, 999_999)
    assert main_window.statusBar().currentMessage() == "That item no longer exists."


def test_a_refused_form_keeps_the_students_typing(main_window, qtbot):
    timeline = main_window.tabs[0]
    dialog = timeline.open_event_dialog(None)
    dialog.title_edit.setText("My event")
    dialog.date_field.edit.setText("1939-13")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.date_field.error()  # said under the date field
    assert dialog.title_edit.text() == "My event"
    assert main_window.undo_stack.count() == 0


def test_search_opens_an_item_in_its_tab_and_back_returns(main_window, qtbot):
    """Type in the toolbar's search box, choose a result with the keyboard, land on the item in
    its tab, then go Back to where the student was."""
    main_window.activateWindow()
    main_window.go_to_tab(2)  # the student is on the factors tab
    qtbot.keyClick(main_window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    box = main_window.search_box
    assert box.field.hasFocus()
    qtbot.keyClicks(box.field, "Rapalo")  # misspelt on purpose
    qtbot.waitUntil(lambda: box.popup.isVisible(), timeout=5000)
    qtbot.keyClick(box.field, Qt.Key.Key_Down)  # the second result…
    qtbot.keyClick(box.field, Qt.Key.Key_Up)  # …and back to the best one
    qtbot.keyClick(box.field, Qt.Key.Key_Return)
    assert main_window.current_tab_index() == 0
    assert "Rapallo" in main_window.tabs[0].current_event().title
    main_window.navigator.back_action.trigger()
    assert main_window.current_tab_index() == 2

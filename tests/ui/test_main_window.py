"""The assembled window: title, tabs, menus, undo across tabs, importing, errors."""

from __future__ import annotations

import logging
import sys

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from studyapp.db.services.timeline import list_events
from studyapp.ui.main_window import MainWindow
from studyapp.ui.tabs import TABS


def _close_next_message_box(answer=QMessageBox.StandardButton.Ok) -> list[str]:
    """Close the next modal box as a student would, and record what it said."""
    seen: list[str] = []

    def close() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            seen.append(box.text())
            box.done(answer)
        else:
            QTimer.singleShot(20, close)

    QTimer.singleShot(20, close)
    return seen


def test_title_tabs_and_menus_come_from_the_pack(window):
    assert window.windowTitle() == "Stalin's Foreign Policy, 1928–53 — StudyApp"
    titles = [window._tab_widget.tabText(i).replace("&", "") for i in range(len(TABS))]
    assert titles[:4] == ["Timeline", "Phase notes", "Factors", "Argument builder"]
    assert titles[4].startswith("Review")  # with the number of cards due
    menus = [action.text().replace("&", "") for action in window.menuBar().actions()]
    assert menus == ["File", "Edit", "View", "Help"]
    assert "IB History Paper 3" in window.statusBar().currentMessage()


def test_undo_and_redo_shortcuts_work_across_tabs(window, qtbot):
    timeline = window.tabs[0]
    factory, topic_id = window.database.session_factory, timeline._context.topic_id
    first = list_events(factory, topic_id)[0]
    timeline.select_event(first.id)
    qtbot.mouseClick(timeline.delete_button, Qt.MouseButton.LeftButton)
    assert first.id not in {e.id for e in list_events(factory, topic_id)}
    assert "Ctrl+Z brings it back" in window.statusBar().currentMessage()

    window._tab_widget.setCurrentIndex(2)  # undo works wherever the student is
    window.undo_action.trigger()
    assert first.id in {e.id for e in list_events(factory, topic_id)}
    assert window.statusBar().currentMessage().startswith("Undone: Delete event")
    window.redo_action.trigger()
    assert first.id not in {e.id for e in list_events(factory, topic_id)}
    keys = [s.toString() for s in window.redo_action.shortcuts()]
    assert "Ctrl+Shift+Z" in keys and window.undo_action.shortcut().toString() == "Ctrl+Z"


def test_importing_a_broken_pack_warns_once_and_changes_nothing(window, pack_file):
    factory, topic_id = window.database.session_factory, window.tabs[0]._context.topic_id
    before = list_events(factory, topic_id)
    broken = pack_file(lambda pack: pack["events"][2].update(date="sometime in 1918"))
    seen = _close_next_message_box()
    window.import_pack(broken)
    assert len(seen) == 1 and "$.events[2].date" in seen[0]
    assert list_events(factory, topic_id) == before


def test_importing_a_newer_pack_refreshes_the_tabs(window, pack_file):
    def add_kursk(pack):
        pack["pack"]["version"] = "1.1.0"
        pack["events"].append({"key": "kursk", "title": "Battle of Kursk", "category": "war",
                               "date": "1943-07-05/1943-08-23", "date_label": "1943"})  # fmt: skip

    newer = pack_file(add_kursk)
    window.import_pack(newer)
    assert window.tabs[0].model.rowCount() == 45
    assert "1 added" in window.statusBar().currentMessage()


def test_an_unexpected_error_is_logged_and_shown_and_the_app_goes_on(
    window, app_paths, hooks, qtbot
):
    seen = _close_next_message_box()
    try:
        raise RuntimeError("a slot went wrong")
    except RuntimeError:
        sys.excepthook(*sys.exc_info())
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    logging.getLogger().handlers[-1].flush()
    assert seen == ["StudyApp hit an unexpected problem: a slot went wrong"]
    log_text = (app_paths.logs / "studyapp.log").read_text("utf-8")
    assert "Traceback" in log_text and "RuntimeError: a slot went wrong" in log_text
    assert window.isVisible() and window.database is not None


def test_a_damaged_database_is_refused_with_one_sentence_and_left_alone(qtbot, app_paths):
    app_paths.ensure()
    app_paths.database.write_bytes(b"not a database " * 200)
    before = app_paths.database.read_bytes()
    win = MainWindow(app_paths)
    qtbot.addWidget(win)
    with qtbot.waitSignal(win.open_damaged, timeout=15_000) as damaged:
        win.show()
    assert "not a StudyApp database" in str(damaged.args[0])
    assert len(win.tabs) == 0 and win.database is None
    assert app_paths.database.read_bytes() == before


def test_a_window_closed_before_its_other_tabs_are_built_leaves_nothing_behind(qtbot, app_paths):
    """The other tabs are built on the next turn of the event loop; if the window is gone by
    then (closed at once, or by a test), that deferred work must not run on a dead window."""
    import shiboken6

    win = MainWindow(app_paths)
    seen: list[str] = []

    def close() -> None:
        win.close_database()
        shiboken6.delete(win)  # gone before its other tabs are built

    def close_at_once() -> None:  # queued now, so it runs before the deferred build
        seen.append("data")
        QTimer.singleShot(0, close)

    win.data_ready.connect(close_at_once)
    win.show()
    qtbot.waitUntil(lambda: bool(seen), timeout=15_000)
    qtbot.wait(200)  # the deferred build would have run by now
    assert seen == ["data"]

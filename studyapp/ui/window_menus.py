"""The parts of the window made after its first paint: the actions of its own menus, the
topic actions and switcher, File ▸ Export and Print, the TimelineJS import, search,
Back/Forward, the status bar's message history and the first-run welcome.

None of them is needed to paint, and together they cost tens of milliseconds, so the window
shows first and these follow once the first tab's rows are painted (`MainWindow._finish_menus`).
"""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QToolButton, QWidget

from studyapp.ui.help_dialogs import add_about_action, add_help_actions
from studyapp.ui.review.badge import show_due_count
from studyapp.ui.tabs import TABS

if TYPE_CHECKING:
    from studyapp.ui.main_window import MainWindow

SEARCH_ALL_TOPICS = "search/all_topics"  # remembered: search every topic, not only this one


def fill_menus(window: MainWindow) -> None:
    """The actions of the window's own menus, whose titles the first paint showed. The ~20
    actions cost 3-5 ms, so they come a fraction of a second after it, with the rows; a menu
    opened before then is empty, while the window says it is opening the notes."""
    file_menu = window._file_menu
    window.import_action = window.add_action(file_menu, "&Import study pack…", window._on_import,
                                             "Ctrl+I")  # fmt: skip
    window.safety.add_file_actions(file_menu)
    window._quit_separator = file_menu.addSeparator()
    window.add_action(file_menu, "&Quit", window.close, QKeySequence.StandardKey.Quit)

    undo = window.undo_stack.createUndoAction(window, "&Undo")
    redo = window.undo_stack.createRedoAction(window, "&Redo")
    window._set_shortcut(lambda: undo.setShortcuts(QKeySequence.StandardKey.Undo))
    window._set_shortcut(lambda: redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"),
                                                    QKeySequence("Ctrl+Y")]))  # fmt: skip
    window._edit_menu.addActions([undo, redo])
    window.undo_action, window.redo_action = undo, redo

    for index, spec in enumerate(TABS):
        # `triggered` passes `checked`; bind the index by keyword so it cannot land there.
        window.add_action(window._view_menu, spec.title,
                          lambda _checked=False, i=index: window.go_to_tab(i),
                          f"Ctrl+{index + 1}")  # fmt: skip

    add_help_actions(window, window._help_menu)  # welcome, shortcuts, data folder, dates
    window.safety.add_help_actions(window._help_menu)
    add_about_action(window, window._help_menu)


def add_late_menus(window: MainWindow) -> None:
    from studyapp.ui.export_menu import add_export_actions
    from studyapp.ui.help_dialogs import maybe_welcome
    from studyapp.ui.message_log import MessageLog
    from studyapp.ui.navigation import Navigator
    from studyapp.ui.search.view import SearchBox
    from studyapp.ui.theme.menu import add_theme_menus
    from studyapp.ui.timeline.file_actions import timeline_file_actions
    from studyapp.ui.topics.actions import TopicActions
    from studyapp.ui.window_bar import build_window_bar

    file_menu = window._file_menu
    window.topics = TopicActions(window, file_menu, window._settings, window.show_topic)
    for action in window.topics.actions:  # topics first in the File menu
        file_menu.removeAction(action)
    file_menu.insertActions(window.import_action, window.topics.actions)
    file_menu.insertSeparator(window.import_action)
    timeline_import, timeline_export = timeline_file_actions(
        window, lambda: window.context, lambda reason: _back_up(window, reason))
    file_menu.insertAction(window.import_action, timeline_import)
    file_menu.insertAction(window.import_action, window.topics.import_as_topic_action)
    quit_action = file_menu.actions()[-1]
    for action in (window._quit_separator, quit_action):
        file_menu.removeAction(action)
    add_export_actions(window, file_menu)  # File ▸ Export ▸ …, and Print
    timeline_export.setText("&Timeline…")
    window.export_menu.addAction(timeline_export)  # type: ignore[union-attr]
    file_menu.addActions([window._quit_separator, quit_action])

    window.search_box = SearchBox(window)
    window.search_box.set_all_topics(bool(window._settings().value(SEARCH_ALL_TOPICS, False,
                                                                   type=bool)))  # fmt: skip
    window.search_box.scope_changed.connect(
        lambda on: window._settings().setValue(SEARCH_ALL_TOPICS, on))
    window.search_box.open_elsewhere.connect(
        lambda topic_id, kind, item_id: _open_in_topic(window, topic_id, kind, item_id))
    window.navigator = Navigator(window.bus, window)
    window.navigator.tab_requested.connect(window.go_to_tab)
    window._tab_widget.currentChanged.connect(window.navigator.record_tab)
    view_menu = window._view_menu
    find = view_menu.addAction("&Find anything…")
    find.triggered.connect(lambda _checked=False: window.search_box.focus_search())
    find.setShortcuts([QKeySequence("Ctrl+K"), QKeySequence("Ctrl+F")])
    view_menu.addSeparator()
    view_menu.addActions([window.navigator.back_action, window.navigator.forward_action])
    window.addActions([find, window.navigator.back_action, window.navigator.forward_action])
    window._edit_menu.addSeparator()
    periods = window._edit_menu.addAction("&Periods…")
    periods.setStatusTip("Add, edit or delete the periods of this topic's timeline")
    periods.triggered.connect(lambda _checked=False: _open_periods(window))
    add_theme_menus(window, window.theme, view_menu)
    bar = build_window_bar(window, window.topics.switcher, window.navigator, window.search_box)
    # Tab goes as the eye reads: the row beside the menus, the tabs, then the tab's controls.
    chain = [window.topics.switcher.combo, *bar.findChildren(QToolButton), window.search_box.field,
             window._tab_widget]  # fmt: skip
    for first, second in pairwise(chain):
        QWidget.setTabOrder(first, second)
    window.message_log = MessageLog(window.statusBar())  # the last 20 messages, with times
    show_due_count(window)  # "Review (12 due)" before the Review tab is first shown
    view_menu.addSeparator()
    view_menu.addAction(window.message_log.action)
    window.data_ready.connect(lambda: maybe_welcome(window, window._settings, window.first_run))


def _open_periods(window: MainWindow) -> None:
    from studyapp.ui.timeline.periods_dialog import open_periods_dialog

    if window.context is not None:
        open_periods_dialog(window.context, window)


def _back_up(window: MainWindow, reason: str) -> Path:
    """A backup of the whole file before an import (which cannot be undone)."""
    assert window.database is not None  # the import actions need an open topic
    return window.database.backup(reason).path


def _open_in_topic(window: MainWindow, topic_id: int, kind: str, item_id: int) -> None:
    """A search result in another topic: show that topic, then the item once its tabs are
    built (they are built on the next turn of the event loop, before this runs)."""
    from studyapp.domain.changes import Kind

    window.topics.switch_to(topic_id)
    QTimer.singleShot(0, window, lambda: window.open_item(Kind(kind), item_id))

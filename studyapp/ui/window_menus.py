"""The parts of the window made right after its first paint: the topic actions and switcher,
File ▸ Export and Print, the TimelineJS import, search, Back/Forward, the status bar's message
history and the first-run welcome.

None of them is needed to paint, and their modules cost tens of milliseconds to import, so the
window shows first and these follow on the next turn of the event loop, before the notes open.
"""

from __future__ import annotations

from itertools import pairwise
from typing import TYPE_CHECKING

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QToolButton, QWidget

if TYPE_CHECKING:
    from studyapp.ui.main_window import MainWindow


def add_late_menus(window: MainWindow) -> None:
    from studyapp.ui.export_menu import add_export_actions
    from studyapp.ui.help_dialogs import maybe_welcome
    from studyapp.ui.message_log import MessageLog
    from studyapp.ui.navigation import Navigator
    from studyapp.ui.search.view import SearchBox
    from studyapp.ui.timeline.file_actions import timeline_file_actions
    from studyapp.ui.topics.actions import TopicActions
    from studyapp.ui.window_bar import build_window_bar

    file_menu = window._file_menu
    window.topics = TopicActions(window, file_menu, window._settings, window.show_topic)
    for action in window.topics.actions:  # topics first in the File menu
        file_menu.removeAction(action)
    file_menu.insertActions(window.import_action, window.topics.actions)
    file_menu.insertSeparator(window.import_action)
    timeline_import, timeline_export = timeline_file_actions(window, lambda: window.context)
    file_menu.insertAction(window.import_action, timeline_import)
    quit_action = file_menu.actions()[-1]
    for action in (window._quit_separator, quit_action):
        file_menu.removeAction(action)
    add_export_actions(window, file_menu)  # File ▸ Export ▸ …, and Print
    timeline_export.setText("&Timeline…")
    window.export_menu.addAction(timeline_export)  # type: ignore[union-attr]
    file_menu.addActions([window._quit_separator, quit_action])

    window.search_box = SearchBox(window)
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
    bar = build_window_bar(window, window.topics.switcher, window.navigator, window.search_box)
    # Tab goes as the eye reads: the row beside the menus, the tabs, then the tab's controls.
    chain = [window.topics.switcher.combo, *bar.findChildren(QToolButton), window.search_box.field,
             window._tab_widget]  # fmt: skip
    for first, second in pairwise(chain):
        QWidget.setTabOrder(first, second)
    window.message_log = MessageLog(window.statusBar())  # the last 20 messages, with times
    view_menu.addSeparator()
    view_menu.addAction(window.message_log.action)
    window.data_ready.connect(lambda: maybe_welcome(window, window._settings, window.first_run))

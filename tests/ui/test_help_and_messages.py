"""Help ▸ Welcome, Keyboard shortcuts, About, Open data folder; the status-bar message history."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QTextBrowser, QTreeWidget

from studyapp import __version__
from studyapp.ui import help_dialogs
from studyapp.ui.message_log import KEEP
from studyapp.ui.tabs import TABS


def _help_action(window, text: str):
    help_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Help")
    return next(a for a in help_menu.actions() if a.text().replace("&", "").startswith(text))


def _shown_text(dialog) -> str:
    return dialog.findChild(QTextBrowser).toPlainText()


def test_the_welcome_shows_once_on_a_first_run_and_help_reopens_it(qtbot, window):
    from PySide6.QtWidgets import QDialog

    qtbot.waitUntil(lambda: any(d.objectName() == "welcome" and d.isVisible()
                                for d in window.findChildren(QDialog)))  # fmt: skip
    welcome = next(d for d in window.findChildren(QDialog) if d.objectName() == "welcome")
    text = _shown_text(welcome)
    for spec in TABS:
        assert spec.plain_title in text
    assert str(window.paths.database) in text and "backup" in text.lower()
    welcome.reject()

    window.show_topic(window.topics.current)  # the notes shown again: not a first run again
    assert not [d for d in window.findChildren(QDialog) if d.objectName() == "welcome"
                and d.isVisible()]  # fmt: skip
    _help_action(window, "Welcome").trigger()
    assert any(d.objectName() == "welcome" and d.isVisible() for d in window.findChildren(QDialog))


def test_no_welcome_when_the_notes_already_existed(main_window):
    from PySide6.QtWidgets import QDialog

    assert not main_window.first_run
    assert not any(d.objectName() == "welcome" for d in main_window.findChildren(QDialog))


def test_every_tab_has_a_purpose_in_the_welcome():
    assert {spec.class_name for spec in TABS} <= set(help_dialogs.TAB_PURPOSES)


def test_keyboard_shortcuts_come_from_the_actions(main_window):
    groups = dict(help_dialogs.shortcut_groups(main_window))
    assert dict(groups["Edit"])["Undo"].startswith("Ctrl+Z")
    assert ("Find anything", "Ctrl+K, Ctrl+F") in groups["View"]
    assert ("Open topic", "Ctrl+O") in groups["File"]
    assert ("Timeline", "Ctrl+1") in groups["View"]
    assert "File ▸ Export" in groups  # submenus get their own group
    assert ("Keyboard shortcuts", "Ctrl+/") in groups["Help"]
    assert ("Add event", "Ins, Ctrl+N") in groups["In the Timeline tab"]  # the tabs' own keys
    assert ("Rate the card: good", "3") in groups["In the Review tab"]

    # A new action anywhere in the menus shows up without anyone editing a list.
    main_window._view_menu.addAction("Zoom to fit").setShortcut("Ctrl+Shift+9")
    again = dict(help_dialogs.shortcut_groups(main_window))
    assert ("Zoom to fit", "Ctrl+Shift+9") in again["View"]

    _help_action(main_window, "Keyboard shortcuts").trigger()
    tree = main_window.findChild(QTreeWidget, "shortcuts")
    assert tree is not None and tree.topLevelItemCount() == len(groups)


def test_keys_a_widget_handles_itself_are_listed_under_its_tab(main_window):
    """Every class in the UI with its own keyPressEvent declares KEYS, and the dialog lists
    them under the tab that shows it, so the list cannot fall behind the handlers."""
    import ast
    from pathlib import Path

    import studyapp.ui

    undeclared = []
    for path in Path(studyapp.ui.__file__).parent.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.ClassDef):
                names = {n.name for n in node.body if isinstance(n, ast.FunctionDef)}
                assigned = {t.id for n in node.body if isinstance(n, ast.Assign)
                            for t in n.targets if isinstance(t, ast.Name)}  # fmt: skip
                if "keyPressEvent" in names and "KEYS" not in assigned:
                    undeclared.append(f"{path.name}:{node.name}")
    assert undeclared == []

    groups = dict(help_dialogs.shortcut_groups(main_window))
    assert ("Move the factor up or down the ranking", "Alt+↑ / Alt+↓") in \
        groups["In the Factors tab"]  # fmt: skip
    assert ("Attach evidence to the point", "E") in groups["In the Argument builder tab"]
    assert ("Mark the note learnt, or not learnt", "Space") in groups["In the Phase notes tab"]
    assert ("Zoom in or out", "+ / −") in groups["In the Timeline tab"]
    assert ("Move the chosen event earlier or later", "Alt+↑ / Alt+↓") in \
        groups["In the Review tab"]  # fmt: skip


def test_about_says_the_version_the_data_folder_and_the_licence(main_window):
    _help_action(main_window, "About StudyApp").trigger()
    from PySide6.QtWidgets import QDialog

    about = next(d for d in main_window.findChildren(QDialog) if d.objectName() == "about")
    text = _shown_text(about)
    assert __version__ in text and str(main_window.paths.data) in text
    assert "Licence: MIT" in text


def test_open_data_folder_asks_the_system(main_window, monkeypatch):
    from PySide6.QtGui import QDesktopServices

    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    _help_action(main_window, "Open data folder").trigger()
    assert [u.toLocalFile() for u in opened] == [str(main_window.paths.data)]

    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: False)  # no file manager
    assert not help_dialogs.open_data_folder(main_window)
    assert str(main_window.paths.data) in main_window.statusBar().currentMessage()


def test_the_last_messages_stay_reachable_with_their_times(main_window):
    log = main_window.message_log
    for n in range(KEEP + 5):
        main_window.bus.say(f"Saved: note {n}.")
    main_window.statusBar().clearMessage()  # a timeout clearing it is not a message
    lines = log.lines()
    assert len(lines) == KEEP
    assert lines[0].endswith("Saved: note 24.") and lines[-1].endswith("Saved: note 5.")
    assert lines[0][2] == ":"  # "14:05  Saved: …"
    log._menu.aboutToShow.emit()
    assert [a.text() for a in log._menu.actions()] == lines
    assert log.isEnabled() and log.accessibleName()
    assert log.action in main_window._view_menu.actions()  # View ▸ Recent messages: its key
    log.action.trigger()
    assert log._menu.isVisible()
    log._menu.close()


def test_the_messages_button_shows_its_whole_text_in_the_status_bar(main_window):
    """It is held to a line of the status bar's text; the stylesheet's usual tool-button padding
    (3 px above and below) made it want 25 px there and cut off the bottom of "Messages"."""
    log = main_window.message_log
    assert log.maximumHeight() <= main_window.statusBar().fontMetrics().height() + 2
    assert log.sizeHint().height() <= log.maximumHeight() + 3  # (3: the style's own margin)


@pytest.mark.parametrize("opener", ["open_welcome", "open_about"])
def test_a_help_text_dialog_is_as_tall_as_its_text(main_window, opener):
    """No empty band under a short text, and no scroll bar either (the welcome is a first
    run's first sight of the app)."""
    from PySide6.QtWidgets import QTextBrowser

    import studyapp.ui.help_dialogs as help_dialogs

    dialog = getattr(help_dialogs, opener)(main_window)
    text = dialog.findChild(QTextBrowser)
    dialog.layout().activate()
    spare = text.viewport().height() - text.document().size().height()
    assert 0 <= spare < 12
    assert text.verticalScrollBar().maximum() == 0
    dialog.close()

"""Applying the remembered look at start-up; View ▸ Theme (System / Light / Dark) and
View ▸ Text size (Ctrl+= / Ctrl+- / Ctrl+0)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMainWindow, QMenu, QTabWidget

from studyapp.ui.theme import icon
from studyapp.ui.theme.manager import ThemeManager

# QAction and QKeySequence are imported where the menus are made, after the first paint: this
# module is loaded before it, and their types cost about 1 ms.
MODE_TITLES = {"system": "Match the &system", "light": "&Light", "dark": "&Dark"}


def install_theme(window: QMainWindow, settings: Callable[[], QSettings]) -> ThemeManager:
    """Apply the remembered theme and text size, before the window's first paint."""
    manager = ThemeManager(settings, window)
    manager.apply()
    return manager


def add_theme_menus(window: QMainWindow, manager: ThemeManager, view_menu: QMenu) -> None:
    """View ▸ Theme and View ▸ Text size; their shortcuts work anywhere in the window."""
    from PySide6.QtGui import QAction, QActionGroup, QKeySequence

    _dress_window_actions(window)
    view_menu.addSeparator()
    theme_menu = view_menu.addMenu("&Theme")
    group = QActionGroup(theme_menu)
    for mode, title in MODE_TITLES.items():
        action = QAction(title, theme_menu, checkable=True, checked=manager.mode == mode)
        action.triggered.connect(lambda _checked=False, m=mode: manager.set_mode(m))
        group.addAction(action)
        theme_menu.addAction(action)
    size_menu = view_menu.addMenu("Text &size")
    for title, keys, steps, icon_name in (
        ("&Bigger text", ["Ctrl+=", "Ctrl++"], 1, "zoom-in"),
        ("&Smaller text", ["Ctrl+-"], -1, "zoom-out"),
        ("&Usual size", ["Ctrl+0"], 0, ""),
    ):
        action = QAction(title, window)
        if icon_name:
            action.setIcon(icon(icon_name))
        action.setShortcuts([QKeySequence(key) for key in keys])
        action.triggered.connect(lambda _checked=False, s=steps: manager.step_text_size(s))
        size_menu.addAction(action)
        window.addAction(action)


def _dress_window_actions(window: QMainWindow) -> None:
    """The window's own actions (undo, redo, import, find, back, forward, export) in the set."""
    from PySide6.QtGui import QAction

    named = {"undo_action": "undo", "redo_action": "redo", "import_action": "import"}
    for attribute, name in named.items():
        action = getattr(window, attribute, None)
        if isinstance(action, QAction):
            action.setIcon(icon(name))
    navigator = getattr(window, "navigator", None)
    if navigator is not None:
        navigator.back_action.setIcon(icon("back"))
        navigator.forward_action.setIcon(icon("forward"))
    export_menu = getattr(window, "export_menu", None)
    if isinstance(export_menu, QMenu):
        export_menu.setIcon(icon("export"))
    for action in window.findChildren(QAction):
        if action.text() == "&Find anything…":
            action.setIcon(icon("search"))


class TabBook(QTabWidget):
    """The window's tabs, each with its icon from the registry (`TabSpec.icon`), however it
    was added — a stand-in first, the built tab in its place later."""

    def tabInserted(self, index: int) -> None:  # noqa: N802 - Qt override
        super().tabInserted(index)
        from studyapp.ui.tabs import TABS

        if index < len(TABS) and TABS[index].icon:
            self.setTabIcon(index, icon(TABS[index].icon))

"""Applying the remembered look at start-up; View ▸ Theme (System / Light / Dark) and
View ▸ Text size (Ctrl+= / Ctrl+- / Ctrl+0)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSettings
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QTabWidget

from studyapp.ui.theme.manager import ThemeManager

MODE_TITLES = {"system": "Match the &system", "light": "&Light", "dark": "&Dark"}


def install_theme(window: QMainWindow, settings: Callable[[], QSettings]) -> ThemeManager:
    """Apply the remembered theme and text size, before the window's first paint."""
    manager = ThemeManager(settings, window)
    manager.apply()
    return manager


def add_theme_menus(window: QMainWindow, manager: ThemeManager, view_menu: QMenu) -> None:
    """View ▸ Theme and View ▸ Text size; their shortcuts work anywhere in the window."""
    view_menu.addSeparator()
    theme_menu = view_menu.addMenu("&Theme")
    group = QActionGroup(theme_menu)
    for mode, title in MODE_TITLES.items():
        action = QAction(title, theme_menu, checkable=True, checked=manager.mode == mode)
        action.triggered.connect(lambda _checked=False, m=mode: manager.set_mode(m))
        group.addAction(action)
        theme_menu.addAction(action)
    size_menu = view_menu.addMenu("Text &size")
    for title, keys, steps in (
        ("&Bigger text", ["Ctrl+=", "Ctrl++"], 1),
        ("&Smaller text", ["Ctrl+-"], -1),
        ("&Usual size", ["Ctrl+0"], 0),
    ):
        action = QAction(title, window)
        action.setShortcuts([QKeySequence(key) for key in keys])
        action.triggered.connect(lambda _checked=False, s=steps: manager.step_text_size(s))
        size_menu.addAction(action)
        window.addAction(action)


class TabBook(QTabWidget):
    """The window's tabs, each with its icon from the registry (`TabSpec.icon`), however it
    was added — a stand-in first, the built tab in its place later."""

    def tabInserted(self, index: int) -> None:  # noqa: N802 - Qt override
        super().tabInserted(index)
        from studyapp.ui.tabs import TABS
        from studyapp.ui.theme import icon

        if index < len(TABS) and TABS[index].icon:
            self.setTabIcon(index, icon(TABS[index].icon))

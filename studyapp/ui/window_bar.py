"""The row beside the menus: the topic switcher, Back and Forward, and the search box.

Beside the menus rather than in a toolbar of their own, so every tab keeps that row's height
(the Argument builder needs it to show four whole cards per column at 1280×800).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QApplication, QHBoxLayout, QMainWindow, QToolButton, QWidget

if TYPE_CHECKING:
    from studyapp.ui.navigation import Navigator


def build_window_bar(window: QMainWindow, switcher: QWidget, navigator: Navigator,
                     search_box: QWidget) -> QWidget:  # fmt: skip
    bar = QWidget(window)
    layout = QHBoxLayout(bar)
    layout.setContentsMargins(0, 0, 6, 0)
    layout.setSpacing(4)
    layout.addWidget(switcher)
    for action in (navigator.back_action, navigator.forward_action):
        button = QToolButton(bar)
        button.setDefaultAction(action)
        button.setAutoRaise(True)
        layout.addWidget(button)
    layout.addWidget(search_box)
    window.menuBar().setCornerWidget(bar, Qt.Corner.TopRightCorner)
    bar.show()  # made after the window is shown, so it is not shown with it
    app: QObject | None = QApplication.instance()
    if app is not None:
        navigator.watch(app)  # the mouse's Back/Forward side buttons, over any widget
    return bar

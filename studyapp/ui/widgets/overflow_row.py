"""A row of buttons that never cuts a button's text short.

When the row is too narrow for every button (the smallest window, a large text size), the
last buttons leave the row for a "More" menu at its end, and come back as the row widens. The
buttons themselves are only shown or hidden, never taken out of their layout: the menu's
entries click them, so each keeps its one slot, shortcut and enabled state.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QAbstractButton, QHBoxLayout, QLayout, QMenu, QPushButton, QWidget


class OverflowRow(QWidget):
    """`buttons` in a row, left-aligned; those that do not fit go into `more_button`'s menu."""

    def __init__(self, buttons: Sequence[QAbstractButton], parent: QWidget | None = None,
                 spacing: int = 6) -> None:  # fmt: skip
        super().__init__(parent)
        self.buttons = list(buttons)
        self.more_button = QPushButton("More", self)
        self.more_button.setToolTip("The actions that do not fit in this row")
        self.more_button.setAccessibleName("More actions")
        self._menu = QMenu(self.more_button)
        self._menu.aboutToShow.connect(self._fill_menu)
        self.more_button.setMenu(self._menu)
        self.more_button.hide()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(spacing)
        # The row takes the width it is given; it is never the reason a window cannot shrink.
        layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        for button in self.buttons:
            layout.addWidget(button)
        layout.addWidget(self.more_button)
        layout.addStretch(1)
        self._spacing = spacing
        self.shown = len(self.buttons)  # how many buttons, from the first, are in the row

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self.fit(event.size().width())

    def fit(self, width: int | None = None) -> None:
        """Show as many buttons as fit whole in `width` (the row's own by default), the More
        button after them when any are left out. Call again when the texts' size changes."""
        width = self.width() if width is None else width
        widths = [max(button.sizeHint().width(), button.minimumWidth()) for button in self.buttons]
        shown = len(widths)
        if self._needed(widths) > width:
            more = self.more_button.sizeHint().width() + self._spacing
            while shown > 1 and self._needed(widths[:shown]) + more > width:
                shown -= 1
        self.shown = shown
        for index, button in enumerate(self.buttons):
            button.setVisible(index < shown)
        self.more_button.setVisible(shown < len(self.buttons))

    def _needed(self, widths: list[int]) -> int:
        return sum(widths) + self._spacing * max(len(widths) - 1, 0)

    def _fill_menu(self) -> None:
        """The buttons left out, as they are now (text, icon, enabled), each clicking its own."""
        self._menu.clear()
        for button in self.buttons[self.shown:]:
            action = self._menu.addAction(button.icon(), button.text())
            action.setToolTip(button.toolTip())
            action.setEnabled(button.isEnabled())
            action.triggered.connect(button.click)

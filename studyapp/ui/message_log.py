"""The status bar's memory: a small "Messages" button listing the last 20 sentences with their
times, so a student who looked away still sees that an export finished or a save was refused.

It listens to the status bar itself (`messageChanged`), so every sentence is kept however it
got there — the bus, the runner, the window — and nobody has to remember to log it.
"""

from __future__ import annotations

import datetime as dt
from collections import deque

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QStatusBar, QToolButton

from studyapp.ui.theme import set_role

KEEP = 20


class MessageLog(QToolButton):
    """A status-bar button whose menu lists the last `KEEP` messages, newest first."""

    def __init__(self, status_bar: QStatusBar) -> None:
        super().__init__(status_bar)
        self.entries: deque[tuple[dt.datetime, str]] = deque(maxlen=KEEP)
        self.setText("Messages")
        self.setAutoRaise(True)
        self.setToolTip("The last messages shown here, with their times")
        self.setAccessibleName("Recent messages")
        self.setAccessibleDescription("Lists the last 20 status-bar messages with their times.")
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # View ▸ Recent messages is its key: not a
        # tab stop between the tab's controls and the menus on every round of Tab
        self._menu = QMenu(self)
        self._menu.aboutToShow.connect(self._fill)
        self.setMenu(self._menu)
        self.setEnabled(False)  # until there is something to list
        self.action = QAction("Recent &messages", status_bar.window())
        self.action.setShortcut(QKeySequence("Ctrl+Shift+M"))
        self.action.triggered.connect(lambda _checked=False: self.open_list())
        # No taller than a line of the status bar's text: the tabs keep every pixel they had
        # (the Argument builder fits four whole cards per column at 1280×800). Hence no
        # padding above or below the text ("status"), which would cut it off.
        set_role(self, "status")
        self.setMaximumHeight(status_bar.fontMetrics().height() + 2)
        status_bar.addPermanentWidget(self)
        status_bar.messageChanged.connect(self.record)
        self.record(status_bar.currentMessage())  # said before this button existed

    def record(self, sentence: str) -> None:
        """Keep `sentence` (the status bar clearing itself says "" — not a message)."""
        if not sentence.strip():
            return
        if self.entries and self.entries[-1][1] == sentence:
            return  # the same sentence shown again (e.g. a timer restarting it)
        self.entries.append((dt.datetime.now(), sentence))
        self.setEnabled(True)

    def lines(self) -> list[str]:
        """What the menu lists: "14:05  Exported the phase notes to notes.pdf.", newest first."""
        return [f"{when:%H:%M}  {sentence}" for when, sentence in reversed(self.entries)]

    def open_list(self) -> None:
        """Show the list above the button (View ▸ Recent messages), without blocking."""
        self._menu.popup(self.mapToGlobal(QPoint(0, 0)) - QPoint(0, self._menu.sizeHint().height()))

    def _fill(self) -> None:
        self._menu.clear()
        for line in self.lines():
            self._menu.addAction(line)

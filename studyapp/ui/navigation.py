"""Back and Forward across tabs and links, as in a web browser.

`History` (in `studyapp.domain.navigation`, so it is tested without Qt) is the logic: where the
student has been — an item opened through a link or a search result, or a tab they switched
to — with back and forward stacks and a cap. `Navigator` is the Qt side: it records every
`bus.open_requested` and every tab switch the main window reports, and offers Back and Forward
actions (Alt+Left/Right, and the mouse's side buttons through an event filter) that open those
places again.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QMouseEvent

from studyapp.domain.changes import Kind
from studyapp.domain.navigation import History, Location
from studyapp.ui.bus import ChangeBus
from studyapp.ui.tabs import tab_for

__all__ = ["History", "Location", "Navigator"]


_WINDOW_GOING = (QEvent.Type.Close, QEvent.Type.DeferredDelete)


class Navigator(QObject):
    """Records where the student goes and takes them back and forward.

    The main window connects its tab widget's `currentChanged` to `record_tab`, connects
    `tab_requested` to `setCurrentIndex`, adds `back_action`/`forward_action` to its menus and
    toolbar, and calls `watch(app)` so the mouse's side buttons work over every widget.
    """

    tab_requested = Signal(int)

    def __init__(self, bus: ChangeBus, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._bus = bus
        self.history = History()
        self._replaying = False
        self._watched: QObject | None = None
        self.back_action = self._action("&Back", "Go back to where you were", Qt.Key.Key_Left,
                                        Qt.Key.Key_Back, self.go_back)  # fmt: skip
        self.forward_action = self._action("&Forward", "Go forward again", Qt.Key.Key_Right,
                                           Qt.Key.Key_Forward, self.go_forward)  # fmt: skip
        bus.open_requested.connect(self._on_open_requested)
        self._update_actions()

    def _action(self, text: str, tip: str, arrow: Qt.Key, media_key: Qt.Key,
                slot: Callable[[], object]) -> QAction:  # fmt: skip
        action = QAction(text, self)
        # Not QKeySequence.StandardKey.Back: on Linux it includes Backspace, which text fields
        # need. Alt+arrow as in browsers, plus the keyboard's own Back/Forward keys.
        action.setShortcuts([QKeySequence(Qt.KeyboardModifier.AltModifier | arrow),
                             QKeySequence(media_key)])  # fmt: skip
        action.setStatusTip(tip)
        action.triggered.connect(slot)
        return action

    def record_tab(self, index: int) -> None:
        if not self._replaying and index >= 0:
            self.history.visit(Location(index))
            self._update_actions()

    def _on_open_requested(self, kind: str, item_id: int) -> None:
        tab = tab_for(Kind(kind))
        if not self._replaying and tab is not None:
            self.history.visit(Location(tab, kind, item_id))
            self._update_actions()

    def go_back(self) -> None:
        self._open(self.history.back())

    def go_forward(self) -> None:
        self._open(self.history.forward())

    def _open(self, location: Location | None) -> None:
        if location is None:
            return
        self._replaying = True  # the signals below are this move, not new ones to record
        try:
            self.tab_requested.emit(location.tab)
            if location.kind is not None and location.item_id is not None:
                self._bus.open_item(Kind(location.kind), location.item_id)
        finally:
            self._replaying = False
        self._update_actions()

    def _update_actions(self) -> None:
        self.back_action.setEnabled(self.history.can_go_back)
        self.forward_action.setEnabled(self.history.can_go_forward)

    def watch(self, target: QObject) -> None:
        """Let the mouse's Back and Forward side buttons work over `target` (the app), until
        the window that owns this navigator closes or is deleted."""
        self.unwatch()
        self._watched = target
        target.installEventFilter(self)

    def unwatch(self) -> None:
        # An application-wide filter must not outlive its window: while the window was being
        # deleted, the application still sent every event through this object, and that
        # crashed the process now and then (a segfault in the next window's construction).
        if self._watched is not None:
            self._watched.removeEventFilter(self)
            self._watched = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        kind = event.type()
        if kind in _WINDOW_GOING and watched is self.parent():
            self.unwatch()
        elif kind == QEvent.Type.MouseButtonPress and isinstance(event, QMouseEvent):
            if event.button() == Qt.MouseButton.BackButton:
                self.go_back()
                return True
            if event.button() == Qt.MouseButton.ForwardButton:
                self.go_forward()
                return True
        # Not super().eventFilter(watched, event): it only returns False, and PySide can hand
        # over a stale wrapper of another type (seen: QSpacerItem, left by wrappers PySide kept
        # for a deleted layout's items; see `arguments.view.FlowBox._new_row`), which makes
        # that call raise inside Qt's event delivery and crash.
        return False

"""Back and Forward in Qt: links and tab switches are recorded, and re-opened on request."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication, QWidget

from studyapp.domain.changes import Kind
from studyapp.ui.bus import ChangeBus
from studyapp.ui.navigation import Navigator


def _side_button(widget: QWidget, button: Qt.MouseButton) -> None:
    point = QPointF(5, 5)
    event = QMouseEvent(QEvent.Type.MouseButtonPress, point, widget.mapToGlobal(point), button,
                        button, Qt.KeyboardModifier.NoModifier)  # fmt: skip
    QApplication.sendEvent(widget, event)


def test_back_reopens_the_previous_item_and_its_tab(qtbot):
    bus = ChangeBus()
    navigator = Navigator(bus)
    tabs, opened = [], []
    navigator.tab_requested.connect(tabs.append)
    navigator.record_tab(0)
    bus.open_item(Kind.EVENT, 5)
    navigator.record_tab(0)  # the window shows the event's tab: the same move
    bus.open_item(Kind.NOTE_ITEM, 7)
    navigator.record_tab(1)
    bus.open_requested.connect(lambda kind, item_id: opened.append((kind, item_id)))
    assert navigator.back_action.isEnabled() and not navigator.forward_action.isEnabled()
    navigator.back_action.trigger()
    assert (tabs, opened) == ([0], [("event", 5)])
    assert not navigator.back_action.isEnabled()  # the bare timeline tab was only its prelude
    assert navigator.forward_action.isEnabled()
    navigator.forward_action.trigger()
    assert opened[-1] == ("note_item", 7) and tabs[-1] == 1
    assert navigator.history.current.item_id == 7  # re-opening recorded nothing new


def test_alt_left_and_the_mouse_side_buttons_go_back(qtbot):
    bus = ChangeBus()
    navigator = Navigator(bus)
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.addActions([navigator.back_action, navigator.forward_action])
    widget.show()
    widget.windowHandle().requestActivate()  # window shortcuts need the active window
    qtbot.waitUntil(lambda: QApplication.activeWindow() is widget)
    navigator.watch(widget)
    bus.open_item(Kind.EVENT, 1)
    bus.open_item(Kind.EVENT, 2)
    qtbot.keyClick(widget, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert navigator.history.current.item_id == 1
    _side_button(widget, Qt.MouseButton.ForwardButton)
    assert navigator.history.current.item_id == 2
    _side_button(widget, Qt.MouseButton.BackButton)
    assert navigator.history.current.item_id == 1


def test_the_side_buttons_stop_listening_when_the_window_closes(qtbot):
    """The app-wide filter goes with its window: a deleted window's navigator once crashed
    the process while the next window was being built."""
    window = QWidget()
    qtbot.addWidget(window)
    bus = ChangeBus()
    navigator = Navigator(bus, window)
    navigator.watch(QApplication.instance())
    other = QWidget()
    qtbot.addWidget(other)
    bus.open_item(Kind.EVENT, 1)
    bus.open_item(Kind.EVENT, 2)
    _side_button(other, Qt.MouseButton.BackButton)
    assert navigator.history.current.item_id == 1  # watching the whole app while open
    window.show()
    window.close()
    _side_button(other, Qt.MouseButton.ForwardButton)
    assert navigator.history.current.item_id == 1  # closed: no longer listening

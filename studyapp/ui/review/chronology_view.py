"""The chronology challenge: five events to drag (or Alt+↑/↓) into order, then the right
order with dates, and the latest scores."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from studyapp.domain.chronology import ChronoEvent
from studyapp.ui.widgets.keys import KeyHelp

HINT = (
    "Put these events in the order they happened, earliest at the top: drag them, or select "
    "one and press Alt+↑ / Alt+↓. Then check your order."
)
ID_ROLE = Qt.ItemDataRole.UserRole


class OrderList(QListWidget):
    """A list the student reorders by drag and drop or with Alt+Up / Alt+Down."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setSpacing(3)
        self.setWordWrap(True)
        self.locked = False  # after marking: readable, but no longer movable

    def lock(self, locked: bool) -> None:
        self.locked = locked
        mode = QAbstractItemView.DragDropMode
        self.setDragDropMode(mode.NoDragDrop if locked else mode.InternalMove)

    KEYS = (KeyHelp("Alt+↑ / Alt+↓", "Move the chosen event earlier or later"),)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        step = {Qt.Key.Key_Up: -1, Qt.Key.Key_Down: 1}.get(Qt.Key(event.key()))
        if step is not None and event.modifiers() & Qt.KeyboardModifier.AltModifier:
            self.move_current(step)
            return
        super().keyPressEvent(event)

    def move_current(self, step: int) -> None:
        row = self.currentRow()
        target = row + step
        if self.locked or row < 0 or not 0 <= target < self.count():
            return
        item = self.takeItem(row)
        self.insertItem(target, item)
        self.setCurrentRow(target)

    def order(self) -> list[int]:
        return [int(self.item(row).data(ID_ROLE)) for row in range(self.count())]


class ChronologyView(QWidget):
    new_requested = Signal()
    check_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        hint = QLabel(HINT, self)
        hint.setWordWrap(True)
        self.list = OrderList(self)
        self.list.setAccessibleName("Events to put in order")
        self.list.setAccessibleDescription("Move the selected event with Alt+Up and Alt+Down.")
        self.check_button = QPushButton("&Check my order", self)
        self.new_button = QPushButton("&New challenge", self)
        self.result = QLabel(self)
        self.result.setWordWrap(True)
        self.result.setTextFormat(Qt.TextFormat.PlainText)
        self.history = QLabel(self)
        self.history.setWordWrap(True)
        self.check_button.clicked.connect(self.check_requested)
        self.new_button.clicked.connect(self.new_requested)
        buttons = QHBoxLayout()
        buttons.addWidget(self.check_button)
        buttons.addWidget(self.new_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.list, 2)
        layout.addLayout(buttons)
        layout.addWidget(self.result, 2)
        layout.addWidget(self.history)

    def show_events(self, events: list[ChronoEvent]) -> None:
        self.list.clear()
        for event in events:
            item = QListWidgetItem(event.title)
            item.setData(ID_ROLE, event.id)
            self.list.addItem(item)
        self.list.setCurrentRow(0)
        self.list.lock(False)
        self.check_button.setEnabled(len(events) > 1)
        self.result.setText("" if len(events) > 1 else "This topic has too few dated events.")

    def show_result(
        self, score: tuple[int, int], given: list[int], right: list[ChronoEvent]
    ) -> None:
        lines = [f"{score[0]} of {score[1]} pairs in the right order. The right order:"]
        for place, event in enumerate(right, 1):
            mark = "✓" if given[place - 1] == event.id else "✗"
            lines.append(f"{mark}  {place}. {event.date_words} — {event.title}")
        self.result.setText("\n".join(lines))
        self.list.lock(True)
        self.check_button.setEnabled(False)

    def show_history(self, scores: list[tuple[int, int]]) -> None:
        if not scores:
            self.history.setText("Your results will be kept here.")
            return
        said = ", ".join(f"{right}/{out_of}" for right, out_of in scores)
        self.history.setText(f"Your latest results, newest first: {said}")

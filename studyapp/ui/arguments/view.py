"""Widgets of the argument builder: one column of points per side, and the judgement box.

They hold layout and turn keys and clicks into requests; the tab decides what to save.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QPainter, QPaintEvent, QPalette, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from studyapp.db.services.arguments import PointRow
from studyapp.domain.essay import SIDE_LABELS
from studyapp.ui.arguments.model import PointCardDelegate, PointListModel
from studyapp.ui.widgets.autosave import AutosaveTextEdit

EMPTY_COLUMN_TEXT = "No points yet.\nUse Add point… (or press Insert here) to make the first one."


class PointListView(QListView):
    """Points as wrapped cards. Alt+↑/↓ moves, Enter edits, Delete removes the current point,
    Insert adds one."""

    move_requested = Signal(int)  # -1 up, +1 down
    add_requested = Signal()
    edit_requested = Signal()
    delete_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setResizeMode(QListView.ResizeMode.Adjust)  # re-wrap the cards when width changes
        self.setWordWrap(True)
        self.setSpacing(2)
        self.setItemDelegate(PointCardDelegate(self))
        self.doubleClicked.connect(self.edit_requested)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        key, modifiers = event.key(), event.modifiers()
        if modifiers == Qt.KeyboardModifier.AltModifier and key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self.move_requested.emit(-1 if key == Qt.Key.Key_Up else 1)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.edit_requested.emit()
        elif key == Qt.Key.Key_Delete and self.currentIndex().isValid():
            self.delete_requested.emit()
        elif key == Qt.Key.Key_Insert:
            self.add_requested.emit()
        else:
            super().keyPressEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self.doItemsLayout()  # card heights depend on the width

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        super().paintEvent(event)
        if self.model() is not None and self.model().rowCount() == 0:
            # An empty column says what to do rather than showing a blank box.
            painter = QPainter(self.viewport())
            painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
            area = self.viewport().rect().adjusted(16, 16, -16, -16)
            flags = Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap
            painter.drawText(area, int(flags), EMPTY_COLUMN_TEXT)
            painter.end()


class SideColumn(QWidget):
    """One side of the table ("For", "Against", …): its points and the buttons that edit them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.side = ""
        self.model = PointListModel(self)
        self.view = PointListView(self)
        self.view.setModel(self.model)
        self.heading = QLabel(self)
        self.heading.setStyleSheet("font-size: 13pt; font-weight: 600;")
        # No mnemonic: two columns would share it, and Alt+A already opens this tab.
        self.add_button = QPushButton("Add point…", self)
        self.edit_button = QPushButton("Edit…", self)
        self.delete_button = QPushButton("Delete", self)
        self.up_button = QPushButton("↑ Up", self)
        self.down_button = QPushButton("↓ Down", self)
        self.up_button.setToolTip("Move the selected point up (Alt+Up)")
        self.down_button.setToolTip("Move the selected point down (Alt+Down)")
        self.switch_button = QPushButton(self)
        self._build_layout()
        self.view.selectionModel().currentRowChanged.connect(self.update_buttons)
        self.model.rowsMoved.connect(self.update_buttons)
        self.model.modelReset.connect(self.update_buttons)

    def set_side(self, side: str, other_side: str, *, other_is_right: bool = True) -> None:
        """Label the column for `side`; the switch button names the column it moves points to."""
        self.side = side
        label = SIDE_LABELS[side]
        self.heading.setText(label)
        self.view.setAccessibleName(f"{label} points")
        self.add_button.setAccessibleName(f"Add a point to {label}")
        self.add_button.setToolTip(f"Add a point to {label} (Insert in the list)")
        other = SIDE_LABELS[other_side]
        self.switch_button.setText(f"To {other} →" if other_is_right else f"← To {other}")
        self.switch_button.setToolTip(
            f"Move the selected point to the {SIDE_LABELS[other_side]} column"
        )
        for button, action in (
            (self.edit_button, "Edit"),
            (self.delete_button, "Delete"),
            (self.up_button, "Move up"),
            (self.down_button, "Move down"),
        ):
            button.setAccessibleName(f"{action} the selected {label} point")

    def show_points(self, points: list[PointRow]) -> None:
        self.model.sync_rows(points)
        self.view.doItemsLayout()  # an edited card may need a different height
        self.update_buttons()

    def current_point(self) -> PointRow | None:
        return self.model.row_at(self.view.currentIndex())

    def select_point(self, point_id: int | None) -> bool:
        position = self.model.row_of(point_id) if point_id is not None else None
        if position is None:
            return False
        self.view.setCurrentIndex(self.model.index(position, 0))
        self.view.scrollTo(self.view.currentIndex())
        return True

    def clear_point(self) -> None:
        self.view.selectionModel().clear()  # clears the current index too
        self.update_buttons()

    def update_buttons(self, *_args: object) -> None:
        row, count = self.view.currentIndex().row(), self.model.rowCount()
        has_point = self.view.currentIndex().isValid()
        for button in (self.edit_button, self.delete_button, self.switch_button):
            button.setEnabled(has_point)
        self.up_button.setEnabled(has_point and row > 0)
        self.down_button.setEnabled(has_point and row < count - 1)

    def _build_layout(self) -> None:
        self.up_button.setToolTip("Move the selected point up (Alt+↑)")
        self.down_button.setToolTip("Move the selected point down (Alt+↓)")
        self.delete_button.setToolTip("Delete the selected point (Delete); Ctrl+Z brings it back")
        header = QHBoxLayout()
        header.addWidget(self.heading)
        header.addStretch(1)
        header.addWidget(self.add_button)
        buttons = QGridLayout()  # two rows, so the column stays narrow enough at 900 px
        buttons.setSpacing(4)
        row_one = (self.edit_button, self.delete_button, self.switch_button)
        for column, button in enumerate(row_one):
            buttons.addWidget(button, 0, column)
        buttons.addWidget(self.up_button, 0, 3)
        buttons.addWidget(self.down_button, 0, 4)
        for button in (*row_one, self.up_button, self.down_button):
            button.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addLayout(header)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)


class JudgementBox(QGroupBox):
    """Thesis and conclusion for the current question, saved when the student stops typing."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Your judgement", parent)
        self.setStyleSheet("QGroupBox { font-weight: 600; }")
        self.thesis = AutosaveTextEdit(self)
        self.thesis.setAccessibleName("Thesis")
        self.thesis.setPlaceholderText("Your answer to the question in one or two sentences.")
        self.conclusion = AutosaveTextEdit(self)
        self.conclusion.setAccessibleName("Conclusion")
        self.conclusion.setPlaceholderText(
            "Weigh the two sides: which points matter most, and why?"
        )
        layout = QGridLayout(self)
        layout.setHorizontalSpacing(12)
        # Alt+S for the thesis: Alt+T already opens the Timeline tab.
        boxes = (("The&sis", self.thesis), ("C&onclusion", self.conclusion))
        for column, (text, box) in enumerate(boxes):
            label = QLabel(text, self)
            label.setBuddy(box)
            label.setStyleSheet("font-weight: 600;")
            box.setMinimumHeight(box.fontMetrics().lineSpacing() * 3 + 14)
            layout.addWidget(label, 0, column)
            layout.addWidget(box, 1, column)

    @property
    def pending(self) -> bool:
        return self.thesis.pending or self.conclusion.pending

    def flush(self) -> None:
        """Report pending typing in either box (one save carries both)."""
        self.thesis.flush()
        self.conclusion.flush()

    def show_judgement(self, thesis: str, conclusion: str) -> None:
        self.thesis.set_saved_text(thesis)
        self.conclusion.set_saved_text(conclusion)

    def mark_saved(self) -> None:
        self.thesis.mark_saved()
        self.conclusion.mark_saved()

"""Widgets of the factors tab: the ranking table and the detail pane beside it.

They hold layout and turn keys and clicks into requests (`move_requested`, `rating_chosen`);
the tab decides what to save.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from studyapp.db.services.factors import FactorRow
from studyapp.ui.factors.model import (
    COL_CATEGORY,
    COL_IMPORTANCE,
    COL_JUSTIFIED,
    COL_RANK,
    COL_TITLE,
    NOT_RATED,
)
from studyapp.ui.widgets.autosave import AutosaveTextEdit

ROW_PADDING = 14  # pixels added to each row's height
RATING_KEYS = {getattr(Qt.Key, f"Key_{n}"): n for n in range(1, 6)}
CLEAR_KEYS = {Qt.Key.Key_0, Qt.Key.Key_Backspace, Qt.Key.Key_Delete}
# The chosen rating must stand out at a glance, not only as a slightly sunken button.
CHECKED_STYLE = (
    "QPushButton:checked { background: palette(highlight); color: palette(highlighted-text);"
    " border: 1px solid palette(dark); border-radius: 3px; padding: 4px 10px; }"
)
RATING_NAMES = {1: "minor", 2: "some", 3: "significant", 4: "major", 5: "decisive"}


class FactorTable(QTableView):
    """The ranking. Alt+↑/↓ asks to move the current factor; 1–5 rate it; 0 or ⌫ clears."""

    move_requested = Signal(int)  # -1 up, +1 down
    rating_requested = Signal(int)  # 1–5, or 0 to clear

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setWordWrap(True)  # long titles wrap instead of being cut off with "…"
        self.setAlternatingRowColors(True)
        self.setShowGrid(False)
        self.verticalHeader().hide()
        self.setTextElideMode(Qt.TextElideMode.ElideNone)  # wrap, never cut a title short
        self.setItemDelegate(_PaddedDelegate(self))
        self.setAccessibleName("Factor ranking")
        self.setAccessibleDescription(
            "Alt+Up and Alt+Down move the selected factor; 1 to 5 rate it; 0 clears the rating."
        )

    def setup_columns(self) -> None:
        """Call once a model is set: fixed narrow columns, the title takes the rest."""
        header = self.horizontalHeader()
        header.setSectionResizeMode(COL_RANK, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_TITLE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COL_CATEGORY, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_IMPORTANCE, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_JUSTIFIED, QHeaderView.ResizeMode.ResizeToContents)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.sectionResized.connect(self._on_section_resized)

    def fit_rows(self) -> None:
        """Wrapped titles need taller rows; recompute after data or width changes."""
        self.resizeRowsToContents()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        key, modifiers = event.key(), event.modifiers()
        if modifiers == Qt.KeyboardModifier.AltModifier and key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self.move_requested.emit(-1 if key == Qt.Key.Key_Up else 1)
        elif modifiers in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier):
            if key in RATING_KEYS:
                self.rating_requested.emit(RATING_KEYS[key])
            elif key in CLEAR_KEYS:
                self.rating_requested.emit(0)
            else:
                super().keyPressEvent(event)
        else:
            super().keyPressEvent(event)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        # A tab's page gets its real width only when first shown; wrap the titles for it.
        super().showEvent(event)
        QTimer.singleShot(0, self.fit_rows)

    def _on_section_resized(self, column: int, _old: int, _new: int) -> None:
        if column == COL_TITLE:
            self.fit_rows()


class _PaddedDelegate(QStyledItemDelegate):
    """Plain cells with air above and below, so eight rows read as a list, not a spreadsheet."""

    def sizeHint(  # noqa: N802 - Qt override
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        hint = super().sizeHint(option, index)
        return QSize(hint.width() + 8, hint.height() + ROW_PADDING)


class FactorDetail(QWidget):
    """The selected factor: what it means, how the student rates it, and why."""

    rating_chosen = Signal(int)  # 1–5, or 0 for "not rated"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = _wrapping_label(self, "factorTitle")
        self.title.setStyleSheet("font-size: 15pt; font-weight: 600;")
        self.category = _wrapping_label(self, "factorCategory")
        self.explanation = _wrapping_label(self, "factorExplanation")
        self.justification = AutosaveTextEdit(self)
        self.justification.setAccessibleName("Your justification")
        self.justification.setPlaceholderText(
            "Why does this factor rank here? Compare it with the factors above and below it."
        )
        self.rating_buttons = self._build_rating_buttons()
        self._build_layout()

    def show_factor(self, factor: FactorRow | None, rank: int) -> None:
        """Fill the pane; `rank` counts from 1. None empties it (no factor selected)."""
        self.setEnabled(factor is not None)
        if factor is None:
            self.title.setText("Select a factor")
            for label in (self.category, self.explanation):
                label.clear()
            self.justification.set_saved_text("")
            return
        self.title.setText(f"{rank}. {factor.title}")
        self.category.setText(f"Category: {factor.category_label}")
        self.explanation.setText(factor.explanation)
        self.show_rating(factor.importance)
        if not self.justification.pending:  # never overwrite typing that is still to be saved
            self.justification.set_saved_text(factor.justification)

    def show_rating(self, importance: int | None) -> None:
        self.rating_buttons[importance or 0].setChecked(True)

    def _build_rating_buttons(self) -> dict[int, QPushButton]:
        group = QButtonGroup(self)
        buttons: dict[int, QPushButton] = {}
        for value in range(6):
            button = QPushButton(NOT_RATED.capitalize() if value == 0 else str(value), self)
            button.setCheckable(True)
            button.setStyleSheet(CHECKED_STYLE)
            label = NOT_RATED if value == 0 else f"{value} of 5, {RATING_NAMES[value]}"
            button.setAccessibleName(f"Importance: {label}")
            button.setToolTip(f"Importance: {label} (key {value} in the ranking)")
            if value:
                button.setFixedWidth(button.fontMetrics().horizontalAdvance("00") + 28)
            group.addButton(button, value)
            buttons[value] = button
        group.idClicked.connect(self.rating_chosen)
        return buttons

    def _build_layout(self) -> None:
        rating_row = QHBoxLayout()
        rating_row.setSpacing(4)
        for value in (1, 2, 3, 4, 5, 0):
            rating_row.addWidget(self.rating_buttons[value])
        rating_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 0, 0, 0)
        layout.setSpacing(8)
        layout.addWidget(self.title)
        layout.addWidget(self.category)
        layout.addWidget(self.explanation)
        layout.addSpacing(6)
        layout.addWidget(_heading("Importance (1 = minor, 5 = decisive)", self))
        layout.addLayout(rating_row)
        layout.addSpacing(6)
        heading = _heading("Your &justification", self)
        heading.setBuddy(self.justification)
        layout.addWidget(heading)
        layout.addWidget(self.justification, 1)


def _wrapping_label(parent: QWidget, name: str) -> QLabel:
    label = QLabel(parent)
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)  # pack text is content, never markup
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def _heading(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setStyleSheet("font-weight: 600;")
    return label

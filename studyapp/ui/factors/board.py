"""The factor board: one card per war-victory factor, in the student's order, coloured by
category, each with its explanation, the 1–5 importance (always at the same place, top right,
whatever the length of the text), the justification, evidence chips and comparisons.

Cards turn clicks, keys and drags into requests (`move_requested`, `rating_requested`…); the
tab decides what to save. Dragging a card onto the board asks to move it to where it was
dropped; Alt+↑/↓ on a card moves it one place.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QMimeData, QPoint, Qt, Signal
from PySide6.QtGui import (
    QDrag,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QFocusEvent,
    QKeyEvent,
    QMouseEvent,
)
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from studyapp.db.services.factors import FactorRow
from studyapp.domain.text import shorten
from studyapp.ui.theme import colour, on_restyle, set_role, tokens
from studyapp.ui.widgets.autosave import AutosaveTextEdit
from studyapp.ui.widgets.keys import KeyHelp

MIME = "application/x-studyapp-factor"
RIGHT_WIDTH = 330  # the importance and justification column: fixed, so the buttons never move
RATING_NAMES = {1: "minor", 2: "some", 3: "significant", 4: "major", 5: "decisive"}
RATING_KEYS = {getattr(Qt.Key, f"Key_{n}"): n for n in range(1, 6)}


class FactorCard(QFrame):
    """One factor. `factor_id` is fixed; `show_factor` refreshes what it shows."""

    clicked = Signal(int)  # factor id
    rating_requested = Signal(int, int)  # factor id, 1–5 or 0 to clear
    move_requested = Signal(int, int)  # factor id, -1 up / +1 down
    step_requested = Signal(int, int)  # factor id, -1 / +1: focus the card above or below
    justification_settled = Signal(int, str)  # factor id, text
    open_requested = Signal(str, int)  # evidence chip: kind, id

    def __init__(self, factor: FactorRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.factor_id = factor.id
        self.factor = factor
        self._press: QPoint | None = None
        self.setObjectName("factorCard")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.rank = QLabel(self)
        set_role(self.rank, "display")
        self.rank.setCursor(Qt.CursorShape.OpenHandCursor)
        self.rank.setToolTip("Drag to rank (or Alt+↑/↓)")
        self.title = _label(self, "title")
        self.category = _label(self, "caption")
        self.explanation = _label(self)
        self.evidence = QLabel(self)
        self.evidence.setWordWrap(True)
        self.evidence.setTextFormat(Qt.TextFormat.RichText)  # every piece is escaped above
        self.evidence.setOpenExternalLinks(False)
        set_role(self.evidence, "small")
        self.evidence.linkActivated.connect(self._on_link)
        self.comparisons = _label(self, "small")
        self.justification = AutosaveTextEdit(self)
        self.justification.setAccessibleName(f"Your justification: {factor.title}")
        self.justification.setPlaceholderText("Why does it rank here? Compare it with the others.")
        self.justification.setFixedHeight(72)
        self.justification.text_settled.connect(
            lambda text: self.justification_settled.emit(self.factor_id, text))
        self.rating = self._rating_buttons()
        self._lay_out()
        self.show_factor(factor, 1, False)
        on_restyle(self, self._restyle)

    def _restyle(self) -> None:
        self._show_evidence(self.factor)
        self._paint()

    def _rating_buttons(self) -> QButtonGroup:
        group = QButtonGroup(self)
        for value in (1, 2, 3, 4, 5, 0):
            button = QPushButton(str(value) if value else "–", self)
            button.setCheckable(True)
            button.setFixedSize(34, 26)
            said = f"{value} of 5, {RATING_NAMES[value]}" if value else "not rated"
            button.setToolTip(f"Importance: {said} (key {value})")
            button.setAccessibleName(f"Importance: {said}")
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keys go to the card
            group.addButton(button, value)
        group.idClicked.connect(lambda value: self.rating_requested.emit(self.factor_id, value))
        return group

    def _lay_out(self) -> None:
        head = QHBoxLayout()
        head.addWidget(self.rank, 0, Qt.AlignmentFlag.AlignTop)
        head.addWidget(self.title, 1)
        left = QVBoxLayout()
        left.setSpacing(4)
        left.addLayout(head)
        left.addWidget(self.category)
        left.addWidget(self.explanation)
        left.addWidget(self.evidence)
        left.addWidget(self.comparisons)
        left.addStretch(1)
        ratings = QHBoxLayout()
        ratings.setSpacing(3)
        ratings.addWidget(QLabel("Importance", self))
        for button in self.rating.buttons():
            ratings.addWidget(button)
        ratings.addStretch(1)
        right = QVBoxLayout()
        right.setSpacing(4)
        right.addLayout(ratings)
        right.addWidget(self.justification)
        right.addStretch(1)
        holder = QWidget(self)
        holder.setFixedWidth(RIGHT_WIDTH)
        holder.setLayout(right)
        right.setContentsMargins(0, 0, 0, 0)
        grid = QGridLayout(self)
        grid.setContentsMargins(12, 8, 10, 8)
        grid.addLayout(left, 0, 0)
        grid.addWidget(holder, 0, 1, Qt.AlignmentFlag.AlignTop)
        grid.setColumnStretch(0, 1)

    def show_factor(self, factor: FactorRow, rank: int, selected: bool) -> None:
        self.setAccessibleDescription("Up and Down move between factors, Alt+Up and Alt+Down "
                                      "rank this one, 1 to 5 rate it, 0 clears the rating.")
        self.factor = factor
        self.rank.setText(f"{rank}")
        self.title.setText(factor.title)
        importance = f"rated {factor.importance} of 5" if factor.importance else "not rated"
        self.setAccessibleName(f"Factor {rank}: {factor.title}, {importance}")
        self.category.setText(factor.category_label.upper())
        self.explanation.setText(factor.explanation)
        self.rating.button(factor.importance or 0).setChecked(True)
        if not self.justification.pending:  # never overwrite typing still to be saved
            self.justification.set_saved_text(factor.justification)
        self._show_evidence(factor)
        self.comparisons.setText("\n".join(_comparison_lines(factor)))
        self.comparisons.setVisible(bool(factor.comparisons))
        self._selected = selected
        self._paint()

    def _show_evidence(self, factor: FactorRow) -> None:
        """Evidence as wrapping link chips: each opens its event or note item."""
        chips = [f'<a href="{link.kind}:{link.id}" style="color:{colour("link")}; '
                 'text-decoration:none">'
                 f"&nbsp;{html.escape(shorten(link.label, 48))}&nbsp;↗</a>"
                 for link in factor.evidence]  # fmt: skip
        self.evidence.setText("Evidence: " + " · ".join(chips) if chips else "")
        self.evidence.setVisible(bool(chips))

    def _on_link(self, href: str) -> None:
        kind, _sep, number = href.partition(":")
        if number.isdigit():
            self.open_requested.emit(kind, int(number))

    def _paint(self) -> None:
        """The card in its category's colours from the theme; a focus-coloured ring if chosen."""
        strong, tint = tokens().factor_colours(self.factor.category)
        ring = ("2px", colour("focus")) if self._selected else ("1px", colour("border"))
        border = f"{ring[0]} solid {ring[1]}"
        self.setStyleSheet(
            f"QFrame#factorCard {{ background: {tint}; border: {border};"
            f" border-left: 7px solid {strong}; border-radius: 5px; }}"
        )
        self.category.setStyleSheet(f"color: {strong};")

    # -- input ---------------------------------------------------------------------------------

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt override
        super().focusInEvent(event)
        self.clicked.emit(self.factor_id)

    KEYS = (
        KeyHelp("↑ / ↓", "Go to the card above or below"),
        KeyHelp("Alt+↑ / Alt+↓", "Move the factor up or down the ranking"),
        KeyHelp("1 – 5", "Rate the factor's importance"),
        KeyHelp("0, Backspace or Delete", "Clear the rating"),
    )

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        key, mods = event.key(), event.modifiers()
        vertical = key in (Qt.Key.Key_Up, Qt.Key.Key_Down)
        offset = -1 if key == Qt.Key.Key_Up else 1
        if vertical and mods == Qt.KeyboardModifier.AltModifier:
            self.move_requested.emit(self.factor_id, offset)
        elif vertical and mods == Qt.KeyboardModifier.NoModifier:
            self.step_requested.emit(self.factor_id, offset)
        elif key in RATING_KEYS and mods in (Qt.KeyboardModifier.NoModifier,
                                             Qt.KeyboardModifier.KeypadModifier):  # fmt: skip
            self.rating_requested.emit(self.factor_id, RATING_KEYS[key])
        elif key in (Qt.Key.Key_0, Qt.Key.Key_Backspace, Qt.Key.Key_Delete):
            self.rating_requested.emit(self.factor_id, 0)
        else:
            super().keyPressEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        self._press = event.position().toPoint()
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        self.clicked.emit(self.factor_id)
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        if self._press is None or not event.buttons() & Qt.MouseButton.LeftButton:
            return
        moved = (event.position().toPoint() - self._press).manhattanLength()
        if moved >= QApplication.startDragDistance():
            self._press = None
            drag = QDrag(self)
            drag.setMimeData(drag_data(self.factor_id))
            drag.setPixmap(self.grab().scaledToWidth(360))
            drag.exec(Qt.DropAction.MoveAction)


def drag_data(factor_id: int) -> QMimeData:
    data = QMimeData()
    data.setData(MIME, str(factor_id).encode("ascii"))
    return data


def _comparison_lines(factor: FactorRow) -> list[str]:
    lines = []
    for c in factor.comparisons:
        if c.stronger_id == factor.id:
            lines.append(f"▲ More important than “{c.weaker_title}”: {c.reason}")
        else:
            lines.append(f"▼ Less important than “{c.stronger_title}”: {c.reason}")
    return lines


def _label(parent: QWidget, role: str = "") -> QLabel:
    label = QLabel(parent)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)  # pack and student text, never markup
    if role:
        set_role(label, role)
    return label


class FactorBoard(QWidget):
    """The cards in ranking order; a card dropped here asks to move to where it landed."""

    dropped = Signal(int, int)  # factor id, new index (0 is the top)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAcceptDrops(True)
        self.cards: dict[int, FactorCard] = {}
        self.order: list[int] = []
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(8)
        self._layout.addStretch(1)  # the cards go above it

    def arrange(self, ids: list[int]) -> None:
        """Lay the cards out in `ids` order (cards are kept, so typing in them survives).

        Each card is moved with `removeWidget` and `insertWidget`, which delete and make its
        layout item in Qt; `takeAt` would hand the item to Python, which neither owns nor
        deletes it (see ARCHITECTURE.md)."""
        for index, factor_id in enumerate(ids):
            card = self.cards[factor_id]
            self._layout.removeWidget(card)
            self._layout.insertWidget(index, card)
        self.order = list(ids)

    def remove_card(self, factor_id: int) -> None:
        """The factor is gone: its card leaves the layout now and is deleted."""
        card = self.cards.pop(factor_id)
        self._layout.removeWidget(card)
        card.hide()
        card.deleteLater()

    def index_at(self, y: int, dragged: int) -> int:
        """Where a card dropped at height `y` goes, counting the cards above it but itself."""
        above = [i for i in self.order if i != dragged
                 and self.cards[i].geometry().center().y() < y]  # fmt: skip
        return len(above)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt override
        if event.mimeData().hasFormat(MIME):
            event.acceptProposedAction()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:  # noqa: N802 - Qt override
        if event.mimeData().hasFormat(MIME):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt override
        raw = bytes(event.mimeData().data(MIME).data()).decode("ascii", "replace")
        if not raw.isdigit() or int(raw) not in self.cards:
            return
        factor_id = int(raw)
        event.acceptProposedAction()
        self.dropped.emit(factor_id, self.index_at(event.position().toPoint().y(), factor_id))

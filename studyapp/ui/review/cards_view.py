"""The student's card list: every card with its state, and a form to write or reword one.

The list is a model over plain `CardRow`s whose text is made when the view asks for it, so a
topic with 20,000 cards shows without building 20,000 items; an edit replaces only its rows.
It is shown by a flat `QTreeView`, which measures only the rows in sight: a `QListView` whose
rows wrap to different heights measures every row on every change (about a second at 20,000).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from studyapp.db.services.review import CardRow
from studyapp.domain.errors import StudentError
from studyapp.ui.theme import icon, set_role

ID_ROLE = Qt.ItemDataRole.UserRole


def describe_card(card: CardRow) -> str:
    question = " ".join(card.prompt.split())
    answer = " ".join(card.answer.split())
    state = ""
    if card.source_missing:
        state = " (not asked: what it quizzes was deleted)"
    elif card.suspended:
        state = " (suspended)"
    own = "Your card: " if card.origin == "user" else ""
    return f"{own}{question} → {answer}{state}"


def _order(card: CardRow) -> tuple[bool, int]:
    """`list_cards`' order: the student's own cards first, then in the order they were made."""
    return card.origin != "user", card.id


class CardListModel(QAbstractListModel):
    """The cards in `list_cards`' order; a row's text is worded when the view asks for it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[CardRow] = []
        self._keys: list[tuple[bool, int]] = []  # `_order` of each row, for bisecting
        self.by_id: dict[int, CardRow] = {}

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802 - Qt override
        return 0 if parent.isValid() else len(self.rows)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        card = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return describe_card(card)
        if role == Qt.ItemDataRole.ToolTipRole:
            return card.answer
        if role == ID_ROLE:
            return card.id
        return None

    def set_cards(self, cards: list[CardRow]) -> None:
        self.beginResetModel()
        self.rows = sorted(cards, key=_order)
        self._keys = [_order(card) for card in self.rows]
        self.by_id = {card.id: card for card in self.rows}
        self.endResetModel()

    def update_cards(self, ids: Iterable[int], found: dict[int, CardRow]) -> None:
        """Bring the rows of cards `ids` in line with `found` (their rows as read now; a card
        missing from it was deleted): replace, insert in order, or remove each."""
        for card_id in ids:
            old, new = self.by_id.get(card_id), found.get(card_id)
            if old is not None:
                row = bisect_left(self._keys, _order(old))
                if new is not None and _order(new) == _order(old):
                    self.rows[row] = self.by_id[card_id] = new
                    self.dataChanged.emit(self.index(row), self.index(row))
                    continue
                self.beginRemoveRows(QModelIndex(), row, row)
                del self.rows[row], self._keys[row], self.by_id[card_id]
                self.endRemoveRows()
            if new is not None:
                row = bisect_left(self._keys, _order(new))
                self.beginInsertRows(QModelIndex(), row, row)
                self.rows.insert(row, new)
                self._keys.insert(row, _order(new))
                self.by_id[card_id] = new
                self.endInsertRows()

    def row_of(self, card_id: int) -> int | None:
        card = self.by_id.get(card_id)
        return None if card is None else bisect_left(self._keys, _order(card))


class _WrappingDelegate(QStyledItemDelegate):
    """Measures a row wrapped to the list's width (a tree view passes no width of its own)."""

    def __init__(self, view: QTreeView) -> None:
        super().__init__(view)
        self._view = view

    def sizeHint(  # noqa: N802 - Qt override
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        option.rect = QRect(0, 0, max(1, self._view.viewport().width()), 1)
        return super().sizeHint(option, index)


class CardList(QTreeView):
    """A flat list whose rows wrap, measuring only the rows in sight."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setHeaderHidden(True)
        self.setRootIsDecorated(False)
        self.setWordWrap(True)
        self.setUniformRowHeights(False)
        self.setItemDelegate(_WrappingDelegate(self))
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerItem)  # see dataChanged

    def dataChanged(  # noqa: N802 - Qt override
        self,
        top_left: QModelIndex | QPersistentModelIndex,
        bottom_right: QModelIndex | QPersistentModelIndex,
        roles: Sequence[int] = (),
    ) -> None:
        """A row out of sight is laid out again with the rest, later: to repaint it now, a tree
        view would measure every row between it and the top of the view (~1 s for a card
        10,000 rows down). Scrolling by rows, the bar's value is the first row in sight."""
        first = self.verticalScrollBar().value()
        last = first + self.viewport().height() // max(1, self.fontMetrics().height())
        if self.isVisible() and (bottom_right.row() < first or top_left.row() > last):
            self.scheduleDelayedItemsLayout()
        else:
            super().dataChanged(top_left, bottom_right, list(roles))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.scheduleDelayedItemsLayout()  # rows wrap again at the new width


class CardsView(QWidget):
    add_requested = Signal()
    edit_requested = Signal(int)
    suspend_requested = Signal(int)
    delete_requested = Signal(int)
    import_requested = Signal()
    export_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = CardListModel(self)
        self.list = CardList(self)
        self.list.setModel(self.model)
        self.list.setAccessibleName("Review cards")
        self.buttons = {
            "add": QPushButton("&Add card…", self),
            "edit": QPushButton("&Edit…", self),
            "suspend": QPushButton("&Suspend", self),
            "delete": QPushButton("&Delete", self),
            "import": QPushButton("&Import CSV…", self),
            "export": QPushButton("E&xport CSV…", self),
        }
        for name in ("add", "edit", "delete", "import", "export"):
            self.buttons[name].setIcon(icon(name))
        self.buttons["add"].clicked.connect(self.add_requested)
        self.buttons["import"].clicked.connect(self.import_requested)
        self.buttons["export"].clicked.connect(self.export_requested)
        for name, signal in [("edit", self.edit_requested), ("suspend", self.suspend_requested),
                             ("delete", self.delete_requested)]:  # fmt: skip
            self.buttons[name].clicked.connect(lambda _=False, s=signal: self._emit_current(s))
        self.list.activated.connect(lambda index: self.edit_requested.emit(index.data(ID_ROLE)))
        self.list.selectionModel().currentChanged.connect(self._update_buttons)
        self.model.modelReset.connect(self._update_buttons)
        self.model.dataChanged.connect(self._update_buttons)  # e.g. suspended: the button's word
        row = QHBoxLayout()
        for button in self.buttons.values():
            row.addWidget(button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list)
        layout.addLayout(row)

    @property
    def cards(self) -> dict[int, CardRow]:
        return self.model.by_id

    def _emit_current(self, signal) -> None:  # type: ignore[no-untyped-def]
        card_id = self.current_id()
        if card_id is not None:
            signal.emit(card_id)

    def current_id(self) -> int | None:
        index = self.list.currentIndex()
        return int(index.data(ID_ROLE)) if index.isValid() else None

    def show_cards(self, cards: list[CardRow]) -> None:
        keep = self.current_id()
        self.model.set_cards(cards)
        if keep is not None:
            self.select(keep)

    def update_cards(self, ids: Iterable[int], found: dict[int, CardRow]) -> None:
        """Redraw only these cards' rows (`found`: their rows now; a missing one was deleted)."""
        self.model.update_cards(ids, found)
        self._update_buttons()

    def select(self, card_id: int) -> bool:
        row = self.model.row_of(card_id)
        if row is None:
            return False
        index = self.model.index(row)
        self.list.setCurrentIndex(index)
        self.list.scrollTo(index)
        return True

    def _update_buttons(self) -> None:
        card = self.cards.get(self.current_id() or -1)
        self.buttons["edit"].setEnabled(card is not None)
        self.buttons["suspend"].setEnabled(card is not None and not card.source_missing)
        self.buttons["suspend"].setText("Un&suspend" if card and card.suspended else "&Suspend")
        self.buttons["delete"].setEnabled(card is not None and card.origin == "user")


class CardDialog(QDialog):
    """Write or reword a card. A refusal is shown here, and the typing is kept."""

    def __init__(self, title: str, save: Callable[[str, str], object], prompt: str = "",
                 answer: str = "", parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.setWindowTitle(title)
        self._save = save  # raises StudentError when the card is refused
        self.prompt = QPlainTextEdit(prompt, self)
        self.answer = QPlainTextEdit(answer, self)
        self.error = QLabel(self)
        self.error.setWordWrap(True)
        set_role(self.error, "error")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for text, editor in [("&Question", self.prompt), ("&Answer", self.answer)]:
            label = QLabel(text, self)
            label.setBuddy(editor)
            layout.addWidget(label)
            layout.addWidget(editor)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(520, 380)

    def accept(self) -> None:
        try:
            self._save(self.prompt.toPlainText(), self.answer.toPlainText())
        except StudentError as refusal:
            self.error.setText(str(refusal))
            return
        super().accept()

"""The student's card list: every card with its state, and a form to write or reword one."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
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


class CardsView(QWidget):
    add_requested = Signal()
    edit_requested = Signal(int)
    suspend_requested = Signal(int)
    delete_requested = Signal(int)
    import_requested = Signal()
    export_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.list = QListWidget(self)
        self.list.setAccessibleName("Review cards")
        self.list.setWordWrap(True)
        self.list.setUniformItemSizes(False)
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
        self.list.itemActivated.connect(lambda item: self.edit_requested.emit(item.data(ID_ROLE)))
        self.list.currentItemChanged.connect(self._update_buttons)
        row = QHBoxLayout()
        for button in self.buttons.values():
            row.addWidget(button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list)
        layout.addLayout(row)
        self.cards: dict[int, CardRow] = {}

    def _emit_current(self, signal) -> None:  # type: ignore[no-untyped-def]
        card_id = self.current_id()
        if card_id is not None:
            signal.emit(card_id)

    def current_id(self) -> int | None:
        item = self.list.currentItem()
        return None if item is None else int(item.data(ID_ROLE))

    def show_cards(self, cards: list[CardRow]) -> None:
        keep = self.current_id()
        self.cards = {card.id: card for card in cards}
        self.list.clear()
        for card in cards:
            item = QListWidgetItem(describe_card(card))
            item.setData(ID_ROLE, card.id)
            item.setToolTip(card.answer)
            self.list.addItem(item)
        if keep is not None:
            self.select(keep)
        self._update_buttons()

    def select(self, card_id: int) -> bool:
        for row in range(self.list.count()):
            if self.list.item(row).data(ID_ROLE) == card_id:
                self.list.setCurrentRow(row)
                self.list.scrollToItem(self.list.item(row))
                return True
        return False

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

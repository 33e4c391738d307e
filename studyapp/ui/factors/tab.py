"""The factors tab: a board of factor cards the student ranks (drag and drop, or
Alt+↑/↓), rates 1–5, justifies and compares.

The tab fetches plain `FactorRow`s from the factors service and hands them to the board's cards;
its commands live in `FactorsController`. Whenever the bus says factors (or comparisons)
changed — an edit, its undo or redo — it refetches the rows, so what the student sees is always
what is saved.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

from studyapp.db.operations.factors import FactorFields
from studyapp.db.services import factors as service
from studyapp.db.services.factors import FactorRow
from studyapp.domain.changes import Changes, Kind
from studyapp.ui.context import TabContext
from studyapp.ui.factors.board import FactorBoard, FactorCard
from studyapp.ui.factors.compare import CompareDialog
from studyapp.ui.factors.controller import FactorsController
from studyapp.ui.factors.factor_dialog import FactorDialog

EMPTY_HINT = "No factors yet: add the reasons you will weigh with Add factor…"
HOW_TO_RANK = ("most important first: drag a card by its number, or Alt+↑/↓. Keys 1–5 rate the "
               "selected card.")  # fmt: skip


def hint_text(question: str) -> str:
    """The topic's question and how to rank; a topic without a question gets neutral words."""
    if question.strip():
        return f"{question.strip()} Rank them, {HOW_TO_RANK}"
    return f"Rank the factors, {HOW_TO_RANK}"


class FactorsTab(QWidget):
    """The student's ranked, justified answer to the topic's factors question."""

    def __init__(self, context: TabContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._commands = FactorsController(context)
        self.rows: list[FactorRow] = []
        self._selected: int | None = None
        self.compare_dialog: CompareDialog | None = None
        self.factor_dialog: FactorDialog | None = None
        self.board = FactorBoard(self)
        self.board_area = QScrollArea(self)
        self.board_area.setWidgetResizable(True)
        self.board_area.setWidget(self.board)
        self.board_area.setAccessibleName("Factors, most important first")
        self.board_area.setFrameShape(QScrollArea.Shape.NoFrame)
        self.board_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.compare_button = QPushButton("&Compare two factors…", self)
        self.reset_button = QPushButton("&Reset to the notes' order", self)
        self.reset_button.setToolTip("Put the factors back in the order the notes give (undoable)")
        self.add_button = QPushButton("&Add factor…", self)
        self.edit_button = QPushButton("&Edit factor…", self)
        self.delete_button = QPushButton("&Delete factor", self)
        self.empty_label = QLabel(EMPTY_HINT, self)
        self.hint_label = QLabel(hint_text(service.factors_question(context.session_factory,
                                                                    context.topic_id)), self)
        self.hint_label.setWordWrap(True)
        self.empty_label.setWordWrap(True)
        self._build_layout()
        self.board.dropped.connect(self._on_dropped)
        self.compare_button.clicked.connect(self._on_compare)
        self.reset_button.clicked.connect(self._commands.reset_order)
        self.add_button.clicked.connect(lambda: self.open_factor_dialog(None))
        self.edit_button.clicked.connect(self._on_edit)
        self.delete_button.clicked.connect(self._on_delete)
        context.bus.changed.connect(self.on_changed)

    def _build_layout(self) -> None:
        buttons = QHBoxLayout()  # the factors themselves, then the ranking's tools
        for button in (self.add_button, self.edit_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.compare_button)
        buttons.addWidget(self.reset_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 6)
        layout.addWidget(self.hint_label)
        layout.addLayout(buttons)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.board_area, 1)

    # -- Tab protocol --------------------------------------------------------------------------

    def reload(self) -> None:
        self._refresh()

    def on_changed(self, changes: Changes) -> None:
        if changes.touches(Kind.TOPIC):  # a re-imported pack may bring a new question
            question = service.factors_question(self._context.session_factory,
                                                self._context.topic_id)
            self.hint_label.setText(hint_text(question))
        if changes.touches(Kind.FACTOR, Kind.FACTOR_COMPARISON, Kind.EVENT, Kind.NOTE_ITEM):
            ids = changes.ids(Kind.FACTOR)
            single = next(iter(ids)) if ids and len(ids) == 1 else None
            self._refresh(single)

    def select(self, kind: Kind, item_id: int) -> bool:
        if kind != Kind.FACTOR or item_id not in self.board.cards:
            return False
        self._choose(item_id)
        self.board.cards[item_id].setFocus()
        return True

    def current_factor(self) -> FactorRow | None:
        return next((f for f in self.rows if f.id == self._selected), None)

    # -- showing -------------------------------------------------------------------------------

    def _refresh(self, select_id: int | None = None) -> None:
        self.rows = service.list_factors(self._context.session_factory, self._context.topic_id)
        for factor in self.rows:
            if factor.id not in self.board.cards:
                self.board.cards[factor.id] = self._new_card(factor)
        for gone in set(self.board.cards) - {f.id for f in self.rows}:
            self.board.remove_card(gone)
        self.board.arrange([f.id for f in self.rows])
        if select_id is not None:
            self._selected = select_id
        if self._selected not in self.board.cards:
            self._selected = self.rows[0].id if self.rows else None
        self._show_cards()
        self.empty_label.setVisible(not self.rows)
        for button in (self.edit_button, self.delete_button):
            button.setEnabled(self._selected is not None)
        self.compare_button.setEnabled(len(self.rows) >= 2)
        self.reset_button.setEnabled(bool(self.rows))

    def _new_card(self, factor: FactorRow) -> FactorCard:
        card = FactorCard(factor, self.board)
        card.clicked.connect(self._choose)
        card.rating_requested.connect(self._on_rating)
        card.move_requested.connect(self._on_move)
        card.step_requested.connect(self._on_step)
        card.justification_settled.connect(self._on_justified)
        card.open_requested.connect(self._commands.open_evidence)
        return card

    def _show_cards(self) -> None:
        for rank, factor in enumerate(self.rows, start=1):
            self.board.cards[factor.id].show_factor(factor, rank, factor.id == self._selected)

    def _choose(self, factor_id: int) -> None:
        if factor_id != self._selected:
            self._selected = factor_id
            self._show_cards()
            self.board_area.ensureWidgetVisible(self.board.cards[factor_id], 0, 20)

    # -- edits ---------------------------------------------------------------------------------

    def _factor(self, factor_id: int) -> FactorRow | None:
        return next((f for f in self.rows if f.id == factor_id), None)

    def move_to(self, factor_id: int, index: int) -> None:
        factor = self._factor(factor_id)
        if factor is not None:
            self._selected = factor_id
            self._commands.move(factor, self.rows.index(factor), index)
            self.board.cards[factor_id].setFocus()

    def _on_dropped(self, factor_id: int, index: int) -> None:
        factor = self._factor(factor_id)
        if factor is not None and self.rows.index(factor) != index:
            self.move_to(factor_id, index)

    def _on_move(self, factor_id: int, offset: int) -> None:
        factor = self._factor(factor_id)
        if factor is not None:
            self.move_to(factor_id, self.rows.index(factor) + offset)

    def _on_step(self, factor_id: int, offset: int) -> None:
        factor = self._factor(factor_id)
        if factor is not None:
            at = max(0, min(len(self.rows) - 1, self.rows.index(factor) + offset))
            self.board.cards[self.rows[at].id].setFocus()

    def _on_rating(self, factor_id: int, value: int) -> None:
        factor = self._factor(factor_id)
        if factor is not None:
            self._selected = factor_id
            if not self._commands.rate(factor, value or None):
                self._show_cards()  # unchanged or refused: put the buttons back as saved

    def _on_justified(self, factor_id: int, text: str) -> None:
        factor = self._factor(factor_id)
        if factor is not None:
            self._commands.justify(factor, text)

    def open_compare_dialog(self) -> CompareDialog:
        dialog = CompareDialog(self.rows, self.current_factor(), self._commands.compare, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _r: setattr(self, "compare_dialog", None))
        self.compare_dialog = dialog
        dialog.open()
        return dialog

    def open_factor_dialog(self, factor: FactorRow | None) -> FactorDialog:
        """Add a factor (None) or edit one's title, kind and explanation; OK saves (undoable)."""
        if factor is None:
            dialog = FactorDialog(self._save_new, None, self)
        else:
            dialog = FactorDialog(lambda fields: self._commands.edit(factor, fields), factor, self)
        dialog.finished.connect(lambda _r: setattr(self, "factor_dialog", None))
        self.factor_dialog = dialog
        dialog.open()
        return dialog

    def _save_new(self, fields: FactorFields) -> None:
        self._refresh(self._commands.add(fields))

    def _on_edit(self) -> None:
        factor = self.current_factor()
        if factor is not None:
            self.open_factor_dialog(factor)

    def _on_delete(self) -> None:
        factor = self.current_factor()
        if factor is not None and self._commands.delete(factor):
            self._context.bus.say(f"Deleted “{factor.title}” — Ctrl+Z brings it back.")

    def _on_compare(self) -> None:
        if len(self.rows) >= 2:
            self.open_compare_dialog()

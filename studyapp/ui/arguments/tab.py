"""The Argument builder tab: a past (or the student's own) question, its two-column argument
table, and the student's judgement.

The tab fetches plain rows from the arguments service and shows them in two `SideColumn`s and
a `JudgementBox`; its commands live in `ArgumentsController`. Whenever the bus says questions,
points or judgements changed (an edit, its undo or redo), it refetches, so the screen always
shows what is saved — and it switches to the question an undo touched, so the student sees it.
"""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from studyapp.db.services import arguments as service
from studyapp.db.services.arguments import PointRow, QuestionRow, question_of_point
from studyapp.domain.changes import Changes, Kind
from studyapp.domain.essay import SIDE_LABELS
from studyapp.ui.arguments.controller import ArgumentsController
from studyapp.ui.arguments.dialogs import PointDialog, PointDraft, QuestionDialog
from studyapp.ui.arguments.view import JudgementBox, SideColumn
from studyapp.ui.context import TabContext

COMBO_TEXT_LENGTH = 70  # characters of a question shown in the chooser; the label has the rest
SIDE_COLUMN = {"for": 0, "similarity": 0, "against": 1, "difference": 1}


def short_title(question: QuestionRow) -> str:
    """ "Specimen — To what extent was Stalin responsible…", cut at a word boundary."""
    text = question.text
    if len(text) > COMBO_TEXT_LENGTH:
        text = text[:COMBO_TEXT_LENGTH].rsplit(" ", 1)[0].rstrip(",;:") + "…"
    return f"{question.exam_source} — {text}"


DialogT = TypeVar("DialogT", bound=QDialog)


class ArgumentsTab(QWidget):
    """Build for-and-against (or similarities-and-differences) tables that become essay plans."""

    def __init__(self, context: TabContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._commands = ArgumentsController(context)
        self._questions: list[QuestionRow] = []
        self._question_id: int | None = None
        self._switching = False  # True while saving the judgement of the question being left
        self._moving: int | None = None  # the point last moved (a move renumbers its column)
        self.active_dialog: QDialog | None = None  # the open form, if any (tests drive it)
        self.question_combo = QComboBox(self)
        self.new_question_button = QPushButton("&New question…", self)
        self.question_text = QLabel(self)
        self.question_meta = QLabel(self)
        self.columns = (SideColumn(self), SideColumn(self))
        self.balance = QLabel(self)
        self.judgement = JudgementBox(self)
        self._build_layout()
        self._connect()

    # -- public --------------------------------------------------------------------------------

    def reload(self) -> None:
        """Fetch questions, points and judgement again; show the Specimen the first time."""
        self.judgement.flush()
        self._refresh(self._question_id)

    def on_changed(self, changes: Changes) -> None:
        """Show the question (and point) that an edit, undo or redo touched."""
        if not changes.touches(Kind.QUESTION, Kind.POINT, Kind.JUDGEMENT, Kind.EVENT):
            return
        question_id, point_id = self._question_id, None
        points = changes.ids(Kind.POINT) or frozenset()
        questions = changes.ids(Kind.QUESTION) or frozenset()
        if len(points) == 1:
            point_id = next(iter(points))
            question_id = question_of_point(self._context.session_factory, point_id)
        elif self._moving is not None and self._moving in points:
            point_id = self._moving
        if len(questions) == 1:
            question_id = next(iter(questions))
        if not self._switching:  # when switching, the new question is shown right after
            self._refresh(question_id or self._question_id, point_id)

    def select(self, kind: Kind, item_id: int) -> bool:
        """Open a question or a point from elsewhere (a search result, a "cited by" link)."""
        sf = self._context.session_factory
        question_id = item_id if kind == Kind.QUESTION else None
        if kind == Kind.POINT:
            question_id = question_of_point(sf, item_id)
        if question_id is None or question_id not in {q.id for q in self._questions}:
            return False
        self.judgement.flush()
        self._refresh(question_id, item_id if kind == Kind.POINT else None)
        return True

    def current_question(self) -> QuestionRow | None:
        return next((q for q in self._questions if q.id == self._question_id), None)

    def column_for(self, side: str) -> SideColumn:
        return self.columns[SIDE_COLUMN.get(side, 0)]

    # -- building ------------------------------------------------------------------------------

    def _build_layout(self) -> None:
        self.question_combo.setAccessibleName("Essay question")
        self.question_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.question_combo.setMinimumContentsLength(40)
        self.question_combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        chooser_label = QLabel("&Question:", self)
        chooser_label.setBuddy(self.question_combo)
        chooser = QHBoxLayout()
        chooser.addWidget(chooser_label)
        chooser.addWidget(self.question_combo, 1)
        chooser.addWidget(self.new_question_button)
        self.question_text.setWordWrap(True)
        self.question_text.setTextFormat(Qt.TextFormat.PlainText)
        self.question_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.question_text.setStyleSheet("font-size: 13pt; font-weight: 600;")
        self.question_meta.setTextFormat(Qt.TextFormat.PlainText)
        self.question_meta.setWordWrap(True)
        self.balance.setAccessibleName("Balance of the argument")
        self.balance.setStyleSheet("font-weight: 600;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.setSpacing(8)
        layout.addLayout(chooser)
        layout.addWidget(self.question_text)
        layout.addWidget(self.question_meta)
        layout.addWidget(self._build_splitter(), 1)

    def _build_splitter(self) -> QSplitter:
        table = QWidget(self)
        columns = QHBoxLayout()
        columns.setSpacing(16)
        for column in self.columns:
            columns.addWidget(column, 1)
        table_layout = QVBoxLayout(table)
        table_layout.setContentsMargins(0, 4, 0, 0)
        table_layout.addLayout(columns, 1)
        table_layout.addWidget(self.balance)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(table)
        splitter.addWidget(self.judgement)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        return splitter

    def _connect(self) -> None:
        self.question_combo.currentIndexChanged.connect(self._on_question_chosen)
        self.new_question_button.clicked.connect(self.open_question_dialog)
        self.judgement.thesis.text_settled.connect(self._on_judgement_settled)
        self.judgement.conclusion.text_settled.connect(self._on_judgement_settled)
        for column in self.columns:
            self._connect_column(column)
        self._context.bus.changed.connect(self.on_changed)

    def _connect_column(self, column: SideColumn) -> None:
        column.view.selectionModel().currentRowChanged.connect(
            lambda current, _previous: self._on_point_chosen(column, current.isValid())
        )
        column.add_button.clicked.connect(lambda: self.open_point_dialog(column.side))
        column.view.add_requested.connect(lambda: self.open_point_dialog(column.side))
        column.edit_button.clicked.connect(lambda: self._on_edit_requested(column))
        column.view.edit_requested.connect(lambda: self._on_edit_requested(column))
        column.delete_button.clicked.connect(lambda: self._on_delete_requested(column))
        column.view.delete_requested.connect(lambda: self._on_delete_requested(column))
        column.up_button.clicked.connect(lambda: self._on_move_requested(column, -1))
        column.down_button.clicked.connect(lambda: self._on_move_requested(column, 1))
        column.view.move_requested.connect(lambda offset: self._on_move_requested(column, offset))
        column.switch_button.clicked.connect(lambda: self._on_switch_side_requested(column))

    # -- showing -------------------------------------------------------------------------------

    def _refresh(self, question_id: int | None = None, point_id: int | None = None) -> None:
        """Refetch everything; show `question_id` (else the current one, else the first)."""
        sf, topic_id = self._context.session_factory, self._context.topic_id
        self._questions = service.list_questions(sf, topic_id)
        ids = [q.id for q in self._questions]
        if self.judgement.pending or question_id not in ids:
            question_id = self._question_id  # never leave half-typed judgement behind
        if question_id not in ids:
            question_id = ids[0] if ids else None
        self._fill_combo(question_id)
        self._show_question(question_id, point_id)

    def _fill_combo(self, question_id: int | None) -> None:
        self.question_combo.blockSignals(True)  # rebuilding the list is not the student choosing
        self.question_combo.clear()
        for question in self._questions:
            self.question_combo.addItem(short_title(question), question.id)
            self.question_combo.setItemData(
                self.question_combo.count() - 1, question.text, Qt.ItemDataRole.ToolTipRole
            )
        self.question_combo.setCurrentIndex(self.question_combo.findData(question_id))
        self.question_combo.blockSignals(False)

    def _show_question(self, question_id: int | None, point_id: int | None = None) -> None:
        self._question_id = question_id
        question = self.current_question()
        self._show_header(question)
        sides = question.sides if question else ("for", "against")
        for position, (column, side, other) in enumerate(
            zip(self.columns, sides, reversed(sides), strict=True)
        ):
            column.set_side(side, other, other_is_right=position == 0)
            column.setEnabled(question is not None)
        self._show_points(point_id)
        if question is not None and not self.judgement.pending:
            judgement = service.get_judgement(self._context.session_factory, question.id)
            self.judgement.show_judgement(judgement.thesis, judgement.conclusion)
        self.judgement.setEnabled(question is not None)

    def _show_header(self, question: QuestionRow | None) -> None:
        if question is None:
            self.question_text.setText("No questions yet: add your own with New question…")
            self.question_meta.clear()
            return
        self.question_text.setText(question.text)
        term = question.command_term or "none recognised"
        left, right = (SIDE_LABELS[side] for side in question.sides)
        parts = [
            question.exam_source,
            question.paper,
            f"Command term: {term}",
            f"Columns: {left} and {right}",
        ]
        self.question_meta.setText(" · ".join(part for part in parts if part))

    def _show_points(self, point_id: int | None) -> None:
        points = (
            service.list_points(self._context.session_factory, self._question_id)
            if self._question_id is not None
            else []
        )
        for index, column in enumerate(self.columns):
            column.show_points([p for p in points if SIDE_COLUMN.get(p.side, 0) == index])
        for column in self.columns:
            column.select_point(point_id)
        self._show_balance()

    def _show_balance(self) -> None:
        def side(column: SideColumn) -> str:
            count = column.model.rowCount()
            noun = "point" if count == 1 else "points"
            weight = column.model.total_weight()
            return f"{SIDE_LABELS[column.side]}: {count} {noun}, weight {weight}"

        self.balance.setText(" · ".join(side(column) for column in self.columns))

    def _on_point_chosen(self, column: SideColumn, chosen: bool) -> None:
        """One selected point across both columns, so the buttons clearly act on it."""
        if chosen:
            for other in self.columns:
                if other is not column:
                    other.clear_point()

    def _on_question_chosen(self, index: int) -> None:
        question_id = self.question_combo.itemData(index)
        if question_id is None or question_id == self._question_id:
            return
        self._switching = True  # the save below must not pull the chooser back
        try:
            self.judgement.flush()  # save for the question it was written about
        finally:
            self._switching = False
        self._show_question(question_id)
        question = self.current_question()
        if question is not None:
            self._context.bus.say(f"Showing {short_title(question)}")

    # -- points --------------------------------------------------------------------------------

    def open_point_dialog(self, side: str, point: PointRow | None = None) -> PointDialog:
        """Open the point form (window-modal, without blocking) for a new or existing point."""
        label = SIDE_LABELS.get(side, side)
        if point is None:
            dialog = PointDialog(
                f"Add a point — {label}", lambda draft: self._add_point(side, draft), parent=self
            )
        else:
            draft = PointDraft(point.claim, point.explanation, point.weight, point.counter)
            dialog = PointDialog(
                f"Edit point — {label}", lambda new: self._edit_point(point, new), draft, self
            )
        return self._open(dialog)

    def _open(self, dialog: DialogT) -> DialogT:
        self.active_dialog = dialog
        dialog.finished.connect(self._on_dialog_finished)
        dialog.open()
        return dialog

    def _on_dialog_finished(self, _result: int) -> None:
        self.active_dialog = None

    def _add_point(self, side: str, draft: PointDraft) -> None:
        if self._question_id is None:
            return
        self._commands.add_point(self._question_id, side, draft.claim, draft.explanation,
                                 draft.weight, draft.counter)  # fmt: skip

    def _on_edit_requested(self, column: SideColumn) -> None:
        point = column.current_point()
        if point is not None:
            self.open_point_dialog(point.side, point)

    def _edit_point(self, point: PointRow, draft: PointDraft) -> None:
        if not self._commands.edit_point(point, draft.claim, draft.explanation, draft.weight,
                                         draft.counter):  # fmt: skip
            self._context.bus.say("Nothing changed.")

    def _on_delete_requested(self, column: SideColumn) -> None:
        point = column.current_point()
        if point is not None:
            self._commands.delete_point(point)

    def _on_move_requested(self, column: SideColumn, offset: int) -> None:
        point = column.current_point()
        if point is None:
            return
        target = column.view.currentIndex().row() + offset
        if not 0 <= target < column.model.rowCount():
            where = "first" if offset < 0 else "last"
            self._context.bus.say(f"That point is already {where} in its column.")
            return
        self._moving = point.id
        self._commands.move_point(point, point.side, target)

    def _on_switch_side_requested(self, column: SideColumn) -> None:
        point = column.current_point()
        question = self.current_question()
        if point is None or question is None:
            return
        other = self.columns[1 - self.columns.index(column)]
        self._moving = point.id
        self._commands.switch_side(point, question, other.model.rowCount())

    # -- questions and judgement ---------------------------------------------------------------

    def open_question_dialog(self) -> QuestionDialog:
        """Open the form for the student's own question (window-modal, without blocking)."""
        return self._open(QuestionDialog(self._add_question, self))

    def _add_question(self, text: str, command_term: str) -> None:
        self._commands.add_question(text, command_term)

    def _on_judgement_settled(self, _text: str) -> None:
        question_id = self._question_id
        if question_id is None:
            return
        thesis = self.judgement.thesis.toPlainText()
        conclusion = self.judgement.conclusion.toPlainText()
        self.judgement.mark_saved()  # one save carries both boxes
        self._commands.set_judgement(question_id, thesis, conclusion)

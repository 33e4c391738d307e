"""The Argument builder tab: the questions (each shown whole), the chosen question's argument
table laid out by its command term, the balance and gaps, the selected point with its evidence
chips, the student's judgement, and the essay plan.

The tab fetches plain rows from the arguments service; its commands live in
`ArgumentsController`. Whenever the bus says questions, points, evidence or judgements changed
(an edit, its undo or redo), it refetches, so the screen always shows what is saved — and it
switches to the question an undo touched, so the student sees it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from studyapp.db.services import arguments as service
from studyapp.db.services.arguments import (
    Candidate,
    EvidenceChip,
    PointRow,
    QuestionRow,
    question_of_point,
)
from studyapp.domain.changes import Changes, Kind
from studyapp.domain.essay import SIDE_LABELS, TABLE_LABELS, judgement_hint
from studyapp.ui.arguments.controller import ArgumentsController
from studyapp.ui.arguments.model import PointCardDelegate, QuestionListModel
from studyapp.ui.arguments.view import (
    BalanceBar,
    JudgementBox,
    PointDetail,
    SideColumn,
)
from studyapp.ui.context import TabContext
from studyapp.ui.theme import icon, set_role

if TYPE_CHECKING:  # the forms are imported when first opened, not when the tab first shows
    from studyapp.ui.arguments.dialogs import PointDialog, PointDraft, QuestionDialog
    from studyapp.ui.arguments.evidence import EvidencePicker
    from studyapp.ui.arguments.historians import HistoriansDialog
    from studyapp.ui.arguments.plan import PlanDialog

DialogT = TypeVar("DialogT", bound=QDialog)
WATCHED = (Kind.QUESTION, Kind.POINT, Kind.JUDGEMENT, Kind.EVENT, Kind.EVIDENCE, Kind.NOTE_ITEM,
           Kind.QUOTE, Kind.FACTOR, Kind.HISTORIAN)  # fmt: skip
LAYOUT_CHOICES = (("", "As the question asks"),
                  *((str(kind), label) for kind, label in TABLE_LABELS.items()))  # fmt: skip


class ArgumentsTab(QWidget):
    """Build for-and-against (or similarities-and-differences, or factor) tables that become
    essay plans."""

    def __init__(self, context: TabContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._commands = ArgumentsController(context)
        self._questions: list[QuestionRow] = []
        self._question_id: int | None = None
        self._switching = False  # True while saving the judgement of the question being left
        self._moving: int | None = None  # the point last moved (a move renumbers its column)
        self.active_dialog: QDialog | None = None  # the open form, if any (tests drive it)
        self.question_model = QuestionListModel(self)
        self.question_list = QListView(self)
        self.new_question_button = QPushButton("&New question…", self)
        self.historians_button = QPushButton("&Historians…", self)
        self.question_text = QLabel(self)
        self.question_meta = QLabel(self)
        self.layout_combo = QComboBox(self)
        self.columns = (SideColumn(self), SideColumn(self))
        self.balance_bar = BalanceBar(self)
        self.balance = QLabel(self)
        self.warnings = QLabel(self)
        self.detail = PointDetail(self)
        self.judgement = JudgementBox(self)
        self.plan_button = QPushButton("Essay &plan…", self)
        self.new_question_button.setIcon(icon("add"))
        self.plan_button.setIcon(icon("export"))
        self._build_layout()
        self._connect()

    # -- public --------------------------------------------------------------------------------

    def reload(self) -> None:
        """Fetch questions, points and judgement again; show the Specimen the first time."""
        self.judgement.flush()
        self._refresh(self._question_id)

    def on_changed(self, changes: Changes) -> None:
        """Show the question (and point) that an edit, undo or redo touched."""
        if not changes.touches(*WATCHED):
            return
        question_id, point_id = self._question_id, self.selected_point_id()
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
        """Open a question, a point or a historian from elsewhere (a chip, a search result)."""
        sf = self._context.session_factory
        if kind == Kind.HISTORIAN:  # a chip citing a historian: show them among the others
            return self.open_historians().select_historian(item_id)
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
        return next((c for c in self.columns if c.side == side), self.columns[0])

    def selected_point(self) -> PointRow | None:
        return next((p for c in self.columns if (p := c.current_point()) is not None), None)

    def selected_point_id(self) -> int | None:
        point = self.selected_point()
        return point.id if point is not None else None

    def choose_question(self, question_id: int) -> None:
        row = self.question_model.row_of(question_id)
        if row is not None:
            self.question_list.setCurrentIndex(self.question_model.index(row, 0))

    # -- building ------------------------------------------------------------------------------

    def _build_layout(self) -> None:
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self._build_questions())
        splitter.addWidget(self._build_table())
        splitter.addWidget(self._build_side())
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 6)
        splitter.setStretchFactor(2, 3)
        splitter.setSizes([230, 700, 320])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(splitter)

    def _build_questions(self) -> QWidget:
        panel = QWidget(self)
        self.question_list.setModel(self.question_model)
        self.question_list.setItemDelegate(PointCardDelegate(self.question_list))
        self.question_list.setWordWrap(True)
        self.question_list.setResizeMode(QListView.ResizeMode.Adjust)
        self.question_list.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        self.question_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.question_list.setAccessibleName("Essay questions")
        self.question_list.setMinimumWidth(170)
        label = QLabel("&Questions", panel)
        label.setBuddy(self.question_list)
        set_role(label, "strong")
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(label)
        layout.addWidget(self.question_list, 1)
        layout.addWidget(self.new_question_button)
        layout.addWidget(self.historians_button)
        return panel

    def _build_table(self) -> QWidget:
        panel = QWidget(self)
        self.question_text.setWordWrap(True)
        self.question_text.setTextFormat(Qt.TextFormat.PlainText)
        self.question_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        set_role(self.question_text, "title")
        self.question_meta.setTextFormat(Qt.TextFormat.PlainText)
        self.question_meta.setWordWrap(True)
        for value, label in LAYOUT_CHOICES:
            self.layout_combo.addItem(label, value)
        self.layout_combo.setAccessibleName("How the table is laid out")
        layout_label = QLabel("&Table:", panel)
        layout_label.setBuddy(self.layout_combo)
        meta = QHBoxLayout()
        meta.addWidget(self.question_meta, 1)
        meta.addWidget(layout_label)
        meta.addWidget(self.layout_combo)
        columns = QHBoxLayout()
        columns.setSpacing(12)
        for column in self.columns:
            columns.addWidget(column, 1)
        self.balance.setAccessibleName("Balance of the argument")
        self.warnings.setWordWrap(True)
        set_role(self.warnings, "warning")
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(4, 0, 4, 0)
        layout.setSpacing(6)
        layout.addWidget(self.question_text)
        layout.addLayout(meta)
        layout.addLayout(columns, 1)
        layout.addWidget(self.balance_bar)
        layout.addWidget(self.balance)
        layout.addWidget(self.warnings)
        return panel

    def _build_side(self) -> QWidget:
        panel = QWidget(self)  # as narrow as the selected point's buttons allow (PointDetail)
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.detail, 1)
        layout.addWidget(self.judgement, 1)
        layout.addWidget(self.plan_button)
        return panel

    def _connect(self) -> None:
        self.question_list.selectionModel().currentRowChanged.connect(
            lambda current, _previous: self._on_question_chosen(current.row()))
        self.new_question_button.clicked.connect(self.open_question_dialog)
        self.historians_button.clicked.connect(self.open_historians)
        self.layout_combo.activated.connect(self._on_layout_chosen)
        self.judgement.thesis.text_settled.connect(self._on_judgement_settled)
        self.judgement.conclusion.text_settled.connect(self._on_judgement_settled)
        self.judgement.thesis.textChanged.connect(self._show_hint)
        self.judgement.conclusion.textChanged.connect(self._show_hint)
        self.detail.open_requested.connect(self._commands.open_evidence)
        self.detail.remove_requested.connect(self._commands.remove_evidence)
        self.detail.attach_button.clicked.connect(self.open_evidence_picker)
        self.detail.edit_button.clicked.connect(self._on_edit_selected)
        self.plan_button.clicked.connect(self.open_plan)
        for column in self.columns:
            self._connect_column(column)
        self._context.bus.changed.connect(self.on_changed)

    def _connect_column(self, column: SideColumn) -> None:
        view = column.view
        view.selectionModel().currentRowChanged.connect(
            lambda current, _previous: self._on_point_chosen(column, current.isValid()))
        column.add_button.clicked.connect(lambda: self.open_point_dialog(column.side))
        view.add_requested.connect(lambda: self.open_point_dialog(column.side))
        view.edit_requested.connect(lambda: self._on_edit_requested(column))
        view.evidence_requested.connect(self.open_evidence_picker)
        view.delete_requested.connect(lambda: self._on_delete_requested(column))
        view.move_requested.connect(lambda offset: self._on_move_requested(column, offset))
        view.switch_requested.connect(lambda: self._on_switch_side_requested(column))
        view.point_dropped.connect(lambda point_id, row: self.drop_point(column, point_id, row))

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
        self._fill_questions(question_id)
        self._show_question(question_id, point_id)

    def _fill_questions(self, question_id: int | None) -> None:
        self.question_list.selectionModel().blockSignals(True)  # not the student choosing
        self.question_model.sync_rows(self._questions)
        row = self.question_model.row_of(question_id) if question_id is not None else None
        if row is not None:
            self.question_list.setCurrentIndex(self.question_model.index(row, 0))
        self.question_list.selectionModel().blockSignals(False)
        self.question_list.doItemsLayout()

    def _show_question(self, question_id: int | None, point_id: int | None = None) -> None:
        self._question_id = question_id
        question = self.current_question()
        self._show_header(question)
        sides = question.sides if question else ("for", "against")
        for index, column in enumerate(self.columns):
            column.setVisible(index < len(sides))
            if index < len(sides):
                column.set_side(sides[index], sides[1 - index] if len(sides) == 2 else "")
            column.setEnabled(question is not None)
        self._show_points(point_id)
        if question is not None and not self.judgement.pending:
            judgement = service.get_judgement(self._context.session_factory, question.id)
            self.judgement.show_judgement(judgement.thesis, judgement.conclusion)
        self.judgement.setEnabled(question is not None)
        self.plan_button.setEnabled(question is not None)
        self._show_hint()

    def _show_header(self, question: QuestionRow | None) -> None:
        if question is None:
            self.question_text.setText("No questions yet: add your own with New question…")
            self.question_meta.clear()
            return
        self.question_text.setText(question.text)
        term = question.command_term or "none recognised"
        parts = [question.exam_source, question.paper, f"Command term: {term}"]
        self.question_meta.setText(" · ".join(part for part in parts if part))
        self.layout_combo.setCurrentIndex(self.layout_combo.findData(question.chosen_table_type))

    def _show_points(self, point_id: int | None) -> None:
        question = self.current_question()
        points = (service.list_points(self._context.session_factory, question.id)
                  if question is not None else [])  # fmt: skip
        for column in self.columns:
            column.show_points([p for p in points if p.side == column.side]
                               if column.isVisibleTo(self) else [])  # fmt: skip
        for column in self.columns:
            column.select_point(point_id)
        self.detail.show_point(self.selected_point())
        self._show_balance(question, points)

    def _show_balance(self, question: QuestionRow | None, points: list[PointRow]) -> None:
        if question is None:
            self.balance_bar.set_weights(())
            self.balance.clear()
            self.warnings.clear()
            return
        result = service.question_balance(self._context.session_factory, question, points)
        self.balance_bar.set_weights(result.weights)

        def side(name: str, weight: int) -> str:
            count = sum(1 for p in points if p.side == name)
            return f"{SIDE_LABELS[name]}: {count} {'point' if count == 1 else 'points'}, " \
                   f"weight {weight}"  # fmt: skip

        self.balance.setText(" · ".join(side(name, weight) for name, weight in result.weights))
        self.warnings.setText("\n".join(result.warnings()))

    def _show_hint(self) -> None:
        question = self.current_question()
        thesis = self.judgement.thesis.toPlainText()
        conclusion = self.judgement.conclusion.toPlainText()
        hint = judgement_hint(question.text, thesis, conclusion) if question else ""
        self.judgement.hint.setText(hint)
        self.judgement.hint.setVisible(bool(hint))

    def _on_point_chosen(self, column: SideColumn, chosen: bool) -> None:
        """One selected point across the columns; the details show it."""
        if chosen:
            for other in self.columns:
                if other is not column:
                    other.clear_point()
        self.detail.show_point(self.selected_point())

    def _on_question_chosen(self, row: int) -> None:
        question = self.question_model.rows[row] if 0 <= row < len(self._questions) else None
        if question is None or question.id == self._question_id:
            return
        self._switching = True  # the save below must not pull the list back
        try:
            self.judgement.flush()  # save for the question it was written about
        finally:
            self._switching = False
        self._show_question(question.id)
        self._context.bus.say(f"Showing the {question.exam_source} question.")

    def _on_layout_chosen(self, index: int) -> None:
        question = self.current_question()
        if question is not None:
            self._commands.set_table_type(question, self.layout_combo.itemData(index))

    # -- points --------------------------------------------------------------------------------

    def open_point_dialog(self, side: str, point: PointRow | None = None) -> PointDialog:
        """Open the point form (window-modal, without blocking) for a new or existing point."""
        from studyapp.ui.arguments.dialogs import PointDialog, PointDraft

        label = SIDE_LABELS.get(side, side)
        if point is None:
            dialog = PointDialog(
                f"Add a point — {label}", lambda draft: self._add_point(side, draft), parent=self
            )
        else:
            draft = PointDraft(point.claim, point.explanation, point.weight, point.counter,
                               point.rebuttal)  # fmt: skip
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
                                 draft.weight, draft.counter, draft.rebuttal)  # fmt: skip

    def _on_edit_requested(self, column: SideColumn) -> None:
        point = column.current_point()
        if point is not None:
            self.open_point_dialog(point.side, point)

    def _on_edit_selected(self) -> None:
        point = self.selected_point()
        if point is not None:
            self.open_point_dialog(point.side, point)

    def _edit_point(self, point: PointRow, draft: PointDraft) -> None:
        if not self._commands.edit_point(point, draft.claim, draft.explanation, draft.weight,
                                         draft.counter, draft.rebuttal):  # fmt: skip
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

    def drop_point(self, column: SideColumn, point_id: int, row: int) -> None:
        """A card dropped on `column` at `row`: reorder, or switch side to that place."""
        point = next((p for c in self.columns for p in c.model.rows if p.id == point_id), None)
        if point is None:
            return
        if point.side == column.side and (column.model.row_of(point.id) or 0) < row:
            row -= 1  # the card leaves its old place above the drop first
        self._moving = point.id
        self._commands.move_point(point, column.side, row)

    # -- evidence, historians, plan ------------------------------------------------------------

    def open_evidence_picker(self) -> EvidencePicker | None:
        point = self.selected_point()
        if point is None:
            self._context.bus.say("Choose a point first, then attach evidence to it.")
            return None

        def attach(candidate: Candidate) -> bool:
            current = next((p for c in self.columns for p in c.model.rows if p.id == point.id),
                           point)  # fmt: skip
            return self._commands.attach_evidence(current, candidate)

        from studyapp.ui.arguments.evidence import EvidencePicker

        return self._open(EvidencePicker(point.claim, self._commands.candidates, attach, self))

    def remove_evidence(self, chip: EvidenceChip) -> None:
        self._commands.remove_evidence(chip)

    def open_historians(self) -> HistoriansDialog:
        from studyapp.ui.arguments.historians import HistoriansDialog

        return self._open(HistoriansDialog(self._commands, self))

    def open_plan(self) -> PlanDialog | None:
        """The essay plan for the current question, to edit, export, print or copy."""
        question = self.current_question()
        if question is None:
            return None
        self.judgement.flush()  # the plan carries the judgement just typed
        markdown = self._commands.plan_markdown(question.id)
        from studyapp.ui.arguments.plan import PlanDialog

        return self._open(PlanDialog(markdown, self._commands.export_plan,
                                     self._context.bus.say, self))  # fmt: skip

    # -- questions and judgement ---------------------------------------------------------------

    def open_question_dialog(self) -> QuestionDialog:
        """Open the form for the student's own question (window-modal, without blocking)."""
        from studyapp.ui.arguments.dialogs import QuestionDialog

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


"""The argument builder's commands — points, evidence, the table's layout, questions,
historians, the judgement and the essay plan — with no widgets.

Each change runs a typed operation from `studyapp.db.operations.arguments` through the one
operation helper. Forms call the `submit`-based methods, which raise `StudentError` so the
sentence stays in the dialog; the others report a refusal in the status bar and return False.
"""

from __future__ import annotations

from pathlib import Path

from studyapp.db.operations import arguments as ops
from studyapp.db.services import arguments as service
from studyapp.db.services.arguments import (
    Candidate,
    EvidenceChip,
    HistorianRow,
    PointRow,
    QuestionRow,
)
from studyapp.domain.changes import Kind
from studyapp.domain.essay import SIDE_LABELS, TABLE_LABELS
from studyapp.domain.text import shorten
from studyapp.ui.context import TabContext


class ArgumentsController:
    def __init__(self, context: TabContext) -> None:
        self._context = context

    def _say(self, sentence: str) -> None:
        self._context.bus.say(sentence)

    # -- points --------------------------------------------------------------------------------

    def add_point(self, question_id: int, side: str, claim: str, explanation: str,
                  weight: int, counter: str, rebuttal: str = "") -> PointRow:  # fmt: skip
        """Raises StudentError (e.g. no claim); the new point otherwise."""
        operation = ops.add_point(question_id, side, claim, explanation, weight, counter,
                                  rebuttal)  # fmt: skip
        point: PointRow = self._context.operations.submit(operation).value
        self._say(f"Added “{shorten(point.claim, 60)}” to {SIDE_LABELS.get(side, side)}.")
        return point

    def edit_point(self, point: PointRow, claim: str, explanation: str, weight: int,
                   counter: str, rebuttal: str = "") -> bool:  # fmt: skip
        """Raises StudentError; False when nothing changed."""
        operation = ops.edit_point(point.id, claim=claim, explanation=explanation, weight=weight,
                                   counter=counter, rebuttal=rebuttal)  # fmt: skip
        return self._context.operations.submit(operation).inverse is not None

    def delete_point(self, point: PointRow) -> bool:
        if self._context.operations.run(ops.delete_point(point.id, point.claim)) is None:
            return False
        self._say(f"Deleted “{shorten(point.claim, 60)}” — Ctrl+Z brings it back.")
        return True

    def move_point(self, point: PointRow, side: str, position: int) -> bool:
        """Reorder within a column or move to the other one; False when refused."""
        operation = ops.move_point(point.id, side, position, point.claim)
        return self._context.operations.run(operation) is not None

    def switch_side(self, point: PointRow, question: QuestionRow, end: int) -> bool:
        """Move a point to the end of the other column (a one-column table has none)."""
        if len(question.sides) < 2:
            self._say("A factor table has one column: there is no other side.")
            return False
        left, right = question.sides
        return self.move_point(point, right if point.side == left else left, end)

    # -- evidence ------------------------------------------------------------------------------

    def candidates(self, text: str, kinds: tuple[Kind, ...]) -> list[Candidate]:
        return service.evidence_candidates(self._context.session_factory,
                                           self._context.topic_id, text, kinds)  # fmt: skip

    def attach_evidence(self, point: PointRow, candidate: Candidate) -> bool:
        operation = ops.add_evidence(point.id, candidate.kind, candidate.id, candidate.label)
        return self._context.operations.run(operation) is not None

    def remove_evidence(self, chip: EvidenceChip) -> bool:
        operation = ops.remove_evidence(chip.evidence_id, chip.label)
        return self._context.operations.run(operation) is not None

    def open_evidence(self, chip: EvidenceChip) -> None:
        """Open the cited item in its tab; a quote opens where the notes quote it."""
        if chip.kind != Kind.QUOTE:
            self._context.bus.open_item(chip.kind, chip.target_id)
            return
        item_id = service.note_item_quoting(self._context.session_factory, chip.target_id)
        if item_id is None:
            self._say("The notes do not quote this; its words are shown beside the point.")
        else:
            self._context.bus.open_item(Kind.NOTE_ITEM, item_id)

    # -- questions -----------------------------------------------------------------------------

    def add_question(self, text: str, command_term: str) -> QuestionRow:
        """Raises StudentError (e.g. empty text); the new question otherwise."""
        operation = ops.add_question(self._context.topic_id, text, command_term)
        question: QuestionRow = self._context.operations.submit(operation).value
        self._say(f"Added your question, laid out as {TABLE_LABELS[question.table_type].lower()}.")
        return question

    def set_table_type(self, question: QuestionRow, table_type: str) -> bool:
        operation = ops.set_table_type(question.id, table_type)
        return self._context.operations.run(operation) is not None

    def set_judgement(self, question_id: int, thesis: str, conclusion: str) -> bool:
        operation = ops.set_judgement(question_id, thesis, conclusion)
        return self._context.operations.run(operation) is not None

    # -- historians ----------------------------------------------------------------------------

    def historians(self) -> list[HistorianRow]:
        return service.list_historians(self._context.session_factory, self._context.topic_id)

    def add_historian(self, name: str, work: str, school: str, stance: str) -> HistorianRow:
        """Raises StudentError (e.g. no name)."""
        operation = ops.add_historian(self._context.topic_id, name, work, school, stance)
        historian: HistorianRow = self._context.operations.submit(operation).value
        return historian

    def edit_historian(self, historian: HistorianRow, name: str, work: str, school: str,
                       stance: str) -> bool:  # fmt: skip
        operation = ops.edit_historian(historian.id, name=name, work=work, school=school,
                                       stance=stance)  # fmt: skip
        return self._context.operations.submit(operation).inverse is not None

    def delete_historian(self, historian: HistorianRow) -> bool:
        operation = ops.delete_historian(historian.id, historian.name)
        return self._context.operations.run(operation) is not None

    # -- the essay plan ------------------------------------------------------------------------

    def plan_markdown(self, question_id: int) -> str:
        return service.plan_markdown(self._context.session_factory, question_id)

    @staticmethod
    def export_plan(markdown: str, fmt: str, path: Path) -> Path:
        """Raises StudentError (unknown format, missing folder) or OSError (disk full…)."""
        from studyapp.export.plan import write_plan

        return write_plan(markdown, fmt, path)

"""The argument builder's commands — points, questions, the judgement — with no widgets.

Each runs a typed operation from `studyapp.db.operations.arguments` through the one operation
helper. Forms call the `submit`-based methods, which raise `StudentError` so the sentence stays
in the dialog; the others report a refusal in the status bar and return False.
"""

from __future__ import annotations

from studyapp.db.operations import arguments as ops
from studyapp.db.services.arguments import PointRow, QuestionRow
from studyapp.domain.essay import SIDE_LABELS
from studyapp.domain.text import shorten
from studyapp.ui.context import TabContext


class ArgumentsController:
    def __init__(self, context: TabContext) -> None:
        self._context = context

    def _say(self, sentence: str) -> None:
        self._context.bus.say(sentence)

    def add_point(self, question_id: int, side: str, claim: str, explanation: str,
                  weight: int, counter: str) -> PointRow:  # fmt: skip
        """Raises StudentError (e.g. no claim); the new point otherwise."""
        operation = ops.add_point(question_id, side, claim, explanation, weight, counter)
        point: PointRow = self._context.operations.submit(operation).value
        self._say(f"Added “{shorten(point.claim, 60)}” to {SIDE_LABELS.get(side, side)}.")
        return point

    def edit_point(self, point: PointRow, claim: str, explanation: str, weight: int,
                   counter: str) -> bool:  # fmt: skip
        """Raises StudentError; False when nothing changed."""
        operation = ops.edit_point(point.id, claim=claim, explanation=explanation, weight=weight,
                                   counter=counter)  # fmt: skip
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
        """Move a point to the end of the other column."""
        left, right = question.sides
        return self.move_point(point, right if point.side == left else left, end)

    def add_question(self, text: str, command_term: str) -> QuestionRow:
        """Raises StudentError (e.g. empty text); the new question otherwise."""
        operation = ops.add_question(self._context.topic_id, text, command_term)
        question: QuestionRow = self._context.operations.submit(operation).value
        left, right = (SIDE_LABELS[side] for side in question.sides)
        self._say(f"Added your question, with {left} and {right} columns.")
        return question

    def set_judgement(self, question_id: int, thesis: str, conclusion: str) -> bool:
        operation = ops.set_judgement(question_id, thesis, conclusion)
        return self._context.operations.run(operation) is not None

"""The factors tab's commands: rank, rate, justify, reset to the notes' order and compare two
factors — no widgets here.

Each runs a typed operation from `studyapp.db.operations.factors` through the one operation
helper; a refusal (already at the top, a rating out of range) is one sentence in the status bar.
"""

from __future__ import annotations

from studyapp.db.operations.factors import (
    FactorFields,
    add_factor,
    compare_factors,
    delete_factor,
    edit_factor,
    justify_factor,
    move_factor,
    rate_factor,
    reset_factor_order,
)
from studyapp.db.services.factors import FactorRow
from studyapp.domain.changes import Kind
from studyapp.ui.context import TabContext


class FactorsController:
    def __init__(self, context: TabContext) -> None:
        self._context = context

    def move(self, factor: FactorRow, from_index: int, to_index: int) -> bool:
        """Move a factor from one rank to another (0 is the top); False when refused."""
        outcome = self._context.operations.run(move_factor(factor.id, to_index, factor.title))
        if outcome is None:
            return False
        self._context.bus.say(
            f"Moved “{factor.title}” from rank {from_index + 1} to {to_index + 1}."
        )
        return True

    def rate(self, factor: FactorRow, importance: int | None) -> bool:
        """Rate 1–5 (None clears); False when refused or unchanged."""
        outcome = self._context.operations.run(rate_factor(factor.id, importance, factor.title))
        if outcome is None or outcome.inverse is None:
            return False
        said = f"{importance} of 5" if importance else "not rated"
        self._context.bus.say(f"Rated “{factor.title}” {said}.")
        return True

    def justify(self, factor: FactorRow, text: str) -> bool:
        outcome = self._context.operations.run(justify_factor(factor.id, text, factor.title))
        return outcome is not None and outcome.inverse is not None

    # -- issue 7: the notes' order and comparisons -----------------------------------------

    def reset_order(self) -> bool:
        """Back to the order the notes give (undoable); False when it already is."""
        outcome = self._context.operations.run(reset_factor_order(self._context.topic_id))
        return outcome is not None and outcome.inverse is not None

    def compare(self, stronger: FactorRow, weaker: FactorRow, reason: str) -> int:
        """Store why `stronger` mattered more; its id. Raises StudentError (for the form)."""
        op = compare_factors(stronger.id, weaker.id, reason, stronger.title, weaker.title)
        return int(self._context.operations.submit(op).value)

    def open_evidence(self, kind: str, item_id: int) -> None:
        self._context.bus.open_item(Kind(kind), item_id)

    # -- issue 13: the student's own factors -----------------------------------------------

    def add(self, fields: FactorFields) -> int:
        """The new factor's id (last in the ranking); raises StudentError for the form."""
        op = add_factor(self._context.topic_id, fields)
        return int(self._context.operations.submit(op).value)

    def edit(self, factor: FactorRow, fields: FactorFields) -> bool:
        """False when nothing changed; raises StudentError."""
        return self._context.operations.submit(edit_factor(factor.id, fields)).inverse is not None

    def delete(self, factor: FactorRow) -> bool:
        """Delete with its evidence and comparisons (Ctrl+Z brings them back)."""
        return self._context.operations.run(delete_factor(factor.id, factor.title)) is not None

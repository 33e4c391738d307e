"""The factors tab's commands: rank, rate and justify — no widgets here.

Each runs a typed operation from `studyapp.db.operations.factors` through the one operation
helper; a refusal (already at the top, a rating out of range) is one sentence in the status bar.
"""

from __future__ import annotations

from studyapp.db.operations.factors import justify_factor, move_factor, rate_factor
from studyapp.db.services.factors import FactorRow
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

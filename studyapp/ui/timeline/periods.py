"""The periods' commands (the timeline's phase bands): add, edit, delete — no widgets.

Each builds a typed operation from `studyapp.db.operations.periods` and runs it through the
one operation helper (undo, status bar, the bus). Forms use `submit`, so a refusal stays in
the dialog with the student's typing; Delete uses `run`, so a refusal goes to the status bar.
"""

from __future__ import annotations

from studyapp.db.operations.periods import PeriodFields, add_period, delete_period, edit_period
from studyapp.db.services.topic import PeriodRow, list_periods
from studyapp.ui.context import TabContext


class PeriodsController:
    def __init__(self, context: TabContext) -> None:
        self._context = context

    def periods(self) -> list[PeriodRow]:
        return list_periods(self._context.session_factory, self._context.topic_id)

    def add(self, fields: PeriodFields) -> int:
        """The new period's id; raises StudentError (nothing written) when refused."""
        return int(self._context.operations.submit(add_period(self._context.topic_id,
                                                              fields)).value)  # fmt: skip

    def edit(self, period: PeriodRow, fields: PeriodFields) -> bool:
        """False when nothing changed; raises StudentError."""
        return self._context.operations.submit(edit_period(period.id, fields)).inverse is not None

    def delete(self, period: PeriodRow) -> bool:
        """Delete (Ctrl+Z brings it back, with its events' links); False when refused."""
        if self._context.operations.run(delete_period(period.id, period.title)) is None:
            return False
        self._context.bus.say(f"Deleted the period '{period.title}'; its events stay — "
                              "Ctrl+Z brings it back.")  # fmt: skip
        return True

"""The timeline's commands: add, edit and delete an event — no widgets here.

Each builds a typed operation from `studyapp.db.operations.events` and runs it through the
one operation helper (`context.operations`), which saves it, puts it on the undo stack, says
so in the status bar and tells every tab through the bus. Forms use `submit` so a refusal
stays inside the dialog with the student's typing; the rest use `run`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from studyapp.db.services.timeline import EventRow
from studyapp.ui.context import TabContext

if TYPE_CHECKING:  # the operations load with the first edit: the first screen needs none
    from studyapp.db.operations.events import EventFields


class TimelineController:
    def __init__(self, context: TabContext) -> None:
        self._context = context

    def add(self, fields: EventFields) -> EventRow:
        """Add the student's event; raises StudentError (nothing written) when refused."""
        from studyapp.db.operations.events import add_event

        operation = add_event(self._context.topic_id, fields)
        row: EventRow = self._context.operations.submit(operation).value
        return row

    def edit(self, event_id: int, fields: EventFields) -> bool:
        """Save the form's fields; False when nothing changed. Raises StudentError."""
        from studyapp.db.operations.events import edit_event

        outcome = self._context.operations.submit(edit_event(event_id, fields))
        return outcome.inverse is not None

    def delete(self, row: EventRow) -> bool:
        """Delete an event (Ctrl+Z brings it back); False when refused."""
        from studyapp.db.operations.events import delete_event

        return self._context.operations.run(delete_event(row.id, row.title)) is not None

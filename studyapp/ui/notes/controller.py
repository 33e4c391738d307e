"""The phase notes' commands: an item's wording, the student's annotation, "learnt" — no widgets.

Each runs a typed operation from `studyapp.db.operations.notes` through the one operation
helper, which saves it, pushes it for undo, reports it and tells every tab through the bus.
"""

from __future__ import annotations

from studyapp.db.operations.notes import annotate_item, edit_note_item, set_learnt
from studyapp.db.services.notes import ItemRow
from studyapp.domain.text import shorten
from studyapp.ui.context import TabContext


def short(text: str, limit: int = 40) -> str:
    """The start of an item's text, for labels and sentences."""
    return shorten(text, limit)


class NotesController:
    def __init__(self, context: TabContext) -> None:
        self._context = context

    def edit_text(self, item: ItemRow, text: str) -> bool:
        """Reword an item; False when unchanged. Raises StudentError (e.g. empty text)."""
        outcome = self._context.operations.submit(edit_note_item(item.id, text))
        return outcome.inverse is not None

    def annotate(self, item: ItemRow, annotation: str) -> bool:
        """Write (or, with empty text, remove) the student's own note. Raises StudentError."""
        outcome = self._context.operations.submit(annotate_item(item.id, annotation, item.text))
        return outcome.inverse is not None

    def set_learnt(self, item: ItemRow, learnt: bool) -> bool:
        """Tick or untick an item; False when refused or unchanged (the bar says why)."""
        outcome = self._context.operations.run(set_learnt(item.id, learnt, item.text))
        return outcome is not None and outcome.inverse is not None

"""The phase notes' undoable edits: an item's wording, the student's annotation, "learnt".

Each is one `update_fields` on the note item, pushed with `undo.push` so it is saved at once and
Ctrl+Z puts the previous values back. `after(item_id)` runs after do, undo and redo so the tab
can redraw the one item (and go back to its section if the student has moved on).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from studyapp.db.services.edits import EditError, update_fields
from studyapp.db.services.notes import ItemRow
from studyapp.domain.text import shorten
from studyapp.ui import undo
from studyapp.ui.context import TabContext

TABLE = "note_item"
AfterEdit = Callable[[int], None]


def short(text: str, limit: int = 40) -> str:
    """The start of an item's text, for the Edit menu's "Undo …" entry."""
    return shorten(text, limit)


class NoteEdits:
    """Undoable writes for the notes tab; it only needs the services and the undo stack."""

    def __init__(self, context: TabContext) -> None:
        self._context = context

    def _push(self, text: str, item: ItemRow, changes: dict[str, Any], after: AfterEdit) -> None:
        factory = self._context.session_factory
        undo.push(
            self._context.undo_stack, text,
            lambda: update_fields(factory, TABLE, item.id, changes),
            lambda previous: update_fields(factory, TABLE, item.id, previous),
            lambda: after(item.id),
        )  # fmt: skip

    def edit_text(self, item: ItemRow, text: str, after: AfterEdit) -> bool:
        """Change the item's wording; False when unchanged. Empty text is refused."""
        text = text.strip()
        if not text:
            raise EditError("A note needs some text; write what it should say.")
        if text == item.text:
            return False
        self._push(f"Edit note '{short(text)}'", item, {"text": text}, after)
        return True

    def annotate(self, item: ItemRow, annotation: str, after: AfterEdit) -> bool:
        """Write (or, with empty text, remove) the student's own note on an item."""
        annotation = annotation.strip()
        if annotation == item.annotation:
            return False
        verb = "Annotate" if annotation else "Remove note from"
        self._push(f"{verb} '{short(item.text)}'", item, {"annotation": annotation}, after)
        return True

    def set_learnt(self, item: ItemRow, learnt: bool, after: AfterEdit) -> bool:
        if learnt == item.learnt:
            return False
        verb = "Mark learnt" if learnt else "Mark not learnt"
        self._push(f"{verb}: '{short(item.text)}'", item, {"learnt": learnt}, after)
        return True

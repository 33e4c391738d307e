"""Phase-notes operations: reword an item, annotate it, mark it learnt."""

from __future__ import annotations

from studyapp.db.operations.base import Operation
from studyapp.db.operations.rows import FieldEdit
from studyapp.db.operations.validation import validate_note_item
from studyapp.domain.changes import Kind
from studyapp.domain.text import shorten


def _item_edit(item_id: int, field: str, value: object, label: str) -> Operation:
    return FieldEdit(Kind.NOTE_ITEM, item_id, {field: value}, validate_note_item, label)


def edit_note_item(item_id: int, text: str) -> Operation:
    """Reword an item (marks a pack item as the student's own)."""
    return _item_edit(item_id, "text", text, f"Edit note '{shorten(text.strip(), 40)}'")


def annotate_item(item_id: int, annotation: str, item_text: str = "") -> Operation:
    """Write the student's own note on an item; empty text removes it."""
    verb = "Annotate" if annotation.strip() else "Remove your note from"
    return _item_edit(item_id, "annotation", annotation, f"{verb} '{shorten(item_text, 40)}'")


def set_learnt(item_id: int, learnt: bool, item_text: str = "") -> Operation:
    verb = "Mark learnt" if learnt else "Mark not learnt"
    return _item_edit(item_id, "learnt", learnt, f"{verb}: '{shorten(item_text, 40)}'")

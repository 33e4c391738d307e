"""The timeline's undoable edits: add, edit and delete an event through the services.

Each edit is one `undo.push`: it is saved at once and lands on the shared undo stack. `after(id)`
runs after every do, undo and redo with the id of the event concerned, so the tab can refresh
the one row and select it. Adding keeps the event's id across undo and redo (`undo.CreatedRow`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from studyapp.db.services.edits import EditError, delete_row, restore_row, update_fields
from studyapp.db.services.timeline import EventRow, add_event
from studyapp.ui import undo
from studyapp.ui.context import TabContext
from studyapp.ui.timeline.dialogs import EventDraft

TABLE = "event"
AfterEdit = Callable[[int], None]


def draft_changes(row: EventRow, draft: EventDraft) -> dict[str, Any]:
    """The fields the draft changes, ready for `update_fields`; empty when nothing changed."""
    wanted = {
        "title": draft.title, "date_label": draft.date_label or draft.edtf, "edtf": draft.edtf,
        "category": draft.category, "key_date": draft.key_date, "description": draft.description,
        "page_ref": draft.page_ref, "check_note": draft.check_note, "old_style": draft.old_style,
        "period_id": draft.period_id,
    }  # fmt: skip
    return {field: value for field, value in wanted.items() if getattr(row, field) != value}


class TimelineEdits:
    """Undoable writes for the timeline tab; it only needs the services and the stack."""

    def __init__(self, context: TabContext) -> None:
        self._context = context

    @property
    def _factory(self) -> Any:
        return self._context.session_factory

    def add(self, draft: EventDraft, after: AfterEdit) -> int:
        """Add the student's event; raises DateError/EditError (nothing is written then)."""
        created = undo.CreatedRow(self._factory, TABLE, lambda: self._insert(draft))
        row = undo.push(
            self._context.undo_stack, f"Add event '{draft.title}'", created.do, created.undo,
            lambda: after(created.row_id),  # type: ignore[arg-type]
        )  # fmt: skip
        return row.id

    def _insert(self, draft: EventDraft) -> EventRow:
        return add_event(
            self._factory, self._context.topic_id, title=draft.title, edtf=draft.edtf,
            date_label=draft.date_label, category=draft.category,
            description=draft.description, key_date=draft.key_date, page_ref=draft.page_ref,
            check_note=draft.check_note, old_style=draft.old_style, period_id=draft.period_id,
        )  # fmt: skip

    def edit(self, row: EventRow, draft: EventDraft, after: AfterEdit) -> bool:
        """Save the draft's changes to `row`; False when nothing changed (nothing is pushed)."""
        if not draft.title:
            raise EditError("An event needs a title.")
        changes = draft_changes(row, draft)
        if not changes:
            return False
        undo.push(
            self._context.undo_stack, f"Edit event '{draft.title}'",
            lambda: update_fields(self._factory, TABLE, row.id, changes),
            lambda previous: update_fields(self._factory, TABLE, row.id, previous),
            lambda: after(row.id),
        )  # fmt: skip
        return True

    def delete(self, row: EventRow, after: AfterEdit) -> None:
        undo.push(
            self._context.undo_stack, f"Delete event '{row.title}'",
            lambda: delete_row(self._factory, TABLE, row.id),
            lambda snapshot: restore_row(self._factory, snapshot),
            lambda: after(row.id),
        )  # fmt: skip

"""The phase notes' commands: an item's wording, the student's annotation, "learnt", confidence
in a section, the student's own items and sections — no widgets.

Each runs a typed operation from `studyapp.db.operations.notes` through the one operation
helper, which saves it, pushes it for undo, reports it and tells every tab through the bus.
"""

from __future__ import annotations

from studyapp.db.operations.key_terms import add_key_term, delete_key_term, edit_key_term
from studyapp.db.operations.notes import (
    add_note_item,
    add_note_section,
    annotate_item,
    delete_note_item,
    edit_note_item,
    set_confidence,
    set_highlighted,
    set_learnt,
)
from studyapp.db.services.key_terms import KeyTermRow
from studyapp.db.services.notes import ItemRow, SectionRow
from studyapp.domain.changes import Kind
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

    def set_confidence(self, section: SectionRow, confidence: str) -> bool:
        """Not yet, shaky or secure; False when unchanged or refused (the bar says why)."""
        outcome = self._context.operations.run(set_confidence(section.id, confidence,
                                                              section.title))  # fmt: skip
        return outcome is not None and outcome.inverse is not None

    def add_item(self, section: SectionRow, text: str) -> int:
        """The student's own item, last in `section`; its id. Raises StudentError (empty)."""
        return int(self._context.operations.submit(add_note_item(section.id, text)).value)

    def add_section(self, parent: SectionRow | None, title: str) -> int:
        """The student's own section under `parent` (top level when None); its id."""
        parent_id = parent.id if parent is not None else None
        op = add_note_section(self._context.topic_id, parent_id, title)
        return int(self._context.operations.submit(op).value)

    def delete_item(self, item: ItemRow) -> bool:
        return self._context.operations.run(delete_note_item(item.id, item.text)) is not None

    def open_event(self, event_id: int) -> None:
        """A date chip: the main window opens the event in the Timeline tab."""
        self._context.bus.open_item(Kind.EVENT, event_id)

    def set_highlighted(self, item: ItemRow, highlighted: bool) -> bool:
        outcome = self._context.operations.run(set_highlighted(item.id, highlighted, item.text))
        return outcome is not None and outcome.inverse is not None

    # -- key terms ------------------------------------------------------------------------------

    def add_key_term(self, term: str, meaning: str, section_id: int | None) -> int:
        """The student's own term; its id. Raises StudentError (the dialog shows it)."""
        op = add_key_term(self._context.topic_id, term, meaning, section_id)
        return int(self._context.operations.submit(op).value)

    def edit_key_term(self, row: KeyTermRow, term: str, meaning: str,
                      section_id: int | None) -> bool:  # fmt: skip
        """New wording or section; False when nothing changed. Raises StudentError."""
        outcome = self._context.operations.submit(edit_key_term(row.id, term, meaning, section_id))
        return outcome.inverse is not None

    def delete_key_term(self, row: KeyTermRow) -> bool:
        return self._context.operations.run(delete_key_term(row.id, row.term)) is not None

"""Phase-notes operations: reword an item, annotate it, mark it learnt; say how confident the
student is about a section; add (and delete) their own items and sections."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from studyapp.db.models import SOURCE_USER, NoteItem, NoteSection
from studyapp.db.operations.base import Operation, Outcome
from studyapp.db.operations.rows import DeleteRow, FieldEdit, get_row, new_user_key, next_position
from studyapp.db.operations.validation import validate_note_item, validate_note_section
from studyapp.domain.changes import Changes, Kind
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


def set_highlighted(item_id: int, highlighted: bool, item_text: str = "") -> Operation:
    verb = "Highlight" if highlighted else "Remove the highlight from"
    return _item_edit(item_id, "highlighted", highlighted, f"{verb} '{shorten(item_text, 40)}'")


# -- Issue 7: confidence per section, the student's own items and sections -----------------

CONFIDENCE_LABELS = {"not-yet": "not yet", "shaky": "shaky", "secure": "secure"}


def set_confidence(section_id: int, confidence: str, title: str = "section") -> Operation:
    """How sure the student feels about a section: not-yet, shaky or secure."""
    said = CONFIDENCE_LABELS.get(confidence, confidence)
    return FieldEdit(Kind.NOTE_SECTION, section_id, {"confidence": confidence},
                     validate_note_section, f"Mark “{shorten(title, 40)}” {said}")  # fmt: skip


@dataclass(frozen=True)
class AddNoteItem:
    """The student's own bullet, last in its section; undo deletes it, redo restores it."""

    section_id: int
    text: str
    label: str

    def apply(self, session: Session) -> Outcome:
        values = validate_note_item({"text": self.text})
        get_row(session, Kind.NOTE_SECTION, self.section_id)
        position = next_position(session, NoteItem.position, NoteItem.section_id == self.section_id)
        item = NoteItem(section_id=self.section_id, key=new_user_key(), source=SOURCE_USER,
                        user_modified=False, kind="point", text=values["text"],
                        position=position, annotation="", learnt=False)  # fmt: skip
        session.add(item)
        session.flush()
        return Outcome(Changes.of(Kind.NOTE_ITEM, item.id),
                       DeleteRow(Kind.NOTE_ITEM, item.id, self.label), item.id)  # fmt: skip


def add_note_item(section_id: int, text: str) -> Operation:
    return AddNoteItem(section_id, text, f"Add note '{shorten(text.strip(), 40)}'")


@dataclass(frozen=True)
class AddNoteSection:
    """The student's own section, last among its siblings (top level when `parent_id` is None)."""

    topic_id: int
    parent_id: int | None
    title: str
    label: str

    def apply(self, session: Session) -> Outcome:
        values = validate_note_section({"title": self.title})
        if self.parent_id is not None:
            get_row(session, Kind.NOTE_SECTION, self.parent_id)
        siblings = (NoteSection.parent_id.is_(None) if self.parent_id is None
                    else NoteSection.parent_id == self.parent_id)  # fmt: skip
        position = next_position(session, NoteSection.position,
                                 NoteSection.topic_id == self.topic_id, siblings)  # fmt: skip
        section = NoteSection(topic_id=self.topic_id, parent_id=self.parent_id, key=new_user_key(),
                              source=SOURCE_USER, user_modified=False, title=values["title"],
                              intro="", position=position, confidence="not-yet")  # fmt: skip
        session.add(section)
        session.flush()
        undo = DeleteRow(Kind.NOTE_SECTION, section.id, self.label)
        return Outcome(Changes.of(Kind.NOTE_SECTION, section.id), undo, section.id)


def add_note_section(topic_id: int, parent_id: int | None, title: str) -> Operation:
    return AddNoteSection(topic_id, parent_id, title, f"Add section '{shorten(title.strip(), 40)}'")


def delete_note_item(item_id: int, text: str = "") -> Operation:
    """Delete an item (a pack item leaves a tombstone, so a pack update does not bring it back)."""
    return DeleteRow(Kind.NOTE_ITEM, item_id, f"Delete note '{shorten(text, 40)}'")


def delete_note_section(section_id: int, title: str = "") -> Operation:
    return DeleteRow(Kind.NOTE_SECTION, section_id, f"Delete section '{shorten(title, 40)}'")

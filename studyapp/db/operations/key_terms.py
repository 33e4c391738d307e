"""Key-term operations: the student adds a term of their own, rewords one (a pack term becomes
theirs, so a pack update leaves it alone), moves it to another section, or deletes it (a pack
term leaves a tombstone). Each returns its inverse, so all of them are undoable."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from studyapp.db.models import SOURCE_USER, KeyTerm, NoteSection
from studyapp.db.operations.base import Operation, Outcome
from studyapp.db.operations.rows import DeleteRow, FieldEdit, new_user_key, next_position
from studyapp.db.operations.validation import validate_key_term
from studyapp.domain.changes import Changes, Kind
from studyapp.domain.errors import StudentError
from studyapp.domain.text import shorten


def _check_section(session: Session, topic_id: int, section_id: int | None) -> None:
    if section_id is None:
        return
    found = session.scalar(select(NoteSection.topic_id).where(NoteSection.id == section_id))
    if found != topic_id:
        raise StudentError("That section is no longer in your notes.")


@dataclass(frozen=True)
class AddKeyTerm:
    """The student's own term, last in the topic's glossary; undo deletes it, redo restores it."""

    topic_id: int
    term: str
    meaning: str
    section_id: int | None
    label: str

    def apply(self, session: Session) -> Outcome:
        values = validate_key_term({"term": self.term, "meaning": self.meaning,
                                    "section_id": self.section_id})  # fmt: skip
        _check_section(session, self.topic_id, values["section_id"])
        position = next_position(session, KeyTerm.position, KeyTerm.topic_id == self.topic_id)
        row = KeyTerm(topic_id=self.topic_id, key=new_user_key(), source=SOURCE_USER,
                      user_modified=False, term=values["term"], meaning=values["meaning"],
                      section_id=values["section_id"], position=position)  # fmt: skip
        session.add(row)
        session.flush()
        return Outcome(Changes.of(Kind.KEY_TERM, row.id),
                       DeleteRow(Kind.KEY_TERM, row.id, self.label), row.id)  # fmt: skip


def add_key_term(
    topic_id: int, term: str, meaning: str, section_id: int | None = None
) -> Operation:
    return AddKeyTerm(topic_id, term, meaning, section_id,
                      f"Add key term “{shorten(term.strip(), 40)}”")  # fmt: skip


@dataclass(frozen=True)
class EditKeyTerm:
    """New wording (and section) for a term; checks the section belongs to the term's topic."""

    term_id: int
    term: str
    meaning: str
    section_id: int | None
    label: str

    def apply(self, session: Session) -> Outcome:
        row = session.get(KeyTerm, self.term_id)
        if row is None:
            raise StudentError("That key term no longer exists.")
        _check_section(session, row.topic_id, self.section_id)
        values = {"term": self.term, "meaning": self.meaning, "section_id": self.section_id}
        return FieldEdit(Kind.KEY_TERM, self.term_id, values, validate_key_term,
                         self.label).apply(session)  # fmt: skip


def edit_key_term(term_id: int, term: str, meaning: str, section_id: int | None) -> Operation:
    return EditKeyTerm(term_id, term, meaning, section_id,
                       f"Edit key term “{shorten(term.strip(), 40)}”")  # fmt: skip


def delete_key_term(term_id: int, term: str = "") -> Operation:
    return DeleteRow(Kind.KEY_TERM, term_id, f"Delete key term “{shorten(term, 40)}”")

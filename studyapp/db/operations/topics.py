"""Topic operations: start a new topic in the app, rename one, remove one.

A topic made here gets a pack id of its own ("my-…"), so it can be shared as a pack and
imported elsewhere like any other. Removing a topic deletes it with everything in it; the
inverse restores the whole snapshot, so Undo brings it back with the same ids.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from dataclasses import dataclass

from sqlalchemy.orm import Session

from studyapp.db.models import SOURCE_USER, NoteSection, Topic
from studyapp.db.operations.base import Operation, Outcome
from studyapp.db.operations.rows import DeleteRow, FieldEdit, new_user_key
from studyapp.db.operations.validation import validate_topic
from studyapp.db.services.topic import topic_row
from studyapp.domain.changes import Changes, Kind
from studyapp.domain.text import shorten

MADE_HERE_PREFIX = "my-"
# Starting shapes for a topic's notes: section titles, in order.
TEMPLATES: dict[str, tuple[str, ...]] = {
    "Empty": (),
    "Causes, course and consequences": (
        "Background", "Causes", "Course", "Consequences", "Historians' views",
    ),
    "Phases": ("Aims and context", "Phase 1", "Phase 2", "Phase 3", "Assessment"),
    "Compare two states or leaders": (
        "The first", "The second", "Similarities", "Differences", "Historians' views",
    ),
}  # fmt: skip


@dataclass(frozen=True)
class TopicFields:
    title: str
    period_label: str = ""
    exam: str = ""
    paper: str = ""
    factors_question: str = ""  # optional: what the factors tab asks the student to rank for


@dataclass(frozen=True)
class CreateTopic:
    fields: TopicFields
    template: str
    label: str

    def apply(self, session: Session) -> Outcome:
        values = validate_topic(dict(self.fields.__dict__))
        sections = TEMPLATES.get(self.template)
        if sections is None:
            raise KeyError(f"no topic template called {self.template!r}")
        topic = Topic(pack_id=_pack_id(values["title"]), version="1.0.0",
                      imported_at=dt.datetime.now(dt.UTC), **values)  # fmt: skip
        session.add(topic)
        session.flush()
        for position, title in enumerate(sections):
            session.add(NoteSection(topic_id=topic.id, key=new_user_key(),
                                    source=SOURCE_USER, user_modified=False, title=title,
                                    position=position))  # fmt: skip
        session.flush()
        return Outcome(Changes.of(Kind.TOPIC, topic.id), DeleteRow(Kind.TOPIC, topic.id),
                       topic_row(topic))  # fmt: skip


def create_topic(fields: TopicFields, template: str = "Empty") -> Operation:
    return CreateTopic(fields, template, f"New topic '{shorten(fields.title.strip(), 40)}'")


def rename_topic(topic_id: int, title: str) -> Operation:
    return FieldEdit(Kind.TOPIC, topic_id, {"title": title}, validate_topic,
                     f"Rename topic to '{shorten(title.strip(), 40)}'")  # fmt: skip


def remove_topic(topic_id: int, title: str) -> Operation:
    return DeleteRow(Kind.TOPIC, topic_id, f"Remove topic '{shorten(title, 40)}'")


def is_made_here(pack_id: str) -> bool:
    return pack_id.startswith(MADE_HERE_PREFIX)


def _pack_id(title: str) -> str:
    """A pack id of the schema's shape: `my-` + a slug of the title + a short random tail."""
    slug = re.sub(r"[^a-z0-9]+", "-", title.casefold()).strip("-")[:50].strip("-") or "topic"
    return f"{MADE_HERE_PREFIX}{slug}-{uuid.uuid4().hex[:6]}"

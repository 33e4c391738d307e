"""Write a TimelineJS file's events and eras into the current topic, as one operation.

Rows are matched on keys derived from the file (see `studyapp.packs.timelinejs`), so importing
the same file again updates what changed and adds nothing twice. Like a pack import, a row the
student edited (`user_modified`) or deleted (a tombstone) is left exactly as it is; imported rows
carry source "pack" for that reason, so deleting one leaves a tombstone.

Categories: TimelineJS `group` text becomes the event's category as written (the timeline shows
it as is, beside the built-in categories); an event without a group gets "other".
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from studyapp.db.models import SOURCE_PACK, Event, PackTombstone, Period, Topic
from studyapp.db.operations.base import Outcome
from studyapp.db.operations.topics import CreateTopic, TopicFields
from studyapp.domain.changes import Changes
from studyapp.domain.dates import parse
from studyapp.domain.errors import StudentError
from studyapp.packs.timelinejs import TimelineEra, TimelineEvent, TimelineFile

NO_GROUP = "other"
CATEGORY_LENGTH = 40  # Event.category's column size
POSITION_BASE = 20_000  # after the pack's own events when two share a date


@dataclass
class TimelineImportReport:
    name: str
    added: Counter[str] = field(default_factory=Counter)
    updated: Counter[str] = field(default_factory=Counter)
    kept: Counter[str] = field(default_factory=Counter)
    skipped: int = 0

    def summary(self) -> str:
        events = (self.added["event"], self.updated["event"], self.kept["event"])
        eras = self.added["period"] + self.updated["period"]
        sentence = (
            f"Imported {self.name}: {events[0]} events added, {events[1]} updated, "
            f"{events[2]} of your edits kept"
        )
        if eras:
            sentence += f", {eras} periods added or updated"
        if self.skipped:
            sentence += f", {self.skipped} empty slides skipped"
        return sentence + "."


@dataclass(frozen=True)
class ImportTimeline:
    """The operation: import `timeline` into topic `topic_id`. Not undoable (like a pack)."""

    topic_id: int
    timeline: TimelineFile

    @property
    def label(self) -> str:
        return f"Import {self.timeline.name}"

    def apply(self, session: Session) -> Outcome:
        report = _Importer(session, self.topic_id, self.timeline).run()
        return Outcome(Changes.everything(), None, value=report, summary=report.summary())


class _Importer:
    def __init__(self, session: Session, topic_id: int, timeline: TimelineFile) -> None:
        self.session, self.topic_id, self.timeline = session, topic_id, timeline
        self.report = TimelineImportReport(timeline.name, skipped=timeline.skipped)
        rows = session.execute(
            select(PackTombstone.table_name, PackTombstone.key).where(
                PackTombstone.topic_id == topic_id
            )
        )
        self.tombstones = {(table, key) for table, key in rows}

    def run(self) -> TimelineImportReport:
        last = self.session.scalar(
            select(func.max(Period.position)).where(Period.topic_id == self.topic_id)
        )
        for offset, era in enumerate(self.timeline.eras, start=1):
            self._upsert(Period, era.key, _period_values(era, (last or 0) + offset))
        for position, event in enumerate(self.timeline.events, start=POSITION_BASE):
            self._upsert(Event, event.key, _event_values(event, position))
        return self.report

    def _upsert(self, model: Any, key: str, values: dict[str, Any]) -> None:  # a PackRowMixin model
        table = model.__tablename__
        if (table, key) in self.tombstones:
            self.report.kept[table] += 1
            return
        row = self.session.scalars(
            select(model).where(model.topic_id == self.topic_id, model.key == key)
        ).first()
        if row is None:
            self.session.add(
                model(topic_id=self.topic_id, key=key, source=SOURCE_PACK, user_modified=False,
                      **values)  # fmt: skip
            )
            self.report.added[table] += 1
        elif row.source != SOURCE_PACK or row.user_modified:
            self.report.kept[table] += 1
        elif _refresh(row, values):
            self.report.updated[table] += 1


def _refresh(row: Any, values: dict[str, Any]) -> bool:
    changed = False
    for column, value in values.items():
        if column != "position" and getattr(row, column) != value:
            setattr(row, column, value)
            changed = True
    return changed


def _event_values(event: TimelineEvent, position: int) -> dict[str, Any]:
    date = parse(event.edtf)
    return {
        "title": event.title[:500], "description": event.description, "edtf": date.edtf,
        "date_label": event.date_label[:200], "start": date.start_iso, "end": date.end_iso,
        "precision": date.precision.value,
        "category": (event.group or NO_GROUP)[:CATEGORY_LENGTH], "position": position,
    }  # fmt: skip


def _period_values(era: TimelineEra, position: int) -> dict[str, Any]:
    date = parse(era.edtf)
    return {
        "title": era.title[:500], "edtf": date.edtf, "start": date.start_iso,
        "end": date.end_iso, "position": position,
    }  # fmt: skip


# -- issue 13: a TimelineJS file as a topic of its own --------------------------------------------


@dataclass(frozen=True)
class ImportTimelineAsTopic:
    """Make a new topic titled from the file (its headline, else its name) and import the file
    into it, in one transaction. Not undoable, like every import. A topic of the same title
    already there is refused in a sentence: importing the file into it is the way to update it.
    The outcome's value is `(TopicRow, TimelineImportReport)`."""

    timeline: TimelineFile

    @property
    def label(self) -> str:
        return f"Import {self.timeline.name} as a new topic"

    def apply(self, session: Session) -> Outcome:
        title = self.timeline.title.strip()[:500] or self.timeline.name
        same = topic_titled(session, title)
        if same is not None:
            raise StudentError(already_a_topic(same.title))
        created = CreateTopic(TopicFields(title=title), "Empty", self.label).apply(session)
        topic = created.value
        report = _Importer(session, topic.id, self.timeline).run()
        return Outcome(Changes.everything(), None, value=(topic, report),
                       summary=report.summary())  # fmt: skip


def topic_titled(session: Session, title: str) -> Topic | None:
    """The topic whose title is `title`, ignoring case and surrounding spaces."""
    wanted = title.strip().casefold()
    return next((t for t in session.scalars(select(Topic)) if t.title.strip().casefold()
                 == wanted), None)  # fmt: skip


def already_a_topic(title: str) -> str:
    return (f"You already have a topic called “{title}”: import the file into it instead "
            "(its events are updated, not added twice), or rename that topic first.")

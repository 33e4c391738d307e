"""The topic commands — make, rename, remove, share — with no widgets.

Making, renaming and removing are operations through the one runner (undoable; removing a
topic keeps a snapshot, and a backup of the whole file is taken first). Sharing writes a pack
file atomically.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from studyapp.db.operations.topics import TopicFields, create_topic, remove_topic, rename_topic
from studyapp.db.pack_export import export_topic
from studyapp.db.services import SessionFactory
from studyapp.db.services.topic import TopicRow, TopicSummary, list_topics, topic_summaries
from studyapp.export.files import write_text
from studyapp.ui.operations import OperationRunner

if TYPE_CHECKING:  # the TimelineJS reader is imported when a file is, not at start-up
    from studyapp.db.timeline_import import TimelineImportReport
    from studyapp.packs.timelinejs import TimelineFile

Imported = tuple[TopicRow, "TimelineImportReport"]  # the topic a file went into, and what it added


class TopicsController:
    def __init__(self, session_factory: SessionFactory, runner: OperationRunner,
                 back_up: Callable[[str], Path]) -> None:  # fmt: skip
        self.session_factory = session_factory
        self._runner = runner
        self._back_up = back_up

    def topics(self) -> list[TopicRow]:
        return list_topics(self.session_factory)

    def summaries(self) -> list[TopicSummary]:
        return topic_summaries(self.session_factory)

    def create(self, fields: TopicFields, template: str) -> TopicRow:
        """Raises StudentError (e.g. no title) for the form to show."""
        topic: TopicRow = self._runner.submit(create_topic(fields, template)).value
        return topic

    def rename(self, topic: TopicRow, title: str) -> bool:
        """Raises StudentError; False when the title did not change."""
        return self._runner.submit(rename_topic(topic.id, title)).inverse is not None

    def rename_or_say(self, topic: TopicRow, title: str) -> bool:
        """Rename from a plain input box: a refusal goes to the status bar."""
        outcome = self._runner.run(rename_topic(topic.id, title))
        return outcome is not None and outcome.inverse is not None

    def remove(self, topic: TopicRow) -> Path | None:
        """Back the file up, then remove the topic (Ctrl+Z brings it back). The backup's path."""
        backup = self._back_up("before-removing-a-topic")
        if self._runner.run(remove_topic(topic.id, topic.title)) is None:
            return None
        self._runner.bus.say(f"Removed '{topic.title}' — Ctrl+Z brings it back; a backup of "
                             f"your notes from just before is in {backup.parent}.")  # fmt: skip
        return backup

    def share(self, topic: TopicRow, path: Path, *, with_my_work: bool) -> None:
        """Write the topic as a pack file; raises StudentError when the file cannot be written."""
        pack = export_topic(self.session_factory, topic.id, study_state=with_my_work)
        write_text(path, json.dumps(pack, ensure_ascii=False, indent=1) + "\n")
        self._runner.bus.say(f"Saved '{topic.title}' as {path.name}: anyone can import it.")

    # -- issue 13: a TimelineJS file as a new topic ------------------------------------------

    def topic_titled(self, title: str) -> TopicRow | None:
        wanted = title.strip().casefold()
        return next((t for t in self.topics() if t.title.strip().casefold() == wanted), None)

    def say(self, sentence: str) -> None:
        self._runner.bus.say(sentence)

    def import_as_topic(self, timeline: TimelineFile) -> Imported | None:
        """Back up, then make a topic of the file; the new topic and what was imported, or None
        when refused (the status bar says why). Not undoable, like every import: the undo
        stack is cleared."""
        from studyapp.db.timeline_import import ImportTimelineAsTopic

        if not self._back_up_or_say("before-import"):
            return None
        outcome = self._runner.run(ImportTimelineAsTopic(timeline))
        if outcome is None:
            return None
        self._runner.stack.clear()  # an import is not undoable; older commands may not apply
        imported: Imported = outcome.value
        return imported

    def merge_into(self, topic: TopicRow, timeline: TimelineFile) -> Imported | None:
        """Back up, then import the file into `topic` (updating what is already there)."""
        from studyapp.db.timeline_import import ImportTimeline

        if not self._back_up_or_say("before-import"):
            return None
        outcome = self._runner.run(ImportTimeline(topic.id, timeline))
        if outcome is None:
            return None
        self._runner.stack.clear()
        report: TimelineImportReport = outcome.value
        return topic, report

    def _back_up_or_say(self, reason: str) -> bool:
        """A backup before an import, which cannot be undone; without one, nothing is done."""
        from studyapp.db.backup import BackupError

        try:
            self._back_up(reason)
        except BackupError as error:
            self._runner.bus.say(f"Nothing was imported: {error}")
            return False
        return True

    @staticmethod
    def already_a_topic(title: str) -> str:
        from studyapp.db.timeline_import import already_a_topic

        return already_a_topic(title)

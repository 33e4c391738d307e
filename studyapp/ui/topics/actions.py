"""The window's topic actions — Open topic (Ctrl+O), New topic…, Manage topics…, Share topic… —
and the switcher beside the menus. `show_topic` is the window's: it rebuilds the tabs.

Built before the window paints, so the database modules (SQLAlchemy) are imported only when an
action runs, never at start-up.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMainWindow, QMenu, QMessageBox

from studyapp.domain.changes import Changes, Kind
from studyapp.ui.topics.switcher import TopicSwitcher

if TYPE_CHECKING:
    from studyapp.db.operations.topics import TopicFields
    from studyapp.db.services.topic import TopicRow
    from studyapp.ui.topics.controller import TopicsController
    from studyapp.ui.topics.dialogs import ManageTopicsDialog, NewTopicDialog, ShareTopicDialog

LAST_TOPIC = "topic/last"
LAST_STUDIED = "topic/studied/"  # + pack id → the date the topic was last shown


class TopicActions:
    """Owns the switcher and the File-menu topic entries; asks the window to show a topic."""

    def __init__(self, window: QMainWindow, menu: QMenu, settings: Callable[[], QSettings],
                 show_topic: Callable[[TopicRow], None]) -> None:  # fmt: skip
        self._window, self._settings, self._show_topic = window, settings, show_topic
        self.controller: TopicsController | None = None
        self.current: TopicRow | None = None
        self.switcher = TopicSwitcher(window)
        self.switcher.topic_chosen.connect(self.switch_to)
        self.switcher.hide()  # until there are topics to switch between
        self.actions = [
            self._add(menu, "&Open topic…", self.switcher.open_list, "Ctrl+O"),
            self._add(menu, "&New topic…", self.open_new_topic_dialog, "Ctrl+Shift+N"),
            self._add(menu, "&Manage topics…", self.open_manager),
            self._add(menu, "&Share this topic as a file…", self.open_share_dialog),
        ]
        # Beside File ▸ Import a TimelineJS file (the window puts it there), not with these.
        self.import_as_topic_action = self._add(
            menu, "Import a TimelineJS file as a ne&w topic…", self._on_import_as_topic)
        self.actions.append(self.import_as_topic_action)
        self.set_enabled(False)

    def _add(self, menu: QMenu, text: str, slot: Callable[[], object],
             keys: str | None = None) -> QAction:  # fmt: skip
        action = QAction(text, self._window)
        if keys:
            action.setShortcut(QKeySequence(keys))
        action.triggered.connect(lambda _checked=False: slot())
        menu.addAction(action)
        return action

    def set_enabled(self, enabled: bool) -> None:
        for action in self.actions:
            action.setEnabled(enabled)
        self.switcher.setEnabled(enabled)

    # -- start-up and switching ----------------------------------------------------------------

    def start(self, controller: TopicsController, first: TopicRow) -> TopicRow:
        """The topic to open: the one the student had last, else `first`."""
        self.controller = controller
        self.set_enabled(True)
        self.switcher.show()
        remembered = self._settings().value(LAST_TOPIC)
        topics = controller.topics()
        return next((t for t in topics if t.pack_id == remembered), first)

    def shown(self, topic: TopicRow) -> None:
        """The window now shows `topic`: remember it, and when it was last studied."""
        self.current = topic
        settings = self._settings()
        settings.setValue(LAST_TOPIC, topic.pack_id)
        settings.setValue(LAST_STUDIED + topic.pack_id, dt.date.today().isoformat())
        self.refresh()

    def refresh(self) -> None:
        if self.controller is not None:
            topics = self.controller.topics()
            self.switcher.set_topics(topics, self.current.id if self.current else None)

    def on_changed(self, changes: Changes) -> None:
        """Topics made, renamed, removed (or brought back by undo): keep the list true."""
        if not changes.touches(Kind.TOPIC) or self.controller is None:
            return
        topics = self.controller.topics()
        current = next((t for t in topics if self.current and t.id == self.current.id), None)
        if current is None and topics:
            self._show_topic(topics[0])  # the one shown was removed
        elif current is not None and current != self.current:
            self._show_topic(current)  # renamed: the title bar and tabs say so
        else:
            self.refresh()

    def switch_to(self, topic_id: int) -> None:
        if self.controller is None or (self.current and self.current.id == topic_id):
            return
        topic = next((t for t in self.controller.topics()
                      if t.id == topic_id), None)  # fmt: skip
        if topic is not None:
            self._show_topic(topic)

    # -- dialogs -------------------------------------------------------------------------------

    def open_new_topic_dialog(self) -> NewTopicDialog:
        from studyapp.ui.topics.dialogs import NewTopicDialog

        dialog = NewTopicDialog(self._create, self._window)
        dialog.open()
        return dialog

    def _create(self, fields: TopicFields, template: str) -> None:
        assert self.controller is not None
        topic = self.controller.create(fields, template)
        self._show_topic(topic)

    def open_share_dialog(self, topic: TopicRow | None = None) -> ShareTopicDialog | None:
        topic = topic or self.current
        if topic is None or self.controller is None:
            return None
        from studyapp.ui.topics.dialogs import ShareTopicDialog

        controller = self.controller
        slug = re.sub(r"[^A-Za-z0-9]+", "-", topic.title).strip("-") or "topic"
        suggested = Path.home() / f"{slug}.json"
        dialog = ShareTopicDialog(topic.title, suggested, lambda path, mine: controller.share(
            topic, path, with_my_work=mine), self._window)  # fmt: skip
        dialog.open()
        return dialog

    def open_manager(self) -> ManageTopicsDialog | None:
        if self.controller is None:
            return None
        from studyapp.ui.topics.dialogs import ManageTopicsDialog

        dialog = ManageTopicsDialog(self._window)
        self._fill_manager(dialog)
        dialog.rename_button.clicked.connect(lambda: self._rename_chosen(dialog))
        dialog.share_button.clicked.connect(lambda: self.open_share_dialog(self._chosen(dialog)))
        dialog.remove_button.clicked.connect(lambda: self._remove_chosen(dialog))
        dialog.open()
        return dialog

    def _fill_manager(self, dialog: ManageTopicsDialog) -> None:
        assert self.controller is not None
        summaries = self.controller.summaries()
        settings = self._settings()
        studied = {s.topic.pack_id: _day(settings.value(LAST_STUDIED + s.topic.pack_id))
                   for s in summaries}  # fmt: skip
        dialog.show_summaries(summaries, studied, self.current.id if self.current else None)

    def _chosen(self, dialog: ManageTopicsDialog) -> TopicRow | None:
        if self.controller is None:
            return None
        chosen = dialog.chosen_id()
        return next((t for t in self.controller.topics()
                     if t.id == chosen), None)  # fmt: skip

    def _rename_chosen(self, dialog: ManageTopicsDialog) -> None:
        topic = self._chosen(dialog)
        if topic is None or self.controller is None:
            return
        title, ok = QInputDialog.getText(dialog, "Rename topic", "New &title:", text=topic.title)
        if ok:
            self.controller.rename_or_say(topic, title)
            self._fill_manager(dialog)

    def _remove_chosen(self, dialog: ManageTopicsDialog) -> None:
        topic = self._chosen(dialog)
        if topic is None or self.controller is None:
            return
        summary = next(s for s in self.controller.summaries() if s.topic.id == topic.id)
        answer = QMessageBox.question(
            dialog, "Remove this topic?",
            f"Remove '{topic.title}' with its {summary.events} events, {summary.note_items} "
            f"notes and {summary.points} argument points? A backup is taken first, and "
            "Edit ▸ Undo brings it back.",
        )  # fmt: skip
        if answer == QMessageBox.StandardButton.Yes:
            self.controller.remove(topic)
            self._fill_manager(dialog)

    # -- issue 13: a TimelineJS file as a new topic -------------------------------------------

    def _on_import_as_topic(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self._window, "Import a TimelineJS file as a new topic", str(Path.home()),
            "TimelineJS files (*.json *.csv)",
        )  # fmt: skip
        if path:
            self.import_as_new_topic(Path(path))

    def import_as_new_topic(
        self, path: Path, ask: Callable[[str], bool] | None = None
    ) -> TopicRow | None:
        """Make a topic of the file (titled from its headline, else its name) and show it.

        When a topic of that title is there already (the same file imported before), a second
        copy would only confuse: `ask` offers to import into that topic instead, which updates
        its events without adding any twice. The topic shown at the end, or None.
        """
        from studyapp.domain.errors import StudentError
        from studyapp.packs.timelinejs import read_timeline_file

        controller = self.controller
        if controller is None:
            return None
        try:
            timeline = read_timeline_file(path)
        except StudentError as refusal:
            controller.say(str(refusal))
            return None
        same = controller.topic_titled(timeline.title or timeline.name)
        if same is None:
            imported = controller.import_as_topic(timeline)
        else:
            question = (controller.already_a_topic(same.title) + "\n\nImport the file into "
                        f"“{same.title}” now?")  # fmt: skip
            if not (ask or self._ask)(question):
                controller.say("Nothing was imported.")
                return None
            imported = controller.merge_into(same, timeline)
        if imported is None:
            return None
        topic, report = imported
        self.switch_to(topic.id)
        controller.say(report.summary())  # after the switch, which names the topic
        return topic

    def _ask(self, question: str) -> bool:
        answer = QMessageBox.question(self._window, "This topic is here already", question)
        return answer == QMessageBox.StandardButton.Yes


def _day(stored: object) -> str:
    """ "Today", "Yesterday" or "3 Nov 2026" from a remembered ISO date; "Not yet" without one."""
    try:
        day = dt.date.fromisoformat(str(stored))
    except ValueError:
        return "Not yet"
    days = (dt.date.today() - day).days
    return {0: "Today", 1: "Yesterday"}.get(days, f"{day.day} {day:%b %Y}")

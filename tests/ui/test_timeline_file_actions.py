"""File ▸ Import a TimelineJS file and File ▸ Export the timeline, as the window will call them."""

from __future__ import annotations

import csv
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from studyapp.db.operations.events import EventFields, add_event
from studyapp.db.services.timeline import list_events
from studyapp.ui.timeline.file_actions import (
    ExportTimelineDialog,
    import_timeline_file,
    timeline_file_actions,
)
from studyapp.ui.timeline.tab import TimelineTab

SAMPLES = Path(__file__).parents[1] / "data" / "timelinejs"


def test_the_actions_have_student_words(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    def no_backup(reason: str) -> Path:
        raise AssertionError("nothing to back up without a database")

    texts = [action.text() for action in timeline_file_actions(parent, lambda: None, no_backup)]
    assert texts == ["Import a &TimelineJS file…", "E&xport the timeline…"]
    for action in timeline_file_actions(parent, lambda: None, no_backup):
        action.trigger()  # no database yet: nothing happens, nothing raises


def test_importing_a_sample_shows_on_the_timeline_and_twice_adds_nothing(
    open_tab, tab_context, database
):
    from studyapp.db.backup import list_backups

    def back_up(reason: str) -> Path:
        return database.backup(reason).path

    tab = open_tab(TimelineTab)
    tab_context.operations.run(add_event(tab_context.topic_id, EventFields("Mine", "1950")))
    assert tab_context.undo_stack.count() == 1
    said: list[str] = []
    tab_context.bus.message.connect(said.append)
    before = len(list_backups(database.backups_dir))
    report = import_timeline_file(tab_context, SAMPLES / "eras.json", back_up)
    assert report is not None and report.added["event"] > 0
    backups = list_backups(database.backups_dir)  # the merge took a backup first
    assert len(backups) == before + 1 and any("before-import" in b.name for b in backups)
    total = len(list_events(tab_context.session_factory, tab_context.topic_id))
    assert tab.model.rowCount() == total > 45  # the tab heard Changes.everything()
    assert said[-1] == report.summary()
    assert tab_context.undo_stack.count() == 0
    again = import_timeline_file(tab_context, SAMPLES / "eras.json", back_up)
    assert again is not None and not again.added["event"] and not again.updated["event"]
    assert len(list_events(tab_context.session_factory, tab_context.topic_id)) == total


def test_a_file_that_is_not_a_timeline_is_one_sentence(tmp_path, tab_context):
    bad = tmp_path / "broken.json"
    bad.write_text("{not json", encoding="utf-8")
    said: list[str] = []
    tab_context.bus.message.connect(said.append)
    def back_up(reason: str) -> Path:
        raise AssertionError("a file that cannot be read is refused before any backup")

    assert import_timeline_file(tab_context, bad, back_up) is None
    assert len(said) == 1 and said[0].endswith(".") and "broken.json" in said[0]
    assert len(list_events(tab_context.session_factory, tab_context.topic_id)) == 44


def test_export_writes_every_event_as_csv(qtbot, tmp_path, tab_context):
    dialog = ExportTimelineDialog(tab_context)
    qtbot.addWidget(dialog)
    dialog.format_combo.setCurrentIndex(dialog.format_combo.findData("csv"))
    dialog.path_edit.setText(str(tmp_path / "timeline.csv"))
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    with (tmp_path / "timeline.csv").open(encoding="utf-8", newline="") as file:
        rows = list(csv.DictReader(file))
    assert len(rows) == 44


def test_format_choice_changes_the_file_ending(qtbot, tmp_path, tab_context):
    dialog = ExportTimelineDialog(tab_context)
    qtbot.addWidget(dialog)
    dialog.path_edit.setText(str(tmp_path / "stalin.pdf"))
    dialog.format_combo.setCurrentIndex(dialog.format_combo.findData("ics"))
    assert dialog.path_edit.text() == str(tmp_path / "stalin.ics")


def test_export_to_a_missing_folder_keeps_the_dialog_open(qtbot, tmp_path, tab_context):
    dialog = ExportTimelineDialog(tab_context)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.format_combo.setCurrentIndex(dialog.format_combo.findData("json"))
    dialog.path_edit.setText(str(tmp_path / "nowhere" / "timeline.json"))
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and "does not exist" in dialog.error_label.text()
    assert not (tmp_path / "nowhere").exists()

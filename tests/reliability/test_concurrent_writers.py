"""Two processes editing one data folder at once: writes take turns, none is lost.

Each writer adds points through the real operation path (`perform`: BEGIN IMMEDIATE, busy
timeout), and records every point it was told was saved. A deferred BEGIN that reads, then
writes, failed at once with "database is locked" for about a quarter of such edits; with
IMMEDIATE the second writer waits its turn.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

from studyapp.db.services.arguments import list_points, list_questions

EDITS_PER_WRITER = 150

WRITER = textwrap.dedent("""
    import json, sys
    from studyapp import paths
    from studyapp.db.database import open_database
    from studyapp.db.operations.arguments import add_point
    from studyapp.db.operations.base import perform
    from studyapp.domain.errors import StudentError

    home, name, question_id, count = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    database = open_database(paths.resolve(home), import_bundled=False)
    saved, refused = [], []
    print("ready", flush=True)
    sys.stdin.readline()  # start together
    for i in range(count):
        claim = f"{name} edit {i}"
        try:
            perform(database.session_factory, add_point(question_id, "for", claim))
            saved.append(claim)
        except StudentError as error:
            refused.append(str(error))
    database.close()
    print(json.dumps({"saved": saved, "refused": refused}), flush=True)
""")


def test_two_writers_lose_no_edit_they_reported_saved(database, session_factory, topic, app_paths):
    question = list_questions(session_factory, topic.id)[2]
    database.close()  # the writers are the only ones holding the file
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(app_paths.data), name, str(question.id),
             str(EDITS_PER_WRITER)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
        )  # fmt: skip
        for name in ("first", "second")
    ]
    for writer in writers:
        assert writer.stdout.readline().strip() == "ready"
    for writer in writers:
        writer.stdin.write("go\n")
        writer.stdin.flush()
    results = [json.loads(writer.communicate(timeout=120)[0].splitlines()[-1])
               for writer in writers]  # fmt: skip

    stored = {p.claim for p in list_points(session_factory, question.id)}
    for result in results:
        assert result["refused"] == [], result["refused"][:3]
        assert len(result["saved"]) == EDITS_PER_WRITER
        assert set(result["saved"]) <= stored
    positions = [p.position for p in list_points(session_factory, question.id)
                 if p.claim.startswith(("first edit", "second edit"))]  # not the starters
    assert len(positions) == len(set(positions)) == 2 * EDITS_PER_WRITER


def test_a_write_that_cannot_get_the_lock_is_one_sentence_and_keeps_the_form(
    qtbot, app_paths, first_run_template, monkeypatch
):
    """Another program holds the write lock past the busy timeout: the student is told, and
    the form stays open with what they typed."""
    import shutil
    import sqlite3

    from PySide6.QtCore import Qt
    from PySide6.QtGui import QUndoStack

    from studyapp.db import engine
    from studyapp.db.database import open_database
    from studyapp.db.services.topic import current_topic
    from studyapp.ui.arguments.tab import ArgumentsTab
    from studyapp.ui.bus import ChangeBus
    from studyapp.ui.context import TabContext
    from studyapp.ui.operations import OperationRunner

    monkeypatch.setattr(engine, "BUSY_TIMEOUT_MS", 300)
    app_paths.ensure()
    shutil.copyfile(first_run_template, app_paths.database)
    database = open_database(app_paths)
    stack, bus = QUndoStack(), ChangeBus()
    topic = current_topic(database.session_factory)
    runner = OperationRunner(database.session_factory, stack, bus)
    tab = ArgumentsTab(TabContext(database.session_factory, topic.id, runner, bus))
    qtbot.addWidget(tab)
    tab.reload()
    dialog = tab.open_point_dialog("for")
    qtbot.keyClicks(dialog.claim, "Stalin wanted a buffer zone.")

    other = sqlite3.connect(app_paths.database, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another program is writing, and takes its time
    try:
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        assert dialog.isVisible() and "busy in another StudyApp" in dialog.error_label.text()
        assert dialog.claim.toPlainText() == "Stalin wanted a buffer zone."
        assert stack.count() == 0
    finally:
        other.rollback()
        other.close()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)  # the lock is free again
    assert not dialog.isVisible() and stack.count() == 1
    stack.clear()
    database.close()

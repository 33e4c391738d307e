"""Feedback for slow work: the preparing view at start-up, and the progress dialog whose
Cancel leaves nothing half-done (an import rolled back, no export or backup file written)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QProgressDialog, QPushButton, QWidget

from studyapp.db.backup import list_backups
from studyapp.db.services.timeline import list_events
from studyapp.ui.progress import Cancelled, run_with_progress, write_with_progress
from tests.conftest import table_counts


def _cancel_soon(parent: QWidget, then: Callable[[], None] = lambda: None) -> None:
    """Press Cancel on the progress dialog as soon as the event loop turns, then call `then`."""

    def cancel() -> None:
        dialog = parent.findChild(QProgressDialog)
        if dialog is None:
            QTimer.singleShot(5, cancel)
        else:
            dialog.findChild(QPushButton).click()
            then()

    QTimer.singleShot(0, cancel)


def _cancel_while_working(window, monkeypatch, method: str) -> None:
    """Press Cancel while `window.database.<method>` is still at work, whatever the machine's
    speed: its first `check()` waits for the press, as on a slow disk. Without this, a small
    database can be backed up (or a small pack imported) before the event loop turns once."""
    pressed = threading.Event()
    real = getattr(window.database, method)

    def slow(*args, check, **kwargs):
        def check_after_the_press() -> None:
            assert pressed.wait(10), "Cancel was never pressed"
            check()

        return real(*args, check=check_after_the_press, **kwargs)

    monkeypatch.setattr(window.database, method, slow)
    _cancel_soon(window, then=pressed.set)


@pytest.fixture
def parent(qtbot) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.show()
    return widget


@pytest.mark.parametrize("in_thread", [True, False])
def test_the_work_result_and_its_errors_come_back(parent, in_thread):
    assert run_with_progress(parent, "Adding…", lambda check: 2 + 3, in_thread=in_thread) == 5
    with pytest.raises(ValueError, match="bad"):
        run_with_progress(parent, "Failing…", lambda check: int("bad"), in_thread=in_thread)
    assert parent.findChild(QProgressDialog) is None or \
        not parent.findChild(QProgressDialog).isVisible()  # fmt: skip


@pytest.mark.parametrize("in_thread", [True, False])
def test_cancel_stops_the_work_at_its_next_check(parent, in_thread):
    steps: list[int] = []

    def slow(check) -> None:
        for step in range(500):
            check()
            steps.append(step)
            time.sleep(0.01)

    _cancel_soon(parent)
    with pytest.raises(Cancelled):
        run_with_progress(parent, "Working…", slow, in_thread=in_thread)
    assert len(steps) < 500


def test_the_dialog_shows_only_after_half_a_second(parent, qtbot):
    seen: list[bool] = []

    def slow(check) -> None:
        for _ in range(90):
            check()
            time.sleep(0.01)

    QTimer.singleShot(100, lambda: seen.append(parent.findChild(QProgressDialog).isVisible()))
    QTimer.singleShot(800, lambda: seen.append(parent.findChild(QProgressDialog).isVisible()))
    run_with_progress(parent, "Working…", slow)
    assert seen == [False, True]


def test_a_cancelled_export_leaves_the_old_file_and_no_other(parent, tmp_path):
    target = tmp_path / "notes.md"
    target.write_text("yesterday's notes", "utf-8")

    def write(staging) -> None:
        staging.write_text("half of today's", "utf-8")
        parent.findChild(QProgressDialog).findChild(QPushButton).click()  # Cancel, meanwhile

    with pytest.raises(Cancelled):
        write_with_progress(parent, "Exporting…", target, write, in_thread=False)
    assert target.read_text("utf-8") == "yesterday's notes"
    assert [p.name for p in tmp_path.iterdir()] == ["notes.md"]

    write_with_progress(parent, "Exporting…", target, lambda p: p.write_text("today", "utf-8"))
    assert target.read_text("utf-8") == "today"
    assert [p.name for p in tmp_path.iterdir()] == ["notes.md"]


def test_a_cancelled_import_changes_nothing(main_window, pack_file, monkeypatch):
    def add_kursk(pack):
        pack["pack"]["version"] = "1.1.0"
        pack["events"].append({"key": "kursk", "title": "Battle of Kursk", "category": "war",
                               "date": "1943-07-05/1943-08-23", "date_label": "1943"})  # fmt: skip

    newer = pack_file(add_kursk)
    database = main_window.database
    before = table_counts(database)
    _cancel_while_working(main_window, monkeypatch, "import_pack")
    main_window.import_pack(newer)
    assert table_counts(database) == before
    assert main_window.statusBar().currentMessage() == "Import cancelled: nothing was changed."
    monkeypatch.undo()

    main_window.import_pack(newer)  # not cancelled: it goes through
    assert "Battle of Kursk" in {e.title for e in list_events(database.session_factory,
                                                               main_window.context.topic_id)}


def test_an_import_stopped_between_steps_is_rolled_back(database, pack_file):
    calls: list[int] = []

    def stop_at_the_fourth_step() -> None:
        calls.append(1)
        if len(calls) == 4:
            raise Cancelled

    before = table_counts(database)
    newer = pack_file(lambda pack: pack["pack"].update(version="1.2.0"))
    with pytest.raises(Cancelled):
        database.import_pack(newer, check=stop_at_the_fourth_step)
    assert table_counts(database) == before


def test_a_cancelled_backup_leaves_no_file(main_window, monkeypatch):
    backups = main_window.paths.backups
    before = list_backups(backups)
    _cancel_while_working(main_window, monkeypatch, "backup")
    main_window.safety.back_up_now()
    assert list_backups(backups) == before
    assert not [p for p in backups.iterdir() if p.name.endswith(".partial")] if backups.exists() \
        else True  # fmt: skip
    assert "Backup cancelled" in main_window.statusBar().currentMessage()


def test_a_first_run_says_what_it_is_preparing(window):
    from PySide6.QtWidgets import QTabWidget

    said = " | ".join(window.message_log.lines())
    assert "Adding the bundled study pack to your new notes…" in said
    assert isinstance(window.centralWidget(), QTabWidget)  # the tabs replaced the view


def test_an_ordinary_start_builds_no_preparing_view(main_window):
    said = " | ".join(main_window.message_log.lines())
    assert "study pack" not in said


def test_the_writers_sentence_and_path_name_the_students_file_not_the_hidden_one(parent, tmp_path):
    deck, plan = tmp_path / "deck.apkg", tmp_path / "plan.docx"

    def write_deck(path):
        path.write_text("cards", "utf-8")
        return f"Wrote 3 cards to {path}; import it into Anki."

    def write_plan(path):
        path.write_text("plan", "utf-8")
        return path

    assert write_with_progress(parent, "Exporting…", deck, write_deck) == \
        f"Wrote 3 cards to {deck}; import it into Anki."  # fmt: skip
    assert write_with_progress(parent, "Exporting…", plan, write_plan, in_thread=False) == plan
    assert sorted(p.name for p in tmp_path.iterdir()) == ["deck.apkg", "plan.docx"]
    assert deck.read_text("utf-8") == "cards" and plan.read_text("utf-8") == "plan"

"""The window's side of data safety: Back up now, Restore from backup…, timed backups while
there are changes, the recovery dialog for a damaged file, and errors that never go unseen
(an exception in a thread, a critical Qt message)."""

from __future__ import annotations

import logging
import threading

from PySide6.QtCore import QTimer, qCritical, qWarning
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox
from sqlalchemy import text

from studyapp.db.backup import list_backups
from studyapp.db.database import open_database
from studyapp.ui import safety
from studyapp.ui.app import install_exception_hooks
from studyapp.ui.main_window import MainWindow
from studyapp.ui.tabs import TABS
from tests.reliability.conftest import flip


def _answer_next_box(button_text: str | None = None) -> list[str]:
    """Answer the next modal box (clicking `button_text`, or accepting); record its text."""
    seen: list[str] = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            seen.append(box.text())
            for button in box.buttons():
                if button_text and button.text() == button_text:
                    button.click()
                    return
            box.accept()
        elif isinstance(box, QDialog):
            seen.append(box.windowTitle())
            box.accept()
        else:
            QTimer.singleShot(20, answer)

    QTimer.singleShot(20, answer)
    return seen


def _factor_justifications(database) -> set[str]:
    with database.engine.connect() as connection:
        return {row[0] for row in connection.execute(text("SELECT justification FROM factor"))}


def test_file_menu_backs_up_and_restores_through_the_dialog(window, qtbot, app_paths):
    file_menu = window.menuBar().actions()[0].menu()
    texts = [action.text() for action in file_menu.actions()]
    assert "&Back up now" in texts and "&Restore from backup…" in texts
    window.safety.backup_action.trigger()
    assert "Backed up your notes to" in window.statusBar().currentMessage()
    [first] = list_backups(app_paths.backups)

    with window.database.engine.begin() as connection:
        connection.execute(text("UPDATE factor SET justification = 'regretted'"))
    seen = _answer_next_box()  # the dialog lists the backup, newest first, chosen already
    window.safety.restore_action.trigger()
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    assert seen == ["Restore from backup"]
    assert "regretted" not in _factor_justifications(window.database)
    assert window.statusBar().currentMessage().startswith("Restored the backup from")
    reasons = [info.reason for info in list_backups(app_paths.backups)]
    assert reasons == ["before-restore", "manual"] and first.name in {
        info.name for info in list_backups(app_paths.backups)}  # fmt: skip
    assert window.tabs[0].model.rowCount() == 44


def test_timed_backups_happen_only_when_something_changed(window, app_paths):
    assert window.safety.timer.isActive()
    assert window.safety.timer.interval() == 30 * 60 * 1000
    window.database.changed = False
    window.safety.auto_backup()
    assert list_backups(app_paths.backups) == []  # nothing changed: no backup
    with window.database.session_factory.begin() as session:
        session.execute(text("UPDATE factor SET justification = 'changed'"))
    assert window.database.changed
    window.safety.auto_backup()
    assert [info.reason for info in list_backups(app_paths.backups)] == ["auto"]
    window.safety.auto_backup()  # no change since: still one
    window.safety.backup_on_close()
    assert len(list_backups(app_paths.backups)) == 1


def test_a_damaged_file_offers_the_newest_backup_then_opens_it(qtbot, app_paths):
    database = open_database(app_paths)
    database.backup("manual")
    database.close()
    flip(app_paths.database, 0, 16)
    damaged_bytes = app_paths.database.read_bytes()
    win = MainWindow(app_paths)
    qtbot.addWidget(win)
    with qtbot.waitSignal(win.open_damaged, timeout=15_000) as signal:
        win.show()
    error = signal.args[0]
    assert app_paths.database.read_bytes() == damaged_bytes  # untouched until the choice
    when = f"{error.newest_backup.taken_at:%d %b %Y %H:%M}"
    seen = _answer_next_box(f"Restore the backup from {when}")
    assert safety.ask_recovery(win, error) == safety.RESTORE_CHOICE
    assert "cannot be opened as a StudyApp database" in seen[0]
    safety.recover_and_reopen(win, error, safety.RESTORE_CHOICE)
    qtbot.waitUntil(lambda: win.database is not None and len(win.tabs) == len(TABS),
                    timeout=15_000)  # fmt: skip
    try:
        assert win.tabs[0].model.rowCount() == 44
        [kept] = list(app_paths.data.glob("studyapp.db.damaged-*"))
        assert kept.read_bytes() == damaged_bytes
    finally:
        win.close_database()


def test_a_fresh_start_is_offered_when_there_is_no_backup(qtbot, app_paths):
    app_paths.ensure()
    app_paths.database.write_bytes(b"")
    win = MainWindow(app_paths)
    qtbot.addWidget(win)
    with qtbot.waitSignal(win.open_damaged, timeout=15_000) as signal:
        win.show()
    error = signal.args[0]
    _answer_next_box("Start afresh")
    assert safety.ask_recovery(win, error) == safety.FRESH_CHOICE
    safety.recover_and_reopen(win, error, safety.FRESH_CHOICE)
    qtbot.waitUntil(lambda: win.database is not None and len(win.tabs) == len(TABS),
                    timeout=15_000)  # fmt: skip
    win.close_database()
    assert list(app_paths.data.glob("studyapp.db.damaged-*"))[0].stat().st_size == 0


def test_an_exception_in_a_thread_is_logged_and_shown(window, hooks, qtbot, app_paths):
    seen = _answer_next_box()

    def work() -> None:
        raise RuntimeError("a worker went wrong")

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    assert seen == ["StudyApp hit an unexpected problem: a worker went wrong"]
    logging.getLogger().handlers[-1].flush()
    log_text = (app_paths.logs / "studyapp.log").read_text("utf-8")
    assert "RuntimeError: a worker went wrong" in log_text
    assert window.isVisible() and window.database is not None


def test_qt_messages_reach_the_log_and_a_critical_one_is_shown(window, hooks, qtbot, app_paths):
    qWarning("a Qt warning for the log")
    seen = _answer_next_box()
    qCritical("a critical Qt problem")
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    assert seen == ["StudyApp hit an unexpected problem: a critical Qt problem"]
    logging.getLogger().handlers[-1].flush()
    log_text = (app_paths.logs / "studyapp.log").read_text("utf-8")
    assert "Qt: a Qt warning for the log" in log_text
    assert "Qt: a critical Qt problem" in log_text


def test_hooks_are_put_back_after_the_test(app_paths):
    import sys

    before = (sys.excepthook, threading.excepthook)
    hooks = install_exception_hooks(interactive=True)
    assert sys.excepthook != before[0]
    hooks.uninstall()
    assert (sys.excepthook, threading.excepthook) == before

"""A full disk (`PRAGMA max_page_count`): the write is rolled back whole, the student reads
one sentence, and the window stays open read-only, saying so."""

from __future__ import annotations

import logging
import sys

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox
from sqlalchemy import event, exc, text

from studyapp.db.errors import write_failure
from studyapp.ui.tabs import TABS
from tests.conftest import table_counts


def _fill_the_disk(database) -> None:
    """Every connection from now on may not grow the file by a single page."""
    with database.engine.connect() as connection:
        pages = connection.execute(text("PRAGMA page_count")).scalar()

    @event.listens_for(database.engine, "connect")
    def _limit(dbapi_connection, _record):  # type: ignore[no-untyped-def]
        dbapi_connection.execute(f"PRAGMA max_page_count={pages}")

    database.engine.dispose()


def _texts(database) -> list[str]:
    with database.engine.connect() as connection:
        return [row[0] for row in connection.execute(text("SELECT text FROM note_item"))]


def _grow(database) -> None:
    with database.session_factory.begin() as session:
        session.execute(text("UPDATE factor SET justification = 'kept?'"))
        session.execute(text("UPDATE note_item SET text = text || :pad"), {"pad": "x" * 3000})


def test_a_write_to_a_full_disk_is_rolled_back_with_one_sentence(database):
    _fill_the_disk(database)
    before, texts = table_counts(database), _texts(database)
    with pytest.raises(exc.OperationalError) as caught:
        _grow(database)
    assert write_failure(caught.value) == "The disk is full, so your last change was not saved"
    assert table_counts(database) == before and _texts(database) == texts
    with database.engine.connect() as connection:
        assert connection.execute(text(
            "SELECT count(*) FROM factor WHERE justification = 'kept?'")).scalar() == 0  # fmt: skip


def test_after_a_full_disk_the_window_stays_open_read_only_and_says_so(qtbot, app_paths):
    from PySide6.QtCore import QTimer

    from studyapp.cli import _configure_logging
    from studyapp.ui.app import install_exception_hooks
    from studyapp.ui.main_window import MainWindow

    root = logging.getLogger()
    handlers = list(root.handlers)
    _configure_logging(app_paths)
    hooks = install_exception_hooks(interactive=True)
    win = MainWindow(app_paths)
    qtbot.addWidget(win)
    hooks.write_failed.connect(win.safety.enter_read_only)
    win.show()
    qtbot.waitUntil(lambda: win.database is not None and len(win.tabs) == len(TABS),
                    timeout=15_000)  # fmt: skip
    try:
        database = win.database
        _fill_the_disk(database)
        texts = _texts(database)
        seen: list[str] = []

        def close_box() -> None:  # retried until the box is up: a busy machine is slow
            box = QApplication.activeModalWidget()
            if isinstance(box, QMessageBox):
                seen.append(box.text())
                box.accept()
            else:
                QTimer.singleShot(20, close_box)

        qtbot.waitUntil(lambda: win.isVisible())
        try:
            _grow(database)  # what a tab's edit does, through the one write path
        except exc.OperationalError:
            QTimer.singleShot(50, close_box)
            hooks.on_exception(*sys.exc_info())  # as the event loop hands it over
        qtbot.waitUntil(lambda: bool(seen), timeout=5000)
        assert seen[0].startswith("The disk is full, so your last change was not saved; "
                                  "StudyApp stays open read-only")  # fmt: skip
        assert seen[0].count(".") == 1
        assert win.windowTitle().endswith("(read-only)") and win.isVisible()
        assert database.read_only and not win.safety.backup_action.isEnabled()
        with pytest.raises(exc.OperationalError, match="readonly"):
            _grow(database)  # refused at once from now on
        assert _texts(database) == texts
        assert win.tabs[0].model.rowCount() == 44  # still reading the notes
        log_text = (app_paths.logs / "studyapp.log").read_text("utf-8")
        assert "database or disk is full" in log_text and "Read-only from now on" in log_text
    finally:
        hooks.uninstall()
        win.close_database()
        for handler in root.handlers:
            if handler not in handlers:
                handler.close()
        root.handlers[:] = handlers

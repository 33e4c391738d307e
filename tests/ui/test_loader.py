"""The loader hands the first screen over before SQLAlchemy loads, and starts the full open
only once those rows are shown: begun earlier, the import takes the GIL from their paint."""

from __future__ import annotations

import shutil
import threading

import pytest
from PySide6.QtCore import QThreadPool

from studyapp.db.clean_mark import write_clean_mark
from studyapp.ui import loader as loader_module
from studyapp.ui.loader import DatabaseLoader


@pytest.fixture
def loader(qtbot, app_paths, first_run_template, monkeypatch):  # type: ignore[no-untyped-def]
    """A loader on notes closed cleanly last time (so the first screen is read first),
    started; yields once it has handed the first screen over. Its wait for the paint never
    runs out during a test."""
    monkeypatch.setattr(loader_module, "SCREEN_WAIT_SECONDS", 120)
    app_paths.ensure()
    shutil.copyfile(first_run_template, app_paths.database)
    write_clean_mark(app_paths.database)
    loader = DatabaseLoader(app_paths)
    loader.screens, loader.databases = [], []
    loader.first_screen.connect(loader.screens.append)
    loader.opened.connect(lambda database, _topic: loader.databases.append(database))
    loader.start()
    qtbot.waitUntil(lambda: bool(loader.screens), timeout=15_000)
    yield loader
    loader.abandon()
    QThreadPool.globalInstance().waitForDone(15_000)
    for database in loader.databases:
        database.close()


def test_the_full_open_waits_for_the_first_screen_to_be_shown(qtbot, loader) -> None:  # type: ignore[no-untyped-def]
    qtbot.wait(400)
    assert loader.databases == []  # the rows are not shown yet: nothing more is loaded
    loader.screen_shown()
    qtbot.waitUntil(lambda: bool(loader.databases), timeout=15_000)


def test_closing_before_then_opens_nothing_and_need_not_wait(qtbot, loader) -> None:  # type: ignore[no-untyped-def]
    assert loader.abandon(wait_for_thread=False) is None  # returns at once: no open under way
    assert QThreadPool.globalInstance().waitForDone(15_000)
    qtbot.wait(50)  # any queued `opened` would be delivered now
    assert loader.databases == []


def test_a_read_before_the_paint_starts_the_open_at_once(loader) -> None:  # type: ignore[no-untyped-def]
    """A tab shown before the ORM is open (the remembered tab is not the first screen's) asks
    the pending factory for a session: that must start the held-back open, not wait it out."""
    done = threading.Event()

    def read() -> None:
        loader.pending().close()  # blocks until the real factory exists
        done.set()

    threading.Thread(target=read, daemon=True).start()
    assert done.wait(30)


def test_no_first_screen_when_another_tab_will_show(qtbot, app_paths, first_run_template):  # type: ignore[no-untyped-def]
    """The window shows the tab the student left; when that is not the first tab, the first
    screen's rows would only delay it: the loader goes straight to the full open."""
    app_paths.ensure()
    shutil.copyfile(first_run_template, app_paths.database)
    write_clean_mark(app_paths.database)
    loader = DatabaseLoader(app_paths, first_screen=False)
    screens: list[object] = []
    databases: list[object] = []
    loader.first_screen.connect(screens.append)
    loader.opened.connect(lambda database, _topic: databases.append(database))
    loader.start()
    qtbot.waitUntil(lambda: bool(databases), timeout=15_000)
    assert screens == []
    QThreadPool.globalInstance().waitForDone(15_000)
    databases[0].close()  # type: ignore[attr-defined]

"""Shared fixtures: a fresh data folder per test, the database opened on the bundled pack.

QT_QPA_PLATFORM is set before anything can create a QApplication, so the UI tests run
headless; STUDYAPP_HOME points every test at its own temporary folder.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from studyapp import paths  # noqa: E402

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own StudyApp home; nothing touches the real user profile."""
    home = tmp_path / "studyapp-home"
    monkeypatch.setenv(paths.ENV_HOME, str(home))
    return home


@pytest.fixture
def app_paths(_isolated_home: Path) -> paths.AppPaths:
    return paths.resolve()


@pytest.fixture(scope="session")
def first_run_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database after a first run (migrated, bundled pack imported), made once per session.

    Migrating and importing cost ~0.5 s; tests copy this file instead of repeating that.
    """
    import sqlite3

    from studyapp.db.database import open_database

    home = tmp_path_factory.mktemp("template-home")
    db = open_database(paths.resolve(home))
    db.close()
    template = tmp_path_factory.mktemp("template") / paths.DB_FILENAME
    source, target = sqlite3.connect(home / paths.DB_FILENAME), sqlite3.connect(template)
    with target:
        source.backup(target)  # one self-contained file: no -wal beside it
    source.close()
    target.close()
    return template


@pytest.fixture
def database(app_paths: paths.AppPaths, first_run_template: Path):
    """The student's database after a first run: migrated, bundled pack imported."""
    import shutil

    from studyapp.db.database import open_database

    app_paths.ensure()
    shutil.copyfile(first_run_template, app_paths.database)
    db = open_database(app_paths)
    yield db
    db.close()


@pytest.fixture
def session_factory(database):
    return database.session_factory


@pytest.fixture
def topic(session_factory):
    from studyapp.db.services.topic import current_topic

    return current_topic(session_factory)


@pytest.fixture
def tab_context(qtbot, session_factory, topic):
    """What MainWindow hands each tab: reads, the topic, the operation runner and the bus."""
    from PySide6.QtGui import QUndoStack

    from studyapp.ui.bus import ChangeBus
    from studyapp.ui.context import TabContext
    from studyapp.ui.operations import OperationRunner

    stack, bus = QUndoStack(), ChangeBus()
    yield TabContext(session_factory, topic.id, OperationRunner(session_factory, stack, bus), bus)
    stack.clear()


def bundled_pack() -> dict:
    """A fresh, editable copy of the bundled pack's JSON."""
    import json

    from studyapp.packs.loader import bundled_pack_path

    return json.loads(bundled_pack_path().read_text("utf-8"))


@pytest.fixture
def pack_file(tmp_path: Path):
    """Write a variant of the bundled pack: `pack_file(change)` applies `change(pack)` first."""
    import json

    def write(change=None, name: str = "pack.json") -> Path:
        pack = bundled_pack()
        if change is not None:
            change(pack)
        path = tmp_path / name
        path.write_text(json.dumps(pack, ensure_ascii=False), "utf-8")
        return path

    return write


def table_counts(database) -> dict[str, int]:
    """How many rows every table holds: equal before and after means nothing was written."""
    from sqlalchemy import text

    with database.engine.connect() as connection:
        names = [row[0] for row in connection.execute(
            text("SELECT name FROM sqlite_master WHERE type='table'"))
            if not row[0].startswith("search_")]  # fmt: skip  # the index's own pages
        return {n: connection.execute(text(f'SELECT count(*) FROM "{n}"')).scalar() for n in names}


@pytest.fixture
def hooks(app_paths):
    """Exception hooks and a log file for one test; everything put back afterwards."""
    import logging

    from studyapp.cli import _configure_logging
    from studyapp.ui.app import install_exception_hooks

    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    _configure_logging(app_paths)
    installed = install_exception_hooks(interactive=True)
    yield installed
    installed.uninstall()
    for handler in root.handlers:
        if handler not in handlers:
            handler.close()
    root.handlers[:] = handlers
    root.setLevel(level)


def show_window(qtbot, app_paths: paths.AppPaths):
    """The main window, shown, once every tab holds its data (the first tab comes first)."""
    from studyapp.ui.main_window import MainWindow
    from studyapp.ui.tabs import TABS

    window = MainWindow(app_paths)
    qtbot.addWidget(window)
    window.show()
    # The first tab may show its rows before the database is open (db/first_screen.py).
    qtbot.waitUntil(lambda: len(window.tabs) == len(TABS) and window.database is not None,
                    timeout=15_000)  # fmt: skip
    return window


@pytest.fixture
def window(qtbot, app_paths):
    """The window on a true first run: it creates the database and imports the pack itself."""
    win = show_window(qtbot, app_paths)
    yield win
    win.close_database()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_teardown(item: pytest.Item):
    """Let pytest-qt close only the widgets that still exist.

    A form dialog deletes itself when it closes (WA_DeleteOnClose), while its Python wrapper
    can outlive it in a reference cycle (the dialog holds its own bound `submit`). Whether
    Qt has already run that deletion when pytest-qt closes its widgets depended on the
    events of the test before, so `close()` on the dead wrapper failed now and then. Here the
    pending deletions are done first, then the dead widgets are taken off pytest-qt's list."""
    widgets = getattr(item, "qt_widgets", None)
    if widgets:
        import shiboken6
        from PySide6.QtCore import QCoreApplication, QEvent

        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        item.qt_widgets = [(ref, before) for ref, before in widgets  # type: ignore[attr-defined]
                           if ref() is None or shiboken6.isValid(ref())]  # fmt: skip
    return (yield)

"""Only the visible tab is built at start-up; the others when first shown or asked for, and
a warm start shows the first tab's rows before the ORM is open."""

from __future__ import annotations

import shutil
import sqlite3

from studyapp.db.database import open_database
from studyapp.domain.changes import Kind
from studyapp.ui.main_window import MainWindow
from studyapp.ui.tabs import TABS


def test_only_the_first_tab_is_built_until_another_is_shown(main_window, qtbot):
    host = main_window.tabs
    assert len(host) == len(TABS) and len(host.built()) == 1
    main_window.go_to_tab(2)  # Ctrl+3, or a click on the tab
    assert main_window.current_tab_index() == 2
    factors = host.built()[-1]
    assert type(factors).__name__ == "FactorsTab" and factors.isVisible()
    assert main_window._tab_widget.widget(2) is factors  # noqa: SLF001 - the stand-in is gone
    assert main_window._tab_widget.tabText(2) == TABS[2].title  # noqa: SLF001


def test_a_tab_is_opened_by_name_and_built_then(main_window):
    notes = main_window.open_tab("notes")
    assert type(notes).__name__ == "NotesTab"
    assert main_window.current_tab_index() == 1 and len(main_window.tabs.built()) == 2
    assert main_window.open_tab("Argument builder") is main_window.tabs[3]
    assert main_window.current_tab_index() == 3


def test_a_link_into_a_tab_never_built_builds_it_and_shows_the_item(main_window, qtbot):
    with sqlite3.connect(main_window.database.path) as connection:
        factor_id = connection.execute("SELECT id FROM factor ORDER BY id DESC").fetchone()[0]
    connection.close()
    assert len(main_window.tabs.built()) == 1
    main_window.bus.open_item(Kind.FACTOR, factor_id)
    assert main_window.current_tab_index() == 2
    assert main_window.tabs[2].current_factor().id == factor_id


def test_a_warm_start_shows_the_rows_before_the_orm_is_open(qtbot, app_paths, first_run_template):
    app_paths.ensure()
    shutil.copyfile(first_run_template, app_paths.database)
    open_database(app_paths).close()  # closed cleanly: the first screen is read directly
    with sqlite3.connect(app_paths.database) as connection:
        events = connection.execute("SELECT count(*) FROM event").fetchone()[0]
    connection.close()
    window = MainWindow(app_paths)
    qtbot.addWidget(window)
    order: list[str] = []
    window.data_ready.connect(lambda: order.append(f"data {window.database is None}"))
    shown: list[str] = []  # the detail pane as first shown, before the ORM
    window.data_ready.connect(lambda: shown.append(window.tabs[0].detail.toPlainText()))
    window.edits_ready.connect(lambda: order.append("edits"))
    window.show()
    qtbot.waitUntil(lambda: "edits" in order, timeout=15_000)
    assert order == ["data True", "edits"]  # the rows came before the database object
    timeline = window.tabs[0]
    assert timeline.model.rowCount() == events
    assert timeline.detail.toPlainText()  # the first event's detail, citations included
    timeline.reload()  # through the ORM now: the same event, the same detail
    assert shown == [timeline.detail.toPlainText()]
    switcher = window.topics.switcher.combo  # names the topic shown, as after a cold start
    assert switcher.count() == 1 and switcher.currentData() == window.context.topic_id
    assert switcher.currentText() == "Stalin's Foreign Policy, 1928–53"
    window.close_database()
    assert app_paths.database.with_name(app_paths.database.name + ".clean").is_file()


def _menu_texts(window: MainWindow) -> dict[str, int]:
    return {action.text(): len(action.menu().actions()) for action in window.menuBar().actions()
            if action.menu() is not None}  # fmt: skip


def test_the_first_paint_shows_the_menus_titles_and_their_actions_follow_the_rows(
    qtbot, app_paths, first_run_template
):
    """The ~20 menu actions are made once the rows are painted, not before the first paint;
    the menu bar looks the same at both moments, so nothing moves."""
    app_paths.ensure()
    shutil.copyfile(first_run_template, app_paths.database)
    open_database(app_paths).close()  # a warm start: rows before the ORM
    window = MainWindow(app_paths)
    qtbot.addWidget(window)
    at_paint: list[dict[str, int]] = []
    window.first_painted.connect(lambda: at_paint.append(_menu_texts(window)))
    with qtbot.waitSignal(window.edits_ready, timeout=15_000):
        window.show()
    assert at_paint == [{"&File": 0, "&Edit": 0, "&View": 0, "&Help": 0}]
    filled = _menu_texts(window)
    assert list(filled)[:4] == ["&File", "&Edit", "&View", "&Help"]
    assert all(filled[title] >= 2 for title in ("&File", "&Edit", "&View", "&Help"))
    assert window.import_action in window._file_menu.actions()
    assert window.undo_action.shortcut().toString() == "Ctrl+Z"
    window.close_database()


def test_the_menus_are_filled_at_once_when_no_rows_come_before_the_orm(
    qtbot, app_paths, first_run_template
):
    """Another tab was shown last: it waits for the ORM (a second or so), with its menus."""
    from studyapp.ui.window_state import save_last_tab

    app_paths.ensure()
    shutil.copyfile(first_run_template, app_paths.database)
    open_database(app_paths).close()
    window = MainWindow(app_paths)
    qtbot.addWidget(window)
    save_last_tab(window._settings(), TABS[2].class_name)
    with qtbot.waitSignal(window.edits_ready, timeout=15_000):
        window.show()
        qtbot.waitUntil(lambda: window._painted, timeout=5_000)
        qtbot.waitUntil(lambda: window._file_menu.actions() != [], timeout=5_000)
        assert window.database is None  # filled before the ORM was open
    assert window.current_tab_index() == 2
    window.close_database()

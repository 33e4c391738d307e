"""Remembered state: geometry (with a safe fallback), the last tab, and per topic each tab's
selection and splitter positions."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QMainWindow, QSplitter

from studyapp.db.services.notes import section_items, section_tree, walk
from studyapp.db.services.timeline import list_events
from studyapp.domain.changes import Kind
from studyapp.ui import window_state
from studyapp.ui.tabs import TABS
from tests.conftest import show_window


def _ini(app_paths) -> QSettings:
    app_paths.config.mkdir(parents=True, exist_ok=True)
    return QSettings(str(app_paths.config / "window.ini"), QSettings.Format.IniFormat)


def _sane(window) -> bool:
    geometry = window.geometry()
    return (window_state.is_reachable(geometry) and geometry.width() >= 900
            and geometry.height() >= 600)  # fmt: skip


def _reopen(qtbot, window, app_paths):
    window.close()  # saves, as closing the real window does
    window.close_database()
    return show_window(qtbot, app_paths)


def test_an_off_screen_geometry_falls_back_to_a_sane_window(qtbot, app_paths, first_run_template):
    import shutil

    away = QMainWindow()
    qtbot.addWidget(away)
    away.setGeometry(30_000, 30_000, 1000, 700)  # a monitor that is no longer plugged in
    settings = _ini(app_paths)
    settings.setValue(window_state.GEOMETRY, away.saveGeometry())
    settings.sync()
    shutil.copyfile(first_run_template, app_paths.database)
    window = show_window(qtbot, app_paths)
    assert _sane(window)
    window.close_database()


def test_a_garbage_ini_gives_a_sane_window_and_the_first_tab(qtbot, app_paths, first_run_template):
    import shutil

    app_paths.config.mkdir(parents=True, exist_ok=True)
    (app_paths.config / "window.ini").write_bytes(
        b"[General]\ngeometry=@ByteArray(\x00\x01garbage)\ntabs\\last=\xff\xfe\n"
        b"[topic1]\nTimelineTab\\selection=event:nope, cheese, 12\n"
        b"TimelineTab\\splitter0=@ByteArray(not a splitter)\n\x00\x00\x00")
    shutil.copyfile(first_run_template, app_paths.database)
    window = show_window(qtbot, app_paths)
    assert _sane(window)
    assert window.current_tab_index() == 0
    assert window.tabs[0].current_event() is not None  # the tab opened as it always does
    window.close_database()


def test_garbage_values_are_parsed_away():
    assert window_state._parse_selection(["event:3", "cheese", "point:x", 7]) == [(Kind.EVENT, 3)]
    assert window_state._parse_selection("factor:2") == [(Kind.FACTOR, 2)]
    assert window_state._parse_selection(None) == []


def test_tab_question_selection_and_splitters_come_back(qtbot, main_window, app_paths):
    window = main_window
    timeline, notes, factors, arguments = window.tabs[:4]
    factory, topic_id = window.database.session_factory, window.context.topic_id
    event_id = list_events(factory, topic_id)[5].id
    timeline.select(Kind.EVENT, event_id)
    leaf = [s for s, _depth in walk(section_tree(factory, topic_id)) if not s.children][3]
    item_id = section_items(factory, leaf.id)[1].id
    notes.select(Kind.NOTE_ITEM, item_id)
    factor_id = factors.rows[2].id
    factors.select(Kind.FACTOR, factor_id)
    question_id = arguments._questions[-1].id
    arguments.select(Kind.QUESTION, question_id)
    splitter = timeline.findChildren(QSplitter)[0]
    sizes = splitter.sizes()
    splitter.setSizes([sizes[0] - 120, sizes[1] + 120])
    moved = splitter.sizes()
    window.go_to_tab(3)
    assert window_state.SELECTION["NotesTab"](notes) == [(Kind.NOTE_SECTION, leaf.id),
                                                        (Kind.NOTE_ITEM, item_id)]

    again = _reopen(qtbot, window, app_paths)
    assert again.current_tab_index() == 3
    timeline2, notes2, factors2, arguments2 = again.tabs[:4]
    assert timeline2.current_event().id == event_id
    assert notes2.current_section().id == leaf.id and notes2.current_item().id == item_id
    assert factors2.current_factor().id == factor_id
    assert arguments2.current_question().id == question_id
    again.go_to_tab(0)
    qtbot.waitUntil(lambda: timeline2.isVisible())
    restored = timeline2.findChildren(QSplitter)[0].sizes()
    assert abs(restored[0] / sum(restored) - moved[0] / sum(moved)) < 0.02  # Qt may fit the
    # window to the screen by a few pixels, and the splitter keeps the proportions
    again.close_database()


def test_selection_is_remembered_per_topic(qtbot, app_paths):
    settings = _ini(app_paths)
    settings.setValue("topic1/FactorsTab/selection", ["factor:5"])
    settings.setValue("topic2/FactorsTab/selection", ["factor:9"])
    chosen: list[tuple[Kind, int]] = []

    class Fake(QSplitter):  # any widget with `select` will do
        def select(self, kind, item_id):
            chosen.append((kind, item_id))
            return True

    Fake.__name__ = "FactorsTab"
    fake = Fake()
    qtbot.addWidget(fake)
    window_state.restore_tab_state(settings, 2, fake)
    assert chosen == [(Kind.FACTOR, 9)]


def test_the_last_tab_is_looked_up_by_name(app_paths):
    settings = _ini(app_paths)
    window_state.save_last_tab(settings, TABS[2].class_name)
    assert window_state.last_tab_index(settings) == 2
    settings.setValue(window_state.LAST_TAB, "NoSuchTab")
    assert window_state.last_tab_index(settings) is None


def test_a_junk_geometry_value_resizes_to_the_default(qtbot, app_paths):
    settings = _ini(app_paths)
    settings.setValue(window_state.GEOMETRY, QByteArray(b"junk"))
    window = QMainWindow()
    qtbot.addWidget(window)
    window_state.restore_geometry(window, settings)
    area = window.screen().availableGeometry()  # the default, cut to the screen it is on
    expected = (min(window_state.DEFAULT_SIZE[0], area.width()),
                min(window_state.DEFAULT_SIZE[1], area.height()))  # fmt: skip
    assert (window.width(), window.height()) == expected
    assert area.contains(window.frameGeometry().center())

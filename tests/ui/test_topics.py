"""Several topics: make one in the app, fill it, switch away and back, share and remove."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from studyapp.db.services.topic import list_topics
from studyapp.packs.loader import load_pack
from studyapp.ui.tabs import TABS


def click(qtbot, widget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def _all_tabs(qtbot, window):
    """The first tab shows at once; the others are built when first shown."""
    qtbot.waitUntil(lambda: window.database is not None and len(window.tabs) == len(TABS),
                    timeout=15_000)  # fmt: skip
    return window.tabs


def _make_topic(qtbot, window, title: str, question: str = ""):
    dialog = window.topics.open_new_topic_dialog()
    qtbot.keyClicks(dialog.title_edit, title)
    qtbot.keyClicks(dialog.question_edit, question)
    qtbot.keyClicks(dialog.period_edit, "1962")
    qtbot.keyClicks(dialog.exam_edit, "IB History Paper 2")
    dialog.template_combo.setCurrentText("Causes, course and consequences")
    click(qtbot, dialog.ok_button)
    assert not dialog.isVisible()
    _all_tabs(qtbot, window)


def test_a_new_topic_is_made_filled_and_kept_apart(main_window, qtbot):
    stalin = main_window.topics.current
    _make_topic(qtbot, main_window, "The Cuban Missile Crisis",
                "Why did the Cuban Missile Crisis end peacefully?")
    assert main_window.windowTitle() == "The Cuban Missile Crisis — StudyApp"
    timeline, notes, factors, arguments = main_window.tabs[:4]
    assert factors.hint_label.text().startswith(
        "Why did the Cuban Missile Crisis end peacefully? Rank them, most important first:")
    assert "Stalin" not in factors.hint_label.text()
    qtbot.waitUntil(lambda: notes.sections.rowCount() > 0)  # the other tabs load just after
    assert timeline.model.rowCount() == 0 and len(factors.rows) == 0
    assert [notes.sections.index(r, 0).data() for r in range(notes.sections.rowCount())][:2] \
        == ["Background", "Causes"]  # fmt: skip

    event_dialog = timeline.open_event_dialog(None)
    event_dialog.title_edit.setText("U-2 photographs the missile sites")
    event_dialog.date_field.edit.setText("14 October 1962")
    click(qtbot, event_dialog.ok_button)
    question_dialog = arguments.open_question_dialog()
    qtbot.keyClicks(question_dialog.text, "To what extent was Khrushchev to blame?")
    click(qtbot, question_dialog.ok_button)
    point_dialog = arguments.open_point_dialog("for")
    qtbot.keyClicks(point_dialog.claim, "He put the missiles there.")
    click(qtbot, point_dialog.ok_button)
    assert timeline.model.rowCount() == 1 and arguments.columns[0].model.rowCount() == 1

    main_window.topics.switch_to(stalin.id)
    timeline, _notes, factors, arguments = _all_tabs(qtbot, main_window)[:4]
    assert main_window.windowTitle().startswith("Stalin's Foreign Policy")
    qtbot.waitUntil(lambda: len(factors.rows) > 0)
    assert timeline.model.rowCount() == 44 and len(factors.rows) == 8
    assert factors.hint_label.text().startswith(
        "What factors enabled Stalin to defeat Hitler? Rank them, most important first:")
    assert "U-2" not in " ".join(r.title for r in timeline.model.rows)

    cuba = next(t for t in list_topics(main_window.database.session_factory)
                if t.title == "The Cuban Missile Crisis")  # fmt: skip
    main_window.topics.switcher.combo.setCurrentIndex(
        main_window.topics.switcher.combo.findData(cuba.id))
    main_window.topics.switcher.combo.activated.emit(main_window.topics.switcher.combo.currentIndex())
    assert main_window.tabs[0].model.rows[0].title == "U-2 photographs the missile sites"


def test_the_last_topic_is_remembered(qtbot, main_window, app_paths):
    from studyapp.ui.main_window import MainWindow

    _make_topic(qtbot, main_window, "Tudor rebellions")
    main_window.close_database()
    again = MainWindow(app_paths)
    qtbot.addWidget(again)
    again.show()
    qtbot.waitUntil(lambda: len(again.tabs) == len(TABS), timeout=15_000)
    assert again.windowTitle() == "Tudor rebellions — StudyApp"
    again.close_database()


def test_share_then_remove_then_undo(main_window, qtbot, tmp_path):
    dialog = main_window.topics.open_share_dialog()
    dialog.path_edit.setText(str(tmp_path / "stalin"))
    dialog.with_my_work.setChecked(True)
    click(qtbot, dialog.ok_button)
    assert load_pack(tmp_path / "stalin.json")["pack"]["id"] == "stalin-foreign-policy"
    assert "anyone can import it" in main_window.statusBar().currentMessage()

    _make_topic(qtbot, main_window, "The Cold War")  # no factors question: neutral words
    assert main_window.tabs[2].hint_label.text().startswith(
        "Rank the factors, most important first:")
    manager = main_window.topics.open_manager()
    rows = [manager.table.item(r, 0).text() for r in range(manager.table.rowCount())]
    assert rows == ["Stalin's Foreign Policy, 1928–53", "The Cold War"]
    assert manager.table.item(0, 3).text() == "44"
    manager.table.selectRow(1)
    answer: list[str] = []

    def confirm() -> None:  # answer the confirmation as the student would
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            answer.append(box.text())
            box.button(QMessageBox.StandardButton.Yes).click()
        else:
            QTimer.singleShot(20, confirm)

    QTimer.singleShot(20, confirm)
    click(qtbot, manager.remove_button)
    qtbot.waitUntil(lambda: manager.table.rowCount() == 1, timeout=5000)
    assert "Remove 'The Cold War' with its 0 events" in answer[0]
    assert main_window.windowTitle().startswith("Stalin's Foreign Policy")  # moved off it
    assert list((main_window.database.backups_dir).glob("*before-removing-a-topic*"))
    main_window.undo_action.trigger()
    titles = {t.title for t in list_topics(main_window.database.session_factory)}
    assert "The Cold War" in titles
    assert json.loads((tmp_path / "stalin.json").read_text("utf-8"))["format_version"] == 1


def test_the_switcher_search_and_back_sit_beside_the_menus(main_window):
    """Made after the first paint, they must still show (a corner widget added late does not)."""
    corner = main_window.menuBar().cornerWidget()
    assert corner is not None and corner.isVisible()
    assert main_window.topics.switcher.isVisible() and main_window.search_box.isVisible()

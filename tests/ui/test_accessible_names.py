"""Every interactive control a student can reach has a name a screen reader can say."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QAbstractSlider,
    QAbstractSpinBox,
    QComboBox,
    QGraphicsView,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QScrollBar,
    QTabBar,
    QTextEdit,
    QWidget,
)

from studyapp.domain.changes import Kind

INTERACTIVE = (QAbstractButton, QLineEdit, QTextEdit, QPlainTextEdit, QComboBox,
               QAbstractItemView, QAbstractSlider, QAbstractSpinBox, QGraphicsView)  # fmt: skip
# Parts of another control, named by it: a combo box's line edit, a line edit's clear button,
# a tab bar's scroll arrows; and Qt's own helpers ("qt_…": a table's corner button).
PARTS_OF_ANOTHER = (QComboBox, QAbstractSpinBox, QTabBar, QScrollBar, QLineEdit)


def accessible_name(widget: QWidget) -> str:
    """The name assistive technology reads: set, or derived by Qt (a button's text, a buddy)."""
    interface = QAccessible.queryAccessibleInterface(widget)
    return interface.text(QAccessible.Text.Name).strip() if interface is not None else ""


def _is_viewport(widget: QWidget) -> bool:
    parent = widget.parent()
    return isinstance(parent, QAbstractScrollArea) and parent.viewport() is widget


def unnamed(root: QWidget) -> list[str]:
    """The interactive widgets under `root` (in its own window) without an accessible name."""
    found = []
    for widget in root.findChildren(QWidget):
        takes_tab = bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus)  # e.g. a factor card
        if not (isinstance(widget, INTERACTIVE) or takes_tab):
            continue
        if isinstance(widget, QHeaderView | QScrollBar) or _is_viewport(widget):
            continue
        if widget.window() is not root.window() or isinstance(widget.parent(), PARTS_OF_ANOTHER):
            continue
        if widget.objectName().startswith("qt_"):
            continue
        if widget.focusPolicy().value == 0 and not isinstance(widget, QAbstractButton):
            continue  # never takes focus: not a control
        if not accessible_name(widget):
            found.append(f"{type(widget).__name__} in {type(widget.parent()).__name__}")
    return found


def test_every_tab_and_the_window_name_their_controls(main_window):
    missing = {type(tab).__name__: sorted({name for page in _pages(tab) for name in unnamed(page)})
               for tab in main_window.tabs}  # hidden pages too (Review's chronology, cards…)
    assert {tab: names for tab, names in missing.items() if names} == {}
    assert unnamed(main_window) == []


def _pages(tab: QWidget) -> list[QWidget]:
    from PySide6.QtWidgets import QStackedWidget, QTabWidget

    pages = [tab]
    for stack in tab.findChildren(QTabWidget) + tab.findChildren(QStackedWidget):
        pages += [stack.widget(i) for i in range(stack.count())]
    return pages


def test_every_dialog_names_its_controls(main_window, qtbot):
    from studyapp.db.backup import list_backups
    from studyapp.ui import help_dialogs
    from studyapp.ui.restore_dialog import RestoreDialog
    from studyapp.ui.review.cards_view import CardDialog

    timeline, notes, factors, arguments, review = main_window.tabs
    main_window.database.backup("manual")
    point = next(p for column in arguments.columns for p in column.model.rows)
    arguments.select(Kind.POINT, point.id)
    opened = [
        arguments.open_evidence_picker(),
        CardDialog("Add a card", lambda _prompt, _answer: None, parent=review),
        RestoreDialog(list_backups(main_window.paths.backups), main_window),
        timeline.open_event_dialog(timeline.current_event()),
        timeline.open_event_dialog(),
        notes.open_text_dialog(notes.current_item()),
        notes.open_annotation_dialog(notes.current_item()),
        notes.open_add_item_dialog(notes.current_section()),
        notes.open_add_section_dialog(None),
        factors.open_compare_dialog(),
        arguments.open_point_dialog("for"),
        arguments.open_question_dialog(),
        arguments.open_historians(),
        arguments.open_plan(),
        main_window.topics.open_new_topic_dialog(),
        main_window.topics.open_share_dialog(),
        main_window.topics.open_manager(),
        help_dialogs.open_shortcuts(main_window),
        help_dialogs.open_welcome(main_window),
        help_dialogs.open_about(main_window),
    ]
    for dialog in opened:
        assert dialog is not None
        assert unnamed(dialog) == [], type(dialog).__name__
        dialog.reject()


def test_the_timeline_drawing_has_an_equivalent_list(main_window, qtbot):
    from studyapp.db.services.timeline import list_events
    from studyapp.ui.timeline.model import COL_EVENT

    timeline = main_window.tabs[0]
    events = list_events(main_window.database.session_factory, main_window.context.topic_id)
    canvas, table = timeline.canvas, timeline.table
    assert accessible_name(canvas) and "list" in canvas.accessibleDescription()
    assert accessible_name(table) == "Timeline events"
    model = table.model()
    assert model.rowCount() == len(events)  # every event of the drawing is a row of the list
    spoken = [model.index(row, COL_EVENT).data(Qt.ItemDataRole.AccessibleTextRole)
              for row in range(model.rowCount())]  # fmt: skip
    assert {text.removeprefix("Key date: ") for text in spoken} == {e.title for e in events}
    interface = QAccessible.queryAccessibleInterface(table)
    assert interface.childCount() >= len(events) * model.columnCount()  # reachable cell by cell

    # Reading down the list with the keyboard moves the drawing's selection with it.
    table.setFocus()
    first, second = (model.index(r, COL_EVENT).data(Qt.ItemDataRole.AccessibleTextRole)
                     for r in (0, 1))  # fmt: skip
    table.setCurrentIndex(model.index(0, COL_EVENT))
    qtbot.keyClick(table, Qt.Key.Key_Down)
    assert timeline.current_event().title == second.removeprefix("Key date: ") != first

"""The Timeline tab, used as a student would: read the table, filter, click, type, undo.

Every edit is checked twice: on screen, and in the database through the services, then again
after Ctrl+Z (the shared undo stack) and redo.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QDialogButtonBox, QLineEdit, QWidget

from studyapp.db.services.timeline import EventRow, get_event, list_events
from studyapp.ui.timeline.dialogs import EventDialog
from studyapp.ui.timeline.model import COL_DATE, ROW_ROLE
from studyapp.ui.timeline.tab import TimelineTab

KURSK_DATE = "1943-07-05/1943-08-23"


@pytest.fixture
def tab(open_tab) -> TimelineTab:
    return open_tab(TimelineTab)


def shown_rows(tab: TimelineTab) -> list[EventRow]:
    return [tab.proxy.index(row, 0).data(ROW_ROLE) for row in range(tab.proxy.rowCount())]


def select(tab: TimelineTab, title_start: str) -> EventRow:
    """Click a row the way the view does: through its selection model."""
    for row in range(tab.proxy.rowCount()):
        index = tab.proxy.index(row, 0)
        if index.data(ROW_ROLE).title.startswith(title_start):
            flags = (QItemSelectionModel.SelectionFlag.ClearAndSelect
                     | QItemSelectionModel.SelectionFlag.Rows)  # fmt: skip
            tab.table.selectionModel().setCurrentIndex(index, flags)
            return index.data(ROW_ROLE)
    raise AssertionError(f"No event starting {title_start!r} is shown")


def saved_events(tab_context) -> list[EventRow]:
    return list_events(tab_context.session_factory, tab_context.topic_id)


def retype(qtbot, field: QLineEdit, text: str) -> None:
    """Select everything in the field and type over it."""
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(field, text)


def click_ok(qtbot, dialog: EventDialog) -> None:
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok),
                     Qt.MouseButton.LeftButton)  # fmt: skip


def open_add_dialog(qtbot, tab: TimelineTab) -> EventDialog:
    qtbot.mouseClick(tab.add_button, Qt.MouseButton.LeftButton)
    dialog = tab.event_dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


# -- reading --------------------------------------------------------------------------------


def test_the_table_shows_all_44_events_in_date_order(tab, tab_context):
    rows = shown_rows(tab)
    assert len(rows) == 44
    assert [row.id for row in rows] == [row.id for row in saved_events(tab_context)]
    bounds = [(row.start, row.end) for row in rows]
    assert bounds == sorted(bounds)
    pacts = next(i for i, row in enumerate(rows) if row.title == "Soviet non-aggression pacts")
    assert tab.proxy.index(pacts, COL_DATE).data() == "1932–33"
    assert "44 events" in tab.count_label.text()


def test_something_is_selected_and_detailed_on_load(tab):
    assert tab.current_event() is not None
    assert tab.current_event().title == "First World War breaks out"
    assert "First World War breaks out" in tab.detail.toPlainText()
    assert "between 1 Jan 1914 and 31 Dec 1914 · a year" in tab.detail.toPlainText()


def test_key_dates_only_shows_the_26_key_dates(qtbot, tab):
    qtbot.mouseClick(tab.key_dates_check, Qt.MouseButton.LeftButton)
    rows = shown_rows(tab)
    assert len(rows) == 26
    assert all(row.key_date for row in rows)
    assert "26 of 44" in tab.count_label.text()
    assert tab.current_event() is not None  # never an empty pane after filtering
    qtbot.mouseClick(tab.key_dates_check, Qt.MouseButton.LeftButton)
    assert len(shown_rows(tab)) == 44


def test_typing_in_the_filter_box_narrows_the_table(qtbot, tab):
    qtbot.keyClicks(tab.search_edit, "berlin")
    assert [row.title for row in shown_rows(tab)] == ["Berlin Blockade"]
    assert "Berlin Blockade" in tab.detail.toPlainText()


def test_the_detail_pane_shows_the_check_note_for_the_zinoviev_letter(tab):
    select(tab, "Zinoviev letter")
    text = tab.detail.toPlainText()
    assert "Check:" in text
    assert "1927" in text
    assert "on 25 Oct 1924 · an exact day" in text


def test_the_detail_pane_shows_the_old_style_date_for_1917(tab):
    select(tab, "Russian Revolution")
    text = tab.detail.toPlainText()
    assert "1917 (February and October)" in text
    assert "23 February and 25 October 1917 (Old Style)" in text
    assert "8 March 1917 and 7 November 1917 · several dates" in text


def test_the_detail_pane_shows_range_precision_and_period(tab):
    select(tab, "Battle of Stalingrad")
    text = tab.detail.toPlainText()
    assert "between 23 Aug 1942 and 2 Feb 1943 · a range of days" in text
    assert "Great Patriotic War, 1941–45" in text
    assert "pp. 132–135" in text


# -- adding -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "edtf", "sentence"),
    [
        ("Battle of Kursk", "31 February 1939", "February"),
        ("Battle of Kursk", "someday", "someday"),
        ("", "5 July 1943 - 23 August 1943", "An event needs a title."),
    ],
)
def test_adding_with_bad_input_shows_the_sentence_and_writes_nothing(
    qtbot, tab, tab_context, title, edtf, sentence
):
    dialog = open_add_dialog(qtbot, tab)
    qtbot.keyClicks(dialog.title_edit, title)
    qtbot.keyClicks(dialog.date_field.edit, edtf)
    click_ok(qtbot, dialog)
    assert dialog.isVisible()  # stays open with the student's typing
    assert dialog.date_field.edit.text() == edtf
    if title:  # the date's refusal is said once, in red under the date field
        assert sentence in dialog.date_field.error()
        assert dialog.date_field.meaning.text() == dialog.date_field.error()
        assert not dialog.error_label.isVisible()
    else:
        assert sentence in dialog.error_label.text()
        assert dialog.error_label.isVisible()
    assert dialog.title_edit.text() == title
    assert len(saved_events(tab_context)) == 44
    assert tab_context.undo_stack.count() == 0
    assert tab.model.rowCount() == 44


def test_the_add_dialog_reads_the_date_back_while_typing(qtbot, tab):
    dialog = open_add_dialog(qtbot, tab)
    qtbot.keyClicks(dialog.date_field.edit, "summer 1941")
    assert dialog.date_field.meaning.text() == "between 1 Jun 1941 and 31 Aug 1941 · a season"
    assert dialog.date_field.edtf() == "1941-22"


def test_adding_an_event_is_saved_and_undoable(qtbot, tab, tab_context):
    dialog = open_add_dialog(qtbot, tab)
    qtbot.keyClicks(dialog.title_edit, "Battle of Kursk")
    qtbot.keyClicks(dialog.date_field.edit, "5 July 1943 - 23 August 1943")
    dialog.category_combo.setCurrentIndex(dialog.category_combo.findText("War"))
    qtbot.mouseClick(dialog.key_date_check, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(dialog.page_edit, "p. 134")
    click_ok(qtbot, dialog)
    assert tab.event_dialog is None

    saved = [row for row in saved_events(tab_context) if row.title == "Battle of Kursk"]
    assert len(saved) == 1
    kursk = saved[0]
    assert (kursk.edtf, kursk.category) == (KURSK_DATE, "war")
    assert kursk.date_label == dialog.date_field.words()
    assert kursk.key_date and kursk.page_ref == "p. 134" and kursk.source == "user"
    titles = [row.title for row in shown_rows(tab)]
    assert titles.index("German defeat in North Africa") + 1 == titles.index("Battle of Kursk")
    assert tab.current_event().id == kursk.id
    assert tab.messages[-1] == "Saved: Add event 'Battle of Kursk'"

    tab_context.undo_stack.undo()
    assert len(saved_events(tab_context)) == 44
    assert "Battle of Kursk" not in [row.title for row in shown_rows(tab)]

    tab_context.undo_stack.redo()
    assert get_event(tab_context.session_factory, kursk.id).title == "Battle of Kursk"
    assert tab.current_event().id == kursk.id
    assert tab.model.rowCount() == 45


# -- editing -------------------------------------------------------------------------------


def test_editing_a_date_re_sorts_and_keeps_the_selection(qtbot, tab, tab_context):
    death = select(tab, "Death of Stalin")
    resets: list[bool] = []
    tab.model.modelReset.connect(lambda: resets.append(True))
    tab.table.setFocus()
    qtbot.keyClick(tab.table, Qt.Key.Key_Return)  # Enter opens the edit dialog
    dialog = tab.event_dialog
    assert dialog is not None and dialog.title_edit.text() == "Death of Stalin"
    retype(qtbot, dialog.date_field.edit, "5 March 1938")
    retype(qtbot, dialog.title_edit, "Death of Stalin (typo)")
    click_ok(qtbot, dialog)

    saved = get_event(tab_context.session_factory, death.id)
    assert (saved.edtf, saved.start, saved.title) == ("1938-03-05", "1938-03-05",
                                                       "Death of Stalin (typo)")  # fmt: skip
    assert saved.user_modified
    titles = [row.title for row in shown_rows(tab)]
    assert titles.index("Death of Stalin (typo)") + 1 == titles.index("Anschluss")
    assert tab.current_event().id == death.id
    assert not resets  # one row moved and changed: no full reset

    tab_context.undo_stack.undo()
    saved = get_event(tab_context.session_factory, death.id)
    assert (saved.edtf, saved.title, saved.user_modified) == ("1953-03-05", "Death of Stalin",
                                                              False)  # fmt: skip
    assert shown_rows(tab)[-1].title == "Death of Stalin"
    assert tab.current_event().id == death.id

    tab_context.undo_stack.redo()
    assert get_event(tab_context.session_factory, death.id).edtf == "1938-03-05"


def test_an_unreadable_date_in_the_edit_dialog_changes_nothing(qtbot, tab, tab_context):
    pact = select(tab, "Nazi–Soviet Pact")
    qtbot.mouseClick(tab.edit_button, Qt.MouseButton.LeftButton)
    dialog = tab.event_dialog
    retype(qtbot, dialog.date_field.edit, "23/13/1939")
    click_ok(qtbot, dialog)
    assert dialog.isVisible()
    assert dialog.date_field.error() != "" and not dialog.error_label.isVisible()
    assert get_event(tab_context.session_factory, pact.id) == pact
    assert tab_context.undo_stack.count() == 0


def test_editing_the_check_note_shows_it_in_the_detail_pane(qtbot, tab, tab_context):
    munich = select(tab, "Munich Conference")
    qtbot.mouseClick(tab.edit_button, Qt.MouseButton.LeftButton)
    dialog = tab.event_dialog
    qtbot.keyClicks(dialog.check_edit, "Check: the Soviet Union was not invited.")
    click_ok(qtbot, dialog)
    assert get_event(tab_context.session_factory, munich.id).check_note == (
        "Check: the Soviet Union was not invited."
    )
    assert "the Soviet Union was not invited" in tab.detail.toPlainText()
    tab_context.undo_stack.undo()
    assert get_event(tab_context.session_factory, munich.id).check_note is None
    assert "not invited" not in tab.detail.toPlainText()


# -- deleting ------------------------------------------------------------------------------


def test_delete_says_how_to_undo_and_undo_brings_it_back(qtbot, tab, tab_context):
    anschluss = select(tab, "Anschluss")
    qtbot.mouseClick(tab.delete_button, Qt.MouseButton.LeftButton)
    assert tab.messages[-1] == "Deleted 'Anschluss' — Ctrl+Z brings it back."
    assert anschluss.id not in [row.id for row in saved_events(tab_context)]
    assert tab.model.rowCount() == 43
    assert tab.current_event().title == "Munich Conference"  # the neighbour, not nothing

    tab_context.undo_stack.undo()
    assert get_event(tab_context.session_factory, anschluss.id) == anschluss
    assert tab.model.rowCount() == 44
    assert tab.current_event().id == anschluss.id

    tab_context.undo_stack.redo()
    assert len(saved_events(tab_context)) == 43


def test_the_delete_key_deletes_the_selected_event(qtbot, tab, tab_context):
    select(tab, "Stresa Front")
    tab.table.setFocus()
    qtbot.keyClick(tab.table, Qt.Key.Key_Delete)
    assert "Stresa Front" not in [row.title for row in saved_events(tab_context)]
    tab_context.undo_stack.undo()
    assert "Stresa Front" in [row.title for row in saved_events(tab_context)]


# -- accessibility -------------------------------------------------------------------------


def test_main_widgets_have_accessible_names_and_mnemonics(tab):
    for widget in (tab.table, tab.detail, tab.search_edit):
        assert isinstance(widget, QWidget) and widget.accessibleName()
    for button in (tab.add_button, tab.edit_button, tab.delete_button, tab.key_dates_check):
        assert "&" in button.text()


def test_the_date_column_fits_nine_dates_in_ten_measured_on_a_sample(tab):
    """At 10,000 events the Date column is sized from an even sample of the dates: within a
    pixel or two of measuring every one, and the same width for the same rows."""
    import random

    from studyapp.ui.timeline.tab import DATE_COLUMN_SHARE, QUANTILE_SAMPLE
    from studyapp.ui.timeline.text_width import TextWidths

    rng = random.Random(14)
    months = ["January", "February", "March", "April", "May", "June", "July", "August",
              "September", "October", "November", "December"]  # fmt: skip
    labels = [rng.choice([f"{rng.randint(1, 28)} {rng.choice(months)} {rng.randint(1900, 1960)}",
                          str(rng.randint(1900, 1960)), f"summer {rng.randint(1900, 1960)}",
                          f"{rng.choice(months)} {rng.randint(1900, 1960)} – "
                          f"{rng.choice(months)} {rng.randint(1900, 1960)}"])
              for _ in range(10 * QUANTILE_SAMPLE)]  # fmt: skip
    measure = TextWidths(tab.table.font())
    every = sorted(map(measure.width, labels))
    exact = every[int(DATE_COLUMN_SHARE * len(every))] + 24
    sampled = tab._text_width(labels, DATE_COLUMN_SHARE)  # noqa: SLF001
    assert abs(sampled - exact) <= 3
    assert tab._text_width(list(labels), DATE_COLUMN_SHARE) == sampled  # noqa: SLF001

"""The date field says what a typed date means, or why it is not one, and stores EDTF."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from studyapp.ui.widgets.date_field import DateField


@pytest.fixture
def field(qtbot):
    widget = DateField()
    qtbot.addWidget(widget)
    widget.resize(420, 80)
    widget.show()
    return widget


def test_typing_shows_the_meaning_live(field, qtbot):
    emitted: list[str] = []
    field.date_changed.connect(emitted.append)
    qtbot.keyClicks(field.edit, "1932-33")
    # On the way, "1932-3" reads as March 1932; each change of meaning is signalled once.
    assert emitted == ["1932", "1932-03", "1932/1933"]
    assert field.edtf() == "1932/1933"
    assert field.meaning.text() == "between 1 Jan 1932 and 31 Dec 1933 · a range of years"
    assert field.words() == "1932–33"


def test_nonsense_gets_one_sentence_and_no_date(field, qtbot):
    qtbot.keyClicks(field.edit, "31 February 1939")
    assert field.edtf() is None
    assert field.error() == field.meaning.text()
    assert "February 1939 has 28 days" in field.meaning.text()


def test_a_stored_date_is_shown_in_words_never_as_edtf(field):
    field.set_edtf("1941-22")
    assert field.edit.text() == "summer 1941"
    assert field.edtf() == "1941-22"
    field.set_edtf("{1917-03-08,1917-11-07}")
    assert field.edit.text() == "8 March and 7 November 1917"
    assert "{" not in field.meaning.text() and "EDTF" not in field.meaning.text()


def test_old_style_for_russian_dates_before_1918(field, qtbot):
    field.set_old_style_shown(True)
    field.set_edtf("1917-11-07")
    assert field.meaning.text().endswith("Old Style: 25 October 1917")
    field.set_edtf("1939-08-23")
    assert "Old Style" not in field.meaning.text()


def test_empty_field_invites_typing(field, qtbot):
    qtbot.keyClicks(field.edit, "1922")
    field.edit.selectAll()
    qtbot.keyClick(field.edit, Qt.Key.Key_Delete)
    assert field.edtf() is None and field.error() == ""
    assert field.meaning.text() == "Type the date as you would write it."

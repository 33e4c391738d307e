"""A date field a student understands: type "1932-33" or "summer 1941", read what it means.

A line edit with one line under it that says, as the student types, what the date covers
("between 1 Jan 1932 and 31 Dec 1933 · a range of years") or, when it is not a date yet, the
one sentence saying why. The stored form (`edtf()`/`set_edtf()`) never appears on screen: a
stored date is shown in the words a student would write. For a Russian date before
14 February 1918 the line also gives the Old Style (Julian) day, when the date is exact.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QVBoxLayout, QWidget

from studyapp.domain.errors import StudentError
from studyapp.domain.student_dates import (
    StudentDate,
    describe_date,
    meaning_of,
    old_style,
    read_student_date,
)
from studyapp.ui.theme import set_role

PLACEHOLDER = "e.g. 16 April 1922, June 1948, summer 1941, 1932-33, c. 1922"


class DateField(QWidget):
    """`edtf()` is the stored date, or None while the text is not a date."""

    date_changed = Signal(str)  # the new EDTF ("" while the text is not a date)

    def __init__(self, parent: QWidget | None = None, *, show_old_style: bool = False) -> None:
        super().__init__(parent)
        self._date: StudentDate | None = None
        self._error = ""
        self._show_old_style = show_old_style
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText(PLACEHOLDER)
        self.edit.setAccessibleName("Date")
        self.meaning = QLabel(self)
        self.meaning.setWordWrap(True)
        self.meaning.setAccessibleName("What the date means")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.edit)
        layout.addWidget(self.meaning)
        self.edit.textChanged.connect(self._on_text_changed)
        self._on_text_changed("")

    # -- the stored form ---------------------------------------------------------------------

    def edtf(self) -> str | None:
        return None if self._date is None else self._date.edtf

    def set_edtf(self, edtf: str) -> None:
        """Show a stored date in words (the field never shows the stored form itself)."""
        self.edit.setText(describe_date(edtf) if edtf else "")

    def set_old_style_shown(self, on: bool) -> None:
        """Whether to add the Old Style day (for events in Russia before February 1918)."""
        self._show_old_style = on
        self._on_text_changed(self.edit.text())

    def error(self) -> str:
        """The sentence saying why the text is not a date ("" when it is one)."""
        return self._error

    def words(self) -> str:
        """The date as the student wrote it, tidied: '1932–33', 'summer 1941'."""
        return "" if self._date is None else self._date.words

    # -- typing ------------------------------------------------------------------------------

    def _on_text_changed(self, text: str) -> None:
        if not text.strip():
            self._set(None, "", "Type the date as you would write it.")
            return
        try:
            date = read_student_date(text)
        except StudentError as refusal:
            self._set(None, str(refusal), str(refusal))
            return
        self._set(date, "", self._meaning(date))

    def _meaning(self, date: StudentDate) -> str:
        meaning = meaning_of(date.edtf)
        julian = old_style(date.edtf) if self._show_old_style else None
        return f"{meaning} · Old Style: {julian}" if julian else meaning

    def _set(self, date: StudentDate | None, error: str, sentence: str) -> None:
        changed = (date.edtf if date else "") != (self._date.edtf if self._date else "")
        self._date, self._error = date, error
        self.meaning.setText(sentence)
        set_role(self.meaning, "error" if error else "hint")
        if changed:
            self.date_changed.emit(date.edtf if date else "")

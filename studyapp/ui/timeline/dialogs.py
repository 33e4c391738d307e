"""The dialog that adds or edits one timeline event.

Like every form (`ui/widgets/form_dialog.py`) it writes nothing itself: OK hands an
`EventFields` to the `save` callback the tab gives it, and an unreadable date or an empty title
is shown inside the dialog, which stays open. It also reads the date back as the student types.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QWidget,
)

from studyapp.db.operations.events import EventFields
from studyapp.db.services.timeline import CATEGORIES, EventRow
from studyapp.db.services.topic import PeriodRow
from studyapp.domain.dates import DateError, describe, parse
from studyapp.ui.timeline.detail import precision_words
from studyapp.ui.widgets.form_dialog import FormDialog

# Two explicit lines rather than word wrap: wrapped labels get clipped inside a QFormLayout.
DATE_HINT = (
    "For example 1933, 1941-06-22, 1941-06 or 1932/1933 (a range);\n"
    "1941-22 is summer 1941 and {1917-03-08,1917-11-07} a set of dates."
)


class EventDialog(FormDialog):
    """Add (initial is None) or edit one event; `save(draft)` is called on OK."""

    def __init__(
        self,
        periods: list[PeriodRow],
        save: Callable[[EventFields], object],
        initial: EventRow | None = None,
        parent: QWidget | None = None,
    ) -> None:
        title = "Edit event" if initial else "Add an event"
        super().__init__(title, lambda: save(self.draft()), parent)
        self.setMinimumWidth(560)
        self._build_fields(periods)
        self._build_layout()
        if initial is not None:
            self._fill(initial)
        self._on_date_changed(self.edtf_edit.text())

    # -- building ------------------------------------------------------------------------------

    def _build_fields(self, periods: list[PeriodRow]) -> None:
        self.title_edit = QLineEdit(self)
        self.label_edit = QLineEdit(self)
        self.label_edit.setPlaceholderText("As your notes write it, e.g. 1932–33")
        self.edtf_edit = QLineEdit(self)
        self.edtf_edit.setPlaceholderText("1941-06-22")
        self.edtf_edit.textChanged.connect(self._on_date_changed)
        self.date_reading = QLabel(self)  # one short line; no word wrap, so no clipped lines
        self.date_reading.setTextFormat(Qt.TextFormat.PlainText)
        self.category_combo = QComboBox(self)
        for key, label in CATEGORIES.items():
            self.category_combo.addItem(label, key)
        self.category_combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.period_combo = QComboBox(self)
        self.period_combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.period_combo.addItem("No period", None)
        for period in periods:
            self.period_combo.addItem(period.title, period.id)
        self.key_date_check = QCheckBox("&Key date (one of the dates to learn by heart)", self)
        self.description_edit = QPlainTextEdit(self)
        self.description_edit.setTabChangesFocus(True)
        self.description_edit.setFixedHeight(90)
        self.old_style_edit = QLineEdit(self)
        self.old_style_edit.setPlaceholderText("Russia before February 1918 only")
        self.page_edit = QLineEdit(self)
        self.page_edit.setPlaceholderText("e.g. pp. 128–131")
        self.check_edit = QPlainTextEdit(self)
        self.check_edit.setTabChangesFocus(True)
        self.check_edit.setFixedHeight(60)
        self.check_edit.setPlaceholderText("Where the notes differ from the record")

    def _build_layout(self) -> None:
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        hint = QLabel(DATE_HINT, self)
        hint.setStyleSheet("color:gray")
        rows = [
            ("&Title:", self.title_edit), ("Date as &written:", self.label_edit),
            ("&Date (EDTF):", self.edtf_edit), ("", hint), ("", self.date_reading),
            ("&Category:", self.category_combo), ("&Period:", self.period_combo),
            ("", self.key_date_check), ("Desc&ription:", self.description_edit),
            ("&Old Style date:", self.old_style_edit), ("Pa&ge:", self.page_edit),
            ("C&heck note:", self.check_edit),
        ]  # fmt: skip
        for text, widget in rows:
            form.addRow(text, widget)
            if text:
                widget.setAccessibleName(text.replace("&", "").rstrip(":"))
        self.lay_out(form)

    def _fill(self, row: EventRow) -> None:
        self.title_edit.setText(row.title)
        self.label_edit.setText(row.date_label)
        self.edtf_edit.setText(row.edtf)
        self.category_combo.setCurrentIndex(max(0, self.category_combo.findData(row.category)))
        self.period_combo.setCurrentIndex(max(0, self.period_combo.findData(row.period_id)))
        self.key_date_check.setChecked(row.key_date)
        self.description_edit.setPlainText(row.description)
        self.old_style_edit.setText(row.old_style or "")
        self.page_edit.setText(row.page_ref or "")
        self.check_edit.setPlainText(row.check_note or "")

    # -- behaviour -----------------------------------------------------------------------------

    def draft(self) -> EventFields:
        def optional(text: str) -> str | None:
            return text.strip() or None

        return EventFields(
            title=self.title_edit.text().strip(),
            date_label=self.label_edit.text().strip(),
            edtf=self.edtf_edit.text().strip(),
            category=self.category_combo.currentData(),
            key_date=self.key_date_check.isChecked(),
            description=self.description_edit.toPlainText().strip(),
            page_ref=optional(self.page_edit.text()),
            check_note=optional(self.check_edit.toPlainText()),
            old_style=optional(self.old_style_edit.text()),
            period_id=self.period_combo.currentData(),
        )

    def show_error(self, sentence: str) -> None:
        super().show_error(sentence)
        self.adjustSize()  # make room for the sentence rather than squeezing the form

    def _on_date_changed(self, text: str) -> None:
        """Read the date back as the student types, so a wrong reading shows before saving."""
        if not text.strip():
            self.date_reading.setText("")
            return
        try:
            date = parse(text)
        except DateError:
            self.date_reading.setText("Not a date StudyApp can read yet")
            return
        words = precision_words(date.precision).lower()
        self.date_reading.setText(f"Reads as: {describe(date)} ({words})")

"""The dialog that adds or edits one timeline event.

Like every form (`ui/widgets/form_dialog.py`) it writes nothing itself: OK hands an
`EventFields` to the `save` callback the tab gives it, and an unreadable date or an empty title
is shown inside the dialog, which stays open with the student's typing. The date is one
`DateField`: the student types it as they would write it and reads its meaning under it; the
words it shows become the date as written, the stored form never appears.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QWidget,
)

from studyapp.db.operations.events import EventFields
from studyapp.db.services.timeline import CATEGORIES, EventRow
from studyapp.db.services.topic import PeriodRow
from studyapp.domain.errors import StudentError
from studyapp.ui.widgets.date_field import DateField
from studyapp.ui.widgets.form_dialog import FormDialog


class EventDialog(FormDialog):
    """Add (initial is None) or edit one event; `save(draft)` is called on OK.

    `categories` are the category keys already in use (imports bring free-text ones), offered
    beside the standard ones; `edtf` pre-fills the date of a new event.
    """

    def __init__(
        self,
        periods: list[PeriodRow],
        save: Callable[[EventFields], object],
        initial: EventRow | None = None,
        parent: QWidget | None = None,
        *,
        categories: Iterable[str] = (),
        edtf: str = "",
    ) -> None:
        title = "Edit event" if initial else "Add an event"
        super().__init__(title, lambda: save(self.draft()), parent)
        self._initial = initial
        self.setMinimumWidth(560)
        self._build_fields(periods, categories)
        self._build_layout()
        if initial is not None:
            self._fill(initial)
        elif edtf:
            self.date_field.set_edtf(edtf)

    # -- building ------------------------------------------------------------------------------

    def _build_fields(self, periods: list[PeriodRow], categories: Iterable[str]) -> None:
        self.title_edit = QLineEdit(self)
        self.date_field = DateField(self, show_old_style=True)
        self.category_combo = QComboBox(self)
        for key, label in CATEGORIES.items():
            self.category_combo.addItem(label, key)
        for key in sorted(set(categories) - set(CATEGORIES)):
            self.category_combo.addItem(key, key)  # a group from an import, as written
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
        rows = [
            ("&Title:", self.title_edit), ("&Date:", self.date_field),
            ("&Category:", self.category_combo), ("&Period:", self.period_combo),
            ("", self.key_date_check), ("Desc&ription:", self.description_edit),
            ("&Old Style date:", self.old_style_edit), ("Pa&ge:", self.page_edit),
            ("C&heck note:", self.check_edit),
        ]  # fmt: skip
        for text, widget in rows:
            form.addRow(text, widget)
            if text and widget is not self.date_field:
                widget.setAccessibleName(text.replace("&", "").rstrip(":"))
        label = form.labelForField(self.date_field)
        if label is not None:
            label.setBuddy(self.date_field.edit)  # type: ignore[attr-defined]
        self.lay_out(form)

    def _fill(self, row: EventRow) -> None:
        self.title_edit.setText(row.title)
        self.date_field.set_edtf(row.edtf)
        index = self.category_combo.findData(row.category)
        if index < 0:
            self.category_combo.addItem(row.category, row.category)
            index = self.category_combo.count() - 1
        self.category_combo.setCurrentIndex(index)
        self.period_combo.setCurrentIndex(max(0, self.period_combo.findData(row.period_id)))
        self.key_date_check.setChecked(row.key_date)
        self.description_edit.setPlainText(row.description)
        self.old_style_edit.setText(row.old_style or "")
        self.page_edit.setText(row.page_ref or "")
        self.check_edit.setPlainText(row.check_note or "")

    # -- behaviour -----------------------------------------------------------------------------

    def draft(self) -> EventFields:
        """The form as fields; a date that cannot be read is a refusal, shown in the dialog."""

        def optional(text: str) -> str | None:
            return text.strip() or None

        return EventFields(
            title=self.title_edit.text().strip(),
            date_label=self._date_label(),
            edtf=self._edtf(),
            category=self.category_combo.currentData(),
            key_date=self.key_date_check.isChecked(),
            description=self.description_edit.toPlainText().strip(),
            page_ref=optional(self.page_edit.text()),
            check_note=optional(self.check_edit.toPlainText()),
            old_style=optional(self.old_style_edit.text()),
            period_id=self.period_combo.currentData(),
        )

    def _edtf(self) -> str:
        edtf = self.date_field.edtf()
        if edtf is None:
            raise StudentError(self.date_field.error() or "Type the date of the event.")
        return edtf

    def _date_label(self) -> str:
        """The notes' own wording while the date is unchanged ("1917 (February and October)");
        otherwise the words the field shows for what the student typed."""
        initial = self._initial
        if initial is not None and self.date_field.edtf() == initial.edtf and initial.date_label:
            return initial.date_label
        return self.date_field.words()

    def show_error(self, sentence: str) -> None:
        if sentence and sentence == self.date_field.error():
            # Already said in red under the date: point at it rather than say it twice.
            self.error_label.hide()
            self.date_field.edit.setFocus()
            return
        super().show_error(sentence)
        self.adjustSize()  # make room for the sentence rather than squeezing the form

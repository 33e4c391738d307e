"""The form for one quote in the phase notes: who said it, on what occasion, and the words.

Like every form it writes nothing itself: OK hands a `QuoteFields` to `save`; a refusal (no
speaker, no words) is shown inside the dialog, which stays open with the student's typing.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QFormLayout, QLineEdit, QWidget

from studyapp.db.operations.quotes import QuoteFields
from studyapp.db.services.quotes import QuoteRow
from studyapp.ui.widgets.form_dialog import FormDialog, text_box


class QuoteDialog(FormDialog):
    """Add (initial None) or edit one quote; `save(fields)` runs on OK."""

    def __init__(self, save: Callable[[QuoteFields], object], initial: QuoteRow | None = None,
                 parent: QWidget | None = None, *, section_title: str = "") -> None:  # fmt: skip
        title = "Edit quote" if initial else "Add a quote"
        super().__init__(title, lambda: save(self.draft()), parent)
        self.setMinimumWidth(540)
        self._edtf = initial.edtf if initial else None  # a pack quote's date is kept as it is
        self.speaker_edit = QLineEdit(self)
        self.speaker_edit.setAccessibleName("Speaker")
        self.speaker_edit.setPlaceholderText("e.g. Stalin, Churchill, a Soviet diplomat")
        self.context_edit = text_box(self, "Occasion", 2, "e.g. A speech to industrial managers, "
                                                          "February 1931")  # fmt: skip
        self.text_edit = text_box(self, "Quote", 5, "The words, as said or written")
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.addRow("&Speaker:", self.speaker_edit)
        form.addRow("&Occasion:", self.context_edit)
        form.addRow("&Words:", self.text_edit)
        if section_title:
            self.setWindowTitle(f"{title} to “{section_title}”")
        self.lay_out(form)
        if initial is not None:
            self.speaker_edit.setText(initial.speaker)
            self.context_edit.setPlainText(initial.context)
            self.text_edit.setPlainText(initial.text)
        self.speaker_edit.setFocus()

    def draft(self) -> QuoteFields:
        return QuoteFields(self.speaker_edit.text().strip(), self.text_edit.toPlainText().strip(),
                           self.context_edit.toPlainText().strip(), self._edtf)  # fmt: skip

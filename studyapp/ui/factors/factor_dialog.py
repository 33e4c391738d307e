"""The form for one war-victory factor: its title, kind and explanation.

Like every form it writes nothing itself: OK hands a `FactorFields` to `save`; a refusal (no
title) is shown inside the dialog, which stays open with the student's typing. The student's
rank, rating and justification are not here: they are set on the card itself.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QComboBox, QFormLayout, QLineEdit, QWidget

from studyapp.db.operations.factors import FactorFields
from studyapp.db.services.factors import FACTOR_CATEGORIES, FactorRow
from studyapp.ui.widgets.form_dialog import FormDialog, text_box


class FactorDialog(FormDialog):
    """Add (initial None) or edit one factor; `save(fields)` runs on OK."""

    def __init__(self, save: Callable[[FactorFields], object], initial: FactorRow | None = None,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__("Edit factor" if initial else "Add a factor",
                         lambda: save(self.draft()), parent)  # fmt: skip
        self.setMinimumWidth(520)
        self.title_edit = QLineEdit(self)
        self.title_edit.setAccessibleName("Title")
        self.title_edit.setPlaceholderText("e.g. Lend-Lease supplies from the Allies")
        self.category_combo = QComboBox(self)
        self.category_combo.setAccessibleName("Kind of factor")
        for key, label in FACTOR_CATEGORIES.items():
            self.category_combo.addItem(label, key)
        self.explanation_edit = text_box(self, "Explanation", 5,
                                         "How this factor helped bring victory")  # fmt: skip
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.addRow("&Title:", self.title_edit)
        form.addRow("&Kind:", self.category_combo)
        form.addRow("E&xplanation:", self.explanation_edit)
        self.lay_out(form)
        if initial is not None:
            self.title_edit.setText(initial.title)
            index = self.category_combo.findData(initial.category)
            if index < 0:  # a kind from an imported pack, as written
                self.category_combo.addItem(initial.category, initial.category)
                index = self.category_combo.count() - 1
            self.category_combo.setCurrentIndex(index)
            self.explanation_edit.setPlainText(initial.explanation)
        self.title_edit.setFocus()

    def draft(self) -> FactorFields:
        return FactorFields(self.title_edit.text().strip(),
                            self.explanation_edit.toPlainText().strip(),
                            self.category_combo.currentData())  # fmt: skip

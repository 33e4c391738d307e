"""The "compare two factors" form: pick the factor that mattered more, the one that mattered
less, and write why. It writes nothing itself; a refusal is shown inside it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QWidget

from studyapp.db.services.factors import FactorRow
from studyapp.domain.text import shorten
from studyapp.ui.widgets.form_dialog import FormDialog, text_box


class CompareDialog(FormDialog):
    def __init__(self, factors: list[FactorRow], first: FactorRow | None,
                 save: Callable[[FactorRow, FactorRow, str], object],
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__("Compare two factors",
                         lambda: save(self.stronger(), self.weaker(), self.reason()), parent)
        self._factors = factors
        self.setMinimumWidth(560)
        self.stronger_box, self.weaker_box = QComboBox(self), QComboBox(self)
        for box in (self.stronger_box, self.weaker_box):
            for factor in factors:
                box.addItem(shorten(factor.title, 70), factor.id)
        start = factors.index(first) if first in factors else 0
        self.stronger_box.setCurrentIndex(start)
        self.weaker_box.setCurrentIndex(1 if start == 0 and len(factors) > 1 else 0)
        self.reason_edit = text_box(self, "Why it mattered more", 4,
                                    "Why did the first matter more than the second?")
        form = QFormLayout()
        form.addRow("&Mattered more:", self.stronger_box)
        form.addRow("Mattered &less:", self.weaker_box)
        prompt = QLabel("&Why? (shown on both cards and in the answer plan)", self)
        prompt.setBuddy(self.reason_edit)
        self.lay_out(form, prompt, self.reason_edit)

    def _pick(self, box: QComboBox) -> FactorRow:
        return next(f for f in self._factors if f.id == box.currentData())

    def stronger(self) -> FactorRow:
        return self._pick(self.stronger_box)

    def weaker(self) -> FactorRow:
        return self._pick(self.weaker_box)

    def reason(self) -> str:
        return self.reason_edit.toPlainText().strip()

"""Small forms: one piece of text (a note item's wording or the student's annotation), and a
key term with its meaning and section.

Like every form it writes nothing itself: OK hands the text to `save`, and a ValueError from it
(e.g. "A note needs some text.") is shown inside the dialog, which stays open.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QLineEdit, QWidget

from studyapp.ui.widgets.form_dialog import FormDialog, text_box

NO_SECTION = "The whole topic (no one section)"


class TextDialog(FormDialog):
    """One multi-line text box with a label; `save(text)` runs on OK."""

    def __init__(
        self,
        title: str,
        label: str,
        text: str,
        save: Callable[[str], object],
        parent: QWidget | None = None,
        hint: str = "",
    ) -> None:
        super().__init__(title, lambda: save(self.text()), parent)
        self.setMinimumSize(520, 280)
        prompt = QLabel(label, self)
        prompt.setTextFormat(Qt.TextFormat.PlainText)  # the label may quote the student's text
        prompt.setWordWrap(True)
        self.text_edit = text_box(self, title, 6, hint)
        self.text_edit.setMaximumHeight(16_777_215)  # the one field: let it take the room
        self.text_edit.setPlainText(text)
        prompt.setBuddy(self.text_edit)
        self.lay_out(prompt, self.text_edit)
        self.text_edit.setFocus()

    def text(self) -> str:
        return self.text_edit.toPlainText().strip()


class KeyTermDialog(FormDialog):
    """A term, its meaning and the section it belongs to; `save(term, meaning, section_id)` runs
    on OK (a refusal shows in the dialog, which keeps the typing)."""

    def __init__(
        self,
        title: str,
        sections: list[tuple[int, str]],  # (id, title indented by depth), in reading order
        save: Callable[[str, str, int | None], object],
        parent: QWidget | None = None,
        term: str = "",
        meaning: str = "",
        section_id: int | None = None,
    ) -> None:
        super().__init__(title, lambda: save(self.term(), self.meaning(), self.section_id()),
                         parent)  # fmt: skip
        self.setMinimumWidth(520)
        self.term_edit = QLineEdit(term, self)
        self.term_edit.setAccessibleName("Term")
        self.term_edit.setPlaceholderText("e.g. Collective security")
        self.meaning_edit = text_box(self, "Meaning", 4, "What it means, in a sentence or two")
        self.meaning_edit.setPlainText(meaning)
        self.section_combo = QComboBox(self)
        self.section_combo.setAccessibleName("Section")
        self.section_combo.addItem(NO_SECTION, None)
        for value, label in sections:
            self.section_combo.addItem(label, value)
        self.section_combo.setCurrentIndex(max(0, self.section_combo.findData(section_id)))
        form = QFormLayout()
        form.addRow("&Term:", self.term_edit)
        form.addRow("&Meaning:", self.meaning_edit)
        form.addRow("&Section:", self.section_combo)
        self.lay_out(form)
        self.term_edit.setFocus()

    def term(self) -> str:
        return self.term_edit.text().strip()

    def meaning(self) -> str:
        return self.meaning_edit.toPlainText().strip()

    def section_id(self) -> int | None:
        value = self.section_combo.currentData()
        return int(value) if value is not None else None

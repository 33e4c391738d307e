"""A small form for writing one piece of text: a note item's wording or the student's annotation.

Like every form it writes nothing itself: OK hands the text to `save`, and a ValueError from it
(e.g. "A note needs some text.") is shown inside the dialog, which stays open.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from studyapp.ui.widgets.form_dialog import FormDialog, text_box


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

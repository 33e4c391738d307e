"""A small dialog for writing one piece of text: a note item's wording or the student's annotation.

Like the timeline's event dialog it writes nothing itself: OK hands the text to `save`, and a
ValueError from it (e.g. "A note needs some text.") is shown inside the dialog, which stays open.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

ERROR_STYLE = "color:#a4000f; font-weight:bold"


class TextDialog(QDialog):
    """One multi-line text box with a label; `save(text)` runs on OK."""

    def __init__(
        self,
        title: str,
        label: str,
        text: str,
        save: Callable[[str], object],
        parent: QWidget | None = None,
        placeholder: str = "",
    ) -> None:
        super().__init__(parent)
        self._save = save
        self.setWindowTitle(title)
        self.setMinimumSize(520, 280)
        prompt = QLabel(label, self)
        prompt.setTextFormat(Qt.TextFormat.PlainText)  # the label may quote the student's text
        prompt.setWordWrap(True)
        self.text_edit = QPlainTextEdit(self)
        self.text_edit.setPlainText(text)
        self.text_edit.setPlaceholderText(placeholder)
        self.text_edit.setTabChangesFocus(True)
        self.text_edit.setAccessibleName(title)
        prompt.setBuddy(self.text_edit)
        self.error_label = QLabel(self)
        self.error_label.setWordWrap(True)
        self.error_label.setTextFormat(Qt.TextFormat.PlainText)  # the sentence quotes the input
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (prompt, self.text_edit, self.error_label, self.buttons):
            layout.addWidget(widget)
        self.text_edit.setFocus()

    def text(self) -> str:
        return self.text_edit.toPlainText().strip()

    def accept(self) -> None:
        try:
            self._save(self.text())
        except ValueError as error:  # EditError carries one sentence for the student
            self.error_label.setText(str(error))
            self.error_label.show()
            return
        super().accept()

"""The one shape every edit form in the app shares.

A form writes nothing itself: OK calls the `submit` callable it was given. If that raises a
`StudentError` (an operation's refusal: one sentence for the student), the sentence is shown
inside the dialog and the dialog stays open with the student's typing intact, so a typo costs
nothing. Only a successful save closes it. Forms are opened with `open()` (window-modal, no
nested event loop), which also keeps them testable.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from studyapp.domain.errors import StudentError
from studyapp.ui.theme import set_role

FIELDS = (QLineEdit, QPlainTextEdit, QTextEdit, QComboBox, QAbstractSpinBox)


class FormDialog(QDialog):
    """OK runs `submit()`; a StudentError keeps the dialog open and shows its sentence."""

    def __init__(self, title: str, submit: Callable[[], object], parent: QWidget | None) -> None:
        super().__init__(parent)
        self._submit = submit
        self.setWindowTitle(title)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # a fresh form every time
        self.error_label = QLabel(self)
        self.error_label.setWordWrap(True)
        self.error_label.setTextFormat(Qt.TextFormat.PlainText)  # the sentence quotes the input
        set_role(self.error_label, "error")
        self.error_label.setAccessibleName("Problem")
        self.error_label.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        save = QAction("Save", self)  # Return makes a new line in a text box; this saves
        save.setShortcuts([QKeySequence("Ctrl+Return"), QKeySequence("Ctrl+Enter")])
        save.triggered.connect(lambda _checked=False: self.accept())
        self.addAction(save)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        """Open with the cursor in the first field, ready to type, not on a button."""
        super().showEvent(event)
        focused = self.focusWidget()
        if focused is not None and not isinstance(focused, QAbstractButton):
            return
        widget: QWidget | None = self.nextInFocusChain()
        while widget is not None and widget is not self:
            if isinstance(widget, FIELDS) and widget.isEnabled() and widget.isVisibleTo(self):
                widget.setFocus(Qt.FocusReason.TabFocusReason)
                return
            widget = widget.nextInFocusChain()

    @property
    def ok_button(self) -> QPushButton:
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok)

    def lay_out(self, *parts: QWidget | QLayout) -> QVBoxLayout:
        """Stack the form's parts, then the error line and the buttons, top to bottom."""
        layout = QVBoxLayout(self)
        for part in parts:
            if isinstance(part, QLayout):
                layout.addLayout(part)
            else:
                layout.addWidget(part)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        return layout

    def accept(self) -> None:
        try:
            self._submit()
        except StudentError as error:
            self.show_error(str(error))
            return
        super().accept()

    def show_error(self, sentence: str) -> None:
        self.error_label.setText(sentence)
        self.error_label.show()


def text_box(parent: QWidget, name: str, lines: int, hint: str = "") -> QPlainTextEdit:
    """A multi-line field `lines` tall, with a grey `hint` while empty; Tab moves on."""
    box = QPlainTextEdit(parent)
    box.setAccessibleName(name)
    box.setPlaceholderText(hint)
    box.setTabChangesFocus(True)
    height = box.fontMetrics().lineSpacing() * lines + 14
    box.setMinimumHeight(height)
    box.setMaximumHeight(height * 2)
    return box

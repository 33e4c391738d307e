"""A plain-text box that reports its text once the student stops typing.

Saving every keystroke would flood the undo stack; saving only on an explicit button would
lose work. So the box waits for a short pause — or for focus to leave it, or for a tab switch
or the window closing to hide it — and then emits `text_settled` once for the whole burst of
typing; the tab turns that into one undoable edit.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QFocusEvent, QHideEvent
from PySide6.QtWidgets import QPlainTextEdit, QWidget

SETTLE_MS = 700  # long enough to span a pause between words, short enough to feel saved


class AutosaveTextEdit(QPlainTextEdit):
    """Emits `text_settled(text)` after a pause in typing, or on focus-out, if the text changed."""

    text_settled = Signal(str)

    def __init__(self, parent: QWidget | None = None, settle_ms: int = SETTLE_MS) -> None:
        super().__init__(parent)
        self._saved_text = ""
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(settle_ms)
        self._timer.timeout.connect(self.flush)
        self.setTabChangesFocus(True)  # Tab moves on, as in every other field of the form
        self.textChanged.connect(self._on_text_changed)

    @property
    def pending(self) -> bool:
        """True while the box holds typing that has not been reported yet."""
        return self.toPlainText() != self._saved_text

    def set_saved_text(self, text: str) -> None:
        """Show text that is already saved, without reporting it back."""
        self._timer.stop()
        self._saved_text = text
        if self.toPlainText() != text:
            self.blockSignals(True)  # a programmatic fill is not the student typing
            self.setPlainText(text)
            self.blockSignals(False)

    def mark_saved(self) -> None:
        """The current text has been saved by someone else (e.g. its sibling box)."""
        self._timer.stop()
        self._saved_text = self.toPlainText()

    def flush(self) -> None:
        """Report pending typing now (before switching to another row, say)."""
        self._timer.stop()
        if self.pending:
            self._saved_text = self.toPlainText()
            self.text_settled.emit(self._saved_text)

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt override
        self.flush()
        super().focusOutEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 - Qt override
        # Switching tabs or closing the window hides the box: save what was typed first.
        self.flush()
        super().hideEvent(event)

    def _on_text_changed(self) -> None:
        self._timer.start()

"""A row of buttons that wraps onto further rows when the space is too narrow for all of them,
so a toolbar never cuts a label short at the smallest window or at a larger text size: each
button always gets its full size hint.

Rows of QHBoxLayouts, re-arranged on resize, rather than a QLayout subclass written in Python:
such a layout holds Qt's own `QWidgetItem`s, which Qt deletes without PySide knowing, and a
stale wrapper then turns up for a new object at the same address (seen in the test suite).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QSizePolicy, QVBoxLayout, QWidget


class WrappingRow(QWidget):
    def __init__(self, widgets: Sequence[QWidget], parent: QWidget | None = None,
                 spacing: int = 6) -> None:  # fmt: skip
        super().__init__(parent)
        self._widgets = list(widgets)
        self._spacing = spacing
        self._rows: list[list[QWidget]] = []
        self._lines: list[QHBoxLayout] = []
        self._column = QVBoxLayout(self)
        self._column.setContentsMargins(0, 0, 0, 0)
        self._column.setSpacing(spacing)
        # Narrower than one row: a resize then wraps the buttons instead of being refused.
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.setMinimumWidth(max((w.sizeHint().width() for w in self._widgets), default=0))
        self._arrange(10_000)

    def rows(self) -> list[list[QWidget]]:
        return [list(row) for row in self._rows]

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        """A new text size: new widths, so perhaps new rows."""
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self.setMinimumWidth(max((w.sizeHint().width() for w in self._widgets), default=0))
            self._arrange(self.width())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._arrange(event.size().width())

    def _arrange(self, width: int) -> None:
        rows: list[list[QWidget]] = [[]]
        used = 0
        for widget in self._widgets:
            need = max(widget.sizeHint().width(), widget.minimumWidth())
            if rows[-1] and used + self._spacing + need > width:
                rows.append([])
                used = 0
            used += need + (self._spacing if rows[-1] else 0)
            rows[-1].append(widget)
        if rows == self._rows:
            return
        self._rows = rows
        for line in self._lines:  # the widgets stay children of this widget throughout
            for widget in self._widgets:
                line.removeWidget(widget)
            self._column.removeItem(line)
            line.deleteLater()
        self._lines = []
        for members in rows:
            line = QHBoxLayout()
            line.setSpacing(self._spacing)
            for widget in members:
                line.addWidget(widget)
            line.addStretch(1)
            self._column.addLayout(line)
            self._lines.append(line)

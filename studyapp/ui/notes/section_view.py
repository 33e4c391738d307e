"""The section tree's view: long section titles wrap onto a second line instead of being cut.

QTreeView asks its delegate for row heights without telling it the column's width, so a
word-wrapped title would still get a one-line row. The delegate here measures the title against
the real width of the column (minus the indentation of its depth) and the view re-measures when
the column is resized.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QWidget,
)

from studyapp.ui.notes.model import COL_PROGRESS, COL_TITLE

PADDING = 8  # vertical breathing room per row, in pixels
TEXT_MARGINS = 12  # the style's text margins either side, roughly, in pixels


class WrappingDelegate(QStyledItemDelegate):
    def __init__(self, view: QTreeView) -> None:
        super().__init__(view)
        self._view = view

    def sizeHint(  # noqa: N802 - Qt override
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        hint = super().sizeHint(option, index)
        if index.column() != COL_TITLE:
            return hint
        width = self._view.header().sectionSize(COL_TITLE) - self._indent(index) - TEXT_MARGINS
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        flags = int(Qt.TextFlag.TextWordWrap)
        box = option.fontMetrics.boundingRect(QRect(0, 0, max(width, 40), 10_000), flags, text)
        return QSize(hint.width(), max(hint.height(), box.height() + PADDING))

    def _indent(self, index: QModelIndex | QPersistentModelIndex) -> int:
        depth, parent = 1, index.parent()  # the root decoration takes one indentation too
        while parent.isValid():
            depth, parent = depth + 1, parent.parent()
        return depth * self._view.indentation()


class SectionTreeView(QTreeView):
    """Sections with their "learnt" counts; titles wrap, counts keep to their own column."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Sections of the notes")
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setWordWrap(True)
        self.setItemDelegate(WrappingDelegate(self))
        self.header().setStretchLastSection(False)
        self.header().sectionResized.connect(self._on_section_resized)

    def fit_columns(self) -> None:
        """Call after each model reset: a reset forgets the header's per-column modes."""
        header = self.header()
        header.setSectionResizeMode(COL_TITLE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COL_PROGRESS, QHeaderView.ResizeMode.ResizeToContents)

    def _on_section_resized(self, column: int, _old: int, _new: int) -> None:
        if column == COL_TITLE:
            self.doItemsLayout()  # row heights are cached; wrap the titles again

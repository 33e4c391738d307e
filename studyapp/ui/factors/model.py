"""The ranked factors as a table: rank, title, category and the student's importance."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QApplication

from studyapp.db.services.factors import FactorRow
from studyapp.ui.widgets.rows import ROW_ROLE, RowListModel

COL_RANK, COL_TITLE, COL_CATEGORY, COL_IMPORTANCE, COL_JUSTIFIED = range(5)
HEADERS = ("Rank", "Factor", "Category", "Importance", "Justified")
NOT_RATED = "not rated"


def importance_dots(importance: int | None) -> str:
    """●●●○○ for 3 of 5; unrated factors say so in words rather than showing empty dots."""
    if importance is None:
        return NOT_RATED
    return "●" * importance + "○" * (5 - importance)


def importance_words(importance: int | None) -> str:
    """What a screen reader says instead of the dots."""
    return NOT_RATED if importance is None else f"importance {importance} of 5"


class FactorTableModel(RowListModel[FactorRow]):
    """Factors in the student's ranking order; rank is the row number, not a stored value."""

    HEADERS = HEADERS

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        row = self.row_at(index)
        if row is None:
            return None
        if role == ROW_ROLE:
            return row
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(index.row(), column, row)
        if role == Qt.ItemDataRole.AccessibleTextRole and column == COL_IMPORTANCE:
            return importance_words(row.importance)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(self._alignment(column))
        if role == Qt.ItemDataRole.FontRole:
            return self._font(column, row)
        if role == Qt.ItemDataRole.ForegroundRole and self._unrated(column, row):
            return QApplication.palette().color(QPalette.ColorRole.PlaceholderText)
        if role == Qt.ItemDataRole.ToolTipRole and column == COL_TITLE:
            return row.explanation
        return None

    def sync_rows(self, rows: Sequence[FactorRow]) -> bool:
        moved = super().sync_rows(rows)
        if moved and self._rows:
            # Ranks are row numbers, so every rank cell may read differently after a move.
            last = self.index(len(self._rows) - 1, COL_RANK)
            self.dataChanged.emit(self.index(0, COL_RANK), last)
        return moved

    @staticmethod
    def _display(position: int, column: int, row: FactorRow) -> str:
        if column == COL_RANK:
            return str(position + 1)
        if column == COL_TITLE:
            return row.title
        if column == COL_CATEGORY:
            return row.category_label
        if column == COL_JUSTIFIED:
            return "✓ yes" if row.justification.strip() else "not yet"
        return importance_dots(row.importance)

    @staticmethod
    def _alignment(column: int) -> Qt.AlignmentFlag:
        vertical = Qt.AlignmentFlag.AlignVCenter
        if column in (COL_TITLE, COL_CATEGORY):
            return Qt.AlignmentFlag.AlignLeft | vertical
        return Qt.AlignmentFlag.AlignHCenter | vertical

    @staticmethod
    def _unrated(column: int, row: FactorRow) -> bool:
        """Cells that show something still to do, drawn quieter than the student's answers."""
        if column == COL_JUSTIFIED:
            return not row.justification.strip()
        return column == COL_IMPORTANCE and row.importance is None

    def _font(self, column: int, row: FactorRow) -> QFont | None:
        if column == COL_RANK:
            font = QFont()
            font.setBold(True)
            return font
        if self._unrated(column, row):
            font = QFont()
            font.setItalic(True)
            return font
        return None

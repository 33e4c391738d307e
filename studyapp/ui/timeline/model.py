"""The timeline's Qt models: a table of plain `EventRow`s in date order, and its filter.

The table model never reads the database. The tab fetches fresh rows from the services after
each edit and hands them to `sync_rows` (ui/widgets/rows.py), which turns the difference into
the smallest Qt change (one row changed, inserted, removed or moved) so that the view keeps its
selection and scroll.
"""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap

from studyapp.db.services.timeline import EventRow
from studyapp.ui.widgets.rows import ROW_ROLE, RowListModel

COL_DATE, COL_EVENT, COL_CATEGORY = range(3)
HEADERS = ("Date", "Event", "Category")
ID_ROLE = Qt.ItemDataRole.UserRole + 2
KEY_MARK = "★"

Index = QModelIndex | QPersistentModelIndex


class EventTableModel(RowListModel[EventRow]):
    """Every event of the topic, in the order the service gives (start, end, pack order)."""

    HEADERS = HEADERS

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._icons: dict[bool, QIcon] = {}

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.row_at(index)
        if row is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, index.column())
        if role == Qt.ItemDataRole.DecorationRole and index.column() == COL_EVENT:
            return self._marker(row.key_date)
        if role == Qt.ItemDataRole.ToolTipRole:
            # Escaped rich text: a title is the student's to edit, and Qt would otherwise guess
            # that "<b>…" in it is markup.
            tip = f"{row.title} ({row.date_label})" + (" — key date" if row.key_date else "")
            return f"<p>{html.escape(tip)}</p>"
        if role == Qt.ItemDataRole.AccessibleTextRole:
            text = self._display(row, index.column())
            return f"Key date: {text}" if row.key_date and index.column() == COL_EVENT else text
        if role == ROW_ROLE:
            return row
        if role == ID_ROLE:
            return row.id
        return None

    @staticmethod
    def _display(row: EventRow, column: int) -> str:
        if column == COL_DATE:
            return row.date_label
        if column == COL_EVENT:
            return row.title
        return row.category_label

    def _marker(self, key_date: bool) -> QIcon:
        """A gold star before key dates, and a blank of the same size so titles line up.

        A shape rather than bold text: 26 of the 44 events are key dates, and a table of mostly
        bold rows marks nothing.
        """
        if key_date not in self._icons:
            pixmap = QPixmap(16, 16)
            pixmap.fill(Qt.GlobalColor.transparent)
            if key_date:
                painter = QPainter(pixmap)
                font = QFont()
                font.setPixelSize(15)
                painter.setFont(font)
                painter.setPen(QColor("#d08c00"))
                painter.drawText(pixmap.rect(), Qt.AlignmentFlag.AlignCenter, KEY_MARK)
                painter.end()
            self._icons[key_date] = QIcon(pixmap)
        return self._icons[key_date]


class EventFilterProxy(QSortFilterProxyModel):
    """Filters by "key dates only" and by words in the title, date, category or description.

    It never sorts: the date order comes from the service and is the point of a timeline.
    """

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._key_dates_only = False
        self._words: list[str] = []
        self._texts: dict[int, tuple[EventRow, str]] = {}

    @property
    def key_dates_only(self) -> bool:
        return self._key_dates_only

    def set_key_dates_only(self, on: bool) -> None:
        self.beginFilterChange()
        self._key_dates_only = on
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_text(self, text: str) -> None:
        self.beginFilterChange()
        self._words = text.casefold().split()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:  # noqa: N802
        model = self.sourceModel()
        if not isinstance(model, EventTableModel):
            return True
        row = model.row_at_position(source_row)
        if self._key_dates_only and not row.key_date:
            return False
        if not self._words:
            return True
        haystack = self._search_text(row)
        return all(word in haystack for word in self._words)

    def _search_text(self, row: EventRow) -> str:
        """Each row's searchable text, built once per row object rather than once per keystroke
        (at 10,000 events rebuilding it cost most of a keystroke; tests/bench/bench_timeline.py).
        Rows are frozen: a changed event arrives as a new object, and misses the cache."""
        cached = self._texts.get(row.id)
        if cached is None or cached[0] is not row:
            text = " ".join(
                (row.title, row.date_label, row.category_label, row.description, row.edtf)
            ).casefold()
            cached = self._texts[row.id] = (row, text)
        return cached[1]

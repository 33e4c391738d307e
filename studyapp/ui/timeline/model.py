"""The timeline's Qt models: a table of plain `EventRow`s in date order, and its filter.

The table model never reads the database. The tab fetches fresh rows from the services after
each edit and hands them to `apply`, which turns the difference into the smallest Qt change
(one row changed, inserted, removed or moved) so that the view keeps its selection and scroll.
"""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap

from studyapp.db.services.timeline import EventRow

COL_DATE, COL_EVENT, COL_CATEGORY = range(3)
HEADERS = ("Date", "Event", "Category")
ROW_ROLE = Qt.ItemDataRole.UserRole + 1  # the whole EventRow, for the tab and the tests
ID_ROLE = Qt.ItemDataRole.UserRole + 2
KEY_MARK = "★"

Index = QModelIndex | QPersistentModelIndex


class EventTableModel(QAbstractTableModel):
    """Every event of the topic, in the order the service gives (start, end, pack order)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[EventRow] = []
        self._icons: dict[bool, QIcon] = {}

    # -- reading -------------------------------------------------------------------------------

    def rowCount(self, parent: Index | None = None) -> int:  # noqa: N802 - Qt override
        return 0 if parent is not None and parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index | None = None) -> int:  # noqa: N802 - Qt override
        return 0 if parent is not None and parent.isValid() else len(HEADERS)

    def headerData(  # noqa: N802 - Qt override
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
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

    def row_at(self, row: int) -> EventRow:
        return self._rows[row]

    def row_of(self, event_id: int) -> int:
        """The model row of an event, or -1 when it is not in the table."""
        return next((i for i, row in enumerate(self._rows) if row.id == event_id), -1)

    # -- changing ------------------------------------------------------------------------------

    def set_rows(self, rows: list[EventRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def apply(self, fresh: list[EventRow]) -> None:
        """Become `fresh` with one dataChanged/insert/remove/move where possible, else a reset."""
        old_ids = [row.id for row in self._rows]
        new_ids = [row.id for row in fresh]
        if old_ids == new_ids:
            self._update_changed(fresh)
        elif not (self._try_insert(old_ids, new_ids, fresh) or self._try_remove(old_ids, new_ids)
                  or self._try_move(old_ids, new_ids, fresh)):  # fmt: skip
            self.set_rows(fresh)

    def _update_changed(self, fresh: list[EventRow]) -> None:
        for i, row in enumerate(fresh):
            if row != self._rows[i]:
                self._rows[i] = row
                last = self.index(i, len(HEADERS) - 1)
                self.dataChanged.emit(self.index(i, 0), last)

    def _try_insert(self, old_ids: list[int], new_ids: list[int], fresh: list[EventRow]) -> bool:
        if len(new_ids) != len(old_ids) + 1:
            return False
        at = _first_difference(old_ids, new_ids)
        if new_ids[:at] + new_ids[at + 1 :] != old_ids:
            return False
        self.beginInsertRows(QModelIndex(), at, at)
        self._rows.insert(at, fresh[at])
        self.endInsertRows()
        self._update_changed(fresh)  # the insert may come with edits to other rows (rare)
        return True

    def _try_remove(self, old_ids: list[int], new_ids: list[int]) -> bool:
        if len(new_ids) != len(old_ids) - 1:
            return False
        at = _first_difference(old_ids, new_ids)
        if old_ids[:at] + old_ids[at + 1 :] != new_ids:
            return False
        self.beginRemoveRows(QModelIndex(), at, at)
        del self._rows[at]
        self.endRemoveRows()
        return True

    def _try_move(self, old_ids: list[int], new_ids: list[int], fresh: list[EventRow]) -> bool:
        """One row moved (its date was edited): a single beginMoveRows keeps the selection."""
        if sorted(old_ids) != sorted(new_ids):
            return False
        differing = (i for i in range(len(old_ids)) if old_ids[i] != new_ids[i])
        for moved in differing:
            event_id = old_ids[moved]
            if [i for i in old_ids if i != event_id] != [i for i in new_ids if i != event_id]:
                continue
            target = new_ids.index(event_id)
            # Qt's destination is "insert before this row" in the old numbering.
            destination = target + 1 if target > moved else target
            self.beginMoveRows(QModelIndex(), moved, moved, QModelIndex(), destination)
            self._rows.insert(target, self._rows.pop(moved))
            self.endMoveRows()
            self._update_changed(fresh)
            return True
        return False


def _first_difference(old: list[int], new: list[int]) -> int:
    """The first position where the two id lists differ (the shorter length if one ends)."""
    shorter = min(len(old), len(new))
    return next((i for i in range(shorter) if old[i] != new[i]), shorter)


class EventFilterProxy(QSortFilterProxyModel):
    """Filters by "key dates only" and by words in the title, date, category or description.

    It never sorts: the date order comes from the service and is the point of a timeline.
    """

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._key_dates_only = False
        self._words: list[str] = []

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
        row = model.row_at(source_row)
        if self._key_dates_only and not row.key_date:
            return False
        if not self._words:
            return True
        haystack = " ".join(
            (row.title, row.date_label, row.category_label, row.description, row.edtf)
        ).casefold()
        return all(word in haystack for word in self._words)

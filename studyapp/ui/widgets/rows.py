"""A Qt item model over a list of plain, frozen rows that each carry an `id`.

The timeline, the factor ranking and the argument columns hold service rows (`EventRow`,
`FactorRow`, `PointRow`) and refetch them after every edit. `sync_rows` turns the fresh list
into the smallest set of row removals, moves, inserts and `dataChanged` signals, so the view
keeps its selection and scroll position instead of being reset for a one-row edit.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Generic, Protocol, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt


class HasId(Protocol):
    @property
    def id(self) -> int: ...


RowT = TypeVar("RowT", bound=HasId)
AnyIndex = QModelIndex | QPersistentModelIndex

ROW_ROLE = Qt.ItemDataRole.UserRole + 1  # the plain row object itself


class RowListModel(QAbstractTableModel, Generic[RowT]):
    """Rows in display order; subclasses name their columns in HEADERS and say what they show."""

    HEADERS: tuple[str, ...] = ("",)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[RowT] = []
        self._positions: dict[int, int] | None = None  # id -> position, made on demand

    # -- Qt overrides --------------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(  # noqa: N802 - Qt override
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        return None

    # -- plain access --------------------------------------------------------------------------

    @property
    def rows(self) -> list[RowT]:
        return list(self._rows)

    def row_at(self, index: AnyIndex) -> RowT | None:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        return self._rows[index.row()]

    def row_at_position(self, position: int) -> RowT:
        return self._rows[position]

    def row_by_id(self, row_id: int | None) -> RowT | None:
        position = self.row_of(row_id) if row_id is not None else None
        return None if position is None else self._rows[position]

    def row_of(self, row_id: int) -> int | None:
        """The position of the row with this id, or None (asked at every filter keystroke, so
        answered from a table made once per change of the rows' order)."""
        return self.index_ids().get(row_id)

    def index_ids(self) -> dict[int, int]:
        """The id → position table, made now if the rows changed since it was last made."""
        if self._positions is None:
            self._positions = {row.id: i for i, row in enumerate(self._rows)}
        return self._positions

    # -- updates -------------------------------------------------------------------------------

    def reset_rows(self, rows: Sequence[RowT]) -> None:
        """Replace everything (a reload): the one case where a model reset is right."""
        self.beginResetModel()
        self._rows = list(rows)
        self._positions = None
        self.endResetModel()

    def sync_rows(self, rows: Sequence[RowT]) -> bool:
        """Make the model hold `rows`; return True when the order or the set of rows changed."""
        if not self._rows or not rows:
            self.reset_rows(rows)
            return True
        structural = self._move_one([row.id for row in rows])
        structural |= self._remove_missing({row.id for row in rows})
        for target, row in enumerate(rows):
            structural |= self._place(target, row)
            if self._rows[target] != row:
                self._rows[target] = row
                last = self.index(target, self.columnCount() - 1)
                self.dataChanged.emit(self.index(target, 0), last)
        return structural

    def _move_one(self, new_ids: list[int]) -> bool:
        """Handle the common edit — one row moved up or down — as a single row move."""
        old_ids = [row.id for row in self._rows]
        if old_ids == new_ids or sorted(old_ids) != sorted(new_ids):
            return False
        differ = [i for i, (a, b) in enumerate(zip(old_ids, new_ids, strict=True)) if a != b]
        first, last = differ[0], differ[-1]
        if old_ids[first + 1 : last + 1] == new_ids[first:last]:  # moved down
            source, destination = first, last + 1  # Qt counts the destination before removal
        elif old_ids[first:last] == new_ids[first + 1 : last + 1]:  # moved up
            source, destination = last, first
        else:
            return False  # several rows moved: leave it to the general pass
        self.beginMoveRows(QModelIndex(), source, source, QModelIndex(), destination)
        row = self._rows.pop(source)
        self._rows.insert(destination - 1 if destination > source else destination, row)
        self._positions = None
        self.endMoveRows()
        return True

    def _remove_missing(self, keep: set[int]) -> bool:
        removed = False
        for position in reversed(range(len(self._rows))):
            if self._rows[position].id not in keep:
                self.beginRemoveRows(QModelIndex(), position, position)
                del self._rows[position]
                self._positions = None
                self.endRemoveRows()
                removed = True
        return removed

    def _place(self, target: int, row: RowT) -> bool:
        """Bring `row` to `target`: every position before it is already final."""
        found = next(
            (i for i in range(target, len(self._rows)) if self._rows[i].id == row.id), None
        )
        if found == target:
            return False
        if found is None:
            self.beginInsertRows(QModelIndex(), target, target)
            self._rows.insert(target, row)
            self._positions = None
            self.endInsertRows()
        else:  # always an upward move, so the destination is simply `target`
            self.beginMoveRows(QModelIndex(), found, found, QModelIndex(), target)
            self._rows.insert(target, self._rows.pop(found))
            self._positions = None
            self.endMoveRows()
        return True

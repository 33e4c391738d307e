"""The timeline's Qt models: a table of plain `EventRow`s in date order, and its filter.

The table model never reads the database. The tab fetches fresh rows from the services after
each edit and hands them to `sync_rows` (ui/widgets/rows.py), which turns the difference into
the smallest Qt change (one row changed, inserted, removed or moved) so that the view keeps its
selection and scroll.
"""

from __future__ import annotations

import html
from bisect import bisect_left
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractProxyModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QIcon, QPixmap

from studyapp.db.services.timeline import EventRow
from studyapp.ui.theme import icon
from studyapp.ui.widgets.rows import ROW_ROLE, RowListModel

COL_DATE, COL_EVENT, COL_CATEGORY = range(3)
HEADERS = ("Date", "Event", "Category")
ID_ROLE = Qt.ItemDataRole.UserRole + 2
CELL_FLAGS = (Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled
              | Qt.ItemFlag.ItemNeverHasChildren)  # as the source model's, which has no flags()

Index = QModelIndex | QPersistentModelIndex


class EventTableModel(RowListModel[EventRow]):
    """Every event of the topic, in the order the service gives (start, end, pack order)."""

    HEADERS = HEADERS

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._icons: dict[bool, QIcon] = {}

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.row_at(index)
        return None if row is None else self.cell(row, index.column(), role)

    def cell(self, row: EventRow, column: int, role: int) -> Any:
        """What `data` gives for `row`'s cell in `column` (the filter proxy asks directly)."""
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == Qt.ItemDataRole.DecorationRole and column == COL_EVENT:
            return self._marker(row.key_date)
        if role == Qt.ItemDataRole.ToolTipRole:
            # Escaped rich text: a title is the student's to edit, and Qt would otherwise guess
            # that "<b>…" in it is markup.
            tip = f"{row.title} ({row.date_label})" + (" — key date" if row.key_date else "")
            return f"<p>{html.escape(tip)}</p>"
        if role == Qt.ItemDataRole.AccessibleTextRole:
            text = self._display(row, column)
            return f"Key date: {text}" if row.key_date and column == COL_EVENT else text
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
            if key_date:  # the theme's star, drawn in its colours when painted
                self._icons[key_date] = icon("star", "star")
            else:
                pixmap = QPixmap(16, 16)
                pixmap.fill(Qt.GlobalColor.transparent)
                self._icons[key_date] = QIcon(pixmap)
        return self._icons[key_date]


class EventFilterProxy(QAbstractProxyModel):
    """The events the filters accept — key dates, a category, a period, words — in date order.

    Not a QSortFilterProxyModel: that calls a Python `filterAcceptsRow` once per row per
    keystroke, which at 10,000 events costs most of a frame by itself. Here a filter change
    computes the accepted source rows in one pass over cached search texts (narrowing the
    previous result when the student only typed more) and resets the proxy once. Any change
    of the source rows refilters the same way; the tab re-selects its event afterwards.
    It never sorts: the date order comes from the service and is the point of a timeline.
    """

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.criteria = EventCriteria()
        self._accepted: list[int] = []  # source rows, in order
        self._texts: dict[int, tuple[EventRow, str]] = {}
        self._haystacks: list[str] | None = None  # search texts by source row, made on demand
        self._ids: list[int] | None = None  # event ids by source row, made on demand

    # -- the filters ---------------------------------------------------------------------------

    @property
    def key_dates_only(self) -> bool:
        return self.criteria.key_dates_only

    def set_key_dates_only(self, on: bool) -> None:
        self._set_criteria(replace(self.criteria, key_dates_only=on))

    def set_text(self, text: str) -> None:
        self._set_criteria(replace(self.criteria, text=text.casefold()))

    def set_category(self, category: str | None) -> None:
        self._set_criteria(replace(self.criteria, category=category))

    def set_period(self, period_id: int | None) -> None:
        self._set_criteria(replace(self.criteria, period_id=period_id))

    def clear_filters(self) -> None:
        self._set_criteria(EventCriteria())

    def is_filtering(self) -> bool:
        return self.criteria != EventCriteria()

    def accepted_ids(self) -> set[int] | None:
        """The ids shown, or None when nothing is filtered out (for the canvas)."""
        model = self._events()
        if model is None or len(self._accepted) == model.rowCount():
            return None
        if self._ids is None:
            self._ids = [row.id for row in model.rows]
        return set(map(self._ids.__getitem__, self._accepted))

    def prepare_search(self) -> None:
        """Make every row's search text now (e.g. while the student looks at a new tab), so the
        first keystroke does not pay for 10,000 of them."""
        self._search_texts()

    def _set_criteria(self, criteria: EventCriteria) -> None:
        if criteria == self.criteria:
            return
        narrowing = criteria.narrows(self.criteria)
        self.criteria = criteria
        self._refilter(self._accepted if narrowing else None)

    # -- filtering -----------------------------------------------------------------------------

    def setSourceModel(self, model: QAbstractItemModel) -> None:  # noqa: N802 - Qt override
        super().setSourceModel(model)
        for signal in (model.modelReset, model.rowsInserted, model.rowsRemoved,
                       model.rowsMoved, model.dataChanged, model.layoutChanged):  # fmt: skip
            signal.connect(self._on_source_changed)
        self._refilter(None)

    def _on_source_changed(self, *_args: object) -> None:
        self._haystacks = self._ids = None
        self._refilter(None)

    def _events(self) -> EventTableModel | None:
        model = self.sourceModel()
        return model if isinstance(model, EventTableModel) else None

    def _refilter(self, among: list[int] | None) -> None:
        """Recompute the accepted rows (only among `among` when narrowing), reset once."""
        model = self._events()
        self.beginResetModel()
        if model is None:
            self._accepted = []
        else:
            rows = model.rows
            candidates = range(len(rows)) if among is None else among
            self._accepted = self.criteria.select(rows, candidates, self._search_texts)
        self.endResetModel()

    def _search_texts(self) -> list[str]:
        """Every source row's search text, by position, kept until the source rows change."""
        model = self._events()
        if self._haystacks is None:
            self._haystacks = [] if model is None else [self._search_text(r) for r in model.rows]
        return self._haystacks

    def _search_text(self, row: EventRow) -> str:
        """Each row's searchable text, built once per row object rather than once per keystroke.
        Rows are frozen: a changed event arrives as a new object, and misses the cache."""
        cached = self._texts.get(row.id)
        if cached is None or cached[0] is not row:
            text = " ".join(
                (row.title, row.date_label, row.category_label, row.description, row.edtf)
            ).casefold()
            cached = self._texts[row.id] = (row, text)
        return cached[1]

    # -- the proxy model -----------------------------------------------------------------------

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if parent.isValid() or not 0 <= row < len(self._accepted):
            return QModelIndex()
        if not 0 <= column < len(HEADERS):
            return QModelIndex()
        return self.createIndex(row, column)

    def parent(self, _index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        return QModelIndex()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._accepted)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(HEADERS)

    def mapToSource(self, proxy_index: Index) -> QModelIndex:  # noqa: N802 - Qt override
        model = self.sourceModel()
        if model is None or not proxy_index.isValid():
            return QModelIndex()
        return model.index(self._accepted[proxy_index.row()], proxy_index.column())

    def mapFromSource(self, source_index: Index) -> QModelIndex:  # noqa: N802 - Qt override
        if not source_index.isValid():
            return QModelIndex()
        source = source_index.row()
        row = bisect_left(self._accepted, source)  # accepted rows stay in source order
        if row == len(self._accepted) or self._accepted[row] != source:
            return QModelIndex()
        return self.createIndex(row, source_index.column())

    # The table asks for every visible cell's data and flags at each repaint: answered here
    # from the accepted rows, rather than by Qt's default of mapping each cell to the source
    # and asking it (three calls into Python a cell, a third of a keystroke's cost).
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        model = self._events()
        if model is None or not index.isValid() or not 0 <= index.row() < len(self._accepted):
            return None
        row = model.row_at_position(self._accepted[index.row()])
        return model.cell(row, index.column(), role)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return CELL_FLAGS

    def headerData(  # noqa: N802 - Qt override
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        model = self.sourceModel()
        return None if model is None else model.headerData(section, orientation, role)


@dataclass(frozen=True)
class EventCriteria:
    """What the filters ask for; `text` is already case-folded."""

    key_dates_only: bool = False
    category: str | None = None
    period_id: int | None = None
    text: str = ""

    def narrows(self, previous: EventCriteria) -> bool:
        """True when every row this accepts was accepted by `previous` (typing more letters).

        Each earlier word is still there, the last one perhaps longer: a row containing the
        longer word contains the shorter one.
        """
        same_rest = replace(self, text=previous.text) == previous
        return same_rest and self.text.startswith(previous.text)

    def select(
        self, rows: list[EventRow], candidates: Iterable[int], texts: Callable[[], list[str]]
    ) -> list[int]:
        """The positions among `candidates` whose rows pass, in order.

        One comprehension per filter in use, rather than a Python call per row: at 10,000
        events a keystroke then costs a millisecond or two. `texts()` gives the search text of
        every row by position; it is only asked for when there are words to find.
        """
        chosen = list(candidates)
        if self.key_dates_only:
            chosen = [i for i in chosen if rows[i].key_date]
        if self.category is not None:
            category = self.category
            chosen = [i for i in chosen if rows[i].category == category]
        if self.period_id is not None:
            period_id = self.period_id
            chosen = [i for i in chosen if rows[i].period_id == period_id]
        words = self.text.split()
        if words:
            haystacks = texts()
            for word in words:
                chosen = [i for i in chosen if word in haystacks[i]]
        return chosen

"""The timeline's Qt models: a table of plain `EventRow`s in date order, and its filter.

The table model never reads the database. The tab fetches fresh rows from the services after
each edit and hands them to `sync_rows` (ui/widgets/rows.py), which turns the difference into
the smallest Qt change (one row changed, inserted, removed or moved) so that the view keeps its
selection and scroll.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from typing import Any, NamedTuple

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractProxyModel,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    Qt,
)
from PySide6.QtGui import QIcon, QPainter, QPixmap

from studyapp.db.services.timeline import EventRow
from studyapp.domain.markup import escape
from studyapp.ui.theme import icon, theme_name
from studyapp.ui.widgets.rows import ROW_ROLE, RowListModel

COL_DATE, COL_EVENT, COL_CATEGORY = range(3)
HEADERS = ("Date", "Event", "Category")
ID_ROLE = Qt.ItemDataRole.UserRole + 2
CELL_FLAGS = (Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled
              | Qt.ItemFlag.ItemNeverHasChildren)  # as the source model's, which has no flags()
NO_FLAGS = Qt.ItemFlag.NoItemFlags
NO_INDEX = QModelIndex()

# Roles as plain ints: the table asks every visible cell for seven roles at each paint, and
# reading a PySide enum member costs more than the rest of the answer.
DISPLAY = int(Qt.ItemDataRole.DisplayRole)
DECORATION = int(Qt.ItemDataRole.DecorationRole)
TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
ACCESSIBLE_TEXT = int(Qt.ItemDataRole.AccessibleTextRole)
# What a cell answers; the font, alignment, colour and check-state roles get None (the
# style's own) without further work.
ANSWERED_ROLES = frozenset({DISPLAY, DECORATION, TOOLTIP, ACCESSIBLE_TEXT, ROW_ROLE, ID_ROLE})

Index = QModelIndex | QPersistentModelIndex


class EventTableModel(RowListModel[EventRow]):
    """Every event of the topic, in the order the service gives (start, end, pack order)."""

    HEADERS = HEADERS

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._icons: dict[tuple[bool, str], QIcon] = {}  # by key date and theme

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if role not in ANSWERED_ROLES:
            return None
        row = self.row_at(index)
        return None if row is None else self.cell(row, index.column(), role)

    def cell(self, row: EventRow, column: int, role: int) -> Any:
        """What `data` gives for `row`'s cell in `column` (the filter proxy asks directly)."""
        if role == DISPLAY:
            if column == COL_EVENT:
                return row.title
            return row.date_label if column == COL_DATE else row.category_label
        if role == DECORATION:
            return self._marker(row.key_date) if column == COL_EVENT else None
        if role == TOOLTIP:
            # Escaped rich text: a title is the student's to edit, and Qt would otherwise guess
            # that "<b>…" in it is markup.
            tip = f"{row.title} ({row.date_label})" + (" — key date" if row.key_date else "")
            return f"<p>{escape(tip)}</p>"
        if role == ACCESSIBLE_TEXT:
            text = self.cell(row, column, DISPLAY)
            return f"Key date: {text}" if row.key_date and column == COL_EVENT else text
        if role == ROW_ROLE:
            return row
        if role == ID_ROLE:
            return row.id
        return None

    def _marker(self, key_date: bool) -> QIcon:
        """A gold star before key dates, and a blank of the same size so titles line up.

        A shape rather than bold text: 26 of the 44 events are key dates, and a table of mostly
        bold rows marks nothing. The star is the theme's, drawn once per theme into pixmaps:
        the themed icon renders its SVG at every paint, which a list of key dates asked for
        at each keystroke.
        """
        theme = theme_name() if key_date else ""
        marker = self._icons.get((key_date, theme))
        if marker is None:
            marker = self._icons[key_date, theme] = _star() if key_date else _blank()
        return marker


def _star() -> QIcon:
    """The theme's star (in the theme on screen) as pixmaps, for screens of 1 to 3 pixels a
    point; a selected row shows it as it is, as the themed icon did."""
    themed, star = icon("star", "star"), QIcon()
    for side in (16, 24, 32, 48):
        for mode, drawn in ((QIcon.Mode.Normal, QIcon.Mode.Normal),
                            (QIcon.Mode.Selected, QIcon.Mode.Normal),
                            (QIcon.Mode.Disabled, QIcon.Mode.Disabled)):  # fmt: skip
            pixmap = QPixmap(side, side)
            pixmap.fill(Qt.GlobalColor.transparent)
            painter = QPainter(pixmap)
            themed.paint(painter, QRect(0, 0, side, side), Qt.AlignmentFlag.AlignCenter, drawn)
            painter.end()
            star.addPixmap(pixmap, mode)
    return star


def _blank() -> QIcon:
    pixmap = QPixmap(16, 16)
    pixmap.fill(Qt.GlobalColor.transparent)
    return QIcon(pixmap)


class EventFilterProxy(QAbstractProxyModel):
    """The events the filters accept — key dates, a category, a period, words — in date order.

    Not a QSortFilterProxyModel: that calls a Python `filterAcceptsRow` once per row per
    keystroke, which at 10,000 events costs most of a frame by itself. Here a filter change
    computes the accepted source rows in one pass over cached search texts and resets the proxy
    once. Typing more only checks the rows the shorter words accepted, and only for the words
    they do not already imply; deleting a letter goes back to a result kept from a moment ago
    (`RECENT_RESULTS`). Any change of the source rows forgets those results and refilters; the
    tab re-selects its event afterwards.
    It never sorts: the date order comes from the service and is the point of a timeline.
    """

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.criteria = EventCriteria()
        self._model: EventTableModel | None = None
        self._accepted: list[int] = []  # source rows, in order
        self._result = FilterResult([])  # the accepted rows, and their ids once asked for
        self._recent: OrderedDict[EventCriteria, FilterResult] = OrderedDict()  # latest last
        self._texts: dict[int, tuple[EventRow, str]] = {}
        self._haystacks: list[str] | None = None  # search texts by source row, made on demand
        self._ids: list[int] | None = None  # event ids by source row, made on demand

    # -- the filters ---------------------------------------------------------------------------

    @property
    def key_dates_only(self) -> bool:
        return self.criteria.key_dates_only

    def set_key_dates_only(self, on: bool) -> None:
        self._set_criteria(self.criteria._replace(key_dates_only=on))

    def set_text(self, text: str) -> None:
        self._set_criteria(self.criteria._replace(text=text.casefold()))

    def set_category(self, category: str | None) -> None:
        self._set_criteria(self.criteria._replace(category=category))

    def set_period(self, period_id: int | None) -> None:
        self._set_criteria(self.criteria._replace(period_id=period_id))

    def clear_filters(self) -> None:
        self._set_criteria(EventCriteria())

    def is_filtering(self) -> bool:
        return self.criteria != EventCriteria()

    def accepted_ids(self) -> frozenset[int] | None:
        """The ids shown, or None when nothing is filtered out (for the canvas); the same
        object again for the same filter (so the canvas sees at once that nothing changed)."""
        model = self._model
        if model is None or len(self._accepted) == model.rowCount():
            return None
        result = self._result
        if result.ids is None:
            if self._ids is None:
                self._ids = [row.id for row in model.rows]
            result.ids = frozenset(map(self._ids.__getitem__, result.rows))
        return result.ids

    def prepare_search(self) -> None:
        """Make every row's search text, the ids by row and the source's id table now (e.g.
        while the student looks at a new tab), so the first keystrokes do not pay for 10,000
        of each."""
        self._search_texts()
        model = self._model
        if model is not None:
            if self._ids is None:
                self._ids = [row.id for row in model.rows]
            model.index_ids()

    def _set_criteria(self, criteria: EventCriteria) -> None:
        if criteria == self.criteria:
            return
        self.criteria = criteria
        self._refilter(same_rows=True)

    # -- filtering -----------------------------------------------------------------------------

    def setSourceModel(self, model: QAbstractItemModel) -> None:  # noqa: N802 - Qt override
        super().setSourceModel(model)
        self._model = model if isinstance(model, EventTableModel) else None
        for signal in (model.modelReset, model.rowsInserted, model.rowsRemoved,
                       model.rowsMoved, model.dataChanged, model.layoutChanged):  # fmt: skip
            signal.connect(self._on_source_changed)
        self._on_source_changed()

    def _on_source_changed(self, *_args: object) -> None:
        self._haystacks = self._ids = None
        self._recent.clear()
        self._refilter()

    def _refilter(self, same_rows: bool = False) -> None:
        """Recompute the accepted rows from the closest known result, and reset once.

        With `same_rows` (the source rows did not change) and the same rows accepted as
        before — a letter that changes nothing, as most letters of a longer word do — there is
        nothing to reset: the list keeps its rows, selection and scroll and is not repainted.
        """
        model = self._model
        result = FilterResult([]) if model is None else self._select(model)
        if same_rows and result.rows == self._accepted:
            self._recent[self.criteria] = self._result  # one object: the canvas's ids too
            return
        self.beginResetModel()
        self._result = result
        self._accepted = result.rows
        self.endResetModel()

    def _select(self, model: EventTableModel) -> FilterResult:
        criteria = self.criteria
        result = self._recent.get(criteria)
        if result is None:
            rows = model.rows
            # The smallest known result that holds every row these criteria can accept.
            known = [(len(result.rows), i, earlier) for i, (earlier, result)
                     in enumerate(self._recent.items()) if criteria.narrows(earlier)]  # fmt: skip
            if known:
                _size, _i, earlier = min(known)
                candidates: Sequence[int] = self._recent[earlier].rows
            else:
                earlier, candidates = None, range(len(rows))
            result = FilterResult(
                criteria.select(rows, candidates, self._search_texts, known=earlier)
            )
        self._recent[criteria] = result
        self._recent.move_to_end(criteria)
        while len(self._recent) > RECENT_RESULTS:
            self._recent.popitem(last=False)
        return result

    def _search_texts(self) -> list[str]:
        """Every source row's search text, by position, kept until the source rows change."""
        model = self._model
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
    # The table calls these for every visible cell at each repaint (data about seven times a
    # cell): they answer from the accepted rows without mapping to a source index, and return
    # early for what they do not answer.

    def index(self, row: int, column: int, parent: Index = NO_INDEX) -> QModelIndex:
        if 0 <= row < len(self._accepted) and 0 <= column < len(HEADERS) and not parent.isValid():
            return self.createIndex(row, column)
        return QModelIndex()

    def parent(self, _index: Index = NO_INDEX) -> QModelIndex:  # type: ignore[override]
        return NO_INDEX

    def rowCount(self, parent: Index = NO_INDEX) -> int:  # noqa: N802 - Qt override
        return 0 if parent.isValid() else len(self._accepted)

    def columnCount(self, parent: Index = NO_INDEX) -> int:  # noqa: N802 - Qt override
        return 0 if parent.isValid() else len(HEADERS)

    def mapToSource(self, proxy_index: Index) -> QModelIndex:  # noqa: N802 - Qt override
        model = self._model
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

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if role not in ANSWERED_ROLES:
            return None
        row, model = index.row(), self._model
        if model is None or not 0 <= row < len(self._accepted):  # an invalid index has row -1
            return None
        return model.cell(model.row_at_position(self._accepted[row]), index.column(), role)

    def flags(self, index: Index) -> Qt.ItemFlag:
        return CELL_FLAGS if index.isValid() else NO_FLAGS

    def headerData(  # noqa: N802 - Qt override
        self, section: int, orientation: Qt.Orientation, role: int = DISPLAY
    ) -> Any:
        model = self._model
        return None if model is None else model.headerData(section, orientation, role)


RECENT_RESULTS = 32  # filter results kept, so deleting what was just typed costs nothing


class FilterResult:
    """The source rows one filter accepts (never changed once made), and their event ids,
    made when the canvas first asks."""

    __slots__ = ("rows", "ids")

    def __init__(self, rows: list[int]) -> None:
        self.rows = rows
        self.ids: frozenset[int] | None = None


class EventCriteria(NamedTuple):
    """What the filters ask for; `text` is already case-folded."""

    key_dates_only: bool = False
    category: str | None = None
    period_id: int | None = None
    text: str = ""

    def narrows(self, earlier: EventCriteria) -> bool:
        """True when every row this accepts was accepted by `earlier` (e.g. typing more).

        The other filters are the same, and each earlier word is inside one of these words: a
        row containing the longer word contains the shorter one.
        """
        if self._replace(text=earlier.text) != earlier:
            return False
        words = self.text.split()
        return all(any(old in word for word in words) for old in earlier.text.split())

    def select(
        self,
        rows: Sequence[EventRow],
        candidates: Iterable[int],
        texts: Callable[[], list[str]],
        *,
        known: EventCriteria | None = None,
    ) -> list[int]:
        """The positions among `candidates` whose rows pass, in order.

        One comprehension per filter in use, rather than a Python call per row: at 10,000
        events a keystroke then costs a millisecond or two. `texts()` gives the search text of
        every row by position; it is only asked for when there are words to find. `known`:
        criteria that every candidate passes and that these narrow; only what these add is
        checked (a word inside one of its words is already there).
        """
        chosen = list(candidates)
        words = self.text.split()
        if known is not None:
            earlier = known.text.split()
            words = [word for word in words if not any(word in old for old in earlier)]
        else:
            if self.key_dates_only:
                chosen = [i for i in chosen if rows[i].key_date]
            if self.category is not None:
                category = self.category
                chosen = [i for i in chosen if rows[i].category == category]
            if self.period_id is not None:
                period_id = self.period_id
                chosen = [i for i in chosen if rows[i].period_id == period_id]
        if words:
            haystacks = texts()
            for word in words:
                chosen = [i for i in chosen if word in haystacks[i]]
        return chosen

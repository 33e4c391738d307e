"""The Timeline tab: the visual timeline above, the event list and the detail pane below.

Layout only, plus one-line slots: the rows come from `studyapp.db.services.timeline`, the
writes go through `TimelineController` (undoable, saved at once), and whenever the bus says
events changed — here, in another tab, by undo or by an import — the list is updated row by
row and the canvas gets the new rows, so the selection stays on what the student just changed.
The filters (words, category, period, key dates) apply to the list and the canvas alike, and
selecting an event in either selects it in the other.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from itertools import pairwise
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from studyapp.db.services.citations import CitationRow, citations_of_event
from studyapp.db.services.timeline import CATEGORIES, EventRow, list_events
from studyapp.db.services.topic import PeriodRow, list_periods
from studyapp.domain.changes import Changes, Kind
from studyapp.ui.context import TabContext
from studyapp.ui.theme import icon
from studyapp.ui.timeline.canvas import TimelineCanvas
from studyapp.ui.timeline.controller import TimelineController
from studyapp.ui.timeline.detail import EventDetail
from studyapp.ui.timeline.model import (
    COL_CATEGORY,
    COL_DATE,
    COL_EVENT,
    HEADERS,
    ROW_ROLE,
    EventFilterProxy,
    EventTableModel,
)
from studyapp.ui.timeline.text_width import TextWidths

if TYPE_CHECKING:  # loaded with the first dialog: the first screen does without them
    from studyapp.db.operations.events import EventFields
    from studyapp.ui.timeline.dialogs import EventDialog

DATE_COLUMN_SHARE = 0.9  # the Date column fits this share of the dates; the rest are elided
QUANTILE_SAMPLE = 1000  # dates measured to size that column, at most
CitationReader = Callable[[int], list[CitationRow] | None]  # what cites an event; None: unread


class TimelineTab(QWidget):
    """The first tab the student sees; `reload()` fetches everything from the services."""

    def __init__(self, context: TabContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._commands = TimelineController(context)
        self._periods: list[PeriodRow] = []
        self._detail_row: EventRow | None = None  # the row the detail pane shows
        self._citations: CitationReader | None = None  # see show_rows
        self.event_dialog: EventDialog | None = None  # the open add/edit dialog, if any
        self.model = EventTableModel(self)
        self.proxy = EventFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self._build_widgets()
        self._build_actions()
        self._build_layout()
        self._connect()

    # -- building ------------------------------------------------------------------------------

    def _build_widgets(self) -> None:
        self.search_edit = QLineEdit(self)
        self.search_edit.setPlaceholderText("Words in the title, date or notes")
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setAccessibleName("Filter events")
        self.key_dates_check = QCheckBox("&Key dates only", self)
        self.key_dates_check.setToolTip("Show only the 26 key dates to learn by heart (★)")
        self.category_combo = QComboBox(self)
        self.category_combo.setAccessibleName("Show category")
        self.period_combo = QComboBox(self)
        self.period_combo.setAccessibleName("Show period")
        self.count_label = QLabel(self)
        self.fit_button = QPushButton("&Fit all", self)
        self.fit_button.setToolTip("Show the whole timeline (Ctrl+wheel or +/− to zoom)")
        self.canvas = TimelineCanvas(self)
        self.canvas.setAccessibleDescription(  # a drawing says little to a screen reader
            "A drawing of the events below; the Timeline events list holds the same events, "
            "one per row, in the same order.")  # fmt: skip
        self.add_button = QPushButton("A&dd event…", self)
        self.edit_button = QPushButton("Ed&it…", self)
        self.delete_button = QPushButton("De&lete", self)
        self.periods_button = QPushButton("&Periods…", self)
        self.periods_button.setToolTip("Add, edit or delete the periods shown as bands")
        for button, name in ((self.fit_button, "fit"), (self.add_button, "add"),
                             (self.edit_button, "edit"), (self.delete_button, "delete")):
            button.setIcon(icon(name))
        self.table = QTableView(self)
        self.table.setAccessibleName("Timeline events")
        self.table.setAccessibleDescription("Every event on the timeline, by date; the one "
                                            "selected here is selected in the drawing.")
        self.table.setModel(self.proxy)
        self.detail = EventDetail(self)
        self._set_up_table()

    def _set_up_table(self) -> None:
        table = self.table
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.setShowGrid(False)
        table.setWordWrap(False)
        table.setTabKeyNavigation(False)  # Tab leaves the table, as it does everywhere else
        table.setTextElideMode(Qt.TextElideMode.ElideRight)
        table.verticalHeader().hide()
        header = table.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 10)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(COL_EVENT, QHeaderView.ResizeMode.Stretch)
        labels = list(CATEGORIES.values()) + [HEADERS[COL_CATEGORY]]
        table.setColumnWidth(COL_CATEGORY, min(self._text_width(labels), 150))

    def _text_width(self, texts: list[str], share: float = 1.0) -> int:
        """The width of the widest text, or of the `share` quantile of the texts' widths."""
        if share < 1.0 and len(texts) > QUANTILE_SAMPLE:
            # A quantile, not the widest: an even sample of the texts (the same for the same
            # rows) gives it to a pixel at a tenth of the cost of measuring 10,000 of them.
            step = len(texts) / QUANTILE_SAMPLE
            texts = [texts[int(i * step)] for i in range(QUANTILE_SAMPLE)]
        measure = TextWidths(self.table.font())  # see text_width.py
        widths = sorted(map(measure.width, texts)) or [40.0]
        return math.ceil(widths[min(len(widths) - 1, int(share * len(widths)))]) + 24

    def _fit_date_column(self) -> None:
        """Size the Date column for nine dates in ten, not the longest one, so titles are not cut
        at the smallest window; a longer date is elided, its tooltip saying it in full. Sized
        for every event, not just the shown ones, so it never jumps when filtering."""
        labels = [row.date_label for row in self.model.rows]
        width = self._text_width(labels, DATE_COLUMN_SHARE)
        self.table.setColumnWidth(COL_DATE, max(width, self._text_width([HEADERS[COL_DATE]])))

    def _build_actions(self) -> None:
        """Keyboard and context-menu twins of the buttons, active while the table has focus."""
        keys = QKeySequence
        self.add_action = self._table_action(
            "Add event…", [keys(Qt.Key.Key_Insert), keys("Ctrl+N")], self._on_add
        )
        self.edit_action = self._table_action(
            "Edit event…", [keys(Qt.Key.Key_Return), keys(Qt.Key.Key_Enter)], self._on_edit
        )
        self.delete_action = self._table_action(
            "Delete event", [keys(Qt.Key.Key_Delete)], self._on_delete
        )
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)

    def _table_action(
        self, text: str, keys: list[QKeySequence], slot: Callable[[], None]
    ) -> QAction:
        action = QAction(text, self.table)
        action.setShortcuts(keys)
        action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        action.triggered.connect(slot)
        self.table.addAction(action)
        return action

    def _build_layout(self) -> None:
        search_label = QLabel("&Search:", self)
        search_label.setBuddy(self.search_edit)
        bar = QHBoxLayout()  # the filters, then Fit all: fits the 900 px minimum window
        for widget in (search_label, self.search_edit, self.category_combo, self.period_combo,
                       self.key_dates_check, self.count_label):  # fmt: skip
            bar.addWidget(widget)
        bar.addStretch(1)
        bar.addWidget(self.fit_button)
        below = QSplitter(Qt.Orientation.Horizontal, self)
        below.addWidget(self._list_pane())
        below.addWidget(self.detail)
        below.setStretchFactor(0, 3)
        below.setStretchFactor(1, 2)
        below.setSizes([700, 460])
        below.setChildrenCollapsible(False)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.addWidget(self.canvas)
        self.splitter.addWidget(below)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([3000, 2000])  # proportions: the timeline gets three fifths
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.splitter, 1)
        self._set_filter_widths()
        order = [self.search_edit, self.category_combo, self.period_combo, self.key_dates_check,
                 self.fit_button, self.add_button, self.edit_button, self.delete_button,
                 self.periods_button, self.canvas, self.table, self.detail]  # fmt: skip
        for first, second in pairwise(order):
            QWidget.setTabOrder(first, second)

    def _list_pane(self) -> QWidget:
        """The event list with its Add / Edit / Delete buttons under it."""
        pane = QWidget(self)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.periods_button)
        layout = QVBoxLayout(pane)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        return pane

    def _set_filter_widths(self) -> None:
        """Combos sized for their first choice ("All categories"), not their longest one, so
        the bar fits at 900 px; the open list is as wide as its longest choice."""
        self.search_edit.setMinimumWidth(160)
        for combo, text in ((self.category_combo, "All categories"),
                            (self.period_combo, "All periods")):  # fmt: skip
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(len(text) + 1)
            combo.view().setMinimumWidth(320)

    def _connect(self) -> None:
        self.search_edit.textChanged.connect(self._on_filter_text)
        self.key_dates_check.toggled.connect(self._on_key_dates_toggled)
        self.add_button.clicked.connect(self._on_add)
        self.edit_button.clicked.connect(self._on_edit)
        self.delete_button.clicked.connect(self._on_delete)
        self.periods_button.clicked.connect(self.open_periods_dialog)
        self.table.doubleClicked.connect(lambda _index: self._on_edit())
        self.table.selectionModel().currentRowChanged.connect(self._on_current_changed)
        self.category_combo.currentIndexChanged.connect(self._on_category_chosen)
        self.period_combo.currentIndexChanged.connect(self._on_period_chosen)
        self.fit_button.clicked.connect(self.canvas.fit_all)
        self.canvas.event_selected.connect(self._on_canvas_selected)
        self.canvas.event_activated.connect(self._on_canvas_activated)
        self.canvas.empty_activated.connect(self._on_empty_activated)
        self.detail.citation_clicked.connect(self._on_citation_clicked)
        self._context.bus.changed.connect(self.on_changed)

    # -- loading -------------------------------------------------------------------------------

    def reload(self) -> None:
        """Fetch everything again (start-up, after an import); keep the selected event if any."""
        factory, topic_id = self._context.session_factory, self._context.topic_id
        self.show_rows(list_events(factory, topic_id), list_periods(factory, topic_id))

    def show_rows(self, events: list[EventRow], periods: list[PeriodRow],
                  citations: CitationReader | None = None) -> None:  # fmt: skip
        """Show these rows (from `reload`, or read at start-up before the ORM loaded, with
        a way to read what cites an event without it, used until the first change or reload).
        """
        self._citations = citations
        keep = self.current_event()
        self._periods = periods
        self.model.reset_rows(events)
        self._fill_filter_choices()
        self._show_rows_on_canvas()
        self._fit_date_column()
        self._select_event(keep.id if keep else None)
        self._update_count()
        QTimer.singleShot(0, self, self.proxy.prepare_search)  # once the tab is painted

    def on_changed(self, changes: Changes) -> None:
        """Events (or the periods they belong to) changed: update those rows, keep the place.

        When one event changed, it is selected (so undo shows what it undid); when it is gone,
        the row that took its place is selected, so Delete pressed twice deletes two
        neighbours, as in any list. A changed note item, point or piece of evidence may change
        what cites the shown event: the detail pane is redrawn.
        """
        self._citations = None  # from here on, read what cites an event when it is shown
        if not changes.touches(Kind.EVENT, Kind.PERIOD):
            if changes.touches(Kind.NOTE_ITEM, Kind.POINT, Kind.EVIDENCE):
                self._show_detail(self.current_event(), fresh=True)
            return
        if changes.touches(Kind.PERIOD):
            self._periods = list_periods(self._context.session_factory, self._context.topic_id)
        ids = changes.ids(Kind.EVENT)
        target = next(iter(ids)) if ids and len(ids) == 1 else None
        keep = self.current_event()
        where = self.table.currentIndex().row()  # the model still holds the old rows here
        self.model.sync_rows(list_events(self._context.session_factory, self._context.topic_id))
        self._fill_filter_choices()
        self._show_rows_on_canvas()
        self._fit_date_column()
        self._select_event(target if target is not None else (keep.id if keep else None), where)
        self._update_count()

    def select(self, kind: Kind, item_id: int) -> bool:
        """Open an event from elsewhere (a chip, a search result); clears a hiding filter."""
        if kind != Kind.EVENT:
            return False
        if self.model.row_of(item_id) is None:
            return False
        # The detail pane is kept up to date by on_changed: an event it already shows (at
        # start-up, the remembered one is often the first row) is not drawn again.
        if self.select_event(item_id, fresh=False):
            return True
        self.clear_filters()
        return self.select_event(item_id, fresh=False)

    def clear_filters(self) -> None:
        for widget in (self.search_edit, self.key_dates_check, self.category_combo,
                       self.period_combo):  # fmt: skip
            widget.blockSignals(True)
        self.search_edit.clear()
        self.key_dates_check.setChecked(False)
        self.category_combo.setCurrentIndex(0)
        self.period_combo.setCurrentIndex(0)
        for widget in (self.search_edit, self.key_dates_check, self.category_combo,
                       self.period_combo):  # fmt: skip
            widget.blockSignals(False)
        keep = self.current_event()
        self.proxy.clear_filters()
        self._after_filter(keep)

    # -- selection -----------------------------------------------------------------------------

    def current_event(self) -> EventRow | None:
        index = self.table.currentIndex()
        return index.data(ROW_ROLE) if index.isValid() else None

    def select_event(self, event_id: int, *, fresh: bool = True) -> bool:
        """Select an event by id; False when it is not shown (deleted or filtered out)."""
        source_row = self.model.row_of(event_id)
        if source_row is None:
            return False
        proxy_index = self.proxy.mapFromSource(self.model.index(source_row, 0))
        if not proxy_index.isValid():
            return False
        self._select_proxy_row(proxy_index.row(), fresh=fresh)
        return True

    def _select_event(
        self, event_id: int | None, fallback_row: int = 0, *, fresh: bool = True
    ) -> None:
        """Select `event_id`, else the row at `fallback_row` (or the last one), else nothing.
        `fresh=False` (a filter changed, nothing else) keeps a detail pane that shows it."""
        if event_id is not None and self.select_event(event_id, fresh=fresh):
            return
        rows = self.proxy.rowCount()
        if rows:
            self._select_proxy_row(min(max(fallback_row, 0), rows - 1), fresh=fresh)
        else:
            self.table.setCurrentIndex(QModelIndex())
            self._show_detail(None)

    def _select_proxy_row(self, row: int, *, fresh: bool = True) -> None:
        index = self.proxy.index(row, COL_EVENT)
        flags = (QItemSelectionModel.SelectionFlag.ClearAndSelect
                 | QItemSelectionModel.SelectionFlag.Rows)  # fmt: skip
        if fresh:  # drawn once: by _on_current_changed if the row changes, else just below
            self._detail_row = None
        self.table.selectionModel().setCurrentIndex(index, flags)
        self.table.scrollTo(index)
        self._show_detail(index.data(ROW_ROLE))  # also when already current

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._show_detail(current.data(ROW_ROLE) if current.isValid() else None)

    def _show_detail(self, row: EventRow | None, *, fresh: bool = False) -> None:
        """Show `row` in the detail pane; the same row object again (e.g. after each keystroke
        of a filter) is not redrawn unless `fresh` says what cites it may have changed."""
        has_row = row is not None
        self.edit_button.setEnabled(has_row)
        self.delete_button.setEnabled(has_row)
        if row is None:
            self._detail_row = None
            self.detail.show_nothing("No event matches the filter." if self.model.rowCount()
                                     else "No events yet: add one with Add event…")  # fmt: skip
            self.canvas.clear_selection()
            return
        if self.canvas.selected_event() != row.id:
            self.canvas.select_event(row.id)
        if row is self._detail_row and not fresh:
            return
        self._detail_row = row
        periods = {period.id: period.title for period in self._periods}
        # At start-up, read without the ORM (which is still loading); else, or if that
        # fails, through the services.
        citations = self._citations(row.id) if self._citations is not None else None
        if citations is None:
            citations = citations_of_event(self._context.session_factory, row.id)
        period = periods.get(row.period_id) if row.period_id else None
        self.detail.show_event(row, period, citations)

    def _on_canvas_selected(self, event_id: int) -> None:
        self.select_event(event_id)

    def _on_canvas_activated(self, event_id: int) -> None:
        if self.select_event(event_id):
            self._on_edit()

    def _on_empty_activated(self, edtf: str) -> None:
        self.open_event_dialog(None, edtf)

    def _on_citation_clicked(self, kind: str, item_id: int) -> None:
        self._context.bus.open_item(Kind(kind), item_id)

    def _show_rows_on_canvas(self) -> None:
        self.canvas.set_rows(self.model.rows, self._periods)
        self.canvas.set_filter(self.proxy.accepted_ids())

    # -- filtering -----------------------------------------------------------------------------

    def _on_filter_text(self, text: str) -> None:
        keep = self.current_event()
        self.proxy.set_text(text)
        self._after_filter(keep)

    def apply_canvas_filter(self) -> None:
        """Show on the canvas what the list shows, and highlight the current event there."""
        self.canvas.set_filter(self.proxy.accepted_ids())
        row = self.current_event()
        if row is not None:
            self.canvas.select_event(row.id)

    def _on_key_dates_toggled(self, on: bool) -> None:
        keep = self.current_event()
        self.proxy.set_key_dates_only(on)
        self._after_filter(keep)

    def _on_category_chosen(self, _index: int) -> None:
        keep = self.current_event()
        self.proxy.set_category(self.category_combo.currentData())
        self._after_filter(keep)

    def _on_period_chosen(self, _index: int) -> None:
        keep = self.current_event()
        self.proxy.set_period(self.period_combo.currentData())
        self._after_filter(keep)

    def _after_filter(self, keep: EventRow | None) -> None:
        self.apply_canvas_filter()
        self._select_event(keep.id if keep else None, fresh=False)
        self._update_count()

    def _fill_filter_choices(self) -> None:
        """The categories in use (standard ones first, then imported groups) and the periods;
        keeps the current choices where they still exist."""
        used = {row.category for row in self.model.rows}
        categories = [key for key in CATEGORIES if key in used] + sorted(used - set(CATEGORIES))
        choices = [(CATEGORIES.get(key, key), key) for key in categories]
        refill(self.category_combo, [("All categories", None), *choices])
        periods = [(period.title, period.id) for period in self._periods]
        refill(self.period_combo, [("All periods", None), *periods])
        # A category or period that is gone (its last event deleted) falls back to "All".
        self.proxy.set_category(self.category_combo.currentData())
        self.proxy.set_period(self.period_combo.currentData())

    def _update_count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        words = f"{total} events" if shown == total else f"{shown} of {total} events"
        self.count_label.setText(words)

    # -- editing -------------------------------------------------------------------------------

    def open_event_dialog(self, row: EventRow | None = None, edtf: str = "") -> EventDialog:
        """Open the add (row None, maybe with a date) or edit dialog without blocking; OK saves
        through undo."""
        from studyapp.ui.timeline.dialogs import EventDialog

        categories = {event.category for event in self.model.rows}
        if row is None:
            dialog = EventDialog(self._periods, self._save_new, None, self,
                                 categories=categories, edtf=edtf)  # fmt: skip
        else:
            dialog = EventDialog(self._periods, lambda draft: self._save_edit(row, draft), row,
                                 self, categories=categories)  # fmt: skip
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(self._on_dialog_finished)
        self.event_dialog = dialog
        dialog.open()
        return dialog

    def _on_dialog_finished(self, _result: int) -> None:
        self.event_dialog = None
        self.table.setFocus()

    def _save_new(self, fields: EventFields) -> None:
        row = self._commands.add(fields)
        if not self.select_event(row.id):
            self._context.bus.say(f"Added '{row.title}' (hidden by the filter).")

    def _save_edit(self, row: EventRow, fields: EventFields) -> None:
        if not self._commands.edit(row.id, fields):
            self._context.bus.say("Nothing changed.")

    def _on_add(self) -> None:
        self.open_event_dialog(None)

    def open_periods_dialog(self) -> QWidget:
        """Periods… (also Edit ▸ Periods…): the manager of the phase bands."""
        from studyapp.ui.timeline.periods_dialog import open_periods_dialog

        return open_periods_dialog(self._context, self)

    def _on_edit(self) -> None:
        row = self.current_event()
        if row is not None:
            self.open_event_dialog(row)

    def _on_delete(self) -> None:
        row = self.current_event()
        if row is not None and self._commands.delete(row):
            self._context.bus.say(f"Deleted '{row.title}' — Ctrl+Z brings it back.")


def refill(combo: QComboBox, choices: list[tuple[str, object]]) -> None:
    """Replace a filter combo's choices without emitting, keeping the chosen data if offered."""
    chosen = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    for text, data in choices:
        combo.addItem(text, data)
    combo.setCurrentIndex(max(0, combo.findData(chosen)))
    combo.blockSignals(False)

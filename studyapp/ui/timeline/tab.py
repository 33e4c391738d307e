"""The Timeline tab: every event in date order, a filter, the detail pane, add/edit/delete.

Layout only, plus one-line slots: the rows come from `studyapp.db.services.timeline`, the
writes go through `TimelineController` (undoable, saved at once), and whenever the bus says
events changed — here, in another tab, by undo or by an import — the table model is updated
row by row, so the selection stays on what the student just changed.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
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

from studyapp.db.operations.events import EventFields
from studyapp.db.services.timeline import CATEGORIES, EventRow, list_events
from studyapp.db.services.topic import PeriodRow, list_periods
from studyapp.domain.changes import Changes, Kind
from studyapp.ui.context import TabContext
from studyapp.ui.timeline.controller import TimelineController
from studyapp.ui.timeline.detail import EventDetail
from studyapp.ui.timeline.dialogs import EventDialog
from studyapp.ui.timeline.model import (
    COL_CATEGORY,
    COL_DATE,
    COL_EVENT,
    HEADERS,
    ROW_ROLE,
    EventFilterProxy,
    EventTableModel,
)


class TimelineTab(QWidget):
    """The first tab the student sees; `reload()` fetches everything from the services."""

    def __init__(self, context: TabContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._commands = TimelineController(context)
        self._periods: list[PeriodRow] = []
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
        self.count_label = QLabel(self)
        self.add_button = QPushButton("A&dd event…", self)
        self.edit_button = QPushButton("Ed&it…", self)
        self.delete_button = QPushButton("De&lete", self)
        self.table = QTableView(self)
        self.table.setAccessibleName("Timeline events")
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
        table.setColumnWidth(COL_CATEGORY, self._text_width(labels))

    def _text_width(self, texts: list[str]) -> int:
        metrics = self.table.fontMetrics()
        return max((metrics.horizontalAdvance(text) for text in texts), default=40) + 24

    def _fit_date_column(self) -> None:
        """Size the Date column for every event, not just the shown ones, so it never jumps."""
        labels = [self.model.row_at_position(i).date_label for i in range(self.model.rowCount())]
        self.table.setColumnWidth(COL_DATE, self._text_width(labels + [HEADERS[COL_DATE]]))

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
        bar = QHBoxLayout()
        for widget in (search_label, self.search_edit, self.key_dates_check, self.count_label):
            bar.addWidget(widget)
        bar.addStretch(1)
        for button in (self.add_button, self.edit_button, self.delete_button):
            bar.addWidget(button)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([700, 460])
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(splitter, 1)
        self.search_edit.setMinimumWidth(260)
        order = [self.search_edit, self.key_dates_check, self.table, self.add_button,
                 self.edit_button, self.delete_button, self.detail]  # fmt: skip
        for first, second in pairwise(order):
            QWidget.setTabOrder(first, second)

    def _connect(self) -> None:
        self.search_edit.textChanged.connect(self._on_filter_text)
        self.key_dates_check.toggled.connect(self._on_key_dates_toggled)
        self.add_button.clicked.connect(self._on_add)
        self.edit_button.clicked.connect(self._on_edit)
        self.delete_button.clicked.connect(self._on_delete)
        self.table.doubleClicked.connect(lambda _index: self._on_edit())
        self.table.selectionModel().currentRowChanged.connect(self._on_current_changed)
        self._context.bus.changed.connect(self.on_changed)

    # -- loading -------------------------------------------------------------------------------

    def reload(self) -> None:
        """Fetch everything again (start-up, after an import); keep the selected event if any."""
        keep = self.current_event()
        factory, topic_id = self._context.session_factory, self._context.topic_id
        self._periods = list_periods(factory, topic_id)
        self.model.reset_rows(list_events(factory, topic_id))
        self._fit_date_column()
        self._select_event(keep.id if keep else None)
        self._update_count()

    def on_changed(self, changes: Changes) -> None:
        """Events (or the periods they belong to) changed: update those rows, keep the place.

        When one event changed, it is selected (so undo shows what it undid); when it is gone,
        the row that took its place is selected, so Delete pressed twice deletes two
        neighbours, as in any list.
        """
        if not changes.touches(Kind.EVENT, Kind.PERIOD):
            return
        if changes.touches(Kind.PERIOD):
            self._periods = list_periods(self._context.session_factory, self._context.topic_id)
        ids = changes.ids(Kind.EVENT)
        target = next(iter(ids)) if ids and len(ids) == 1 else None
        keep = self.current_event()
        where = self.table.currentIndex().row()  # the model still holds the old rows here
        self.model.sync_rows(list_events(self._context.session_factory, self._context.topic_id))
        self._fit_date_column()
        self._select_event(target if target is not None else (keep.id if keep else None), where)
        self._update_count()

    def select(self, kind: Kind, item_id: int) -> bool:
        """Open an event from elsewhere (a chip, a search result); clears a hiding filter."""
        if kind != Kind.EVENT:
            return False
        if self.model.row_of(item_id) is None:
            return False
        if self.select_event(item_id):
            return True
        self.search_edit.clear()
        self.key_dates_check.setChecked(False)
        return self.select_event(item_id)

    # -- selection -----------------------------------------------------------------------------

    def current_event(self) -> EventRow | None:
        index = self.table.currentIndex()
        return index.data(ROW_ROLE) if index.isValid() else None

    def select_event(self, event_id: int) -> bool:
        """Select an event by id; False when it is not shown (deleted or filtered out)."""
        source_row = self.model.row_of(event_id)
        if source_row is None:
            return False
        proxy_index = self.proxy.mapFromSource(self.model.index(source_row, 0))
        if not proxy_index.isValid():
            return False
        self._select_proxy_row(proxy_index.row())
        return True

    def _select_event(self, event_id: int | None, fallback_row: int = 0) -> None:
        """Select `event_id`, else the row at `fallback_row` (or the last one), else nothing."""
        if event_id is not None and self.select_event(event_id):
            return
        rows = self.proxy.rowCount()
        if rows:
            self._select_proxy_row(min(max(fallback_row, 0), rows - 1))
        else:
            self.table.setCurrentIndex(QModelIndex())
            self._show_detail(None)

    def _select_proxy_row(self, row: int) -> None:
        index = self.proxy.index(row, COL_EVENT)
        flags = (QItemSelectionModel.SelectionFlag.ClearAndSelect
                 | QItemSelectionModel.SelectionFlag.Rows)  # fmt: skip
        self.table.selectionModel().setCurrentIndex(index, flags)
        self.table.scrollTo(index)
        self._show_detail(index.data(ROW_ROLE))  # also when the row was already current

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._show_detail(current.data(ROW_ROLE) if current.isValid() else None)

    def _show_detail(self, row: EventRow | None) -> None:
        has_row = row is not None
        self.edit_button.setEnabled(has_row)
        self.delete_button.setEnabled(has_row)
        if row is None:
            self.detail.show_nothing("No event matches the filter.")
            return
        periods = {period.id: period.title for period in self._periods}
        self.detail.show_event(row, periods.get(row.period_id) if row.period_id else None)

    # -- filtering -----------------------------------------------------------------------------

    def _on_filter_text(self, text: str) -> None:
        keep = self.current_event()
        self.proxy.set_text(text)
        self._after_filter(keep)

    def _on_key_dates_toggled(self, on: bool) -> None:
        keep = self.current_event()
        self.proxy.set_key_dates_only(on)
        self._after_filter(keep)

    def _after_filter(self, keep: EventRow | None) -> None:
        self._select_event(keep.id if keep else None)
        self._update_count()

    def _update_count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        words = f"{total} events" if shown == total else f"Showing {shown} of {total} events"
        self.count_label.setText(f"{words}  ·  ★ key date")

    # -- editing -------------------------------------------------------------------------------

    def open_event_dialog(self, row: EventRow | None = None) -> EventDialog:
        """Open the add (row None) or edit dialog without blocking; OK saves through undo."""
        if row is None:
            dialog = EventDialog(self._periods, self._save_new, None, self)
        else:
            dialog = EventDialog(self._periods, lambda draft: self._save_edit(row, draft), row,
                                 self)  # fmt: skip
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

    def _on_edit(self) -> None:
        row = self.current_event()
        if row is not None:
            self.open_event_dialog(row)

    def _on_delete(self) -> None:
        row = self.current_event()
        if row is not None and self._commands.delete(row):
            self._context.bus.say(f"Deleted '{row.title}' — Ctrl+Z brings it back.")

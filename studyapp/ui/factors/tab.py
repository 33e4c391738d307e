"""The War-victory factors tab: rank the eight factors, rate them and justify the ranking.

The tab fetches plain `FactorRow`s from the factors service and shows them in `FactorTable`
and `FactorDetail`; its commands live in `FactorsController`. Whenever the bus says factors
changed (an edit, its undo or redo), it refetches the rows, so what the student sees is
always what is saved.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from studyapp.db.services import factors as service
from studyapp.db.services.factors import FactorRow
from studyapp.domain.changes import Changes, Kind
from studyapp.ui.context import TabContext
from studyapp.ui.factors.controller import FactorsController
from studyapp.ui.factors.model import COL_TITLE, FactorTableModel
from studyapp.ui.factors.view import FactorDetail, FactorTable

HINT = (
    "Rank the factors from most to least important and justify each ranking — "
    "Alt+↑/↓ to move, 1–5 to rate."
)


class FactorsTab(QWidget):
    """Why did the USSR win the Great Patriotic War? The student's ranked answer."""

    def __init__(self, context: TabContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._commands = FactorsController(context)
        self.model = FactorTableModel(self)
        self.table = FactorTable(self)
        self.table.setModel(self.model)
        self.table.setup_columns()
        self.detail = FactorDetail(self)
        self.up_button = QPushButton("Move &up", self)
        self.down_button = QPushButton("Move &down", self)
        self.up_button.setToolTip("Move the selected factor up the ranking (Alt+↑)")
        self.down_button.setToolTip("Move the selected factor down the ranking (Alt+↓)")
        self._shown_id: int | None = None  # the factor in the detail pane
        self._switching = False  # True while saving the old factor's text on a selection change
        self._moved_id: int | None = None  # the factor the student last moved
        self._build_layout()
        self._connect()

    # -- public --------------------------------------------------------------------------------

    def reload(self) -> None:
        """Fetch the factors again and keep (or make) a selection, so no pane is empty."""
        self.detail.justification.flush()
        self._refresh(self._shown_id)

    def on_changed(self, changes: Changes) -> None:
        """Factors changed: refetch them and select the one changed (undo shows its work)."""
        if not changes.touches(Kind.FACTOR):
            return
        ids = changes.ids(Kind.FACTOR)
        moved = self._moved_id if ids and len(ids) > 1 else None
        target = next(iter(ids)) if ids and len(ids) == 1 else moved
        self._refresh(None if self._switching else target)

    def select(self, kind: Kind, item_id: int) -> bool:
        if kind != Kind.FACTOR or self.model.row_of(item_id) is None:
            return False
        self._refresh(item_id)
        return True

    def current_factor(self) -> FactorRow | None:
        return self.model.row_at(self.table.currentIndex())

    # -- building ------------------------------------------------------------------------------

    def _build_layout(self) -> None:
        hint = QLabel(HINT, self)
        hint.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.up_button)
        buttons.addWidget(self.down_button)
        buttons.addStretch(1)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.table, 1)
        left_layout.addLayout(buttons)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(left)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.setSpacing(10)
        layout.addWidget(hint)
        layout.addWidget(splitter, 1)

    def _connect(self) -> None:
        self.table.selectionModel().currentRowChanged.connect(self._on_current_changed)
        self.table.move_requested.connect(self._on_move_requested)
        self.table.rating_requested.connect(self._on_rating_chosen)
        self.detail.rating_chosen.connect(self._on_rating_chosen)
        self.detail.justification.text_settled.connect(self._on_justification_settled)
        self.up_button.clicked.connect(lambda: self._on_move_requested(-1))
        self.down_button.clicked.connect(lambda: self._on_move_requested(1))
        self.model.rowsMoved.connect(self._update_buttons)
        self._context.bus.changed.connect(self.on_changed)

    # -- showing -------------------------------------------------------------------------------

    def _refresh(self, select_id: int | None = None) -> None:
        """Refetch every factor; select `select_id`, else keep the selection, else the first."""
        self.model.sync_rows(
            service.list_factors(self._context.session_factory, self._context.topic_id)
        )
        self.table.fit_rows()
        if self.detail.justification.pending:
            select_id = None  # switching now would save half-typed text mid-undo; stay put
        target = self.model.row_of(select_id) if select_id is not None else None
        if target is None:
            target = self.table.currentIndex().row() if self.table.currentIndex().isValid() else 0
        self._select_row(target)
        self._show_current()

    def _select_row(self, position: int) -> None:
        if not 0 <= position < self.model.rowCount():
            return
        index = self.model.index(position, COL_TITLE)
        flags = (
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows
        )
        self.table.selectionModel().setCurrentIndex(index, flags)
        self.table.scrollTo(index)

    def _show_current(self) -> None:
        factor = self.current_factor()
        self._shown_id = factor.id if factor else None
        self.detail.show_factor(factor, self.table.currentIndex().row() + 1)
        self._update_buttons()

    def _update_buttons(self, *_args: Any) -> None:
        row = self.table.currentIndex().row()
        self.up_button.setEnabled(row > 0)
        self.down_button.setEnabled(0 <= row < self.model.rowCount() - 1)

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        factor = self.model.row_at(current)
        if factor is not None and factor.id != self._shown_id:
            self._switching = True  # the save below must not pull the selection back
            try:
                self.detail.justification.flush()  # save for the factor it was typed about
            finally:
                self._switching = False
            self._show_current()

    # -- edits ---------------------------------------------------------------------------------

    def _on_move_requested(self, offset: int) -> None:
        factor = self.current_factor()
        if factor is None:
            return
        old = self.table.currentIndex().row()
        self._moved_id = factor.id  # a move renumbers every rank; keep this one selected
        self._commands.move(factor, old, old + offset)

    def _on_rating_chosen(self, value: int) -> None:
        factor = self.current_factor()
        if factor is not None:
            self._commands.rate(factor, value or None)

    def _on_justification_settled(self, text: str) -> None:
        factor = self.model.row_by_id(self._shown_id)
        if factor is not None:
            self._commands.justify(factor, text)

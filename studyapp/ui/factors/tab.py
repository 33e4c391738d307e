"""The War-victory factors tab: rank the eight factors, rate them and justify the ranking.

The tab is the controller: it fetches plain `FactorRow`s from the factors service, shows them
in `FactorTable` and `FactorDetail`, and turns each request into one undoable command via
`undo.push`. After every command (and its undo or redo) it refetches the rows, so what the
student sees is always what is saved.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from studyapp.db.services import factors as service
from studyapp.db.services.edits import update_fields
from studyapp.db.services.factors import FactorRow
from studyapp.ui import undo
from studyapp.ui.context import TabContext
from studyapp.ui.factors.model import COL_TITLE, FactorTableModel
from studyapp.ui.factors.view import FactorDetail, FactorTable

HINT = (
    "Rank the factors from most to least important and justify each ranking — "
    "Alt+↑/↓ to move, 1–5 to rate."
)


class FactorsTab(QWidget):
    """Why did the USSR win the Great Patriotic War? The student's ranked answer."""

    status_message = Signal(str)

    def __init__(self, context: TabContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
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
        self._build_layout()
        self._connect()

    # -- public --------------------------------------------------------------------------------

    def reload(self) -> None:
        """Fetch the factors again and keep (or make) a selection, so no pane is empty."""
        self.detail.justification.flush()
        self._refresh(self._shown_id)

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
        old, new = self.table.currentIndex().row(), self.table.currentIndex().row() + offset
        if not 0 <= new < self.model.rowCount():
            where = "top" if offset < 0 else "bottom"
            self.status_message.emit(f"“{factor.title}” is already at the {where}.")
            return
        context = self._context
        done = self._run(
            f"move “{factor.title}” to rank {new + 1}",
            lambda: service.move_factor(context.session_factory, context.topic_id, factor.id, new),
            lambda previous: service.move_factor(
                context.session_factory, context.topic_id, factor.id, previous
            ),
            factor.id,
        )
        if done:
            self.status_message.emit(f"Moved “{factor.title}” from rank {old + 1} to {new + 1}.")

    def _on_rating_chosen(self, value: int) -> None:
        factor = self.current_factor()
        if factor is None:
            return
        importance = value or None
        if importance == factor.importance:
            return
        sf = self._context.session_factory
        done = self._run(
            f"rate “{factor.title}” {importance or 'not rated'}",
            lambda: service.set_importance(sf, factor.id, importance),
            lambda previous: service.set_importance(sf, factor.id, previous),
            factor.id,
        )
        if done:
            said = f"{importance} of 5" if importance else "not rated"
            self.status_message.emit(f"Rated “{factor.title}” {said}.")

    def _on_justification_settled(self, text: str) -> None:
        factor = self.model.row_by_id(self._shown_id)
        if factor is None or factor.justification == text:
            return
        factor_id = factor.id
        sf = self._context.session_factory
        self._run(
            f"justify “{factor.title}”",
            lambda: update_fields(sf, "factor", factor_id, {"justification": text}),
            lambda previous: update_fields(sf, "factor", factor_id, previous),
            factor_id,
        )

    def _after(self, factor_id: int) -> None:
        """After an edit, its undo or its redo: show the factor it changed."""
        self._refresh(None if self._switching else factor_id)

    def _run(
        self, text: str, do: Callable[[], Any], undo_: Callable[[Any], None], factor_id: int
    ) -> bool:
        """Push one command; a refused edit is shown to the student, never dropped silently."""

        def after() -> None:
            self._after(factor_id)

        try:
            undo.push(self._context.undo_stack, text, do, undo_, after)
        except ValueError as error:
            self.status_message.emit(str(error))
            self._refresh(factor_id)
            return False
        return True

"""Periods…: the manager of the timeline's phase bands, and the form for one period.

Reached from the Timeline tab's Periods… button and Edit ▸ Periods…. The list follows the
bus (an undo elsewhere shows here at once); Add and Edit open `PeriodDialog`, a form like the
event's, whose dates are the same student date field ("1932-37", "summer 1941 to 1945").
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from studyapp.db.operations.periods import PeriodFields
from studyapp.db.services.topic import PeriodRow
from studyapp.domain.changes import Changes, Kind
from studyapp.domain.errors import StudentError
from studyapp.domain.student_dates import describe_date
from studyapp.ui.context import TabContext
from studyapp.ui.timeline.periods import PeriodsController
from studyapp.ui.widgets.date_field import DateField
from studyapp.ui.widgets.form_dialog import FormDialog, text_box

PERIOD_ROLE = Qt.ItemDataRole.UserRole + 1
EMPTY_HINT = ("No periods yet. A period is a named span of years — a phase of the topic — "
              "shown as a band behind the timeline's events.")  # fmt: skip


class PeriodDialog(FormDialog):
    """Add (initial None) or edit one period; `save(fields)` runs on OK."""

    def __init__(self, save: Callable[[PeriodFields], object], initial: PeriodRow | None = None,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__("Edit period" if initial else "Add a period",
                         lambda: save(self.draft()), parent)  # fmt: skip
        self.setMinimumWidth(520)
        self.title_edit = QLineEdit(self)
        self.title_edit.setAccessibleName("Title")
        self.title_edit.setPlaceholderText("e.g. Phase 1: collective security")
        self.date_field = DateField(self)
        self.date_field.edit.setPlaceholderText("e.g. 1932-37, 1939 to June 1941")
        self.summary_edit = text_box(self, "Summary", 4, "What happened in this period, briefly")
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.addRow("&Title:", self.title_edit)
        form.addRow("&Years:", self.date_field)
        form.addRow("&Summary:", self.summary_edit)
        label = form.labelForField(self.date_field)
        if isinstance(label, QLabel):
            label.setBuddy(self.date_field.edit)
        self.lay_out(form)
        if initial is not None:
            self.title_edit.setText(initial.title)
            self.date_field.set_edtf(initial.edtf)
            self.summary_edit.setPlainText(initial.summary)
        self.title_edit.setFocus()

    def draft(self) -> PeriodFields:
        edtf = self.date_field.edtf()
        if edtf is None:
            raise StudentError(self.date_field.error()
                               or "Type the years the period covers, e.g. 1932-37.")  # fmt: skip
        return PeriodFields(self.title_edit.text().strip(), edtf,
                            self.summary_edit.toPlainText().strip())  # fmt: skip

    def show_error(self, sentence: str) -> None:
        if sentence and sentence == self.date_field.error():
            self.error_label.hide()  # already said in red under the date
            self.date_field.edit.setFocus()
            return
        super().show_error(sentence)


class PeriodsDialog(QDialog):
    """The topic's periods in order, with Add…, Edit… and Delete; changes save at once."""

    def __init__(self, context: TabContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Periods")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setMinimumSize(480, 320)
        self._commands = PeriodsController(context)
        self.form: PeriodDialog | None = None  # the open add/edit form, if any
        self.list = QListWidget(self)
        self.list.setAccessibleName("Periods")
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setWordWrap(True)
        self.empty_label = QLabel(EMPTY_HINT, self)
        self.empty_label.setWordWrap(True)
        self.add_button = QPushButton("&Add period…", self)
        self.edit_button = QPushButton("&Edit…", self)
        self.delete_button = QPushButton("&Delete", self)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        self.add_button.clicked.connect(lambda: self.open_form(None))
        self.edit_button.clicked.connect(self._on_edit)
        self.delete_button.clicked.connect(self._on_delete)
        self.list.itemDoubleClicked.connect(lambda _item: self._on_edit())
        self.list.currentRowChanged.connect(lambda _row: self._update_buttons())
        context.bus.changed.connect(self.on_changed)
        self.refresh()

    def refresh(self, select_id: int | None = None) -> None:
        keep = select_id if select_id is not None else self._current_id()
        self.list.clear()
        for period in self._commands.periods():
            item = QListWidgetItem(f"{period.title}   ({describe_date(period.edtf)})")
            item.setData(PERIOD_ROLE, period)
            item.setToolTip(period.summary)
            self.list.addItem(item)
            if period.id == keep:
                self.list.setCurrentItem(item)
        if self.list.currentItem() is None and self.list.count():
            self.list.setCurrentRow(0)
        self.empty_label.setVisible(self.list.count() == 0)
        self._update_buttons()

    def on_changed(self, changes: Changes) -> None:
        if changes.touches(Kind.PERIOD):
            ids = changes.ids(Kind.PERIOD)
            self.refresh(next(iter(ids)) if ids and len(ids) == 1 else None)

    def current_period(self) -> PeriodRow | None:
        item = self.list.currentItem()
        return item.data(PERIOD_ROLE) if item is not None else None

    def _current_id(self) -> int | None:
        period = self.current_period()
        return period.id if period else None

    def _update_buttons(self) -> None:
        chosen = self.current_period() is not None
        self.edit_button.setEnabled(chosen)
        self.delete_button.setEnabled(chosen)

    def open_form(self, period: PeriodRow | None) -> PeriodDialog:
        if period is None:
            form = PeriodDialog(self._commands.add, None, self)
        else:
            form = PeriodDialog(lambda fields: self._commands.edit(period, fields), period, self)
        form.finished.connect(lambda _result: setattr(self, "form", None))
        self.form = form
        form.open()
        return form

    def _on_edit(self) -> None:
        period = self.current_period()
        if period is not None:
            self.open_form(period)

    def _on_delete(self) -> None:
        period = self.current_period()
        if period is not None and self._commands.delete(period):
            self.list.setFocus()


def open_periods_dialog(context: TabContext, parent: QWidget) -> PeriodsDialog:
    """Open the manager without blocking (window-modal, like every form)."""
    dialog = PeriodsDialog(context, parent)
    dialog.open()
    return dialog

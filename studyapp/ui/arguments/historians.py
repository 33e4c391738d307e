"""The historians a student can cite: name, work, school of thought and stance. The notes'
historiography question starts the list."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from studyapp.db.services.arguments import HistorianRow
from studyapp.ui.arguments.controller import ArgumentsController
from studyapp.ui.arguments.dialogs import HistorianDialog, HistorianDraft

QUESTION = ("Historiography: did Stalin aim to spread communism to Eastern Europe, or merely to "
            "secure his own country and borders?")  # fmt: skip


class HistoriansDialog(QDialog):
    def __init__(self, commands: ArgumentsController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._commands = commands
        self.form: HistorianDialog | None = None
        self.setWindowTitle("Historians")
        intro = QLabel(f"{QUESTION} Cite a historian on a point with Attach evidence.", self)
        intro.setWordWrap(True)
        self.list = QListWidget(self)
        self.list.setWordWrap(True)
        self.list.setAccessibleName("Historians")
        buttons = QDialogButtonBox(self)
        add = buttons.addButton("&Add…", QDialogButtonBox.ButtonRole.ActionRole)
        self.edit_button = buttons.addButton("&Edit…", QDialogButtonBox.ButtonRole.ActionRole)
        self.delete_button = buttons.addButton("&Delete", QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        add.clicked.connect(self.open_add)
        self.edit_button.clicked.connect(self.open_edit)
        self.list.itemActivated.connect(lambda _item: self.open_edit())
        self.delete_button.clicked.connect(self._delete)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)
        self.resize(620, 480)
        self.refresh()

    def refresh(self) -> None:
        self.list.clear()
        for historian in self._commands.historians():
            school = historian.school.capitalize() if historian.school else "School not chosen"
            text = f"{historian.name} — {school}"
            if historian.work:
                text += f"\n{historian.work}"
            if historian.stance:
                text += f"\n{historian.stance}"
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, historian)
            self.list.addItem(item)
        has_any = self.list.count() > 0
        if has_any:
            self.list.setCurrentRow(0)
        self.edit_button.setEnabled(has_any)
        self.delete_button.setEnabled(has_any)

    def select_historian(self, historian_id: int) -> bool:
        for row in range(self.list.count()):
            if self.list.item(row).data(Qt.ItemDataRole.UserRole).id == historian_id:
                self.list.setCurrentRow(row)
                return True
        self.close()
        return False

    def current(self) -> HistorianRow | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def open_add(self) -> HistorianDialog:
        def submit(draft: HistorianDraft) -> None:
            self._commands.add_historian(draft.name, draft.work, draft.school, draft.stance)
            self.refresh()

        return self._open(HistorianDialog("Add a historian", submit, parent=self))

    def open_edit(self) -> HistorianDialog | None:
        historian = self.current()
        if historian is None:
            return None

        def submit(draft: HistorianDraft) -> None:
            self._commands.edit_historian(historian, draft.name, draft.work, draft.school,
                                          draft.stance)  # fmt: skip
            self.refresh()

        draft = HistorianDraft(historian.name, historian.work, historian.school, historian.stance)
        return self._open(HistorianDialog("Edit historian", submit, draft, self))

    def _open(self, dialog: HistorianDialog) -> HistorianDialog:
        self.form = dialog
        dialog.open()
        return dialog

    def _delete(self) -> None:
        historian = self.current()
        if historian is not None and self._commands.delete_historian(historian):
            self.refresh()

"""File ▸ Restore from backup…: the backups, newest first, to choose one from."""

from __future__ import annotations

from collections.abc import Sequence

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

from studyapp.db.backup import BackupInfo, human_size


class RestoreDialog(QDialog):
    """The backups, newest first (the same list as `studyapp backup --list`)."""

    def __init__(self, backups: Sequence[BackupInfo], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Restore from backup")
        layout = QVBoxLayout(self)
        intro = QLabel("Choose a backup to put back. Your notes as they are now are kept "
                       "as a backup first, so a restore can be undone by restoring that.")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.list = QListWidget(self)
        self.list.setAccessibleName("Backups")
        for info in backups:
            item = QListWidgetItem(f"{info.taken_at:%d %b %Y %H:%M:%S}   {info.reason}   "
                                   f"{human_size(info.size)}")  # fmt: skip
            item.setData(Qt.ItemDataRole.UserRole, info.name)
            item.setToolTip(info.name)
            self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(0)
        else:
            self.list.addItem("There are no backups yet.")
        layout.addWidget(self.list)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Restore")
        buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(backups))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(520, 360)

    def chosen(self) -> str | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

"""The phase notes' Qt models: the section tree with the student's confidence in each section,
and one section's items (a plain row holder for the reading pane: no view lists them twice).

Both hold plain rows from `studyapp.db.services.notes`. The item model shows each bullet with a
check box for "learnt", but ticking it does not change the model: it asks the tab (through
`learnt_toggled`), which saves the change as an undoable edit and then hands the fresh row back.
"""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QStandardItem, QStandardItemModel

from studyapp.db.services.notes import ItemRow, SectionRow
from studyapp.ui.theme import tokens

SECTION_ID_ROLE = Qt.ItemDataRole.UserRole + 1
ROW_ROLE = Qt.ItemDataRole.UserRole + 2
COL_TITLE, COL_PROGRESS = range(2)
COL_CONFIDENCE = COL_PROGRESS  # the second column shows confidence; learnt counts are tooltips
CONFIDENCE_TEXT = {"not-yet": "○ Not yet", "shaky": "◐ Shaky", "secure": "● Secure"}
KIND_MARKS = {"point": "•", "quote": "❝", "question": "?", "advice": "➜"}

Index = QModelIndex | QPersistentModelIndex
Progress = dict[int, tuple[int, int]]  # section id -> (learnt, total)


def progress_text(learnt: int, total: int) -> str:
    return f"{learnt} of {total} learnt" if total else ""


def flatten(roots: list[SectionRow]) -> list[SectionRow]:
    """Every section, parents before their children, in reading order."""
    out: list[SectionRow] = []
    for section in roots:
        out.append(section)
        out.extend(flatten(section.children))
    return out


class SectionTreeModel(QStandardItemModel):
    """Section titles with a confidence column (not yet / shaky / secure) for the sections a
    student revises; a parent shows how many of its sections are secure."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._items: dict[int, tuple[QStandardItem, QStandardItem]] = {}
        self._sections: dict[int, SectionRow] = {}

    def set_sections(self, roots: list[SectionRow], progress: Progress) -> None:
        self.clear()
        self.setHorizontalHeaderLabels(["Section", "Confidence"])
        self._items.clear()
        self._sections = {section.id: section for section in flatten(roots)}
        for section in roots:
            self._append(self.invisibleRootItem(), section)
        self.set_progress(progress)

    def _append(self, parent: QStandardItem, section: SectionRow) -> None:
        title = QStandardItem(section.title)
        title.setData(section.id, SECTION_ID_ROLE)
        title.setToolTip(f"<p>{html.escape(section.title)}</p>")
        count = QStandardItem("")
        count.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        for item in (title, count):
            item.setEditable(False)
        parent.appendRow([title, count])
        self._items[section.id] = (title, count)
        for child in section.children:
            self._append(title, child)

    def set_progress(self, progress: Progress) -> None:
        for section_id, (_title, count) in self._items.items():
            section = self._sections[section_id]
            learnt, total = self.totals(section_id, progress)
            if section.children:
                leaves = [s for s in flatten(section.children) if not s.children]
                secure = sum(1 for s in leaves if s.confidence == "secure")
                count.setText(f"{secure}/{len(leaves)} secure")
            else:
                count.setText(CONFIDENCE_TEXT.get(section.confidence, CONFIDENCE_TEXT["not-yet"]))
                confidence = tokens().confidence
                colour = confidence.get(section.confidence, confidence["not-yet"])
                count.setForeground(QBrush(QColor(colour)))
            count.setToolTip(progress_text(learnt, total) or "No items of its own")

    def totals(self, section_id: int, progress: Progress) -> tuple[int, int]:
        """Learnt and total items of a section and everything under it."""
        learnt, total = progress.get(section_id, (0, 0))
        for child in self._sections[section_id].children:
            child_learnt, child_total = self.totals(child.id, progress)
            learnt, total = learnt + child_learnt, total + child_total
        return learnt, total

    def section(self, section_id: int) -> SectionRow | None:
        return self._sections.get(section_id)

    def index_of(self, section_id: int) -> QModelIndex:
        pair = self._items.get(section_id)
        return pair[0].index() if pair else QModelIndex()


class NoteItemListModel(QAbstractListModel):
    """The bullets of the shown section, one line each, checkable for "learnt"."""

    learnt_toggled = Signal(int, bool)  # item id, wanted state: the tab saves it

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[ItemRow] = []

    def rowCount(self, parent: Index | None = None) -> int:  # noqa: N802 - Qt override
        return 0 if parent is not None and parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{KIND_MARKS.get(row.kind, '•')} {' '.join(row.text.split())}"
        if role == Qt.ItemDataRole.CheckStateRole:
            return Qt.CheckState.Checked if row.learnt else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole:
            # Escaped rich text (which also wraps long items): the text is the student's own.
            note = (
                f"<p><b>Your note:</b> {html.escape(row.annotation)}</p>" if row.annotation else ""
            )
            return f"<p>{html.escape(row.text)}</p>{note}"
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{row.kind}: {row.text}" + (", learnt" if row.learnt else "")
        if role == ROW_ROLE:
            return row
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return super().flags(index) | Qt.ItemFlag.ItemIsUserCheckable

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if role != Qt.ItemDataRole.CheckStateRole or not index.isValid():
            return False
        wanted = Qt.CheckState(value) == Qt.CheckState.Checked
        self.learnt_toggled.emit(self._rows[index.row()].id, wanted)
        return False  # the tab saves the change and replaces the row; nothing changes here yet

    def set_rows(self, rows: list[ItemRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> ItemRow:
        return self._rows[row]

    def rows(self) -> list[ItemRow]:
        return list(self._rows)

    def row_of(self, item_id: int) -> int:
        return next((i for i, row in enumerate(self._rows) if row.id == item_id), -1)

    def replace(self, item: ItemRow) -> None:
        """One item was edited: swap its row and say so with a single dataChanged."""
        at = self.row_of(item.id)
        if at >= 0:
            self._rows[at] = item
            self.dataChanged.emit(self.index(at), self.index(at))

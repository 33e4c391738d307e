"""The evidence picker: search the topic's events, notes, quotes, factors and historians and
attach one to the selected point. Each result shows its date as the card's chip will."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from studyapp.db.services.arguments import Candidate
from studyapp.domain.changes import Kind
from studyapp.domain.text import shorten

KIND_NAMES = {Kind.EVENT: "Timeline events", Kind.NOTE_ITEM: "Notes", Kind.QUOTE: "Quotes",
              Kind.FACTOR: "Factors", Kind.HISTORIAN: "Historians"}  # fmt: skip
KIND_NOUNS = {Kind.EVENT: "Event", Kind.NOTE_ITEM: "Note", Kind.QUOTE: "Quote",
              Kind.FACTOR: "Factor", Kind.HISTORIAN: "Historian"}  # fmt: skip


class EvidencePicker(QDialog):
    """Type to search; Enter or double-click attaches the highlighted item and stays open, so
    several pieces of evidence can be attached in a row."""

    def __init__(self, claim: str, search: Callable[[str, tuple[Kind, ...]], list[Candidate]],
                 attach: Callable[[Candidate], bool],
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self._search, self._attach = search, attach
        self.setWindowTitle("Attach evidence")
        self.query = QLineEdit(self)
        self.query.setPlaceholderText("Search: a name, a year, a word from the notes…")
        self.query.setClearButtonEnabled(True)
        self.query.setAccessibleName("Search evidence")
        self.kind = QComboBox(self)
        self.kind.setAccessibleName("Kind of evidence")
        self.kind.addItem("Everything", None)
        for kind, name in KIND_NAMES.items():
            self.kind.addItem(name, kind.value)
        self.results = QListWidget(self)
        self.results.setWordWrap(True)
        self.results.setSpacing(3)
        self.results.setAlternatingRowColors(True)
        self.results.setAccessibleName("Evidence found")
        self.status = QLabel(self)
        buttons = QDialogButtonBox(self)
        self.attach_button = buttons.addButton("&Attach", QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.attach_button.clicked.connect(self.attach_current)
        self.results.itemActivated.connect(lambda _item: self.attach_current())
        self.query.textChanged.connect(self.refresh)
        self.kind.currentIndexChanged.connect(self.refresh)
        self.query.returnPressed.connect(self.attach_current)
        heading = QLabel(f"For the point “{shorten(claim, 90)}”", self)
        heading.setWordWrap(True)
        search_row = QHBoxLayout()
        search_row.addWidget(self.query, 1)
        search_row.addWidget(self.kind)
        layout = QVBoxLayout(self)
        for part in (heading, search_row, self.results, self.status, buttons):
            layout.addLayout(part) if isinstance(part, QHBoxLayout) else layout.addWidget(part)
        self.resize(640, 520)
        self.refresh()

    def refresh(self) -> None:
        chosen = self.kind.currentData()
        kinds = tuple(KIND_NAMES) if chosen is None else (Kind(chosen),)
        found = self._search(self.query.text(), kinds)
        self.results.clear()
        for candidate in found:
            first = f"{candidate.label}  ({KIND_NOUNS[candidate.kind]})"
            item = QListWidgetItem(f"{first}\n{shorten(candidate.detail, 110)}"
                                   if candidate.detail.strip() else first)  # fmt: skip
            item.setData(Qt.ItemDataRole.UserRole, candidate)
            item.setToolTip(KIND_NAMES[candidate.kind])
            self.results.addItem(item)
        if found:
            self.results.setCurrentRow(0)
        self.status.setText(f"{len(found)} found." if found else "Nothing matches that search.")

    def attach_current(self) -> None:
        item = self.results.currentItem()
        if item is None:
            return
        candidate: Candidate = item.data(Qt.ItemDataRole.UserRole)
        if self._attach(candidate):
            self.status.setText(f"Attached “{shorten(candidate.label, 70)}”.")

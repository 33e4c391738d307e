"""The topic switcher in the toolbar: which topic every tab is showing."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QSizePolicy, QWidget

if TYPE_CHECKING:
    from studyapp.db.services.topic import TopicRow


class TopicSwitcher(QWidget):
    """A labelled list of topics; choosing one emits `topic_chosen(topic_id)`."""

    topic_chosen = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.combo = QComboBox(self)
        self.combo.setAccessibleName("Topic")
        self.combo.setToolTip("The topic every tab shows (Ctrl+O)")
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.combo.setMinimumContentsLength(24)
        self.combo.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        label = QLabel("T&opic:", self)
        label.setBuddy(self.combo)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 2, 6, 2)
        layout.addWidget(label)
        layout.addWidget(self.combo)
        self.combo.activated.connect(self._on_activated)

    def set_topics(self, topics: list[TopicRow], current_id: int | None) -> None:
        """Show these topics with `current_id` chosen; not reported as the student's choice."""
        self.combo.blockSignals(True)
        self.combo.clear()
        for topic in topics:
            self.combo.addItem(topic.title, topic.id)
            self.combo.setItemData(self.combo.count() - 1,
                                   f"{topic.exam} {topic.paper} · {topic.period_label}".strip(),
                                   Qt.ItemDataRole.ToolTipRole)  # fmt: skip
        self.combo.setCurrentIndex(max(self.combo.findData(current_id), 0))
        self.combo.blockSignals(False)

    def open_list(self) -> None:
        self.combo.setFocus()
        self.combo.showPopup()

    def _on_activated(self, index: int) -> None:
        topic_id = self.combo.itemData(index)
        if topic_id is not None:
            self.topic_chosen.emit(topic_id)

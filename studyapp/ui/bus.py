"""The change bus: how every tab (and the search index, and review cards) hears what changed.

The one operation helper (`ui/operations.py`) emits `changed` after every operation, undo and
redo; an import emits `Changes.everything()`. Tabs refresh only what the `Changes` name. Links
between items (evidence chips, search results, "cited by") ask for an item with `open_item`,
and the main window routes it to the tab that shows that kind. `message` carries sentences for
the status bar from anywhere.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

if TYPE_CHECKING:  # the bus is made before the first paint; these load just after
    from studyapp.domain.changes import Changes, Kind


class ChangeBus(QObject):
    changed = Signal(object)  # Changes
    open_requested = Signal(str, int)  # (Kind value, id)
    message = Signal(str)  # one sentence for the status bar

    def notify(self, changes: Changes) -> None:
        self.changed.emit(changes)

    def open_item(self, kind: Kind, item_id: int) -> None:
        self.open_requested.emit(kind.value, item_id)

    def say(self, sentence: str) -> None:
        self.message.emit(sentence)

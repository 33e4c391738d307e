"""What a tab needs from the rest of the app, and nothing more."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtGui import QUndoStack

if TYPE_CHECKING:  # SQLAlchemy costs ~0.3 s to import; the window paints before it is needed
    from studyapp.db.services import SessionFactory
    from studyapp.ui.bus import ChangeBus
    from studyapp.ui.operations import OperationRunner


class TabContext(NamedTuple):
    """Handed to every tab: where to read, which topic, how to write, and the bus.

    `session_factory` is only passed on to read functions in `studyapp.db.services`; every
    write goes through `operations.run(...)` with an operation from `studyapp.db.operations`.
    The UI never opens a Session itself.
    """

    session_factory: SessionFactory
    topic_id: int
    operations: OperationRunner
    bus: ChangeBus

    @property
    def undo_stack(self) -> QUndoStack:
        return self.operations.stack

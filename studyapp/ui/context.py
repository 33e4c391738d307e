"""What a tab needs from the rest of the app, and nothing more."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoStack

if TYPE_CHECKING:  # SQLAlchemy costs ~0.3 s to import; the window paints before it is needed
    from studyapp.db.services import SessionFactory


@dataclass(frozen=True)
class TabContext:
    """Handed to every tab: where to read and write, which topic, and the shared undo stack.

    `session_factory` is only passed on to service functions in `studyapp.db.services`; the UI
    never opens a Session itself.
    """

    session_factory: SessionFactory
    topic_id: int
    undo_stack: QUndoStack

"""Undo for every edit: each user action is a QUndoCommand that calls services.

The command runs the service in `redo()` (so the edit is saved at once) and keeps the plain
data the service returned, which is exactly what `undo()` needs to put things back.
Failures in a service are raised to the caller the first time (so the tab can show the
sentence) and the command is then not pushed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QUndoCommand, QUndoStack

from studyapp.db.services.edits import Snapshot, delete_row, restore_row

if TYPE_CHECKING:
    from studyapp.db.services import SessionFactory


class ServiceCommand(QUndoCommand):
    """`do()` performs the edit and returns a memo; `undo(memo)` reverses it.

    `after` runs after both redo and undo, so the tab can refresh what it shows.
    """

    def __init__(
        self,
        text: str,
        do: Callable[[], Any],
        undo: Callable[[Any], None],
        after: Callable[[], None] | None = None,
    ) -> None:
        super().__init__(text)
        self._do = do
        self._undo = undo
        self._after = after
        self._memo: Any = None
        self._done_once = False

    @property
    def memo(self) -> Any:
        """What the edit returned: the new row, the previous values, a snapshot…"""
        return self._memo

    def first_run(self) -> None:
        """Run the edit before pushing, so a failure never leaves a command on the stack."""
        self._memo = self._do()
        self._done_once = True

    def redo(self) -> None:
        if self._done_once:
            self._done_once = False  # QUndoStack.push calls redo(); the edit already ran
        else:
            self._memo = self._do()
        if self._after:
            self._after()

    def undo(self) -> None:
        self._undo(self._memo)
        if self._after:
            self._after()


def push(
    stack: QUndoStack,
    text: str,
    do: Callable[[], Any],
    undo: Callable[[Any], None],
    after: Callable[[], None] | None = None,
) -> Any:
    """Run an edit now and put it on the undo stack. Returns what `do` returned.

    Raises whatever `do` raised (nothing is pushed then), so callers can show the sentence.
    """
    command = ServiceCommand(text, do, undo, after)
    command.first_run()
    stack.push(command)
    return command.memo


class CreatedRow:
    """do/undo for creating a row. Undo deletes it and keeps its snapshot; redo restores that
    snapshot, so the *same* row (same id) comes back and later commands that name it apply."""

    def __init__(
        self, session_factory: SessionFactory, table: str, create: Callable[[], Any]
    ) -> None:
        self._session_factory, self._table, self._create = session_factory, table, create
        self.row: Any = None
        self._snapshot: Snapshot | None = None

    @property
    def row_id(self) -> int | None:
        return self.row.id if self.row is not None else None

    def do(self) -> Any:
        if self._snapshot is not None:
            restore_row(self._session_factory, self._snapshot)
            self._snapshot = None
        else:
            self.row = self._create()
        return self.row

    def undo(self, row: Any) -> None:
        self._snapshot = delete_row(self._session_factory, self._table, row.id)


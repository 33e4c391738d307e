"""The one path every change takes in the UI: run an operation as an undoable command.

`OperationRunner.run(op)` performs the operation (saved at once), pushes a command on the
shared undo stack, writes "Saved: …" in the status bar and emits `changed` on the bus; undo and
redo run the outcome's inverse and say "Undone: …" / "Redone: …". A refusal (`StudentError`)
is one sentence in the status bar and nothing is pushed; `submit(op)` raises it instead, for
forms that show it inside the dialog so the student's typing is kept. Any other exception is a
bug: it propagates to the app's exception hook, which logs it and shows the error dialog.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand, QUndoStack

from studyapp.db.operations.base import Operation, Outcome, perform
from studyapp.domain.errors import StudentError
from studyapp.ui.bus import ChangeBus

if TYPE_CHECKING:
    from studyapp.db.services import SessionFactory

log = logging.getLogger(__name__)


class OperationRunner:
    """Runs operations for every tab: undo stack, status bar and change bus in one place."""

    def __init__(self, session_factory: SessionFactory, stack: QUndoStack, bus: ChangeBus) -> None:
        self._session_factory = session_factory
        self.stack = stack
        self.bus = bus

    def submit(self, operation: Operation) -> Outcome:
        """Run `operation` now and push it for undo; raises `StudentError` when refused."""
        outcome = self._perform(operation)
        if outcome.inverse is not None:
            self.stack.push(_OperationCommand(self, operation.label, outcome.inverse))
        self.bus.say(outcome.summary or f"Saved: {operation.label}")
        self.bus.notify(outcome.changes)
        return outcome

    def run(self, operation: Operation) -> Outcome | None:
        """Like `submit`, but a refusal is said in the status bar; returns None then."""
        try:
            return self.submit(operation)
        except StudentError as refusal:
            self.bus.say(str(refusal))
            return None

    def replay(self, operation: Operation, verb: str, label: str) -> Operation | None:
        """Run an undo or redo step; return the operation that reverses it (None if refused)."""
        try:
            outcome = self._perform(operation)
        except StudentError as refusal:
            log.warning("%s refused: %s", verb, refusal)
            self.bus.say(f"Could not {verb.lower()} “{label}”: {refusal}")
            return None
        self.bus.say(f"{verb}: {label}")
        self.bus.notify(outcome.changes)
        return outcome.inverse


    def _perform(self, operation: Operation) -> Outcome:
        """Run it; a bug (anything but a refusal) is logged with its traceback, then raised."""
        try:
            return perform(self._session_factory, operation)
        except StudentError:
            raise
        except Exception:
            log.exception("Operation failed: %s", operation.label)
            raise


class _OperationCommand(QUndoCommand):
    """One entry on the undo stack. The first redo() is the push itself (already done)."""

    def __init__(self, runner: OperationRunner, label: str, inverse: Operation) -> None:
        super().__init__(label)
        self._runner = runner
        self._label = label
        self._undo_op: Operation | None = inverse
        self._redo_op: Operation | None = None
        self._pushed = False

    def redo(self) -> None:
        if not self._pushed:
            self._pushed = True
            return
        self._undo_op = self._step(self._redo_op, "Redone")

    def undo(self) -> None:
        self._redo_op = self._step(self._undo_op, "Undone")

    def _step(self, operation: Operation | None, verb: str) -> Operation | None:
        reverse = self._runner.replay(operation, verb, self._label) if operation else None
        if reverse is None:
            self.setObsolete(True)  # the data moved on (deleted elsewhere): drop this entry
        return reverse

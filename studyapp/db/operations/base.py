"""The shape of every change a student can make: an `Operation` that runs in one write
transaction and hands back what it changed and the operation that reverses it.

`perform(session_factory, operation)` is the one way to run one: it begins the transaction
IMMEDIATE (so a second process waits its turn for the busy timeout instead of failing half
way), applies the operation, commits, and returns its `Outcome`. A refusal is a
`StudentError` (one sentence; nothing was written); anything else is a bug and propagates.

Undo needs no special machinery: the outcome's `inverse` is itself an operation, whose own
outcome carries the inverse of the inverse. Undoing a creation deletes the row and keeps its
snapshot; redoing restores that snapshot, so the same row (same id) comes back.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol

from studyapp.domain.changes import Changes
from studyapp.domain.errors import StudentError

if TYPE_CHECKING:  # SQLAlchemy loads after the first screen; nothing is written before it
    from sqlalchemy.exc import OperationalError
    from sqlalchemy.orm import Session, sessionmaker

log = logging.getLogger(__name__)

BUSY_SENTENCE = (
    "Your notes are busy in another StudyApp window or command; nothing was saved — "
    "try again in a moment."
)


class Operation(Protocol):
    """A change a student can make. `label` names it for the Edit menu and status bar."""

    @property
    def label(self) -> str: ...

    def apply(self, session: Session) -> Outcome: ...


class Outcome(NamedTuple):
    """What an operation did: rows changed, how to reverse it, and a value for the caller
    (the new row of a creation, for instance)."""

    changes: Changes
    inverse: Operation | None
    value: Any = None
    summary: str = ""  # a sentence for the status bar, when the label is not enough


def perform(session_factory: sessionmaker[Session], operation: Operation) -> Outcome:
    """Run `operation` in one IMMEDIATE write transaction; return its outcome."""
    from sqlalchemy.exc import OperationalError

    from studyapp.db.engine import write_session

    try:
        with write_session(session_factory) as session:
            return operation.apply(session)
    except OperationalError as error:
        if _is_locked(error):
            log.warning("Write refused, database locked: %s", operation.label)
            raise StudentError(BUSY_SENTENCE) from error
        raise


def _is_locked(error: OperationalError) -> bool:
    text = str(getattr(error, "orig", error)).lower()
    return "database is locked" in text or "database is busy" in text


class Together(NamedTuple):
    """Several operations as one step of undo: applied in order in the same transaction; the
    inverse undoes them in the reverse order. Steps that changed nothing are left out of it."""

    steps: tuple[Operation, ...]
    label: str
    value: Any = None  # handed back as the outcome's value (the new row of a creation)

    def apply(self, session: Session) -> Outcome:
        changes, inverses = Changes(), []
        for step in self.steps:
            outcome = step.apply(session)
            changes = changes | outcome.changes
            if outcome.inverse is not None:
                inverses.append(outcome.inverse)
        if not inverses:
            return Outcome(Changes(), None, None, "Nothing changed.")
        return Outcome(changes, Together(tuple(reversed(inverses)), self.label), self.value)

"""Service functions: one short transaction per user action, plain data in and out.

The modules the first screen needs (`timeline`, `topic`, `citations`) import SQLAlchemy and
the models inside their functions, so the first tab's code loads without them: the start-up
reads its rows through `db/first_screen.py` and the ORM follows once they are on screen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from typing import TypeAlias

    from sqlalchemy.orm import Session, sessionmaker

    # What the UI holds and passes back to services; it never opens a Session itself.
    SessionFactory: TypeAlias = sessionmaker[Session]
else:
    SessionFactory = object  # only ever an annotation at run time; SQLAlchemy loads later
